import { describe, expect, it } from "vitest";
import { NameRank, rankName, searchFramesByName } from "./frameSearch";
import { jobFrames } from "./testFixtures";

const NAMES = [
  "cam1/img_0001.jpg",
  "cam1/img_0010.jpg",
  "cam2/img_0001.jpg",
  "cam2/IMG_0100.png",
  "other/x_0010.jpg",
];
const frames = jobFrames({ stop: NAMES.length - 1, name: (f) => NAMES[f] });
const options = { showDeleted: false };

describe("rankName", () => {
  it("ranks exact names, then file-name prefixes, path prefixes, file-name and path matches", () => {
    expect(rankName("cam1/img_0001.jpg", "img_0001")).toBe(NameRank.Exact);
    expect(rankName("cam1/img_0001.jpg", "cam1/img_0001.jpg")).toBe(NameRank.Exact);
    expect(rankName("cam1/img_0001.jpg", "img_")).toBe(NameRank.FileNamePrefix);
    expect(rankName("cam1/img_0001.jpg", "cam1/img")).toBe(NameRank.PathPrefix);
    expect(rankName("cam1/img_0001.jpg", "0001")).toBe(NameRank.InFileName);
    expect(rankName("cam1/img_0001.jpg", "am1")).toBe(NameRank.InPath);
  });

  it("ignores case and surrounding spaces", () => {
    expect(rankName("cam2/IMG_0100.png", "  img_0100 ")).toBe(NameRank.Exact);
  });

  it("answers null when the name does not contain the query", () => {
    expect(rankName("cam1/img_0001.jpg", "cam3")).toBeNull();
    expect(rankName("cam1/img_0001.jpg", "   ")).toBeNull();
  });
});

describe("searchFramesByName", () => {
  it("lists matching frames best first, then in frame order", () => {
    const matches = searchFramesByName(frames, "0010", options);
    expect(matches.map((m) => m.name)).toEqual(["cam1/img_0010.jpg", "other/x_0010.jpg"]);
    const prefix = searchFramesByName(frames, "img_0001", options);
    expect(prefix.map((m) => m.frame)).toEqual([0, 2]);
  });

  it("puts an exact file name before names that merely contain it", () => {
    const names = ["a/frame_12.jpg", "a/frame_1.jpg", "b/frame_1.png"];
    const job = jobFrames({ stop: 2, name: (f) => names[f] });
    expect(searchFramesByName(job, "frame_1", options).map((m) => m.name)).toEqual([
      "a/frame_1.jpg",
      "b/frame_1.png",
      "a/frame_12.jpg",
    ]);
  });

  it("returns at most `limit` matches", () => {
    expect(searchFramesByName(frames, "img", { ...options, limit: 2 })).toHaveLength(2);
  });

  it("leaves out deleted frames unless they are shown", () => {
    const withDeleted = frames.withDeletedFrames([1]);
    expect(searchFramesByName(withDeleted, "0010", options).map((m) => m.frame)).toEqual([4]);
    const all = searchFramesByName(withDeleted, "0010", { showDeleted: true });
    expect(all.map((m) => m.frame)).toEqual([1, 4]);
  });

  it("finds nothing for an empty query", () => {
    expect(searchFramesByName(frames, "", options)).toEqual([]);
  });

  it("finds nothing in a video, whose frames share one name", () => {
    expect(searchFramesByName(jobFrames({ stop: 9, video: true }), "clip", options)).toEqual([]);
  });
});
