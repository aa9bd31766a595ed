import { describe, expect, it } from "vitest";
import {
  DEFAULT_SHORTCUTS,
  buildKeymap,
  conflictsFor,
  simulatedKeyPresses,
  type KeyInput,
} from "../../editor/engine/actions";
import {
  conflictingActions,
  describeConflict,
  keyPressOutcome,
  portableCombo,
  shortcutGroups,
} from "./shortcutRows";

const keymap = (overrides: Record<string, string[]> = {}) => buildKeymap(DEFAULT_SHORTCUTS, overrides, "pc");
const labelOf = (id: string) => DEFAULT_SHORTCUTS.find((action) => action.id === id)?.label ?? id;

function press(overrides: Partial<KeyInput>): KeyInput {
  return { key: "", code: "", ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...overrides };
}

describe("shortcutGroups", () => {
  it("lists every action once, grouped in the order groups first appear", () => {
    const groups = shortcutGroups(DEFAULT_SHORTCUTS, keymap(), "");
    expect(groups.map((group) => group.group)).toEqual([
      "Editor",
      "Undo and redo",
      "Navigation",
      "Drawing",
      "Objects",
      "View",
      "Labels",
    ]);
    expect(groups.flatMap((group) => group.rows).length).toBe(DEFAULT_SHORTCUTS.length);
  });

  it("shows each row's keys as this platform writes them", () => {
    const rows = shortcutGroups(DEFAULT_SHORTCUTS, keymap(), "").flatMap((group) => group.rows);
    expect(rows.find((row) => row.id === "history.redo")?.keys).toEqual(["Ctrl+Shift+Z", "Ctrl+Y"]);
    const mac = buildKeymap(DEFAULT_SHORTCUTS, {}, "mac");
    const macRows = shortcutGroups(DEFAULT_SHORTCUTS, mac, "").flatMap((group) => group.rows);
    expect(macRows.find((row) => row.id === "job.save")?.keys).toEqual(["⌘S"]);
  });

  it("marks rows the user changed", () => {
    const rows = shortcutGroups(DEFAULT_SHORTCUTS, keymap({ "job.save": ["ctrl+alt+s"] }), "").flatMap(
      (group) => group.rows,
    );
    expect(rows.find((row) => row.id === "job.save")).toMatchObject({ keys: ["Ctrl+Alt+S"], isDefault: false });
    expect(rows.find((row) => row.id === "history.undo")?.isDefault).toBe(true);
  });

  it("keeps only the actions matching every word of the search, by label, group, keyword or key", () => {
    const ids = (query: string) =>
      shortcutGroups(DEFAULT_SHORTCUTS, keymap(), query).flatMap((group) => group.rows.map((row) => row.id));
    expect(ids("lock all")).toEqual(["objects.toggleLockAll"]);
    expect(ids("undo and")).toEqual(["history.undo", "history.redo"]);
    expect(ids("z order")).toEqual(["object.toForeground", "object.toBackground"]);
    expect(ids("ctrl+y")).toEqual(["history.redo"]);
    expect(ids("nothing like this")).toEqual([]);
  });

  it("drops groups the search leaves empty", () => {
    expect(shortcutGroups(DEFAULT_SHORTCUTS, keymap(), "redo").map((group) => group.group)).toEqual(["Undo and redo"]);
  });
});

describe("keyPressOutcome", () => {
  it("cancels on a plain Esc and clears on a plain Backspace", () => {
    expect(keyPressOutcome(press({ key: "Escape", code: "Escape" }), "pc")).toEqual({ kind: "cancel" });
    expect(keyPressOutcome(press({ key: "Backspace", code: "Backspace" }), "pc")).toEqual({ kind: "clear" });
  });

  it("records Backspace with a modifier as a combo", () => {
    expect(keyPressOutcome(press({ key: "Backspace", code: "Backspace", shiftKey: true }), "pc")).toEqual({
      kind: "record",
      key: "shift+backspace",
    });
  });

  it("keeps listening while only a modifier is down", () => {
    expect(keyPressOutcome(press({ key: "Control", code: "ControlLeft", ctrlKey: true }), "pc")).toEqual({
      kind: "wait",
    });
  });

  it("records the platform's command key as Mod, so the binding works on either platform", () => {
    const [ctrlS] = simulatedKeyPresses("Ctrl+S", "pc");
    expect(keyPressOutcome(ctrlS, "pc")).toEqual({ kind: "record", key: "mod+s" });
    const [cmdK] = simulatedKeyPresses("Meta+K", "mac");
    expect(keyPressOutcome(cmdK, "mac")).toEqual({ kind: "record", key: "mod+k" });
  });

  it("keeps Ctrl as Ctrl on a Mac, where it is not the command key", () => {
    const [ctrlK] = simulatedKeyPresses("Ctrl+K", "mac");
    expect(keyPressOutcome(ctrlK, "mac")).toEqual({ kind: "record", key: "ctrl+k" });
  });

  it("reads letters by position, whatever the layout types", () => {
    expect(keyPressOutcome(press({ key: "ф", code: "KeyA", altKey: true }), "pc")).toEqual({
      kind: "record",
      key: "alt+a",
    });
  });
});

describe("portableCombo", () => {
  it("leaves combos without the command key alone", () => {
    const combo = { mod: false, ctrl: false, alt: true, shift: false, meta: false, key: "x" };
    expect(portableCombo(combo, "pc")).toBe(combo);
    expect(portableCombo(combo, "mac")).toBe(combo);
  });
});

describe("conflicts", () => {
  it("names the action holding the key, once, with where it applies", () => {
    const conflicts = conflictsFor(keymap(), "frame.next", ["mod+z"]);
    expect(conflictingActions(conflicts)).toEqual(["history.undo"]);
    expect(describeConflict(conflicts[0], labelOf)).toBe("Ctrl+Z is already used by “Undo” (workspace).");
  });

  it("explains a key that begins another action's sequence", () => {
    const conflicts = conflictsFor(keymap(), "frame.next", ["t"]);
    expect(conflictingActions(conflicts)).toEqual(["objects.toggleLockAll", "objects.toggleHiddenAll"]);
    expect(describeConflict(conflicts[0], labelOf)).toBe(
      "T begins a key sequence that overlaps “Lock / unlock all objects” (workspace).",
    );
  });

  it("lists each holder once even when several of its keys clash", () => {
    const conflicts = conflictsFor(keymap(), "frame.next", ["mod+shift+z", "ctrl+y"]);
    expect(conflicts.length).toBe(2);
    expect(conflictingActions(conflicts)).toEqual(["history.redo"]);
  });
});
