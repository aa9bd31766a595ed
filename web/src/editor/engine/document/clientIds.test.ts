import { describe, expect, it } from "vitest";
import { createClientIdSource, serverClientId } from "./clientIds";

describe("client ids", () => {
  it("derives loaded objects' ids from kind and server id", () => {
    expect(serverClientId("shape", 12)).toBe("shape:12");
    expect(serverClientId("tag", 12)).not.toBe(serverClientId("shape", 12));
  });

  it("numbers new objects within a session", () => {
    const next = createClientIdSource("s1");
    expect([next(), next()]).toEqual(["new:s1-1", "new:s1-2"]);
  });

  it("gives different sessions different ids", () => {
    expect(createClientIdSource()()).not.toBe(createClientIdSource()());
  });
});
