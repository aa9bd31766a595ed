import { describe, expect, it } from "vitest";
import { mimeTypeOf, sniffImageType } from "./imageType";

const bytes = (...values: Array<number | string>): Uint8Array =>
  new Uint8Array(values.flatMap((v) => (typeof v === "string" ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe("mimeTypeOf", () => {
  it("maps image extensions case-insensitively", () => {
    expect(mimeTypeOf("a/b.JPG")).toBe("image/jpeg");
    expect(mimeTypeOf("x.webp")).toBe("image/webp");
    expect(mimeTypeOf("noextension")).toBe("application/octet-stream");
  });
});

describe("sniffImageType", () => {
  it("recognises the formats the server sends", () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffImageType(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a))).toBe("image/png");
    expect(sniffImageType(bytes("RIFF", 0, 0, 0, 0, "WEBP"))).toBe("image/webp");
    expect(sniffImageType(bytes("GIF89a"))).toBe("image/gif");
    expect(sniffImageType(bytes("BM", 0, 0))).toBe("image/bmp");
    expect(sniffImageType(bytes("II", 0x2a, 0))).toBe("image/tiff");
  });

  it("answers octet-stream for anything else", () => {
    expect(sniffImageType(bytes("<html>"))).toBe("application/octet-stream");
    expect(sniffImageType(new Uint8Array())).toBe("application/octet-stream");
  });
});
