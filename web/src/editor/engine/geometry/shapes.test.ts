import { describe, expect, it } from "vitest";
import { type ImageBox, type ImagePoint, imagePoint } from "./coords";
import {
  angleFromCenter,
  boundingBox,
  boundingBoxOfAll,
  ellipseFromBox,
  ellipseFromBoxCorners,
  ellipseFromCenterAndCorner,
  ellipseRadii,
  ellipseToBox,
  normalizeRotation,
  rectangleCorners,
  rememberedBoundingBox,
  rectangleFromCorners,
  rectangleFromExtremePoints,
  resizeBox,
  rotatePoint,
  rotationFromHandle,
  rotationHandlePosition,
  snapAngle,
  translateShapePoints,
} from "./shapes";

function expectPointsClose(actual: readonly ImagePoint[], expected: readonly ImagePoint[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((p, i) => {
    expect(p.x).toBeCloseTo(expected[i].x, 9);
    expect(p.y).toBeCloseTo(expected[i].y, 9);
  });
}

function expectBoxClose(actual: ImageBox | null, expected: ImageBox): void {
  expect(actual).not.toBeNull();
  const box = actual as ImageBox;
  expect(box.xtl).toBeCloseTo(expected.xtl, 9);
  expect(box.ytl).toBeCloseTo(expected.ytl, 9);
  expect(box.xbr).toBeCloseTo(expected.xbr, 9);
  expect(box.ybr).toBeCloseTo(expected.ybr, 9);
}

function expectFlatClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 9));
}

describe("rectangles", () => {
  it("are built from two corners in any order", () => {
    expect(rectangleFromCorners(imagePoint(30, 5), imagePoint(10, 25))).toEqual([10, 5, 30, 25]);
  });

  it("are built from four extreme points as their bounding box", () => {
    const top = imagePoint(50, 10);
    const bottom = imagePoint(40, 90);
    const left = imagePoint(5, 60);
    const right = imagePoint(95, 30);
    expect(rectangleFromExtremePoints([top, right, bottom, left])).toEqual([5, 10, 95, 90]);
  });

  it("refuse extreme points other than four", () => {
    expect(() => rectangleFromExtremePoints([imagePoint(0, 0)])).toThrow(RangeError);
  });

  it("list their corners clockwise from the top-left", () => {
    expect(rectangleCorners([0, 0, 4, 2])).toEqual([
      imagePoint(0, 0),
      imagePoint(4, 0),
      imagePoint(4, 2),
      imagePoint(0, 2),
    ]);
  });

  it("turn their corners clockwise on screen about the centre", () => {
    // A 4 × 2 box centred at (2, 1) turned by 90°: the top-left corner goes to the top-right.
    expectPointsClose(rectangleCorners([0, 0, 4, 2], 90), [
      imagePoint(3, -1),
      imagePoint(3, 3),
      imagePoint(1, 3),
      imagePoint(1, -1),
    ]);
  });

  it("are bounded by their rotated corners", () => {
    const s = Math.SQRT1_2;
    // A 2 × 2 square at the origin turned by 45° becomes a diamond of half-diagonal √2.
    expectBoxClose(boundingBox({ type: "rectangle", points: [-1, -1, 1, 1], rotation: 45 }), {
      xtl: -2 * s,
      ytl: -2 * s,
      xbr: 2 * s,
      ybr: 2 * s,
    });
  });
});

