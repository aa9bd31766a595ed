// Creating a task end to end: POST /api/tasks, then its data (uploaded with progress, or named
// on the share / by URL), then following the background creation until it finishes.
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { components } from "../../api/schema.gen";
import type { Task } from "../../api/types";
import { startTaskData, uploadTaskData, waitForRequest, type DataParams } from "../../components/files/uploadTaskData";

type TaskWriteRequest = components["schemas"]["TaskWriteRequest"];

export type CreationStage =
  | { stage: "task" }
  | { stage: "upload"; percent: number }
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

export interface TaskCreationInput {
  body: TaskWriteRequest;
  files: File[];
  params: DataParams;
}

export async function createTaskWithData(
  input: TaskCreationInput,
  onStage: (stage: CreationStage) => void,
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
      onStage({ stage: "upload", percent: 0 });
      requestId = await uploadTaskData(task.id, input.files, input.params, ({ loaded, total }) =>
        onStage({ stage: "upload", percent: total ? Math.round((loaded / total) * 100) : 0 }),
      );
    } else {
      requestId = await startTaskData(task.id, input.params);
    }
    onStage({ stage: "processing", percent: 0, message: "Queued" });
    await waitForRequest(requestId, (request) =>
      onStage({
        stage: "processing",
        percent: Math.round((request.progress ?? 0) * 100),
        message: request.message || (request.status === "queued" ? "Queued" : "Working"),
      }),
    );
  } catch (error) {
    throw new TaskCreationError(describeError(error), task.id);
  }
  return task;
}

export async function deleteTask(taskId: number): Promise<void> {
  await unwrap(api.DELETE("/api/tasks/{task_id}", { params: { path: { task_id: taskId } } }));
}
