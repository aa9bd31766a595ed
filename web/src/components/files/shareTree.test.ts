import { describe, expect, it } from "vitest";
import { minimalPaths, shareNodes, withChildren } from "./shareTree";

describe("the share tree", () => {
  it("keys folders with a trailing slash, relative to the share", () => {
    const nodes = shareNodes("/", [
      { name: "images", type: "DIR", mime_type: "DIR" },
      { name: "a.png", type: "REG", mime_type: "image" },
    ]);
    expect(nodes.map((n) => [n.key, n.isLeaf])).toEqual([
      ["images/", false],
      ["a.png", true],
    ]);
    expect(shareNodes("images/", [{ name: "b.png", type: "REG", mime_type: "image" }])[0]?.key).toBe("images/b.png");
  });

  it("hangs loaded children under their folder at any depth", () => {
    let tree = shareNodes("/", [{ name: "a", type: "DIR", mime_type: "DIR" }]);
    tree = withChildren(tree, "a/", shareNodes("a/", [{ name: "b", type: "DIR", mime_type: "DIR" }]));
    tree = withChildren(tree, "a/b/", shareNodes("a/b/", [{ name: "c.jpg", type: "REG", mime_type: "image" }]));
    expect(tree[0]?.children?.[0]?.children?.[0]?.key).toBe("a/b/c.jpg");
  });

  it("sends a checked folder rather than its files", () => {
    expect(minimalPaths(["a/", "a/x.png", "a/b/", "a/b/y.png", "c.png"])).toEqual(["a/", "c.png"]);
    expect(minimalPaths(["ab.png", "a/"])).toEqual(["a/", "ab.png"]);
  });
});
