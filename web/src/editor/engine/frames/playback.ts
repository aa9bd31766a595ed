/**
 * Play/pause: shows the next visitable frame every 1/fps seconds. Like CVAT, the player *waits*
 * for a frame that is not decoded yet rather than skipping it, so every frame is seen; the next
 * interval counts from when the late frame appeared. It stops on the job's last frame.
 *
 * Time and readiness are injected (a clock, the frame cache) so fake timers drive the tests.
 */
import type { JobFrames } from "./meta";
import { type NavigationOptions, nextFrame } from "./navigation";
import { isAbortError } from "./resourcePool";

/** The Player setting "Player speed", in frames per second. */
export const FRAME_SPEEDS = {
  fastest: 100,
  fast: 50,
  usual: 25,
  slow: 15,
  slower: 12,
  slowest: 1,
} as const;

export type FrameSpeed = keyof typeof FRAME_SPEEDS;

export const DEFAULT_FRAME_SPEED: FrameSpeed = "usual";

/** Milliseconds between two frames at `fps` (at least one frame per minute). */
export function frameIntervalMs(fps: number): number {
  const clamped = Number.isFinite(fps) ? Math.min(Math.max(fps, 1 / 60), 1000) : FRAME_SPEEDS.usual;
  return 1000 / clamped;
}

/** `globalThis` satisfies it in the app; fake timers in tests. */
export interface PlaybackClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The frame supply as the player needs it (the `ChunkCache` satisfies it). */
export interface PlaybackSupply {
  isFrameReady(frame: number): boolean;
  loadFrame(frame: number, signal?: AbortSignal): Promise<unknown>;
}

export type PlayerState = "stopped" | "playing" | "waiting";

export type StopReason = "paused" | "end" | "error";

export interface PlayerOptions {
  frames: JobFrames;
  supply: PlaybackSupply;
  clock: PlaybackClock;
  /** Show this frame (the editor sets its current frame). */
  onFrame: (frame: number) => void;
  /** Playback ended by itself ("end", "error") or by `pause()`. */
  onStop?: (reason: StopReason, error?: unknown) => void;
  fps?: number;
  navigation?: NavigationOptions;
}

export class Player {
  private readonly frames: JobFrames;
  private readonly supply: PlaybackSupply;
  private readonly clock: PlaybackClock;
  private readonly onFrame: (frame: number) => void;
  private readonly onStop?: (reason: StopReason, error?: unknown) => void;
  private fps: number;
  private navigation: NavigationOptions;
  private current = 0;
  private currentState: PlayerState = "stopped";
  private timer: unknown = null;
  private waiting: AbortController | null = null;

  constructor(options: PlayerOptions) {
    this.frames = options.frames;
    this.supply = options.supply;
    this.clock = options.clock;
    this.onFrame = options.onFrame;
    this.onStop = options.onStop;
    this.fps = options.fps ?? FRAME_SPEEDS[DEFAULT_FRAME_SPEED];
    this.navigation = options.navigation ?? { showDeleted: false };
  }

  get state(): PlayerState {
    return this.currentState;
  }

  get isPlaying(): boolean {
    return this.currentState !== "stopped";
  }

  /** Starts from `frame` (the one on screen). False when there is nothing after it to play. */
  play(frame: number): boolean {
    this.halt();
    if (nextFrame(this.frames, frame, this.navigation) === null) return false;
    this.current = frame;
    this.currentState = "playing";
    this.schedule();
    return true;
  }

  pause(): void {
    if (this.currentState === "stopped") return;
    this.halt();
    this.onStop?.("paused");
  }

  /** Speed changes apply from the next frame on. */
  setFps(fps: number): void {
    this.fps = fps;
  }

  setNavigation(navigation: NavigationOptions): void {
    this.navigation = navigation;
  }

  /** Stops without reporting (the editor is closing). */
  dispose(): void {
    this.halt();
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => this.tick(), frameIntervalMs(this.fps));
  }

  private tick(): void {
    this.timer = null;
    const next = nextFrame(this.frames, this.current, this.navigation);
    if (next === null) {
      this.finish("end");
      return;
    }
    if (this.supply.isFrameReady(next)) {
      this.show(next);
      return;
    }
    this.currentState = "waiting";
    const controller = new AbortController();
    this.waiting = controller;
    this.supply.loadFrame(next, controller.signal).then(
      () => {
        if (this.waiting !== controller) return;
        this.waiting = null;
        this.currentState = "playing";
        this.show(next);
      },
      (error: unknown) => {
        if (this.waiting !== controller || isAbortError(error)) return;
        this.waiting = null;
        this.finish("error", error);
      },
    );
  }

  private show(frame: number): void {
    this.current = frame;
    this.onFrame(frame);
    if (this.currentState === "stopped") return; // onFrame paused us
    if (nextFrame(this.frames, frame, this.navigation) === null) this.finish("end");
    else this.schedule();
  }

  private finish(reason: StopReason, error?: unknown): void {
    this.halt();
    this.onStop?.(reason, error);
  }

  private halt(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.waiting?.abort();
    this.waiting = null;
    this.currentState = "stopped";
  }
}
