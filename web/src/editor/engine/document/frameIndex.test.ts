import { describe, expect, it } from "vitest";
import { buildFrameIndex, framesWithObjects, idsOnFrame, updateFrameIndex } from "./frameIndex";
import { tableFrom, type IdTable } from "./idTable";
import type { AnnotationObject, TagObject } from "./model";

function tag(clientId: string, frame: number): TagObject {
  return { kind: "tag", clientId, frame, labelId: 1, attributes: {}, group: 0, source: "manual", extras: {} };
}

function objects(...list: AnnotationObject[]): IdTable<AnnotationObject> {
  return tableFrom(list.map((object) => [object.clientId, object] as const));
}

describe("frame index", () => {
  it("lists each frame's objects", () => {
    const index = buildFrameIndex(objects(tag("a", 0), tag("b", 2), tag("c", 0)));
    expect([...idsOnFrame(index, 0)].sort()).toEqual(["a", "c"]);
    expect(idsOnFrame(index, 2)).toEqual(["b"]);
    expect(idsOnFrame(index, 1)).toEqual([]);
    expect(framesWithObjects(index)).toEqual([0, 2]);
  });

  it("keeps tracks apart from frames", () => {
    const track: AnnotationObject = { ...tag("t", 3), kind: "track", keyframes: [], elements: [] };
    const index = buildFrameIndex(objects(track));
    expect(index.tracks).toEqual(["t"]);
    expect(idsOnFrame(index, 3)).toEqual([]);
  });

  it("returns the same index when no object changed frame", () => {
    const before = objects(tag("a", 0));
    const after = objects({ ...tag("a", 0), labelId: 9 });
    const index = buildFrameIndex(before);
    expect(updateFrameIndex(index, before, after, ["a"])).toBe(index);
  });

  it("moves an object between frames and keeps other frames' lists", () => {
    const before = objects(tag("a", 0), tag("b", 1), tag("c", 5));
    const after = objects(tag("a", 0), tag("b", 2), tag("c", 5));
    const index = buildFrameIndex(before);
    const next = updateFrameIndex(index, before, after, ["b"]);
    expect(idsOnFrame(next, 1)).toEqual([]);
    expect(framesWithObjects(next)).toEqual([0, 2, 5]);
    expect(idsOnFrame(next, 2)).toEqual(["b"]);
    expect(idsOnFrame(next, 0)).toBe(idsOnFrame(index, 0));
  });

  it("adds created and drops deleted objects", () => {
    const before = objects(tag("a", 0), tag("b", 0));
    const after = objects(tag("a", 0), tag("n", 0));
    const next = updateFrameIndex(buildFrameIndex(before), before, after, ["b", "n"]);
    expect(idsOnFrame(next, 0)).toEqual(["a", "n"]);
  });

  it("ends up with what a rebuild gives", () => {
    const before = objects(tag("a", 0), tag("b", 1), tag("c", 1));
    const after = objects(tag("a", 1), tag("c", 3), tag("d", 0));
    const next = updateFrameIndex(buildFrameIndex(before), before, after, ["a", "b", "c", "d"]);
    const rebuilt = buildFrameIndex(after);
    for (const frame of [0, 1, 2, 3]) expect([...idsOnFrame(next, frame)].sort()).toEqual([...idsOnFrame(rebuilt, frame)].sort());
  });
});
