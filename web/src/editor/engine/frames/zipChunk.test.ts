import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { InvalidChunkError, entryPosition, unzipChunk } from "./zipChunk";

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const decodeText = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** A stored zip, entries written in the given order (as a server might reorder them). */
function zip(entries: Array<[string, string]>): Uint8Array {
  return zipSync(Object.fromEntries(entries.map(([name, body]) => [name, text(body)])), { level: 0 });
}

describe("unzipChunk", () => {
  it("returns the images in the order of their numbered names", () => {
    const archive = zip([
      ["000002.jpeg", "third"],
      ["000000.jpeg", "first"],
      ["000001.jpeg", "second"],
    ]);
    expect(unzipChunk(archive).map((image) => decodeText(image.bytes))).toEqual(["first", "second", "third"]);
  });

  it("orders positions numerically past six digits", () => {
    const archive = zip([
      ["1000000.png", "b"],
      ["999999.png", "a"],
    ]);
    expect(unzipChunk(archive).map((image) => image.name)).toEqual(["999999.png", "1000000.png"]);
  });

  it("keeps the original extension's image type", () => {
    const archive = zip([
      ["000000.jpeg", "j"],
      ["000001.PNG", "p"],
      ["000002.tif", "t"],
      ["000003.pcd", "c"],
    ]);
    expect(unzipChunk(archive).map((image) => image.mimeType)).toEqual([
      "image/jpeg",
      "image/png",
      "image/tiff",
      "application/octet-stream",
    ]);
  });

  it("puts unnumbered entries after numbered ones, in archive order", () => {
    const archive = zip([
      ["zeta.jpg", "z"],
      ["000000.jpg", "0"],
      ["alpha.jpg", "a"],
    ]);
    expect(unzipChunk(archive).map((image) => image.name)).toEqual(["000000.jpg", "zeta.jpg", "alpha.jpg"]);
  });

  it("skips folder entries", () => {
    const archive = zipSync({ "frames/": {}, "frames/000000.jpg": text("x") }, { level: 0 });
    expect(unzipChunk(archive).map((image) => image.name)).toEqual(["frames/000000.jpg"]);
  });

  it("reads deflated archives too", () => {
    const archive = zipSync({ "000000.jpg": text("deflated body") }, { level: 6 });
    expect(decodeText(unzipChunk(archive.buffer)[0].bytes)).toBe("deflated body");
  });

  it("reports bytes that are not a zip", () => {
    expect(() => unzipChunk(text("<html>proxy error</html>"))).toThrow(InvalidChunkError);
  });
});

describe("entryPosition", () => {
  it("reads the leading number of the file name", () => {
    expect(entryPosition("000012.jpeg")).toBe(12);
    expect(entryPosition("dir/000003.png")).toBe(3);
    expect(entryPosition("7")).toBe(7);
    expect(entryPosition("img12.jpg")).toBeNull();
  });
});
