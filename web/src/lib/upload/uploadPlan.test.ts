import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIMITS,
  goesByTus,
  MAX_CHUNKS_PER_FILE,
  MAX_TUS_CHUNK_BYTES,
  MiB,
  planUpload,
  TUS_CHUNK_BYTES,
  tusChunkSize,
  type UploadLimits,
} from "./uploadPlan";

const file = (name: string, size: number) => ({ name, size });
const names = (files: { name: string }[]) => files.map((f) => f.name);
const small: UploadLimits = { tusThresholdBytes: 100, batchMaxBytes: 250, batchMaxFiles: 3 };

describe("goesByTus", () => {
  it("sends files from the threshold up by TUS", () => {
    expect(goesByTus(5 * MiB - 1)).toBe(false);
    expect(goesByTus(5 * MiB)).toBe(true);
    expect(goesByTus(99, small)).toBe(false);
    expect(goesByTus(100, small)).toBe(true);
  });
});

describe("planUpload", () => {
  it("plans nothing for no files", () => {
    expect(planUpload([])).toEqual([]);
  });

  it("puts small files in one batch and each big file in its own TUS part, batches first", () => {
    const parts = planUpload([file("a", 10), file("big1", 500), file("b", 20), file("big2", 100)], small);
    expect(parts.map((p) => p.kind)).toEqual(["batch", "tus", "tus"]);
    expect(parts[0]).toMatchObject({ kind: "batch", bytes: 30 });
    expect(parts[0]!.kind === "batch" && names(parts[0]!.files)).toEqual(["a", "b"]);
    expect(parts.slice(1).map((p) => (p.kind === "tus" ? p.file.name : ""))).toEqual(["big1", "big2"]);
    expect(parts.slice(1).map((p) => p.bytes)).toEqual([500, 100]);
  });

  it("closes a batch before it would pass the byte limit", () => {
    const parts = planUpload([file("a", 90), file("b", 90), file("c", 90), file("d", 10)], small);
    expect(parts.map((p) => (p.kind === "batch" ? names(p.files) : []))).toEqual([["a", "b"], ["c", "d"]]);
    expect(parts.map((p) => p.bytes)).toEqual([180, 100]);
  });

  it("closes a batch at the file count limit", () => {
    const parts = planUpload(["a", "b", "c", "d", "e"].map((n) => file(n, 1)), small);
    expect(parts.map((p) => (p.kind === "batch" ? names(p.files) : []))).toEqual([["a", "b", "c"], ["d", "e"]]);
  });

  it("keeps every file exactly once", () => {
    const files = Array.from({ length: 40 }, (_, i) => file(`f${i}`, (i * 37) % 300));
    const planned = planUpload(files, small).flatMap((p) => (p.kind === "batch" ? p.files : [p.file]));
    expect(names(planned).sort()).toEqual(names(files).sort());
  });

  it("batches the default way: thousands of thumbnails in a few requests", () => {
    const thumbnails = Array.from({ length: 1200 }, (_, i) => file(`t${i}.jpg`, 30_000));
    const parts = planUpload(thumbnails);
    expect(parts.every((p) => p.kind === "batch")).toBe(true);
    expect(parts.length).toBe(Math.ceil(1200 / DEFAULT_LIMITS.batchMaxFiles));
  });
});

describe("tusChunkSize", () => {
  it("uses 10 MiB chunks for ordinary files", () => {
    expect(tusChunkSize(6 * MiB)).toBe(TUS_CHUNK_BYTES);
    expect(tusChunkSize(4 * 1024 * MiB)).toBe(TUS_CHUNK_BYTES);
  });

  it("grows the chunks of a huge file to stay under the chunk count, in whole MiB", () => {
    const size = 50 * 1024 * MiB;
    const chunk = tusChunkSize(size);
    expect(chunk).toBeGreaterThan(TUS_CHUNK_BYTES);
    expect(chunk % MiB).toBe(0);
    expect(Math.ceil(size / chunk)).toBeLessThanOrEqual(MAX_CHUNKS_PER_FILE);
  });

  it("never passes the server's chunk limit", () => {
    expect(tusChunkSize(10 * 1024 * 1024 * MiB)).toBe(MAX_TUS_CHUNK_BYTES);
  });
});
