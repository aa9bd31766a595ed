// Turns the server's error bodies (CVAT's shapes) into sentences a user can read.

export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super(describeErrorBody(status, body));
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }
}

function flatten(value: unknown, path: string[], out: string[]): void {
  if (value === null || value === undefined) return;
  if (typeof value === "string") {
    const where = path.filter((p) => p !== "non_field_errors" && p !== "detail").join(".");
    out.push(where ? `${where}: ${value}` : value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => flatten(item, path, out));
  } else if (typeof value === "object") {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (key === "code") continue;
      flatten(item, [...path, key], out);
    }
  } else {
    out.push(String(value));
  }
}

export function describeErrorBody(status: number, body: unknown): string {
  const parts: string[] = [];
  // FastAPI's own validation errors: {"detail": [{"loc": [...], "msg": "..."}]}
  if (body && typeof body === "object" && Array.isArray((body as { detail?: unknown }).detail)) {
    for (const item of (body as { detail: { loc?: unknown[]; msg?: string }[] }).detail) {
      const loc = (item.loc ?? []).filter((p) => p !== "body" && p !== "query").join(".");
      parts.push(loc ? `${loc}: ${item.msg}` : String(item.msg));
    }
  } else {
    flatten(body, [], parts);
  }
  if (parts.length === 0) return `The server answered ${status}.`;
  return parts.join(" ");
}

/** A message for anything thrown: server errors in their words, network failures explained. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return `Cannot reach the server (${error.message}).`;
  if (error instanceof Error) return error.message;
  return String(error);
}
