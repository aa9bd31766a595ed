import { describe, expect, it } from "vitest";
import { effectiveScopes, scopesClash } from "./scopes";

describe("effectiveScopes", () => {
  it("searches the most specific scope first", () => {
    expect(effectiveScopes(["global", "canvas", "drawing"])).toEqual(["drawing", "canvas", "global"]);
  });

  it("always includes the global scope", () => {
    expect(effectiveScopes(["canvas"])).toEqual(["canvas", "global"]);
    expect(effectiveScopes([])).toEqual(["global"]);
  });

  it("shuts the workspace out while a dialog is open", () => {
    expect(effectiveScopes(["canvas", "drawing", "modal"])).toEqual(["modal", "global"]);
    expect(effectiveScopes(["canvas", "tagAnnotation", "modal"])).toEqual(["modal", "global"]);
  });

  it("searches the tag annotation workspace's keys before the canvas's", () => {
    expect(effectiveScopes(["canvas", "tagAnnotation"])).toEqual(["tagAnnotation", "canvas", "global"]);
  });
});

describe("scopesClash", () => {
  it("is true within one scope", () => {
    expect(scopesClash("canvas", "canvas")).toBe(true);
  });

  it("is true for a global key reused anywhere", () => {
    expect(scopesClash("global", "drawing")).toBe(true);
    expect(scopesClash("modal", "global")).toBe(true);
  });

  it("is false for a drawing key that overrides a workspace key", () => {
    expect(scopesClash("canvas", "drawing")).toBe(false);
  });

  it("is false for a tag annotation key that overrides a workspace key", () => {
    expect(scopesClash("canvas", "tagAnnotation")).toBe(false);
    expect(scopesClash("tagAnnotation", "global")).toBe(true);
  });

  it("is false between dialogs and the workspace, which are never searched together", () => {
    expect(scopesClash("modal", "canvas")).toBe(false);
  });
});
