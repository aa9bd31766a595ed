import { describe, expect, it } from "vitest";
import { multipartShare, percentOf, startProgress, totalProgress, withPartLoaded } from "./uploadProgress";

describe("upload progress over several parts", () => {
  it("starts at nothing loaded of every part's bytes", () => {
    expect(totalProgress(startProgress([100, 300]))).toEqual({ loaded: 0, total: 400 });
  });

  it("adds up the parts", () => {
    let progress = startProgress([100, 300, 600]);
    progress = withPartLoaded(progress, 0, 100);
    progress = withPartLoaded(progress, 1, 150);
    expect(totalProgress(progress)).toEqual({ loaded: 250, total: 1000 });
  });

  it("takes a part's latest figure, even when a retry sends it back", () => {
    let progress = startProgress([100]);
    progress = withPartLoaded(progress, 0, 80);
    progress = withPartLoaded(progress, 0, 40);
    expect(totalProgress(progress).loaded).toBe(40);
  });

  it("clamps a part to its size and ignores unknown parts", () => {
    let progress = startProgress([100]);
    progress = withPartLoaded(progress, 0, 150);
    progress = withPartLoaded(progress, 3, 50);
    expect(totalProgress(progress)).toEqual({ loaded: 100, total: 100 });
  });

  it("does not change the progress it was given", () => {
    const before = startProgress([100]);
    withPartLoaded(before, 0, 50);
    expect(totalProgress(before).loaded).toBe(0);
  });
});

describe("percentOf", () => {
  it("rounds down, so 100 means every byte arrived", () => {
    expect(percentOf({ loaded: 999, total: 1000 })).toBe(99);
    expect(percentOf({ loaded: 1000, total: 1000 })).toBe(100);
    expect(percentOf({ loaded: 250, total: 1000 })).toBe(25);
  });

  it("is 0 for an empty upload", () => {
    expect(percentOf({ loaded: 0, total: 0 })).toBe(0);
  });
});

describe("multipartShare", () => {
  it("maps the bytes sent of a multipart body onto the files' bytes", () => {
    expect(multipartShare(550, 1100, 1000)).toBe(500);
    expect(multipartShare(1100, 1100, 1000)).toBe(1000);
  });

  it("stays within the part", () => {
    expect(multipartShare(0, 0, 1000)).toBe(0);
    expect(multipartShare(2000, 1100, 1000)).toBe(1000);
  });
});
