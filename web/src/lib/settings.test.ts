import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, applyPatch, parseValue, resolveSettings, toMergePatch, PLAYER_SPECS } from "./settings";

describe("resolveSettings", () => {
  it("gives the defaults for a user who never saved anything", () => {
    expect(resolveSettings({ player: {}, workspace: {}, shortcuts: {} })).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it("overrides the defaults with stored values", () => {
    const settings = resolveSettings({
      player: { frameStep: 25, smoothImage: false },
      workspace: { textPosition: "center" },
    });
    expect(settings.player.frameStep).toBe(25);
    expect(settings.player.smoothImage).toBe(false);
    expect(settings.player.frameSpeed).toBe("usual");
    expect(settings.workspace.textPosition).toBe("center");
  });

  it("ignores stored values that do not fit their setting", () => {
    const settings = resolveSettings({
      player: { frameStep: 100000, frameSpeed: "warp", canvasBackgroundColor: "red", resetZoom: "yes" },
      workspace: { textFontSize: 14.5, textContent: ["id", "colour"] },
    });
    expect(settings.player).toEqual(DEFAULT_SETTINGS.player);
    expect(settings.workspace).toEqual(DEFAULT_SETTINGS.workspace);
  });

  it("drops keys it does not know", () => {
    const settings = resolveSettings({ player: { frameStep: 5, oldKey: true } });
    expect(Object.keys(settings.player)).not.toContain("oldKey");
  });

  it("survives sections that are not objects", () => {
    const stored = { player: [1, 2], workspace: null } as unknown as Parameters<typeof resolveSettings>[0];
    expect(resolveSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it("keeps shortcuts that are lists of key sequences", () => {
    const settings = resolveSettings({ shortcuts: { save: ["ctrl+s"], broken: "ctrl+x" } });
    expect(settings.shortcuts).toEqual({ save: ["ctrl+s"] });
  });
});

describe("parseValue", () => {
  it("normalises colours to lower case", () => {
    expect(parseValue(PLAYER_SPECS.canvasBackgroundColor, "#AABBCC")).toBe("#aabbcc");
    expect(parseValue(PLAYER_SPECS.canvasBackgroundColor, "#abc")).toBeUndefined();
  });

  it("refuses fractional numbers for whole-number settings", () => {
    expect(parseValue(PLAYER_SPECS.frameStep, 2.5)).toBeUndefined();
    expect(parseValue(PLAYER_SPECS.frameStep, Number.NaN)).toBeUndefined();
  });

  it("orders multiple choices like their options", () => {
    const spec = { kind: "choices", options: ["id", "label", "source"] } as const;
    expect(parseValue(spec, ["source", "id", "id"])).toEqual(["id", "source"]);
  });
});

describe("toMergePatch", () => {
  it("sends changed values", () => {
    expect(toMergePatch({ player: { frameStep: 25 } })).toEqual({ player: { frameStep: 25 } });
  });

  it("turns values equal to the default into removals", () => {
    expect(toMergePatch({ player: { frameStep: 10, smoothImage: false } })).toEqual({
      player: { frameStep: null, smoothImage: false },
    });
  });

  it("compares lists by their items", () => {
    const patch = toMergePatch({ workspace: { textContent: ["descriptions", "source", "attributes", "label", "id"] } });
    expect(patch).toEqual({ workspace: { textContent: null } });
  });

  it("leaves out sections and keys without changes", () => {
    expect(toMergePatch({ player: {}, workspace: { autoSave: undefined } })).toEqual({});
  });

  it("refuses values that do not fit", () => {
    expect(() => toMergePatch({ player: { frameStep: 0 } })).toThrow(RangeError);
  });

  it("removes shortcuts set to no keys", () => {
    expect(toMergePatch({ shortcuts: { save: [], undo: ["ctrl+z"] } })).toEqual({
      shortcuts: { save: null, undo: ["ctrl+z"] },
    });
  });
});

describe("applyPatch", () => {
  it("gives the settings the server will hold after the patch", () => {
    const before = resolveSettings({ player: { frameStep: 5 }, shortcuts: { save: ["ctrl+s"] } });
    const after = applyPatch(before, { player: { smoothImage: false }, shortcuts: { save: [] } });
    expect(after.player.frameStep).toBe(5);
    expect(after.player.smoothImage).toBe(false);
    expect(after.shortcuts).toEqual({});
  });

  it("ignores keys given as undefined", () => {
    const before = resolveSettings({ player: { frameStep: 5 } });
    expect(applyPatch(before, { player: { frameStep: undefined } }).player.frameStep).toBe(5);
  });
});
