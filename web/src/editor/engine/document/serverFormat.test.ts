import { describe, expect, it } from "vitest";
import type { ShapeObject, TagObject, TrackObject } from "./model";
import {
  annotationsFromServer,
  attributesFromServer,
  attributesToServer,
  shapeToServer,
  tagToServer,
  trackToServer,
  type ServerShape,
} from "./serverFormat";
import { labeledData, serverRectangle, serverTag, serverTrack } from "./testFixtures";

describe("annotationsFromServer", () => {
  it("gives every object a client id derived from its kind and server id", () => {
    const loaded = annotationsFromServer(
      labeledData({ shapes: [serverRectangle(4, 0)], tags: [serverTag(4, 0)], tracks: [serverTrack(4)] }),
    );
    expect(Object.keys(loaded.objects)).toEqual(["tag:4", "shape:4", "track:4"]);
    expect(loaded.serverIds).toEqual({ "tag:4": 4, "shape:4": 4, "track:4": 4 });
  });

  it("maps the server's fields onto the model", () => {
    const loaded = annotationsFromServer(
      labeledData({
        shapes: [
          serverRectangle(1, 6, {
            label_id: 3,
            z_order: 2,
            rotation: 45,
            occluded: true,
            group: null,
            source: "auto",
            score: 0.5,
            attributes: [{ spec_id: 9, value: "x" }],
          }),
        ],
      }),
    );
    expect(loaded.objects["shape:1"]).toEqual({
      kind: "shape",
      clientId: "shape:1",
      type: "rectangle",
      frame: 6,
      labelId: 3,
      attributes: { 9: "x" },
      group: 0,
      source: "auto",
      points: [10, 10, 50, 40],
      rotation: 45,
      occluded: true,
      outside: false,
      zOrder: 2,
      score: 0.5,
      elements: [],
      extras: {},
    });
  });

  it("fills CVAT's defaults for fields the server left out", () => {
    const minimal: ServerShape = { id: 1, type: "points", frame: 0, label_id: 1 };
    const shape = annotationsFromServer(labeledData({ shapes: [minimal] })).objects["shape:1"] as ShapeObject;
    expect(shape).toMatchObject({ points: [], rotation: 0, occluded: false, outside: false, zOrder: 0, group: 0, source: "manual", score: 1 });
  });

  it("keeps the version and the envelope's other fields", () => {
    const loaded = annotationsFromServer({ ...labeledData({ version: 12 }), intervals: [{ id: 1 }] });
    expect(loaded.version).toBe(12);
    expect(loaded.envelope).toEqual({ intervals: [{ id: 1 }] });
  });

  it("keeps fields it does not model as extras", () => {
    const shape = { ...serverRectangle(1, 0), confidence_note: "kept" } as ServerShape;
    const loaded = annotationsFromServer(labeledData({ shapes: [shape] }));
    expect(loaded.objects["shape:1"].extras).toEqual({ confidence_note: "kept" });
  });

  it("reads skeleton elements and track keyframes", () => {
    const skeleton = serverRectangle(2, 3, {
      type: "skeleton",
      points: [],
      elements: [{ id: 50, type: "points", frame: 3, label_id: 11, points: [1, 2], outside: true, attributes: [] }],
    });
    const loaded = annotationsFromServer(labeledData({ shapes: [skeleton], tracks: [serverTrack(1)] }));
    expect((loaded.objects["shape:2"] as ShapeObject).elements[0]).toMatchObject({ labelId: 11, points: [1, 2], outside: true });
    const track = loaded.objects["track:1"] as TrackObject;
    expect(track.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [0, false],
      [5, true],
    ]);
    expect(track.attributes).toEqual({ 7: "car" });
  });
});

describe("objects back to the server", () => {
  it("writes a loaded shape back as it came", () => {
    const original = serverRectangle(1, 6, { z_order: 2, attributes: [{ spec_id: 9, value: "x" }], group: 3 });
    const shape = annotationsFromServer(labeledData({ shapes: [original] })).objects["shape:1"] as ShapeObject;
    expect(shapeToServer(shape, 1)).toEqual(original);
  });

  it("writes a tag back as it came", () => {
    const original = serverTag(5, 2, { attributes: [{ spec_id: 1, value: "a" }] });
    const loaded = annotationsFromServer(labeledData({ tags: [original] }));
    expect(tagToServer(loaded.objects["tag:5"] as TagObject, 5)).toEqual(original);
  });

  it("writes a track back with everything but the keyframes' ids", () => {
    const original = serverTrack(1);
    const track = annotationsFromServer(labeledData({ tracks: [original] })).objects["track:1"] as TrackObject;
    const expected = { ...original, shapes: original.shapes.map(({ id: _id, ...rest }) => rest) };
    expect(trackToServer(track, 1)).toEqual(expected);
  });

  it("writes a track's keyframes in frame order, as the server wants them", () => {
    const loaded = annotationsFromServer(labeledData({ tracks: [serverTrack(1)] })).objects["track:1"] as TrackObject;
    const shuffled = { ...loaded, keyframes: [...loaded.keyframes].reverse() };
    expect(trackToServer(shuffled, 1).shapes.map((s) => s.frame)).toEqual([0, 5]);
  });

  it("leaves out the id of an object the server does not have yet", () => {
    const shape = annotationsFromServer(labeledData({ shapes: [serverRectangle(1, 0)] })).objects["shape:1"] as ShapeObject;
    expect(shapeToServer(shape, null)).not.toHaveProperty("id");
  });

  it("echoes extras, and the modelled fields win over them", () => {
    const shape = { ...serverRectangle(1, 0), future_field: [1] } as ServerShape;
    const loaded = annotationsFromServer(labeledData({ shapes: [shape] })).objects["shape:1"] as ShapeObject;
    expect(shapeToServer({ ...loaded, frame: 9 }, 1)).toMatchObject({ future_field: [1], frame: 9 });
  });

  it("writes skeleton elements on their parent's frame, without their old ids", () => {
    const skeleton = serverRectangle(2, 3, {
      type: "skeleton",
      points: [],
      elements: [{ id: 50, type: "points", frame: 3, label_id: 11, points: [1, 2], attributes: [] }],
    });
    const loaded = annotationsFromServer(labeledData({ shapes: [skeleton] })).objects["shape:2"] as ShapeObject;
    const [element] = shapeToServer({ ...loaded, frame: 8 }, 2).elements ?? [];
    expect(element).toMatchObject({ frame: 8, label_id: 11, points: [1, 2], type: "points" });
    expect(element).not.toHaveProperty("id");
  });

  it("converts attributes both ways", () => {
    const values = [
      { spec_id: 3, value: "b" },
      { spec_id: 12, value: "" },
    ];
    expect(attributesToServer(attributesFromServer(values))).toEqual(values);
  });
});
