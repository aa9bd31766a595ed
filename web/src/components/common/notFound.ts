// When a resource that failed to load is "not found" to the user rather than an error to retry.
import { ApiError } from "../../api/errors";

/** The server says 404, or 403 for one in a workspace the user is not in: to them, both are "not there". */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}
