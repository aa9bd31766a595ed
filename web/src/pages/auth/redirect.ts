// Where to go after signing in: the page the visitor was sent away from, if it is one of ours.

export const HOME = "/tasks";

/**
 * `next` when it is a path inside the app, else the home page. Refusing "//host" and "/\host"
 * (which browsers treat as other sites) keeps the sign-in page from being an open redirect, and
 * refusing the auth pages keeps it from sending people in circles.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return HOME;
  if (next === "/auth" || next.startsWith("/auth/") || next.startsWith("/auth?")) return HOME;
  return next;
}
