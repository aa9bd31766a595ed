/** The link of "Create object URL": opens the job on the object's frame with it selected. */

/** CVAT's format, which `parseJobLink` reads back: `…/jobs/J?frame=N&type=shape&serverID=ID`. */
export function objectUrl(
  origin: string,
  target: { taskId: number; jobId: number; frame: number; kind: "shape" | "tag" | "track"; serverId: number },
): string {
  const query = new URLSearchParams({ frame: String(target.frame), type: target.kind, serverID: String(target.serverId) });
  return `${origin.replace(/\/+$/, "")}/tasks/${target.taskId}/jobs/${target.jobId}?${query.toString()}`;
}
