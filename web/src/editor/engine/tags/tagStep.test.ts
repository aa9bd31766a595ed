import { describe, expect, it } from "vitest";
import { jobFrames } from "../frames/testFixtures";
import { tagStep, type TagStepInput } from "./tagStep";

const weather = { id: 7, name: "weather" };
const hidden = { showDeleted: false };

function step(overrides: Partial<TagStepInput>) {
  return tagStep({
    frames: jobFrames({ start: 0, stop: 4 }),
    frame: 1,
    navigation: hidden,
    label: weather,
    frameTagLabels: [],
    autoNext: false,
    ...overrides,
  });
}

describe("adding a tag in the tag annotation workspace", () => {
  it("adds the tag and stays on the frame", () => {
    expect(step({})).toEqual({ add: true, goTo: null, note: null });
  });

  it("goes on to the next frame when asked to", () => {
    expect(step({ autoNext: true })).toEqual({ add: true, goTo: 2, note: null });
  });

  it("adds a tag of another label beside the frame's tags", () => {
    expect(step({ frameTagLabels: [8, 9] }).add).toBe(true);
  });

  it("does not add a label the frame already has, and says so", () => {
    const result = step({ frameTagLabels: [7] });
    expect(result.add).toBe(false);
    expect(result.goTo).toBeNull();
    expect(result.note).toBe('Frame 1 already has the tag "weather".');
  });

  it("still goes on when the frame already has the label: the key meant this label, next", () => {
    expect(step({ frameTagLabels: [7], autoNext: true })).toMatchObject({ add: false, goTo: 2 });
  });

  it("skips deleted frames as Next frame does, unless they are shown", () => {
    const frames = jobFrames({ start: 0, stop: 4, deleted: [2, 3] });
    expect(step({ frames, autoNext: true }).goTo).toBe(4);
    expect(step({ frames, autoNext: true, navigation: { showDeleted: true } }).goTo).toBe(2);
  });

  it("stays on the job's last frame, and says it is the last", () => {
    const result = step({ frame: 4, autoNext: true });
    expect(result).toEqual({ add: true, goTo: null, note: "This is the job's last frame." });
  });

  it("stays when every later frame is deleted and hidden", () => {
    const frames = jobFrames({ start: 0, stop: 4, deleted: [2, 3, 4] });
    expect(step({ frames, autoNext: true }).goTo).toBeNull();
  });
});
