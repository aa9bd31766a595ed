import { describe, expect, it } from "vitest";
import { applyPatch, DEFAULT_SETTINGS, resolveSettings, toMergePatch } from "../../../lib/settings";
import {
  UNBOUND,
  actionsBoundTo,
  buildKeymap,
  conflictsFor,
  effectiveKeys,
  findConflicts,
  isPrefixIn,
  rebind,
  resetAllShortcuts,
  resetShortcut,
  shortcutLabel,
  shortcutLabels,
  shortcutsPatch,
  takeOver,
  type KeymapAction,
} from "./keymap";

const save: KeymapAction = { id: "job.save", defaultKeys: ["Mod+S"], scope: "global" };
const undo: KeymapAction = { id: "history.undo", defaultKeys: ["Mod+Z"], scope: "canvas" };
const redo: KeymapAction = { id: "history.redo", defaultKeys: ["Mod+Shift+Z", "Ctrl+Y"], scope: "canvas" };
const startDrawing: KeymapAction = { id: "draw.repeat", defaultKeys: ["N"], scope: "canvas" };
const finishDrawing: KeymapAction = { id: "draw.finish", defaultKeys: ["N"], scope: "drawing" };
const lock: KeymapAction = { id: "object.toggleLock", defaultKeys: ["L"], scope: "canvas" };
const lockAll: KeymapAction = { id: "objects.toggleLockAll", defaultKeys: ["T L"], scope: "canvas" };
const ACTIONS = [save, undo, redo, startDrawing, finishDrawing, lock, lockAll];

describe("buildKeymap", () => {
  it("binds every action's default keys in its scope", () => {
    const keymap = buildKeymap(ACTIONS, {}, "pc");
    expect(actionsBoundTo(keymap, "global", "ctrl+s")).toEqual(["job.save"]);
    expect(actionsBoundTo(keymap, "canvas", "ctrl+shift+z")).toEqual(["history.redo"]);
    expect(actionsBoundTo(keymap, "canvas", "ctrl+y")).toEqual(["history.redo"]);
    expect(actionsBoundTo(keymap, "drawing", "n")).toEqual(["draw.finish"]);
    expect(keymap.entries.get("job.save")).toMatchObject({ keys: ["mod+s"], scope: "global", isDefault: true });
  });

  it("resolves Mod for the platform it is built for", () => {
    expect(actionsBoundTo(buildKeymap(ACTIONS, {}, "mac"), "global", "meta+s")).toEqual(["job.save"]);
    expect(actionsBoundTo(buildKeymap(ACTIONS, {}, "mac"), "global", "ctrl+s")).toEqual([]);
  });

  it("uses the user's keys instead of the defaults", () => {
    const keymap = buildKeymap(ACTIONS, { "job.save": ["ctrl+shift+s"] }, "pc");
    expect(actionsBoundTo(keymap, "global", "ctrl+shift+s")).toEqual(["job.save"]);
    expect(actionsBoundTo(keymap, "global", "ctrl+s")).toEqual([]);
    expect(keymap.entries.get("job.save")?.isDefault).toBe(false);
  });

  it("leaves an action the user unbound without keys", () => {
    const keymap = buildKeymap(ACTIONS, { "object.toggleLock": [UNBOUND] }, "pc");
    expect(keymap.entries.get("object.toggleLock")?.keys).toEqual([]);
    expect(actionsBoundTo(keymap, "canvas", "l")).toEqual([]);
  });

  it("falls back to the defaults when nothing stored for an action can be read", () => {
    const keymap = buildKeymap(ACTIONS, { "object.toggleLock": ["Ctrl+Nope"] }, "pc");
    expect(keymap.entries.get("object.toggleLock")?.keys).toEqual(["l"]);
  });

  it("keeps the readable part of a partly broken override", () => {
    expect(effectiveKeys(lock, { "object.toggleLock": ["Ctrl+Nope", "K"] })).toEqual(["k"]);
  });

  it("ignores overrides for actions it does not know", () => {
    expect(buildKeymap(ACTIONS, { "old.action": ["x"] }, "pc").entries.has("old.action")).toBe(false);
  });

  it("knows the beginnings of sequences", () => {
    const keymap = buildKeymap(ACTIONS, {}, "pc");
    expect(isPrefixIn(keymap, "canvas", "t")).toBe(true);
    expect(isPrefixIn(keymap, "canvas", "l")).toBe(false);
    expect(actionsBoundTo(keymap, "canvas", "t l")).toEqual(["objects.toggleLockAll"]);
  });

  it("shows an action's keys for menus, on each platform", () => {
    expect(shortcutLabels(buildKeymap(ACTIONS, {}, "pc"), "history.redo")).toEqual(["Ctrl+Shift+Z", "Ctrl+Y"]);
    expect(shortcutLabel(buildKeymap(ACTIONS, {}, "mac"), "history.redo")).toBe("⇧⌘Z");
    expect(shortcutLabel(buildKeymap(ACTIONS, { "object.toggleLock": [UNBOUND] }, "pc"), "object.toggleLock")).toBeUndefined();
  });
});

