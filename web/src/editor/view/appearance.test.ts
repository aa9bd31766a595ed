import { describe, expect, it } from "vitest";
import {
  canvasAppearance,
  DEFAULT_APPEARANCE,
  INSTANCE_COLORS,
  loadAppearance,
  nextPaletteColor,
  saveAppearance,
  type AppearanceStorage,
} from "./appearance";

function memoryStorage(initial: Record<string, string> = {}): AppearanceStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe("appearance storage", () => {
  it("round-trips what was saved", () => {
    const storage = memoryStorage();
    const changed = { ...DEFAULT_APPEARANCE, colorBy: "instance" as const, opacity: 0.7, outlined: true, outlineColor: "#112233" };
    saveAppearance(storage, changed);
    expect(loadAppearance(storage)).toEqual(changed);
  });

  it("keeps defaults for missing, malformed or out-of-range fields", () => {
    const storage = memoryStorage({ "contour.editor.appearance": JSON.stringify({ colorBy: "rainbow", opacity: 3, outlineColor: "red" }) });
    expect(loadAppearance(storage)).toEqual({ ...DEFAULT_APPEARANCE, opacity: 1 });
    expect(loadAppearance(memoryStorage({ "contour.editor.appearance": "{not json" }))).toEqual(DEFAULT_APPEARANCE);
    expect(loadAppearance(undefined)).toEqual(DEFAULT_APPEARANCE);
  });
});

describe("canvasAppearance", () => {
  it("draws bitmaps fully opaque without outlines", () => {
    const shown = canvasAppearance({ ...DEFAULT_APPEARANCE, showBitmap: true, outlined: true });
    expect(shown).toMatchObject({ opacity: 1, selectedOpacity: 1, outlined: false });
  });

  it("passes the appearance through otherwise", () => {
    expect(canvasAppearance(DEFAULT_APPEARANCE)).toBe(DEFAULT_APPEARANCE);
  });
});

describe("nextPaletteColor", () => {
  it("cycles through the palette, starting from its first colour", () => {
    expect(nextPaletteColor(undefined)).toBe(INSTANCE_COLORS[0]);
    expect(nextPaletteColor(INSTANCE_COLORS[0])).toBe(INSTANCE_COLORS[1]);
    expect(nextPaletteColor(INSTANCE_COLORS.at(-1))).toBe(INSTANCE_COLORS[0]);
    expect(nextPaletteColor("#123456")).toBe(INSTANCE_COLORS[0]);
  });
});
