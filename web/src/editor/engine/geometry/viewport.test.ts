import { describe, expect, it } from "vitest";
import { type ImagePoint, type ScreenPoint, imagePoint, screenPoint } from "./coords";
import {
  DEFAULT_ZOOM_LIMITS,
  DELTA_LINE,
  type QuarterTurn,
  type Viewport,
  centerOn,
  effectiveZoomLimits,
  fitImage,
  fitScale,
  fitViewport,
  imageToScreen,
  imageToScreenMatrix,
  normalizeQuarterTurn,
  panBy,
  resizeCanvas,
  rotateViewport,
  screenToImage,
  screenToImageLength,
  setRotation,
  visibleImageBox,
  wheelZoomFactor,
  zoomAt,
  zoomByWheel,
  zoomTo,
  zoomToImageBox,
  zoomToScreenRect,
} from "./viewport";

const image = { width: 1000, height: 500 };
const canvas = { width: 800, height: 600 };

function expectScreenClose(actual: ScreenPoint, expected: ScreenPoint, digits = 9): void {
  expect(actual.x).toBeCloseTo(expected.x, digits);
  expect(actual.y).toBeCloseTo(expected.y, digits);
}

function expectImageClose(actual: ImagePoint, expected: ImagePoint, digits = 9): void {
  expect(actual.x).toBeCloseTo(expected.x, digits);
  expect(actual.y).toBeCloseTo(expected.y, digits);
}