describe("rebind", () => {
  it("stores the new keys in canonical form, without duplicates", () => {
    expect(rebind({}, save, ["Ctrl+Shift+S", "ctrl+shift+s", "F9"])).toEqual({ "job.save": ["ctrl+shift+s", "f9"] });
  });

  it("removes the override when the keys are the defaults again", () => {
    expect(rebind({ "job.save": ["f9"] }, save, ["mod+s"])).toEqual({});
  });

  it("stores UNBOUND for an action left without keys", () => {
    expect(rebind({}, lock, [])).toEqual({ "object.toggleLock": [UNBOUND] });
  });

  it("refuses a key that does not parse", () => {
    expect(() => rebind({}, save, ["Ctrl+"])).toThrow(RangeError);
  });

  it("leaves the overrides it was given untouched", () => {
    const before = { "job.save": ["f9"] };
    rebind(before, lock, ["k"]);
    expect(before).toEqual({ "job.save": ["f9"] });
  });
});

describe("reset", () => {
  it("puts one action back on its defaults", () => {
    expect(resetShortcut({ "job.save": ["f9"], "object.toggleLock": ["k"] }, "job.save")).toEqual({ "object.toggleLock": ["k"] });
  });

  it("puts every action back on its defaults", () => {
    expect(buildKeymap(ACTIONS, resetAllShortcuts(), "pc").entries.get("job.save")?.isDefault).toBe(true);
    expect(resetAllShortcuts()).toEqual({});
  });
});

describe("findConflicts", () => {
  it("finds nothing in keys that do not clash", () => {
    expect(findConflicts(buildKeymap(ACTIONS, {}, "pc"))).toEqual([]);
  });

  it("reports two actions on one key in one scope", () => {
    const conflicts = findConflicts(buildKeymap(ACTIONS, { "object.toggleLock": ["ctrl+z"] }, "pc"));
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: "same", sequence: "ctrl+z", label: "Ctrl+Z", actionId: "history.undo", otherActionId: "object.toggleLock" }),
    ]);
  });

  it("does not report a drawing key that overrides a workspace key", () => {
    const conflicts = findConflicts(buildKeymap(ACTIONS, {}, "pc"));
    expect(conflicts.filter((conflict) => conflict.sequence === "n")).toEqual([]);
  });

  it("reports a global key reused in another scope", () => {
    const conflicts = findConflicts(buildKeymap(ACTIONS, { "object.toggleLock": ["mod+s"] }, "pc"));
    expect(conflicts).toEqual([expect.objectContaining({ kind: "same", actionId: "job.save", otherActionId: "object.toggleLock" })]);
  });

  it("compares keys as they are pressed on the platform, with Mod resolved", () => {
    const overrides = { "object.toggleLock": ["ctrl+s"] };
    expect(findConflicts(buildKeymap(ACTIONS, overrides, "pc"))).toHaveLength(1);
    expect(findConflicts(buildKeymap(ACTIONS, overrides, "mac"))).toHaveLength(0);
  });

  it("reports a key that starts another action's sequence", () => {
    const conflicts = findConflicts(buildKeymap(ACTIONS, { "object.toggleLock": ["t"] }, "pc"));
    expect(conflicts).toEqual([expect.objectContaining({ kind: "prefix", sequence: "t", label: "T" })]);
  });
});

