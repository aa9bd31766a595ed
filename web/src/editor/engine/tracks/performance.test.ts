/**
 * Drawing a frame of a long, busy job: 500 tracks of 1,000 keyframes over 3,000 frames, half
 * rectangles and half 20-point polygons. Figures are printed; the bounds are generous on purpose
 * (shared CI cores), they only catch a change that walks or expands whole tracks per frame.
 */

import { describe, expect, it } from "vitest";
import type { TrackObject } from "../document/model";
import { trackFramesOn } from "./frames";
import { keyframe, track } from "./testFixtures";

const TRACKS = 500;
const KEYFRAMES = 1000;

function polygon(cx: number, cy: number, r: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < 20; i++) {
    const angle = (i * Math.PI) / 10;
    points.push(cx + r * Math.cos(angle), cy + r * Math.sin(angle));
  }
  return points;
}

function busyJob(): TrackObject[] {
  return Array.from({ length: TRACKS }, (_, t) =>
    track(
      Array.from({ length: KEYFRAMES }, (_, k) => {
        const frame = 3 * k + (t % 3); // keyframes every 3 frames: the job spans 3,000 frames
        const x = (t * 7 + k) % 1000;
        return t % 2 === 0
          ? keyframe(frame, [x, x, x + 40, x + 30], { rotation: k % 360 })
          : keyframe(frame, polygon(x, 500, 20 + (k % 7)), { type: "polygon" });
      }),
      { clientId: `track:${t}` },
    ),
  );
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe(`a job of ${TRACKS} tracks of ${KEYFRAMES} keyframes`, () => {
  it("shows every track on a frame well within a 60 fps frame, once the tracks are known", () => {
    const tracks = busyJob();
    const first = time(() => trackFramesOn(tracks, 0));
    let shown = 0;
    const frames = 200;
    const played = time(() => {
      for (let frame = 1000; frame < 1000 + frames; frame++) shown += trackFramesOn(tracks, frame).shown.length;
    });
    const perFrame = played / frames;
    console.log(`first frame ${first.toFixed(1)} ms (indexing), then ${perFrame.toFixed(2)} ms per frame`);
    expect(shown).toBe(TRACKS * frames);
    expect(perFrame).toBeLessThan(16);
  });
});
