import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { isNotFound } from "./notFound";

describe("isNotFound", () => {
  it("is true for a 404 and for a 403 (a resource of another workspace)", () => {
    expect(isNotFound(new ApiError(404, { detail: "Not found." }))).toBe(true);
    expect(isNotFound(new ApiError(403, { detail: "Forbidden." }))).toBe(true);
  });

  it("is false for other server errors, network failures and no error", () => {
    expect(isNotFound(new ApiError(500, {}))).toBe(false);
    expect(isNotFound(new ApiError(401, {}))).toBe(false);
    expect(isNotFound(new TypeError("Failed to fetch"))).toBe(false);
    expect(isNotFound(null)).toBe(false);
  });
});
