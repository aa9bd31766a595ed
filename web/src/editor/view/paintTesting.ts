// A 2D context that records what is painted, for the painter's and the bitmap cache's tests.
import type { BitmapContext } from "./restingBitmaps";

export type PaintCall = [string, ...unknown[]];

export function recordingContext(): { context: BitmapContext; calls: PaintCall[] } {
  const calls: PaintCall[] = [];
  const method =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const context = {
    beginPath: method("beginPath"),
    moveTo: method("moveTo"),
    lineTo: method("lineTo"),
    closePath: method("closePath"),
    rect: method("rect"),
    ellipse: method("ellipse"),
    arc: method("arc"),
    fill: method("fill"),
    stroke: method("stroke"),
    save: method("save"),
    restore: method("restore"),
    translate: method("translate"),
    rotate: method("rotate"),
    setLineDash: method("setLineDash"),
    setTransform: method("setTransform"),
    set fillStyle(value: unknown) {
      calls.push(["fillStyle", value]);
    },
    set strokeStyle(value: unknown) {
      calls.push(["strokeStyle", value]);
    },
    set lineWidth(value: unknown) {
      calls.push(["lineWidth", value]);
    },
  };
  return { context: context as unknown as BitmapContext, calls };
}
