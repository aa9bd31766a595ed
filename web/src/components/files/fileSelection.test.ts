import { describe, expect, it } from "vitest";
import {
  addFiles,
  checkSelection,
  describeSelection,
  displayPath,
  duplicateNames,
  emptySelection,
  formatBytes,
  isManifestName,
  parseRemoteUrls,
  totalSize,
  type FileLike,
  type MediaSelection,
} from "./fileSelection";

const file = (name: string, size = 10, webkitRelativePath = ""): FileLike => ({ name, size, webkitRelativePath });
const selection = (patch: Partial<MediaSelection<FileLike>>): MediaSelection<FileLike> => ({
  ...emptySelection<FileLike>(),
  ...patch,
});

describe("choosing local files", () => {
  it("skips files already chosen", () => {
    const a = file("a.png");
    expect(addFiles([a], [file("a.png"), file("b.png"), file("a.png", 11)]).map((f) => [f.name, f.size])).toEqual([
      ["a.png", 10],
      ["b.png", 10],
      ["a.png", 11],
    ]);
  });

  it("tells files of different folders apart", () => {
    expect(addFiles([file("a.png", 10, "x/a.png")], [file("a.png", 10, "y/a.png")])).toHaveLength(2);
    expect(displayPath(file("a.png", 1, "x/a.png"))).toBe("x/a.png");
    expect(displayPath(file("a.png"))).toBe("a.png");
  });

  it("adds up sizes and prints them", () => {
    expect(totalSize([file("a", 1000), file("b", 24)])).toBe(1024);
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(300 * 1024 * 1024)).toBe("300 MiB");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5.0 GiB");
  });

  it("finds names that would collide on the server", () => {
    expect(duplicateNames([file("a.png", 1, "x/a.png"), file("a.png", 2, "y/a.png"), file("b.png")])).toEqual(["a.png"]);
  });
});

describe("remote URLs", () => {
  it("reads one URL a line and sets aside what is not http(s)", () => {
    expect(parseRemoteUrls(" https://example.com/a.jpg \n\nftp://x/y\nhttp://h/b.png\nnot a url")).toEqual({
      urls: ["https://example.com/a.jpg", "http://h/b.png"],
      invalid: ["ftp://x/y", "not a url"],
    });
  });
});

describe("checking a selection", () => {
  it("needs something from the chosen source", () => {
    expect(checkSelection(selection({}))).toMatch(/Choose files/);
    expect(checkSelection(selection({ source: "share" }))).toMatch(/file share/);
    expect(checkSelection(selection({ source: "remote", remoteText: "  " }))).toMatch(/at least one URL/);
  });

  it("accepts a complete selection", () => {
    expect(checkSelection(selection({ localFiles: [file("a.png")] }))).toBeNull();
    expect(checkSelection(selection({ source: "share", sharePaths: ["images/"] }))).toBeNull();
    expect(checkSelection(selection({ source: "remote", remoteText: "https://e.com/a.png" }))).toBeNull();
  });

  it("ignores the other sources' leftovers", () => {
    expect(checkSelection(selection({ source: "remote", remoteText: "https://e.com/a.png", localFiles: [] }))).toBeNull();
  });

  it("refuses bad URLs and colliding names", () => {
    expect(checkSelection(selection({ source: "remote", remoteText: "https://e.com/a\nfile:///etc/passwd" }))).toBe(
      "Not an http(s) address: file:///etc/passwd",
    );
    expect(checkSelection(selection({ localFiles: [file("a.png")], manifest: file("a.png") }))).toMatch(/"a.png"/);
  });

  it("describes itself", () => {
    expect(describeSelection(selection({ localFiles: [file("a", 1024), file("b", 1024)] }))).toBe("2 files, 2.0 KiB");
    expect(describeSelection(selection({ source: "share", sharePaths: ["x"] }))).toBe("1 item on the share");
    expect(describeSelection(selection({ source: "remote", remoteText: "http://a/b\nhttp://a/c" }))).toBe("2 URLs");
  });

  it("recognises manifests by extension", () => {
    expect(isManifestName("manifest.JSONL")).toBe(true);
    expect(isManifestName("a.json")).toBe(false);
  });
});
