// Saves one change of a project (PATCH /api/projects/{id}) and tells the user how it went.
import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useCallback } from "react";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { components } from "../../api/schema.gen";

export type ProjectPatch = components["schemas"]["ProjectPatchRequest"];

export function projectQueryKey(projectId: number) {
  return ["project", projectId] as const;
}

/** Returns `save(body, doneText)`, resolving true when the server accepted the change. */
export function usePatchProject(projectId: number) {
  const client = useQueryClient();
  const { message } = App.useApp();
  return useCallback(
    async (body: ProjectPatch, doneText: string): Promise<boolean> => {
      try {
        const project = await unwrap(
          api.PATCH("/api/projects/{project_id}", { params: { path: { project_id: projectId } }, body }),
        );
        client.setQueryData(projectQueryKey(projectId), project);
        message.success(doneText);
        return true;
      } catch (error) {
        message.error(describeError(error));
        return false;
      }
    },
    [client, message, projectId],
  );
}
