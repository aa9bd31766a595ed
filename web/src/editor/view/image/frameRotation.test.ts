import { describe, expect, it } from "vitest";
import { NO_ROTATIONS, rotateFrame, rotationOf } from "./frameRotation";

describe("frame rotations", () => {
  it("turn only the current frame when rotate-all is off", () => {
    const turned = rotateFrame(NO_ROTATIONS, 3, false, 1);
    expect(rotationOf(turned, 3, false)).toBe(90);
    expect(rotationOf(turned, 4, false)).toBe(0);
  });

  it("turn every frame when rotate-all is on", () => {
    const turned = rotateFrame(NO_ROTATIONS, 3, true, -1);
    expect(rotationOf(turned, 3, true)).toBe(270);
    expect(rotationOf(turned, 9, true)).toBe(270);
    expect(rotationOf(turned, 9, false)).toBe(0);
  });

  it("come back to zero after four turns and forget the frame", () => {
    let rotations = NO_ROTATIONS;
    for (let i = 0; i < 4; i++) rotations = rotateFrame(rotations, 1, false, 1);
    expect(rotationOf(rotations, 1, false)).toBe(0);
    expect(rotations.byFrame.size).toBe(0);
  });

  it("never change the value they were given", () => {
    rotateFrame(NO_ROTATIONS, 0, false, 1);
    expect(NO_ROTATIONS.byFrame.size).toBe(0);
  });
});
