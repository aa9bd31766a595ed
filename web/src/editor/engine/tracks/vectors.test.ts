/**
 * The editor reproduces the server's track expansion bit for bit: every case of the shared vectors
 * (tests/vectors/interpolation.json, written by tests/unit/test_interpolation.py), both through the
 * ported range expansion and frame by frame through the canvas's per-frame queries.
 *
 * The vectors are CVAT JSON; tracks enter through the editor's own server converter, and expected
 * shapes are turned into the editor's shape type. Attribute lists become the model's maps keyed by
 * spec id (their order is not part of the model), which loses nothing because no list repeats an id
 * (checked). Numbers are compared exactly (`Object.is`, so even the sign of a zero counts).
 *
 * To extend the vectors, add a case to VECTOR_CASES in tests/unit/test_interpolation.py, rewrite
 * the file with `.venv/bin/python tests/unit/test_interpolation.py`, and run both that pytest file
 * and this one: both sides must pass every case.
 */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ShapeType } from "../document/model";
import {
  attributesFromServer,
  trackFromServer,
  type ServerAttribute,
  type ServerTrack,
} from "../document/serverFormat";
import { expandSkeletonTrack, expandTrack } from "./expansion";
import { trackFrameAt } from "./frames";
import type { TrackFrame, TrackFrameOptions, TrackShape } from "./types";

interface VectorShape {
  type: ShapeType;
  frame: number;
  points: number[];
  rotation: number;
  occluded: boolean;
  outside: boolean;
  z_order: number;
  attributes: ServerAttribute[];
  keyframe: boolean;
  elements?: VectorShape[];
}

interface Vector {
  name: string;
  track: ServerTrack;
  start: number;
  stop: number;
  include_outside: boolean;
  deleted_frames: number[];
  included_frames: number[] | null;
  is_3d: boolean;
  expected: VectorShape[];
}

const VECTORS_URL = new URL("../../../../../tests/vectors/interpolation.json", import.meta.url);
const vectors = JSON.parse(readFileSync(VECTORS_URL, "utf-8")) as Vector[];

function optionsOf(vector: Vector): TrackFrameOptions {
  return {
    includeOutside: vector.include_outside,
    deletedFrames: new Set(vector.deleted_frames),
    includedFrames: vector.included_frames === null ? null : new Set(vector.included_frames),
    is3d: vector.is_3d,
  };
}

function trackOf(vector: Vector) {
  return trackFromServer(vector.track, `track:vector-${vector.name}`);
}

function shapeFromVector(shape: VectorShape): TrackShape {
  return {
    type: shape.type,
    frame: shape.frame,
    points: shape.points,
    rotation: shape.rotation,
    occluded: shape.occluded,
    outside: shape.outside,
    zOrder: shape.z_order,
    attributes: attributesFromServer(shape.attributes),
    keyframe: shape.keyframe,
  };
}

/** A frame without what the vectors do not record of skeleton elements (their index and label). */
function withoutElementIdentity(frame: TrackFrame) {
  return { ...frame, elements: frame.elements.map(({ elementIndex: _, labelId: __, ...shape }) => shape) };
}

function expectedFrames(vector: Vector) {
  return vector.expected.map((shape) => ({
    ...shapeFromVector(shape),
    elements: (shape.elements ?? []).map(shapeFromVector),
  }));
}

const isSkeleton = (vector: Vector): boolean => (vector.track.elements ?? []).length > 0;
const cases = vectors.map((vector) => [vector.name, vector] as const);

describe("the shared interpolation vectors", () => {
  it("are there, with distinct names", () => {
    expect(vectors.length).toBeGreaterThan(0);
    expect(new Set(vectors.map((vector) => vector.name)).size).toBe(vectors.length);
  });

  it("never repeat an attribute in one shape, so maps compare them fully", () => {
    const shapes = vectors.flatMap((vector) => vector.expected.flatMap((shape) => [shape, ...(shape.elements ?? [])]));
    for (const shape of shapes) {
      const ids = shape.attributes.map((attribute) => attribute.spec_id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("compare numbers exactly, down to the sign of zero", () => {
    expect([0]).not.toStrictEqual([-0]);
    expect([0.1 + 0.2]).not.toStrictEqual([0.3]);
  });

  it.each(cases)("expanding a range reproduces %j", (_, vector) => {
    const track = trackOf(vector);
    const options = optionsOf(vector);
    if (isSkeleton(vector)) {
      const frames = expandSkeletonTrack(track, vector.start, vector.stop, options);
      expect(frames.map(withoutElementIdentity)).toStrictEqual(expectedFrames(vector));
    } else {
      const shapes = expandTrack(track, vector.start, vector.stop, options);
      expect(shapes).toStrictEqual(vector.expected.map(shapeFromVector));
    }
  });

  it.each(cases)("asking frame by frame reproduces %j", (_, vector) => {
    const track = trackOf(vector);
    const options = optionsOf(vector);
    const frames: TrackFrame[] = [];
    for (let frame = vector.start; frame <= vector.stop; frame++) {
      const shown = trackFrameAt(track, frame, options);
      if (shown !== null) frames.push(shown);
    }
    expect(frames.map(withoutElementIdentity)).toStrictEqual(expectedFrames(vector));
  });

  it("label skeleton elements with their sub-track's label and position", () => {
    const vector = vectors.find(isSkeleton);
    expect(vector).toBeDefined();
    if (vector === undefined) return;
    const track = trackOf(vector);
    for (const frame of expandSkeletonTrack(track, vector.start, vector.stop, optionsOf(vector))) {
      for (const element of frame.elements) {
        expect(element.labelId).toBe(track.elements[element.elementIndex].labelId);
      }
    }
  });
});