describe("ellipses", () => {
  it("are stored as centre and the right/top point", () => {
    expect(ellipseFromCenterAndCorner(imagePoint(50, 40), imagePoint(20, 60))).toEqual([50, 40, 80, 20]);
    expect(ellipseRadii([50, 40, 80, 20])).toEqual({ cx: 50, cy: 40, rx: 30, ry: 20 });
  });

  it("can be inscribed in the box of two opposite corners", () => {
    expect(ellipseFromBoxCorners(imagePoint(10, 10), imagePoint(30, 50))).toEqual([20, 30, 30, 10]);
  });

  it("convert to and from their unrotated box", () => {
    expect(ellipseToBox([20, 30, 30, 10])).toEqual([10, 10, 30, 50]);
    expect(ellipseFromBox([10, 10, 30, 50])).toEqual([20, 30, 30, 10]);
  });

  it("are bounded exactly when unrotated", () => {
    expect(boundingBox({ type: "ellipse", points: [20, 30, 30, 10] })).toEqual({ xtl: 10, ytl: 10, xbr: 30, ybr: 50 });
  });

  it("swap their extents when turned by 90°", () => {
    expectBoxClose(boundingBox({ type: "ellipse", points: [0, 0, 30, -10], rotation: 90 }), {
      xtl: -10,
      ytl: -30,
      xbr: 10,
      ybr: 30,
    });
  });

  it("are bounded tightly at any angle", () => {
    // rx = 2, ry = 1 at 45°: half-extent √((4 + 1) / 2) on both axes.
    const h = Math.sqrt(2.5);
    expectBoxClose(boundingBox({ type: "ellipse", points: [0, 0, 2, -1], rotation: 45 }), {
      xtl: -h,
      ytl: -h,
      xbr: h,
      ybr: h,
    });
  });
});

describe("bounding boxes of other shapes", () => {
  it("bound polygons, polylines and points by their vertices", () => {
    for (const type of ["polygon", "polyline", "points"] as const) {
      expect(boundingBox({ type, points: [3, 9, 7, 1, 5, 4] })).toEqual({ xtl: 3, ytl: 1, xbr: 7, ybr: 9 });
    }
  });

  it("cover a mask's inclusive pixel box", () => {
    // 2 × 3 box at left 4, top 5: right 5, bottom 7 inclusive.
    expect(boundingBox({ type: "mask", points: [0, 6, 4, 5, 5, 7] })).toEqual({ xtl: 4, ytl: 5, xbr: 6, ybr: 8 });
  });

  it("have none for a skeleton without own points", () => {
    expect(boundingBox({ type: "skeleton", points: [] })).toBeNull();
  });

  it("join across several shapes (a skeleton's elements)", () => {
    expect(
      boundingBoxOfAll([
        { type: "points", points: [1, 2] },
        { type: "skeleton", points: [] },
        { type: "points", points: [5, -3] },
      ]),
    ).toEqual({ xtl: 1, ytl: -3, xbr: 5, ybr: 2 });
    expect(boundingBoxOfAll([])).toBeNull();
  });

  it("are remembered per shape object, and an edited (new) object gets its own", () => {
    const shape = { type: "polygon" as const, points: [0, 0, 10, 0, 10, 5] };
    const first = rememberedBoundingBox(shape);
    expect(first).toEqual({ xtl: 0, ytl: 0, xbr: 10, ybr: 5 });
    expect(rememberedBoundingBox(shape)).toBe(first);
    const moved = { ...shape, points: [20, 0, 30, 0, 30, 5] };
    expect(rememberedBoundingBox(moved)).toEqual({ xtl: 20, ytl: 0, xbr: 30, ybr: 5 });
  });
});

