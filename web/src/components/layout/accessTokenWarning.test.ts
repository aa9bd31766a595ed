import { describe, expect, it } from "vitest";
import { accessTokenWarning, liveTokens } from "./accessTokenWarning";

const NOW = new Date("2030-06-01T12:00:00Z");

describe("accessTokenWarning", () => {
  it("says nothing when the user has no tokens", () => {
    expect(accessTokenWarning([], NOW)).toBeNull();
  });

  it("names a single token and says it keeps working", () => {
    const text = accessTokenWarning([{ name: "ci", expiry_date: null }], NOW);
    expect(text).toContain("Your personal access token “ci” keeps working");
    expect(text).toContain("does not revoke access tokens");
  });

  it("counts several tokens and names only the first three", () => {
    const tokens = ["a", "b", "c", "d", "e"].map((name) => ({ name }));
    const text = accessTokenWarning(tokens, NOW);
    expect(text).toContain("Your 5 personal access tokens (“a”, “b”, “c” and 2 more) keep working");
  });

  it("leaves expired tokens out", () => {
    const tokens = [
      { name: "old", expiry_date: "2030-05-31T00:00:00Z" },
      { name: "new", expiry_date: "2030-07-01T00:00:00Z" },
    ];
    expect(liveTokens(tokens, NOW).map((t) => t.name)).toEqual(["new"]);
    expect(accessTokenWarning([tokens[0]], NOW)).toBeNull();
  });
});
