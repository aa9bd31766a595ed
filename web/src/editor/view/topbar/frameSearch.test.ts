import { describe, expect, it } from "vitest";
import { labeledData, loadedStore, serverRectangle, serverTag, serverTrack } from "../../engine/document/testFixtures";
import { metaPayload } from "../../engine/frames/testFixtures";
import { parseJobFrames } from "../../engine/frames/meta";
import { getEntry } from "../../engine/document/idTable";
import { framesWithObjects, searchFrame, type FrameSearchMode } from "./frameSearch";
import type { ObjectPredicate } from "./objectFilter";

const { meta, job } = metaPayload({ stop: 19, deleted: [6] });
const FRAMES = parseJobFrames(meta, job);

// Frame 2: a car rectangle; 6 (deleted): a rectangle; 9: a person tag; a track visible 12..13, outside from 14.
const store = loadedStore(
  labeledData({
    shapes: [serverRectangle(1, 2), serverRectangle(2, 6)],
    tags: [serverTag(3, 9)],
    tracks: [serverTrack(4, { frame: 12, shapes: [
      { id: 40, type: "rectangle", frame: 12, occluded: false, outside: false, z_order: 0, rotation: 0, points: [0, 0, 5, 5], attributes: [] },
      { id: 41, type: "rectangle", frame: 14, occluded: false, outside: true, z_order: 0, rotation: 0, points: [0, 0, 5, 5], attributes: [] },
    ] })],
  }),
);
const { document, frameIndex, sync } = store.getState();
const serverIdOf = (id: string) => getEntry(sync.serverIds, id);
const tagsOnly: ObjectPredicate = (object) => object.kind === "tag";

function search(mode: FrameSearchMode, current: number, direction: 1 | -1, showDeleted = false, filter: ObjectPredicate | null = tagsOnly) {
  return searchFrame({ frames: FRAMES, current, direction, mode, document, index: frameIndex, filter, serverIdOf, navigation: { showDeleted } });
}

describe("frame search modes", () => {
  it("collects the frames of shapes, tags and the visible stretch of tracks", () => {
    expect([...framesWithObjects(document, frameIndex, 19)].sort((a, b) => a - b)).toEqual([2, 6, 9, 12, 13]);
  });

  it("finds the next and previous frame with objects, skipping hidden deleted frames", () => {
    expect(search("objects", 2, 1)).toBe(9);
    expect(search("objects", 2, 1, true)).toBe(6);
    expect(search("objects", 9, -1)).toBe(2);
    expect(search("objects", 13, 1)).toBeNull();
  });

  it("finds frames with filtered objects, or any objects without a filter", () => {
    expect(search("filtered", 0, 1)).toBe(9);
    expect(search("filtered", 9, 1)).toBeNull();
    expect(search("filtered", 0, 1, false, null)).toBe(2);
  });

  it("finds empty frames", () => {
    expect(search("empty", 1, 1)).toBe(3);
    expect(search("empty", 5, 1)).toBe(7);
    expect(search("empty", 12, 1)).toBe(14);
    expect(search("empty", 3, -1)).toBe(1);
  });
});
