/**
 * The frame's objects of a busy video job: 3,000 shapes on frame 0 and 300 tracks of 100 keyframes
 * each, all shown there. Figures are printed; the bounds are generous (shared CI cores) and only
 * catch a change that expands whole tracks, or re-sorts the frame, on every drag move.
 */
import { describe, expect, it } from "vitest";
import { setPoints } from "../engine/document/commands";
import type { ServerTrack } from "../engine/document/serverFormat";
import { labeledData, loadedStore, serverPolygon } from "../engine/document/testFixtures";
import { createFrameObjectsMemo } from "./frameObjects";

const SHAPES = 3000;
const TRACKS = 300;
const KEYFRAMES = 100;
const NONE = new Set<number>();

function busyJob() {
  const tracks: ServerTrack[] = Array.from({ length: TRACKS }, (_, t) => ({
    id: t + 1,
    frame: 0,
    label_id: 1,
    shapes: Array.from({ length: KEYFRAMES }, (_, k) => ({
      type: "rectangle" as const,
      frame: 5 * k,
      points: [t + k, t, t + k + 40, t + 30],
      z_order: t % 5,
    })),
  }));
  return loadedStore(labeledData({ shapes: Array.from({ length: SHAPES }, (_, i) => serverPolygon(i + 1, 0, 20)), tracks }));
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe(`a frame of ${SHAPES} shapes and ${TRACKS} tracks`, () => {
  it("is listed quickly on a frame switch, and a drag move of one track does not start it over", () => {
    const store = busyJob();
    const memo = createFrameObjectsMemo();
    const list = (frame: number) => memo(store.getState().document, store.getState().frameIndex, frame, { deletedFrames: NONE });
    list(0); // warm-up: the tracks' timelines are built once
    // A frame switch to a frame not remembered: every shape sorted, every track resolved.
    const switched = time(() => list(1));
    list(0);
    const moves = 20;
    let shown = 0;
    const dragged = time(() => {
      for (let i = 1; i <= moves; i += 1) {
        setPoints(store, "track:7", [i, 0, i + 40, 30], undefined, { frame: 0, deletedFrames: NONE });
        shown = list(0).length;
      }
    });
    const perMove = dragged / moves;
    console.log(`frame 1 listed in ${switched.toFixed(1)} ms; a track drag move (edit + list) ${perMove.toFixed(2)} ms`);
    expect(shown).toBe(SHAPES + TRACKS);
    expect(switched).toBeLessThan(500);
    expect(perMove).toBeLessThan(50);
  });
});
