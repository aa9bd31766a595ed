// The one HTTP client of the app: typed by the generated schema, sends the session's CSRF token
// on unsafe requests and the chosen organization on every request.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.gen";
import { ApiError } from "./errors";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const ORG_KEY = "contour.organization";

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** The organization slug the user works in; "" is the personal workspace. */
export function currentOrganization(): string {
  return localStorage.getItem(ORG_KEY) ?? "";
}

export function setCurrentOrganization(slug: string): void {
  localStorage.setItem(ORG_KEY, slug);
}

/** Headers every request of the app carries (also used by raw fetch and uploads). */
export function commonHeaders(method = "GET"): Record<string, string> {
  const headers: Record<string, string> = { "X-Organization": currentOrganization() };
  if (UNSAFE.has(method.toUpperCase())) {
    const token = readCookie("csrftoken");
    if (token) headers["X-CSRFToken"] = token;
  }
  return headers;
}

const sessionHeaders: Middleware = {
  onRequest({ request }) {
    for (const [key, value] of Object.entries(commonHeaders(request.method))) {
      if (!request.headers.has(key)) request.headers.set(key, value);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(sessionHeaders);

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's words. */
export async function unwrap<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}

/** A request outside the typed schema (binary bodies, paths the schema leaves loose). */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const method = init.method ?? "GET";
  const headers = new Headers(init.headers);
  for (const [key, value] of Object.entries(commonHeaders(method))) {
    if (!headers.has(key)) headers.set(key, value);
  }
  const response = await fetch(path, { ...init, method, headers, credentials: "same-origin" });
  if (!response.ok) {
    let body: unknown = undefined;
    try {
      body = await response.clone().json();
    } catch {
      body = await response.text().catch(() => undefined);
    }
    throw new ApiError(response.status, body);
  }
  return response;
}

export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && typeof init.body === "string" && !headers.has("Content-Type")) {
    headers.set("Content-Type", "application/json");
  }
  const response = await request(path, { ...init, headers });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
