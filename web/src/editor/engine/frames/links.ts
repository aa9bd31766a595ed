/**
 * Links into a job: `/tasks/{tid}/jobs/{jid}?frame=N&object=ID` (copy frame link, create object
 * URL) and the query parameters that set up the editor when it opens (`defaultWorkspace`,
 * `defaultLabel`, `defaultPointsCount`, `frame`, `object`). Invalid values are dropped with a
 * readable problem, never thrown: a mistyped link still opens the job.
 */

/** Workspace identifiers as CVAT's links spell them. */
export const WORKSPACES = ["standard", "standard3d", "attributes", "single_shape", "tags", "review"] as const;

export type Workspace = (typeof WORKSPACES)[number];

/** The kinds of object an object link may point at (CVAT's `type=`). */
export type LinkedObjectType = "shape" | "track" | "tag";

export interface JobLinkParams {
  /** Task frame number to open on (clamp it with `goToFrame`). */
  readonly frame?: number;
  /** Server id of the object to select. */
  readonly object?: number;
  readonly objectType?: LinkedObjectType;
  readonly defaultWorkspace?: Workspace;
  /** A label *name*. */
  readonly defaultLabel?: string;
  /** Points of polygons/polylines/points drawn with a fixed number of points. */
  readonly defaultPointsCount?: number;
}

export interface ParsedJobLink {
  readonly params: JobLinkParams;
  /** One sentence per ignored parameter, for a warning the user can read. */
  readonly problems: readonly string[];
}

const WHOLE_NUMBER = /^\s*\d+\s*$/;
const OBJECT_TYPES: readonly LinkedObjectType[] = ["shape", "track", "tag"];

function parseWholeNumber(raw: string, min: number): number | null {
  if (!WHOLE_NUMBER.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= min ? value : null;
}

/** Reads a job page's query string (`location.search` or its `URLSearchParams`). */
export function parseJobLink(search: string | URLSearchParams): ParsedJobLink {
  const query = typeof search === "string" ? new URLSearchParams(search) : search;
  const params: { -readonly [K in keyof JobLinkParams]: JobLinkParams[K] } = {};
  const problems: string[] = [];

  const frame = query.get("frame");
  if (frame !== null) {
    const value = parseWholeNumber(frame, 0);
    if (value === null) problems.push(`The frame "${frame}" is not a frame number.`);
    else params.frame = value;
  }

  // `serverID` is how CVAT's object links name the object; ours say `object`.
  const objectParam = query.has("object") ? "object" : query.has("serverID") ? "serverID" : null;
  if (objectParam !== null) {
    const raw = query.get(objectParam) ?? "";
    const value = parseWholeNumber(raw, 1);
    if (value === null) problems.push(`The object "${raw}" is not an object id.`);
    else params.object = value;
  }

  const type = query.get("type");
  if (type !== null && params.object !== undefined) {
    const normalized = type.trim().toLowerCase();
    if ((OBJECT_TYPES as readonly string[]).includes(normalized)) {
      params.objectType = normalized as LinkedObjectType;
    } else {
      problems.push(`The object type "${type}" is not one of ${OBJECT_TYPES.join(", ")}.`);
    }
  }

  const workspace = query.get("defaultWorkspace");
  if (workspace !== null) {
    const normalized = workspace.trim().toLowerCase();
    if ((WORKSPACES as readonly string[]).includes(normalized)) {
      params.defaultWorkspace = normalized as Workspace;
    } else {
      problems.push(`The workspace "${workspace}" is not one of ${WORKSPACES.join(", ")}.`);
    }
  }

  const label = query.get("defaultLabel");
  if (label !== null) {
    if (label.trim() === "") problems.push("The default label is empty.");
    else params.defaultLabel = label.trim();
  }

  const points = query.get("defaultPointsCount");
  if (points !== null) {
    const value = parseWholeNumber(points, 1);
    if (value === null) problems.push(`The points count "${points}" is not a positive whole number.`);
    else params.defaultPointsCount = value;
  }

  return { params, problems };
}

/** The job page's path, with the frame (and object) to open on. */
export function jobPath(
  taskId: number,
  jobId: number,
  target: { readonly frame?: number; readonly object?: number } = {},
): string {
  const query = new URLSearchParams();
  if (target.frame !== undefined) query.set("frame", String(target.frame));
  if (target.object !== undefined) query.set("object", String(target.object));
  const search = query.toString();
  return `/tasks/${taskId}/jobs/${jobId}${search ? `?${search}` : ""}`;
}

/** An absolute link to share (`origin` is `location.origin`). */
export function jobUrl(
  origin: string,
  taskId: number,
  jobId: number,
  target: { readonly frame?: number; readonly object?: number } = {},
): string {
  return `${origin.replace(/\/+$/, "")}${jobPath(taskId, jobId, target)}`;
}

/**
 * The label a `defaultLabel` name points at (exact name first, then case-insensitive); null
 * when no label has that name.
 */
export function findLabelByName<L extends { readonly name: string }>(
  labels: readonly L[],
  name: string,
): L | null {
  return (
    labels.find((label) => label.name === name) ??
    labels.find((label) => label.name.toLowerCase() === name.toLowerCase()) ??
    null
  );
}

/**
 * The label a link's `defaultLabel` means: a label name (as `findLabelByName`), else, when the
 * value is a whole number no label is named, the label with that id.
 */
export function findDefaultLabel<L extends { readonly id: number; readonly name: string }>(
  labels: readonly L[],
  value: string,
): L | null {
  const byName = findLabelByName(labels, value);
  if (byName !== null) return byName;
  const id = parseWholeNumber(value, 1);
  return id === null ? null : (labels.find((label) => label.id === id) ?? null);
}
