// The small facts of the server's upload protocol (CVAT's): the step headers, the query of
// import uploads, which TUS failures are worth a retry, and how failures and cancels read.
import { ApiError } from "../../api/errors";

/** Upload-Start opens a set of files, Upload-Multiple sends a batch, Upload-Finish ends the set. */
export type UploadStep = "start" | "multiple" | "finish";

const STEP_HEADERS: Record<UploadStep, string> = {
  start: "Upload-Start",
  multiple: "Upload-Multiple",
  finish: "Upload-Finish",
};

/** The server only looks for the header's presence; a value keeps every proxy passing it on. */
export function uploadStepHeaders(step: UploadStep): Record<string, string> {
  return { [STEP_HEADERS[step]]: "true" };
}

export function withQuery(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/**
 * A TUS request is retried (after a HEAD for the offset) when the connection dropped or the
 * server stumbled, and a PATCH also on 409, the offset mismatch a retry resolves. Other answers
 * (400 bad name, 409 name taken at creation, 413 too large) are final: the user must see them.
 */
export function shouldRetryTus(method: string, status: number): boolean {
  if (status === 0 || status >= 500 || status === 423) return true;
  return status === 409 && method.toUpperCase() === "PATCH";
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A failed upload request as the rest of the app reads errors: the server's words, or a network failure. */
export function uploadFailure(status: number, bodyText: string): Error {
  if (status === 0) return new TypeError("the upload was interrupted");
  return new ApiError(status, parseBody(bodyText));
}

export function cancelledError(): DOMException {
  return new DOMException("The upload was cancelled.", "AbortError");
}

/** True for our cancel and for fetch's abort alike. */
export function isCancelled(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}
