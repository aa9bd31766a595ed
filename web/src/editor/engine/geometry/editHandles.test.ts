import { describe, expect, it } from "vitest";
import { imagePoint } from "./coords";
import { boxFromCorners, boxesIntersect, shapesInBox } from "./boxSelection";
import { clampToImage, clampTranslation, dragHandle, editHandles, pickHandle, type EditableShape } from "./editHandles";

const image = { width: 100, height: 80 };
const rect: EditableShape = { type: "rectangle", points: [10, 20, 50, 40], rotation: 0 };

function close(actual: readonly number[], expected: readonly number[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
}

describe("edit handles", () => {
  it("gives a vertex handle per point of vertex shapes", () => {
    const handles = editHandles({ type: "polyline", points: [1, 2, 3, 4, 5, 6], rotation: 0 }, 10);
    expect(handles.map((h) => h.kind)).toEqual(["vertex", "vertex", "vertex"]);
    expect(handles[2].point).toEqual(imagePoint(5, 6));
  });

  it("gives eight resize handles and a rotation handle above the top edge of a rectangle", () => {
    const handles = editHandles(rect, 10);
    expect(handles).toHaveLength(9);
    const se = handles.find((h) => h.kind === "resize" && h.handle === "se");
    expect(se?.point).toEqual(imagePoint(50, 40));
    const n = handles.find((h) => h.kind === "resize" && h.handle === "n");
    expect(n?.point).toEqual(imagePoint(30, 20));
    const rotate = handles.find((h) => h.kind === "rotate");
    expect(rotate?.point.x).toBeCloseTo(30);
    expect(rotate?.point.y).toBeCloseTo(10);
  });

  it("turns the handles with a rotated rectangle", () => {
    const handles = editHandles({ ...rect, rotation: 90 }, 10);
    const rotate = handles.find((h) => h.kind === "rotate");
    // Centre (30, 30); the top edge's middle turned a quarter clockwise is on the right.
    expect(rotate?.point.x).toBeCloseTo(30 + 10 + 10);
    expect(rotate?.point.y).toBeCloseTo(30);
  });

  it("places ellipse handles on its box", () => {
    const handles = editHandles({ type: "ellipse", points: [50, 40, 70, 30], rotation: 0 }, 5);
    const nw = handles.find((h) => h.kind === "resize" && h.handle === "nw");
    expect(nw?.point).toEqual(imagePoint(30, 30));
  });

  it("has no handles for shapes it cannot edit", () => {
    expect(editHandles({ type: "mask", points: [1, 0, 0, 0, 0], rotation: 0 }, 5)).toEqual([]);
  });

  it("picks the nearest handle within the radius only", () => {
    const handles = editHandles(rect, 10);
    expect(pickHandle(handles, imagePoint(51, 41), 3)).toMatchObject({ kind: "resize", handle: "se" });
    expect(pickHandle(handles, imagePoint(30, 11), 3)).toMatchObject({ kind: "rotate" });
    expect(pickHandle(handles, imagePoint(30, 30), 3)).toBeNull();
  });
});

describe("dragging handles", () => {
  it("moves a vertex, kept inside the image", () => {
    const shape: EditableShape = { type: "polygon", points: [10, 10, 20, 10, 15, 20], rotation: 0 };
    const [, second] = editHandles(shape, 0);
    const drag = { shape, handle: second, start: second.point };
    close(dragHandle(drag, imagePoint(30, 12), image).points, [10, 10, 30, 12, 15, 20]);
    close(dragHandle(drag, imagePoint(130, -5), image).points, [10, 10, 100, 0, 15, 20]);
  });

  it("resizes a rectangle by a corner and by an edge with the opposite side fixed", () => {
    const handles = editHandles(rect, 10);
    const se = handles.find((h) => h.kind === "resize" && h.handle === "se")!;
    close(dragHandle({ shape: rect, handle: se, start: se.point }, imagePoint(60, 70), image).points, [10, 20, 60, 70]);
    const w = handles.find((h) => h.kind === "resize" && h.handle === "w")!;
    close(dragHandle({ shape: rect, handle: w, start: w.point }, imagePoint(0, 99), image).points, [0, 20, 50, 40]);
  });

  it("resizes an ellipse through its box", () => {
    const ellipse: EditableShape = { type: "ellipse", points: [50, 40, 70, 30], rotation: 0 };
    const e = editHandles(ellipse, 5).find((h) => h.kind === "resize" && h.handle === "e")!;
    // Box 30..70 × 30..50; the right edge to x = 90 → centre x 60, rx 30.
    close(dragHandle({ shape: ellipse, handle: e, start: e.point }, imagePoint(90, 40), image).points, [60, 40, 90, 30]);
  });

  it("rotates by the angle swept around the centre, in 15° steps with Shift", () => {
    const rotate = editHandles(rect, 10).find((h) => h.kind === "rotate")!;
    const drag = { shape: rect, handle: rotate, start: rotate.point };
    // From straight above the centre (30, 30) to its right: a quarter turn clockwise.
    const turned = dragHandle(drag, imagePoint(60, 30), image);
    expect(turned.rotation).toBeCloseTo(90);
    close(turned.points, rect.points);
    // About 37° snaps to 30° with Shift, stays 36.9° without.
    expect(dragHandle(drag, imagePoint(33, 26), image, true).rotation).toBe(30);
    expect(dragHandle(drag, imagePoint(33, 26), image, false).rotation).toBeCloseTo(36.9, 1);
  });

  it("clamps points to the image", () => {
    expect(clampToImage(imagePoint(-3, 200), image)).toEqual(imagePoint(0, 80));
  });
});

describe("box selection", () => {
  it("finds the shapes whose bounds meet a dragged box", () => {
    const shapes = [
      { id: "a", type: "rectangle" as const, points: [0, 0, 10, 10], rotation: 0 },
      { id: "b", type: "polygon" as const, points: [50, 50, 60, 50, 55, 60], rotation: 0 },
    ];
    const box = boxFromCorners(imagePoint(12, 12), imagePoint(5, 5));
    expect(box).toEqual({ xtl: 5, ytl: 5, xbr: 12, ybr: 12 });
    expect(shapesInBox(shapes, box).map((s) => s.id)).toEqual(["a"]);
    expect(shapesInBox(shapes, boxFromCorners(imagePoint(0, 0), imagePoint(70, 70)))).toHaveLength(2);
    expect(boxesIntersect({ xtl: 0, ytl: 0, xbr: 1, ybr: 1 }, { xtl: 2, ytl: 2, xbr: 3, ybr: 3 })).toBe(false);
  });
});

describe("moving inside the image", () => {
  const bounds = { xtl: 10, ytl: 20, xbr: 50, ybr: 40 };

  it("stops a move at the image's edges", () => {
    expect(clampTranslation(bounds, -30, 5, image)).toEqual({ dx: -10, dy: 5 });
    expect(clampTranslation(bounds, 80, 60, image)).toEqual({ dx: 50, dy: 40 });
  });

  it("lets a shape that sticks out move back in, not further out", () => {
    const out = { xtl: -5, ytl: 0, xbr: 20, ybr: 10 };
    expect(clampTranslation(out, -3, 0, image)).toEqual({ dx: 0, dy: 0 });
    expect(clampTranslation(out, 4, 0, image)).toEqual({ dx: 4, dy: 0 });
  });
});
