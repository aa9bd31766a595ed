// Creating a task end to end: POST /api/tasks, then its data (uploaded with progress, or named
// on the share / by URL), then following the background creation until it finishes. A cancel
// stops the transfer and deletes the half-made task.
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { components } from "../../api/schema.gen";
import type { Task } from "../../api/types";
import { startTaskData, uploadTaskData, waitForRequest, type DataParams } from "../../components/files/uploadTaskData";
import { percentOf } from "../../lib/upload/uploadProgress";
import { isCancelled, throwIfCancelled } from "../../lib/upload/uploadProtocol";

type TaskWriteRequest = components["schemas"]["TaskWriteRequest"];

export type CreationStage =
  | { stage: "task" }
  | { stage: "upload"; percent: number; loaded: number; total: number; taskId: number }
  | { stage: "processing"; percent: number; message: string };

/** A failure after the task row exists carries its id, so the form can offer to delete it. */
export class TaskCreationError extends Error {
  readonly taskId: number | null;

  constructor(message: string, taskId: number | null) {
    super(message);
    this.name = "TaskCreationError";
    this.taskId = taskId;
  }
}

/** The user cancelled; `deleteError` says why the half-made task could not be deleted, if it was not. */
export class TaskCreationCancelled extends Error {
  readonly taskId: number;
  readonly deleteError: string | null;

  constructor(taskId: number, deleteError: string | null) {
    super(deleteError ? `The upload was cancelled, but the task was not deleted: ${deleteError}` : "The upload was cancelled.");
    this.name = "TaskCreationCancelled";
    this.taskId = taskId;
    this.deleteError = deleteError;
  }
}

export interface TaskCreationInput {
  body: TaskWriteRequest;
  files: File[];
  params: DataParams;
}

export async function createTaskWithData(
  input: TaskCreationInput,
  onStage: (stage: CreationStage) => void,
  signal?: AbortSignal,
): Promise<Task> {
  onStage({ stage: "task" });
  let task: Task;
  try {
    // The schema documents the 201 body loosely; it is the TaskRead.
    task = (await unwrap(api.POST("/api/tasks", { body: input.body }))) as Task;
  } catch (error) {
    throw new TaskCreationError(describeError(error), null);
  }
  try {
    let requestId: string;
    if (input.files.length > 0) {
      requestId = await uploadTaskData(
        task.id,
        input.files,
        input.params,
        ({ loaded, total }) =>
          onStage({ stage: "upload", percent: percentOf({ loaded, total }), loaded, total, taskId: task.id }),
        signal,
      );
    } else {
      requestId = await startTaskData(task.id, input.params);
    }
    // A cancel confirmed just as the upload ended still means "delete this task".
    throwIfCancelled(signal);
    onStage({ stage: "processing", percent: 0, message: "Queued" });
    await waitForRequest(
      requestId,
      (request) =>
        onStage({
          stage: "processing",
          percent: Math.round((request.progress ?? 0) * 100),
          message: request.message || (request.status === "queued" ? "Queued" : "Working"),
        }),
      1000,
      signal,
    );
  } catch (error) {
    if (isCancelled(error)) throw new TaskCreationCancelled(task.id, await deleteQuietly(task.id));
    throw new TaskCreationError(describeError(error), task.id);
  }
  return task;
}

export async function deleteTask(taskId: number): Promise<void> {
  await unwrap(api.DELETE("/api/tasks/{task_id}", { params: { path: { task_id: taskId } } }));
}

/** Deletes the task; answers why it could not, or null when it is gone. */
async function deleteQuietly(taskId: number): Promise<string | null> {
  try {
    await deleteTask(taskId);
    return null;
  } catch (error) {
    return describeError(error);
  }
}