describe("conflictsFor", () => {
  it("names the action that holds a key before the new binding is saved", () => {
    const keymap = buildKeymap(ACTIONS, {}, "pc");
    expect(conflictsFor(keymap, "object.toggleLock", ["Ctrl+Z"])).toEqual([
      expect.objectContaining({ kind: "same", actionId: "history.undo", label: "Ctrl+Z" }),
    ]);
  });

  it("does not count the action's own keys", () => {
    expect(conflictsFor(buildKeymap(ACTIONS, {}, "pc"), "history.redo", ["Ctrl+Y"])).toEqual([]);
  });

  it("finds nothing for a free key", () => {
    expect(conflictsFor(buildKeymap(ACTIONS, {}, "pc"), "object.toggleLock", ["K"])).toEqual([]);
  });
});

describe("takeOver", () => {
  it("gives the key to the action and takes it from the one that held it", () => {
    const next = takeOver({}, ACTIONS, lock, ["Ctrl+Y"], "pc");
    expect(effectiveKeys(lock, next)).toEqual(["ctrl+y"]);
    expect(effectiveKeys(redo, next)).toEqual(["mod+shift+z"]);
    expect(findConflicts(buildKeymap(ACTIONS, next, "pc"))).toEqual([]);
  });

  it("takes a sequence that the new key would start", () => {
    const next = takeOver({}, ACTIONS, lock, ["T"], "pc");
    expect(effectiveKeys(lockAll, next)).toEqual([]);
    expect(next["objects.toggleLockAll"]).toEqual([UNBOUND]);
  });

  it("leaves keys alone in scopes that do not clash", () => {
    const next = takeOver({}, ACTIONS, startDrawing, ["N"], "pc");
    expect(effectiveKeys(finishDrawing, next)).toEqual(["n"]);
  });
});

describe("shortcutsPatch", () => {
  it("sends changed actions with their keys and reset ones as empty lists", () => {
    const before = { "job.save": ["f9"], "object.toggleLock": ["k"], "history.undo": ["ctrl+u"] };
    const after = { "job.save": ["f10"], "history.undo": ["ctrl+u"] };
    expect(shortcutsPatch(before, after)).toEqual({ "job.save": ["f10"], "object.toggleLock": [] });
  });

  it("resets everything stored when going back to no overrides", () => {
    expect(shortcutsPatch({ "job.save": ["f9"], "object.toggleLock": [UNBOUND] }, resetAllShortcuts())).toEqual({
      "job.save": [],
      "object.toggleLock": [],
    });
  });

  it("round-trips through the settings store, unbound actions included", () => {
    const stored = resolveSettings({ shortcuts: { "job.save": ["f9"] } });
    const after = rebind(takeOver(stored.shortcuts, ACTIONS, lock, ["Ctrl+Y"], "pc"), save, ["mod+s"]);
    const patch = shortcutsPatch(stored.shortcuts, after);
    expect(applyPatch(stored, { shortcuts: patch }).shortcuts).toEqual(after);
    expect(toMergePatch({ shortcuts: patch })).toEqual({
      shortcuts: { "job.save": null, "object.toggleLock": ["ctrl+y"], "history.redo": ["mod+shift+z"] },
    });
    expect(DEFAULT_SETTINGS.shortcuts).toEqual({});
  });
});
