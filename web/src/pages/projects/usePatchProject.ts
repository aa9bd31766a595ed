// Saves one change of a project (PATCH /api/projects/{id}) and tells the user how it went.
import { useCallback } from "react";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema.gen";
import { useSaveAndTell } from "../../components/common/useSaveAndTell";

export type ProjectPatch = components["schemas"]["ProjectPatchRequest"];

export function projectQueryKey(projectId: number) {
  return ["project", projectId] as const;
}

/** Returns `save(body, doneText)`, resolving true when the server accepted the change. */
export function usePatchProject(projectId: number) {
  const send = useCallback(
    (body: ProjectPatch) =>
      unwrap(api.PATCH("/api/projects/{project_id}", { params: { path: { project_id: projectId } }, body })),
    [projectId],
  );
  return useSaveAndTell(projectQueryKey(projectId), send);
}
