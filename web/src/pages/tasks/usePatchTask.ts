// Saves one change of a task (PATCH /api/tasks/{id}) and tells the user how it went.
import { useCallback } from "react";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema.gen";
import { useSaveAndTell } from "../../components/common/useSaveAndTell";

export type TaskPatch = components["schemas"]["TaskPatchRequest"];

export function taskQueryKey(taskId: number) {
  return ["task", taskId] as const;
}

/** Returns `save(body, doneText)`, resolving true when the server accepted the change. */
export function usePatchTask(taskId: number) {
  const send = useCallback(
    (body: TaskPatch) => unwrap(api.PATCH("/api/tasks/{task_id}", { params: { path: { task_id: taskId } }, body })),
    [taskId],
  );
  return useSaveAndTell(taskQueryKey(taskId), send);
}
