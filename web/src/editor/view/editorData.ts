/**
 * Everything the editor needs from the server before it opens a job, fetched in parallel, and the
 * HTTP transports the engine's injected interfaces ask for (chunk bytes, annotation PATCHes).
 */
import { request, requestJson } from "../../api/client";
import type { Job, Label, Page } from "../../api/types";
import type { SaveAction } from "../engine/document/changes";
import type { ServerLabeledData, ServerObjectLists } from "../engine/document/serverFormat";
import { createHttpChunkSource, type ChunkSource } from "../engine/frames/chunkLoader";
import { parseJobFrames, type JobFrames, type JobMetaPayload } from "../engine/frames/meta";

export interface EditorData {
  readonly job: Job;
  readonly frames: JobFrames;
  readonly labels: readonly Label[];
  readonly annotations: ServerLabeledData;
}

export async function loadEditorData(jobId: number): Promise<EditorData> {
  const [job, meta, labels, annotations] = await Promise.all([
    requestJson<Job>(`/api/jobs/${jobId}`),
    requestJson<JobMetaPayload>(`/api/jobs/${jobId}/data/meta`),
    requestJson<Page<Label>>(`/api/labels?job_id=${jobId}&page_size=500`),
    requestJson<ServerLabeledData>(`/api/jobs/${jobId}/annotations`),
  ]);
  return {
    job,
    frames: parseJobFrames(meta, job),
    // Sublabels of skeletons are drawn through their parent, never picked on their own.
    labels: labels.results.filter((label) => label.parent_id === null),
    annotations,
  };
}

export function httpChunkSource(jobId: number): ChunkSource {
  return createHttpChunkSource(jobId, async (path, signal) => (await request(path, { signal })).arrayBuffer());
}

export function patchAnnotations(jobId: number) {
  return (action: SaveAction, body: ServerObjectLists & { version: number }): Promise<ServerLabeledData> =>
    requestJson<ServerLabeledData>(`/api/jobs/${jobId}/annotations?action=${action}`, {
      method: "PATCH",
      body: JSON.stringify(body),
    });
}