/** Deterministic pseudo-random numbers (mulberry32) for property-style checks. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomViewport(next: () => number): Viewport {
  const rotations: QuarterTurn[] = [0, 90, 180, 270];
  return {
    imageSize: { width: 1 + next() * 10000, height: 1 + next() * 10000 },
    canvasSize: { width: 100 + next() * 3000, height: 100 + next() * 2000 },
    scale: 0.01 + next() * 20,
    rotation: rotations[Math.floor(next() * 4)],
    center: screenPoint(next() * 4000 - 2000, next() * 4000 - 2000),
  };
}

describe("fitting the image", () => {
  it("scales a wide image to the canvas width and centres it", () => {
    const v = fitViewport(image, canvas);
    expect(v.scale).toBe(0.8);
    expectScreenClose(imageToScreen(v, imagePoint(0, 0)), screenPoint(0, 100));
    expectScreenClose(imageToScreen(v, imagePoint(1000, 500)), screenPoint(800, 500));
  });

  it("uses the rotated size for quarter turns", () => {
    expect(fitScale(image, canvas, 90)).toBe(0.6); // 500 × 1000 on screen: the height limits
    expect(fitScale(image, canvas, 180)).toBe(0.8);
  });

  it("leaves padding on every side", () => {
    expect(fitScale(image, canvas, 0, 50)).toBe(0.7);
  });

  it("keeps the whole image visible for any size and rotation", () => {
    const next = random(7);
    for (let k = 0; k < 200; k++) {
      const v = fitImage(randomViewport(next));
      const corners = [
        imagePoint(0, 0),
        imagePoint(v.imageSize.width, 0),
        imagePoint(0, v.imageSize.height),
        imagePoint(v.imageSize.width, v.imageSize.height),
      ].map((p) => imageToScreen(v, p));
      for (const c of corners) {
        expect(c.x).toBeGreaterThanOrEqual(-1e-6);
        expect(c.y).toBeGreaterThanOrEqual(-1e-6);
        expect(c.x).toBeLessThanOrEqual(v.canvasSize.width + 1e-6);
        expect(c.y).toBeLessThanOrEqual(v.canvasSize.height + 1e-6);
      }
      // …and touches two opposite canvas sides (it is as large as it can be).
      const xs = corners.map((c) => c.x);
      const ys = corners.map((c) => c.y);
      const fillsWidth = Math.abs(Math.max(...xs) - Math.min(...xs) - v.canvasSize.width) < 1e-6;
      const fillsHeight = Math.abs(Math.max(...ys) - Math.min(...ys) - v.canvasSize.height) < 1e-6;
      expect(fillsWidth || fillsHeight).toBe(true);
    }
  });
});

describe("image ↔ screen transform", () => {
  it("round-trips image → screen → image within 1e-9 for random viewports", () => {
    const next = random(42);
    for (let k = 0; k < 500; k++) {
      const v = randomViewport(next);
      const p = imagePoint(next() * v.imageSize.width, next() * v.imageSize.height);
      const back = screenToImage(v, imageToScreen(v, p));
      expect(Math.abs(back.x - p.x)).toBeLessThan(1e-9 * Math.max(1, Math.abs(p.x)));
      expect(Math.abs(back.y - p.y)).toBeLessThan(1e-9 * Math.max(1, Math.abs(p.y)));
    }
  });

  it("turns the image clockwise by a quarter turn", () => {
    const v: Viewport = { imageSize: image, canvasSize: canvas, scale: 1, rotation: 90, center: screenPoint(400, 300) };
    // The image's top-left corner goes to the top-right on screen.
    expectScreenClose(imageToScreen(v, imagePoint(0, 0)), screenPoint(650, -200));
    expectScreenClose(imageToScreen(v, imagePoint(0, 500)), screenPoint(150, -200));
    expectScreenClose(imageToScreen(v, imagePoint(500, 250)), screenPoint(400, 300));
  });

  it("matches its matrix form", () => {
    const next = random(3);
    for (let k = 0; k < 50; k++) {
      const v = randomViewport(next);
      const m = imageToScreenMatrix(v);
      const p = imagePoint(next() * 1000, next() * 1000);
      const s = imageToScreen(v, p);
      expect(m.a * p.x + m.c * p.y + m.e).toBeCloseTo(s.x, 6);
      expect(m.b * p.x + m.d * p.y + m.f).toBeCloseTo(s.y, 6);
    }
  });

  it("converts screen lengths to image lengths by the scale", () => {
    expect(screenToImageLength({ scale: 4 }, 10)).toBe(2.5);
  });
});

describe("zooming", () => {
  it("keeps the image point under the cursor in place", () => {
    const v = fitViewport(image, canvas);
    const cursor = screenPoint(123, 456);
    const before = screenToImage(v, cursor);
    const zoomed = zoomAt(v, cursor, 3);
    expect(zoomed.scale).toBeCloseTo(2.4, 12);
    expectImageClose(screenToImage(zoomed, cursor), before);
  });

  it("keeps the point under the cursor for random wheel events and rotations", () => {
    const next = random(11);
    for (let k = 0; k < 200; k++) {
      const v = randomViewport(next);
      const cursor = screenPoint(next() * v.canvasSize.width, next() * v.canvasSize.height);
      const before = screenToImage(v, cursor);
      const zoomed = zoomByWheel(v, cursor, next() * 400 - 200);
      expectImageClose(screenToImage(zoomed, cursor), before, 6);
    }
  });

  it("zooms in when the wheel turns away from the user and out towards", () => {
    expect(wheelZoomFactor(-100)).toBeCloseTo(1.2, 12);
    expect(wheelZoomFactor(100)).toBeCloseTo(1 / 1.2, 12);
    expect(wheelZoomFactor(0)).toBe(1);
  });

  it("treats line deltas like pixel deltas of a notch", () => {
    expect(wheelZoomFactor(-3, DELTA_LINE)).toBeCloseTo(wheelZoomFactor(-99), 12);
  });

  it("limits one wheel event to two notches", () => {
    expect(wheelZoomFactor(-5000)).toBeCloseTo(1.44, 12);
  });

  it("stops at the maximum zoom", () => {
    const v = fitViewport(image, canvas);
    expect(zoomAt(v, screenPoint(0, 0), 1e6).scale).toBe(DEFAULT_ZOOM_LIMITS.max);
  });

  it("stops at the minimum zoom", () => {
    const v = fitViewport(image, canvas);
    expect(zoomAt(v, screenPoint(0, 0), 1e-6).scale).toBe(DEFAULT_ZOOM_LIMITS.min);
  });

  it("still lets a huge image zoom out to fit", () => {
    const v = fitViewport({ width: 40000, height: 20000 }, canvas);
    expect(v.scale).toBe(0.02);
    expect(effectiveZoomLimits(v).min).toBe(0.02);
    expect(zoomAt(v, screenPoint(0, 0), 0.5).scale).toBe(0.02);
  });

  it("ignores a nonsensical factor", () => {
    const v = fitViewport(image, canvas);
    expect(zoomAt(v, screenPoint(0, 0), 0)).toBe(v);
    expect(zoomAt(v, screenPoint(0, 0), Number.NaN)).toBe(v);
  });

  it("sets an absolute scale around the canvas centre", () => {
    const v = fitViewport(image, canvas);
    const centre = screenToImage(v, screenPoint(400, 300));
    const actual = zoomTo(v, 1);
    expect(actual.scale).toBe(1);
    expectImageClose(screenToImage(actual, screenPoint(400, 300)), centre);
  });
});

describe("zooming to a region", () => {
  it("fills the canvas with a dragged screen rectangle", () => {
    const v = fitViewport(image, canvas); // scale 0.8, image at y 100…500
    const zoomed = zoomToScreenRect(v, screenPoint(0, 100), screenPoint(400, 300));
    expect(zoomed.scale).toBeCloseTo(1.6, 12); // 400 × 200 → 800 × 600: width limits (×2)
    // The centre of the dragged rectangle is now the centre of the canvas.
    expectImageClose(screenToImage(zoomed, screenPoint(400, 300)), imagePoint(250, 125));
  });

  it("does nothing for a click without a drag", () => {
    const v = fitViewport(image, canvas);
    expect(zoomToScreenRect(v, screenPoint(10, 10), screenPoint(10.5, 10.2))).toBe(v);
  });

  it("fills the canvas with an image box, padding included, respecting rotation", () => {
    const v = rotateViewport(fitViewport(image, canvas), 1);
    const zoomed = zoomToImageBox(v, { xtl: 100, ytl: 100, xbr: 300, ybr: 200 }, 50);
    // On screen the 200 × 100 box stands 100 wide × 200 high: min(700 / 100, 500 / 200) = 2.5.
    expect(zoomed.scale).toBeCloseTo(2.5, 12);
    expectScreenClose(imageToScreen(zoomed, imagePoint(200, 150)), screenPoint(400, 300));
  });

  it("centres an image point", () => {
    const v = centerOn(fitViewport(image, canvas), imagePoint(10, 20), 2);
    expectScreenClose(imageToScreen(v, imagePoint(10, 20)), screenPoint(400, 300));
    expect(v.scale).toBe(2);
  });
});

describe("panning", () => {
  it("moves every image point by the screen delta", () => {
    const v = fitViewport(image, canvas);
    const p = imagePoint(321, 45);
    const moved = panBy(v, 15, -7);
    const a = imageToScreen(v, p);
    expectScreenClose(imageToScreen(moved, p), screenPoint(a.x + 15, a.y - 7));
  });
});

describe("rotating", () => {
  it("adds 90° clockwise and subtracts 90° anticlockwise", () => {
    const v = fitViewport(image, canvas);
    expect(rotateViewport(v, 1).rotation).toBe(90);
    expect(rotateViewport(v, -1).rotation).toBe(270);
  });

  it("keeps the image point at the canvas centre there", () => {
    const v = panBy(fitViewport(image, canvas), 37, -12);
    const centre = screenToImage(v, screenPoint(400, 300));
    expectImageClose(screenToImage(rotateViewport(v, 1), screenPoint(400, 300)), centre);
  });

  it("is the identity after four turns either way", () => {
    const next = random(5);
    for (let k = 0; k < 100; k++) {
      const v = randomViewport(next);
      const cw = rotateViewport(rotateViewport(rotateViewport(rotateViewport(v, 1), 1), 1), 1);
      const ccw = rotateViewport(rotateViewport(rotateViewport(rotateViewport(v, -1), -1), -1), -1);
      expect(cw).toEqual(v);
      expect(ccw).toEqual(v);
    }
  });

  it("undoes a clockwise turn with an anticlockwise one", () => {
    const v = panBy(fitViewport(image, canvas), 5, 9);
    expect(rotateViewport(rotateViewport(v, 1), -1)).toEqual(v);
  });

  it("applies a stored rotation", () => {
    const v = fitViewport(image, canvas);
    expect(setRotation(v, 180).rotation).toBe(180);
    expect(setRotation(v, 0)).toBe(v);
  });

  it("normalises angles to quarter turns", () => {
    expect(normalizeQuarterTurn(-90)).toBe(270);
    expect(normalizeQuarterTurn(450)).toBe(90);
    expect(normalizeQuarterTurn(360)).toBe(0);
  });
});

describe("canvas and frame changes", () => {
  it("keeps the picture centred when the canvas grows", () => {
    const v = fitViewport(image, canvas);
    const centre = screenToImage(v, screenPoint(400, 300));
    const resized = resizeCanvas(v, { width: 1000, height: 800 });
    expectImageClose(screenToImage(resized, screenPoint(500, 400)), centre);
  });

  it("reports the visible part of the image", () => {
    const v = fitViewport(image, canvas);
    const box = visibleImageBox(v);
    expect(box.xtl).toBeCloseTo(0, 9);
    expect(box.xbr).toBeCloseTo(1000, 9);
    expect(box.ytl).toBeCloseTo(-125, 9);
    expect(box.ybr).toBeCloseTo(625, 9);
  });
});
