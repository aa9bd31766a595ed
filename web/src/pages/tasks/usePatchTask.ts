// Saves one change of a task (PATCH /api/tasks/{id}) and tells the user how it went.
import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useCallback } from "react";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { components } from "../../api/schema.gen";

export type TaskPatch = components["schemas"]["TaskPatchRequest"];

export function taskQueryKey(taskId: number) {
  return ["task", taskId] as const;
}

/** Returns `save(body, doneText)`, resolving true when the server accepted the change. */
export function usePatchTask(taskId: number) {
  const client = useQueryClient();
  const { message } = App.useApp();
  return useCallback(
    async (body: TaskPatch, doneText: string): Promise<boolean> => {
      try {
        const task = await unwrap(api.PATCH("/api/tasks/{task_id}", { params: { path: { task_id: taskId } }, body }));
        client.setQueryData(taskQueryKey(taskId), task);
        message.success(doneText);
        return true;
      } catch (error) {
        message.error(describeError(error));
        return false;
      }
    },
    [client, message, taskId],
  );
}
