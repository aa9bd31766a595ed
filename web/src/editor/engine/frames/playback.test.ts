import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { JobFrames } from "./meta";
import { FRAME_SPEEDS, type PlaybackClock, Player, type PlayerOptions, frameIntervalMs } from "./playback";
import { type Deferred, deferred, flush, jobFrames } from "./testFixtures";

// The browser's timers are a valid clock.
export const browserClock: PlaybackClock = globalThis;

/** A frame supply where the test decides which frames are decoded. */
class FakeSupply {
  readonly ready = new Set<number>();
  readonly pending = new Map<number, Deferred<unknown>>();
  readonly requested: number[] = [];

  isFrameReady(frame: number): boolean {
    return this.ready.has(frame);
  }

  loadFrame(frame: number, signal?: AbortSignal): Promise<unknown> {
    this.requested.push(frame);
    const load = deferred<unknown>();
    this.pending.set(frame, load);
    signal?.addEventListener("abort", () => load.reject(new DOMException("aborted", "AbortError")));
    return load.promise;
  }

  arrive(frame: number): void {
    this.ready.add(frame);
    this.pending.get(frame)?.resolve(undefined);
  }
}

function setup(frames: JobFrames, options: Partial<PlayerOptions> = {}) {
  const supply = new FakeSupply();
  for (const frame of frames.frames) supply.ready.add(frame);
  const shown: number[] = [];
  const stops: string[] = [];
  const player = new Player({
    frames,
    supply,
    clock: globalThis,
    onFrame: (frame) => shown.push(frame),
    onStop: (reason) => stops.push(reason),
    fps: 10,
    ...options,
  });
  return { player, supply, shown, stops };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("frameIntervalMs", () => {
  it("is one second divided by the speed", () => {
    expect(frameIntervalMs(FRAME_SPEEDS.usual)).toBe(40);
    expect(frameIntervalMs(FRAME_SPEEDS.fastest)).toBe(10);
    expect(frameIntervalMs(FRAME_SPEEDS.slowest)).toBe(1000);
  });

  it("keeps absurd speeds finite", () => {
    expect(frameIntervalMs(0)).toBe(60_000);
    expect(frameIntervalMs(Number.NaN)).toBe(40);
  });
});

describe("Player", () => {
  it("shows the next frame every 1/fps seconds", () => {
    const { player, shown } = setup(jobFrames({ stop: 9 }));
    player.play(2);
    vi.advanceTimersByTime(99);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([3]);
    vi.advanceTimersByTime(200);
    expect(shown).toEqual([3, 4, 5]);
  });

  it("stops on the last frame", () => {
    const { player, shown, stops } = setup(jobFrames({ stop: 3 }));
    player.play(1);
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([2, 3]);
    expect(stops).toEqual(["end"]);
    expect(player.state).toBe("stopped");
  });

  it("does not start on the last frame", () => {
    const { player, stops } = setup(jobFrames({ stop: 3 }));
    expect(player.play(3)).toBe(false);
    expect(player.isPlaying).toBe(false);
    expect(stops).toEqual([]);
  });

  it("skips hidden deleted frames", () => {
    const { player, shown } = setup(jobFrames({ stop: 9, deleted: [3, 4] }));
    player.play(2);
    vi.advanceTimersByTime(200);
    expect(shown).toEqual([5, 6]);
  });

  it("plays deleted frames when they are shown", () => {
    const frames = jobFrames({ stop: 9, deleted: [3] });
    const { player, shown } = setup(frames, { navigation: { showDeleted: true } });
    player.play(2);
    vi.advanceTimersByTime(100);
    expect(shown).toEqual([3]);
  });

  it("waits for a frame that is not loaded instead of skipping it", async () => {
    const { player, supply, shown } = setup(jobFrames({ stop: 9 }));
    supply.ready.delete(4);
    player.play(2);
    vi.advanceTimersByTime(200);
    expect(shown).toEqual([3]);
    expect(player.state).toBe("waiting");
    expect(supply.requested).toEqual([4]);
    vi.advanceTimersByTime(500);
    expect(shown).toEqual([3]);
    supply.arrive(4);
    await flush();
    expect(shown).toEqual([3, 4]);
    expect(player.state).toBe("playing");
  });

  it("counts the next interval from when the late frame appeared", async () => {
    const { player, supply, shown } = setup(jobFrames({ stop: 9 }));
    supply.ready.delete(3);
    player.play(2);
    vi.advanceTimersByTime(250);
    supply.arrive(3);
    await flush();
    vi.advanceTimersByTime(99);
    expect(shown).toEqual([3]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([3, 4]);
  });

  it("pauses, telling why, and shows nothing more", () => {
    const { player, shown, stops } = setup(jobFrames({ stop: 9 }));
    player.play(0);
    vi.advanceTimersByTime(100);
    player.pause();
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([1]);
    expect(stops).toEqual(["paused"]);
  });

  it("gives up waiting for a frame when paused", async () => {
    const { player, supply, shown } = setup(jobFrames({ stop: 9 }));
    supply.ready.delete(1);
    player.play(0);
    vi.advanceTimersByTime(100);
    player.pause();
    supply.arrive(1);
    await flush();
    expect(shown).toEqual([]);
  });

  it("stops with an error when a frame can't be loaded", async () => {
    const { player, supply, stops } = setup(jobFrames({ stop: 9 }));
    supply.ready.delete(1);
    player.play(0);
    vi.advanceTimersByTime(100);
    supply.pending.get(1)?.reject(new Error("The server answered 500."));
    await flush();
    expect(stops).toEqual(["error"]);
    expect(player.isPlaying).toBe(false);
  });

  it("applies a new speed from the next frame on", () => {
    const { player, shown } = setup(jobFrames({ stop: 9 }));
    player.play(0);
    player.setFps(FRAME_SPEEDS.fast);
    vi.advanceTimersByTime(100);
    expect(shown).toEqual([1]);
    vi.advanceTimersByTime(20);
    expect(shown).toEqual([1, 2]);
  });

  it("stops when the frame callback pauses it", () => {
    const frames = jobFrames({ stop: 9 });
    const supply = new FakeSupply();
    for (const frame of frames.frames) supply.ready.add(frame);
    const shown: number[] = [];
    const player: Player = new Player({
      frames,
      supply,
      clock: globalThis,
      fps: 10,
      onFrame: (frame) => {
        shown.push(frame);
        if (frame === 2) player.pause();
      },
    });
    player.play(0);
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([1, 2]);
  });
});
