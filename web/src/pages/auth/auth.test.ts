import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { slugFromName, USERNAME_PATTERN } from "./accountRules";
import { formErrorsOf } from "./formErrors";
import { HOME, safeNext } from "./redirect";

describe("safeNext", () => {
  it("returns to the page the visitor came from", () => {
    expect(safeNext("/projects?page=2")).toBe("/projects?page=2");
  });

  it("goes home without a next page", () => {
    expect(safeNext(null)).toBe(HOME);
    expect(safeNext("")).toBe(HOME);
  });

  it("refuses other sites", () => {
    expect(safeNext("https://evil.example/")).toBe(HOME);
    expect(safeNext("//evil.example/")).toBe(HOME);
    expect(safeNext("/\\evil.example/")).toBe(HOME);
  });

  it("refuses the sign-in pages themselves", () => {
    expect(safeNext("/auth/login?next=%2Fauth%2Flogin")).toBe(HOME);
    expect(safeNext("/auth/register")).toBe(HOME);
    expect(safeNext("/authors")).toBe("/authors");
  });
});

describe("formErrorsOf", () => {
  const FIELDS = { username: "username", password1: "password" };

  it("puts field errors on the form's fields", () => {
    const error = new ApiError(400, { username: ["A user with that username already exists."] });
    expect(formErrorsOf(error, FIELDS)).toEqual({
      fields: [{ name: "username", errors: ["A user with that username already exists."] }],
      general: null,
    });
  });

  it("maps server field names to the form's", () => {
    const error = new ApiError(400, { password1: ["Too short."] });
    expect(formErrorsOf(error, FIELDS).fields).toEqual([{ name: "password", errors: ["Too short."] }]);
  });

  it("reports errors that belong to no field in words", () => {
    const error = new ApiError(400, { non_field_errors: ["Unable to log in with provided credentials."] });
    expect(formErrorsOf(error, FIELDS)).toEqual({
      fields: [],
      general: "Unable to log in with provided credentials.",
    });
  });

  it("names fields the form does not show", () => {
    const error = new ApiError(400, { confirmations: ["Invalid."] });
    expect(formErrorsOf(error, FIELDS).general).toBe("confirmations: Invalid.");
  });

  it("describes anything that is not a validation error", () => {
    const error = new ApiError(403, { detail: "CSRF Failed: CSRF token missing." });
    expect(formErrorsOf(error, FIELDS)).toEqual({ fields: [], general: "CSRF Failed: CSRF token missing." });
    expect(formErrorsOf(new TypeError("Failed to fetch"), FIELDS).general).toContain("Cannot reach the server");
  });
});

describe("account rules", () => {
  it("accepts the usernames the server accepts", () => {
    expect(USERNAME_PATTERN.test("anna.b+test@x")).toBe(true);
    expect(USERNAME_PATTERN.test("anna b")).toBe(false);
  });

  it("suggests a slug from an organization's name", () => {
    expect(slugFromName("Acme Vision Lab")).toBe("acme-vision-lab");
    expect(slugFromName("Über Straße!")).toBe("uber-stra-e");
    expect(slugFromName("A very long organization name")).toBe("a-very-long-orga");
    expect(slugFromName("abcdefghijklmno pq")).toBe("abcdefghijklmno");
  });
});