describe("rotation", () => {
  it("normalises angles to [0, 360)", () => {
    expect(normalizeRotation(-15)).toBe(345);
    expect(normalizeRotation(360)).toBe(0);
    expect(normalizeRotation(725)).toBe(5);
    expect(Object.is(normalizeRotation(-0), 0)).toBe(true);
  });

  it("turns points clockwise on screen", () => {
    const p = rotatePoint(imagePoint(1, 0), imagePoint(0, 0), 90);
    expect(p.x).toBeCloseTo(0, 12);
    expect(p.y).toBeCloseTo(1, 12);
  });

  it("measures the handle's direction clockwise from straight up", () => {
    const c = imagePoint(10, 10);
    expect(angleFromCenter(c, imagePoint(10, 0))).toBe(0);
    expect(angleFromCenter(c, imagePoint(20, 10))).toBe(90);
    expect(angleFromCenter(c, imagePoint(10, 20))).toBe(180);
    expect(angleFromCenter(c, imagePoint(0, 10))).toBe(270);
  });

  it("follows the handle by the angle swept around the centre", () => {
    const center = imagePoint(0, 0);
    const rotation = rotationFromHandle({
      center,
      startRotation: 10,
      startPointer: imagePoint(0, -50),
      pointer: imagePoint(50, -50),
      snap: false,
    });
    expect(rotation).toBeCloseTo(55, 9);
  });

  it("snaps to 15° steps with Shift", () => {
    const rotation = rotationFromHandle({
      center: imagePoint(0, 0),
      startRotation: 0,
      startPointer: imagePoint(0, -10),
      pointer: rotatePoint(imagePoint(0, -10), imagePoint(0, 0), 37),
      snap: true,
    });
    expect(rotation).toBe(30);
  });

  it("snaps to tenths of a degree without Shift", () => {
    expect(snapAngle(12.3456, 0.1)).toBe(12.3);
  });

  it("wraps past a full turn back into [0, 360)", () => {
    const rotation = rotationFromHandle({
      center: imagePoint(0, 0),
      startRotation: 350,
      startPointer: imagePoint(0, -10),
      pointer: imagePoint(10, -10), // +45°
      snap: true,
    });
    expect(rotation).toBe(30); // 350 + 45 = 395 snaps to 390, i.e. 30
  });

  it("places the rotation handle above the top edge, turning with the shape", () => {
    const handle = rotationHandlePosition([0, 0, 10, 20], 90, 5);
    // Unrotated: (5, −5); about the centre (5, 10) by 90° → (20, 10).
    expect(handle.x).toBeCloseTo(20, 9);
    expect(handle.y).toBeCloseTo(10, 9);
  });
});

describe("moving shapes", () => {
  it("translates every point", () => {
    expect(translateShapePoints("polygon", [0, 0, 10, 0, 5, 5], 2, -1)).toEqual([2, -1, 12, -1, 7, 4]);
  });

  it("moves only a mask's box, by whole pixels", () => {
    expect(translateShapePoints("mask", [0, 6, 4, 5, 5, 7], 2.4, -1.6)).toEqual([0, 6, 6, 3, 7, 5]);
  });
});

describe("resizing boxes", () => {
  it("keeps the opposite corner fixed when dragging a corner", () => {
    expect(resizeBox([10, 10, 30, 20], 0, "se", imagePoint(50, 40))).toEqual([10, 10, 50, 40]);
    expect(resizeBox([10, 10, 30, 20], 0, "nw", imagePoint(0, 5))).toEqual([0, 5, 30, 20]);
  });

  it("changes one side only when dragging an edge", () => {
    expect(resizeBox([10, 10, 30, 20], 0, "e", imagePoint(45, 999))).toEqual([10, 10, 45, 20]);
    expect(resizeBox([10, 10, 30, 20], 0, "n", imagePoint(-999, 0))).toEqual([10, 0, 30, 20]);
  });

  it("flips when dragged past the fixed side", () => {
    expect(resizeBox([10, 10, 30, 20], 0, "e", imagePoint(0, 15))).toEqual([0, 10, 10, 20]);
  });

  it("keeps the fixed corner in place for a rotated box", () => {
    const box = [0, 0, 20, 10];
    const rotation = 30;
    const fixedBefore = rectangleCorners(box, rotation)[0]; // nw stays when dragging se
    const resized = resizeBox(box, rotation, "se", imagePoint(40, 40));
    const corners = rectangleCorners(resized, rotation);
    expect(corners[0].x).toBeCloseTo(fixedBefore.x, 9);
    expect(corners[0].y).toBeCloseTo(fixedBefore.y, 9);
    // …and the dragged corner lands on the pointer.
    expect(corners[2].x).toBeCloseTo(40, 9);
    expect(corners[2].y).toBeCloseTo(40, 9);
  });

  it("resizes a rotated box along its own axes when dragging an edge", () => {
    const resized = resizeBox([0, 0, 20, 10], 90, "e", imagePoint(10, 25));
    // Turned by 90°, the box's x axis points down the screen: the east edge moves to y = 25.
    expectFlatClose(rectangleCorners(resized, 90).flatMap((p) => [p.x, p.y]), [
      15, -5, 15, 25, 5, 25, 5, -5,
    ]);
  });
});
