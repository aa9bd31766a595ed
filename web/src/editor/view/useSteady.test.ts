import { describe, expect, it } from "vitest";
import { steadyObject } from "./useSteady";

function steadier<T extends object>() {
  const latest: { current: T } = { current: undefined as unknown as T };
  const standIns = new Map();
  const previous: { current: T | null } = { current: null };
  return (value: T) => {
    latest.current = value;
    return steadyObject(value, latest, standIns, previous);
  };
}

describe("steady props", () => {
  it("keeps the object while only its functions change, and calls the latest function", () => {
    const steady = steadier<{ frame: number; go: (step: number) => number }>();
    const first = steady({ frame: 1, go: (step) => 1 + step });
    const second = steady({ frame: 1, go: (step) => 100 + step });
    expect(second).toBe(first);
    expect(first.go(2)).toBe(102);
  });

  it("gives a new object when another value changes, with the same stand-ins", () => {
    const steady = steadier<{ frame: number; go: () => number }>();
    const first = steady({ frame: 1, go: () => 1 });
    const second = steady({ frame: 2, go: () => 2 });
    expect(second).not.toBe(first);
    expect(second.frame).toBe(2);
    expect(second.go).toBe(first.go);
    expect(first.go()).toBe(2);
  });

  it("compares the other values by identity", () => {
    const steady = steadier<{ items: number[] }>();
    const items = [1];
    expect(steady({ items })).toBe(steady({ items }));
    expect(steady({ items: [1] })).not.toBe(steady({ items }));
  });
});
