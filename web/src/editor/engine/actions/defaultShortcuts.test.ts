import { describe, expect, it } from "vitest";
import { DEFAULT_SHORTCUTS, LABEL_SLOTS, labelSlotOf, type DefaultActionId } from "./defaultShortcuts";
import { createKeyDispatcher } from "./dispatch";
import { formatSequence, mustParseSequence, type Platform } from "./keys";
import { buildKeymap, findConflicts, shortcutLabels } from "./keymap";
import { bindActions, defineActions, scopeOf, type ActionHandler } from "./registry";
import { SCOPES, type Scope } from "./scopes";
import { simulatedKeyPresses } from "./simulatedKeys";

interface Ran {
  ran: string[];
}

const everyHandler: Partial<Record<DefaultActionId, ActionHandler<Ran>>> = {};
for (const spec of DEFAULT_SHORTCUTS) everyHandler[spec.id] = { run: (ctx) => void ctx.ran.push(spec.id) };

const registry = defineActions(bindActions<Ran, DefaultActionId>(DEFAULT_SHORTCUTS, everyHandler));

/** The scopes the editor has active when an action of `scope` can run (drawing happens on the canvas). */
const activeFor = (scope: Scope): Scope[] => (scope === "drawing" || scope === "tagAnnotation" ? ["canvas", scope] : [scope]);

describe("the default shortcut table", () => {
  it("gives every action its own id", () => {
    const ids = DEFAULT_SHORTCUTS.map((spec) => spec.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("writes every default key so that it parses", () => {
    for (const spec of DEFAULT_SHORTCUTS) for (const keys of spec.defaultKeys) expect(() => mustParseSequence(keys), spec.id).not.toThrow();
  });

  it("puts every action in a known scope, with a label and a group", () => {
    for (const spec of DEFAULT_SHORTCUTS) {
      expect(SCOPES, spec.id).toContain(scopeOf(spec));
      expect(spec.label, spec.id).not.toBe("");
      expect(spec.group, spec.id).not.toBe("");
    }
  });

  it.each<Platform>(["pc", "mac"])("has no conflicting keys on %s", (platform) => {
    expect(findConflicts(buildKeymap(DEFAULT_SHORTCUTS, {}, platform))).toEqual([]);
  });

  it("has CVAT's documented keys", () => {
    const keymap = buildKeymap(DEFAULT_SHORTCUTS, {}, "pc");
    const documented: Partial<Record<DefaultActionId, string[]>> = {
      "draw.repeat": ["N"],
      "draw.finish": ["N"],
      "frame.previous": ["D"],
      "frame.next": ["F"],
      "frame.stepBack": ["C"],
      "frame.stepForward": ["V"],
      "frame.searchPrevious": ["←"],
      "frame.searchNext": ["→"],
      "player.togglePlay": ["Space"],
      "job.save": ["Ctrl+S"],
      "history.undo": ["Ctrl+Z"],
      "history.redo": ["Ctrl+Shift+Z", "Ctrl+Y"],
      "object.remove": ["Del"],
      "object.removeForced": ["Shift+Del"],
      "object.copy": ["Ctrl+C"],
      "object.paste": ["Ctrl+V"],
      "object.propagate": ["Ctrl+B"],
      "annotations.runActions": ["Ctrl+E"],
      "object.toggleLock": ["L"],
      "objects.toggleLockAll": ["T L"],
      "object.toggleOccluded": ["Q", "/"],
      "object.toggleHidden": ["H"],
      "track.toggleKeyframe": ["K"],
      "track.toggleOutside": ["O"],
      "track.previousKeyframe": ["E"],
      "track.nextKeyframe": ["R"],
      "objects.toggleHiddenAll": ["T H"],
      "object.toForeground": ["+", "="],
      "object.toBackground": ["-", "_"],
      "group.toggleMode": ["G"],
      "group.reset": ["Shift+G"],
      "canvas.rotateClockwise": ["Ctrl+R"],
      "canvas.rotateAnticlockwise": ["Ctrl+Shift+R"],
      "editor.showShortcuts": ["F1"],
      "editor.openSettings": ["F2"],
      "mode.cancel": ["Esc"],
      "object.activateNext": ["Tab"],
      "object.activatePrevious": ["Shift+Tab"],
      "frame.focusInput": ["`", "~"],
      "frame.delete": ["Alt+Del"],
      "labels.select.1": ["1"],
      "labels.select.0": ["0"],
      "object.relabel.3": ["Ctrl+3"],
      "labels.addTag.1": ["1"],
    };
    for (const [id, labels] of Object.entries(documented)) expect(shortcutLabels(keymap, id), id).toEqual(labels);
  });

  it("uses Cmd for save, undo, redo, copy and paste on a Mac", () => {
    const keymap = buildKeymap(DEFAULT_SHORTCUTS, {}, "mac");
    expect(shortcutLabels(keymap, "job.save")).toEqual(["⌘S"]);
    expect(shortcutLabels(keymap, "history.undo")).toEqual(["⌘Z"]);
    expect(shortcutLabels(keymap, "object.copy")).toEqual(["⌘C"]);
    expect(shortcutLabels(keymap, "canvas.rotateClockwise")).toEqual(["⌃R"]);
  });

  it("lists label hotkeys as the keyboard does: 1 to 9, then 0", () => {
    expect(LABEL_SLOTS).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 0]);
    const selects = DEFAULT_SHORTCUTS.filter((spec) => spec.id.startsWith("labels.select."));
    expect(selects.map((spec) => spec.defaultKeys[0])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]);
  });

  it("gives the tag annotation workspace the same number keys, in a scope of its own", () => {
    const adds = DEFAULT_SHORTCUTS.filter((spec) => spec.id.startsWith("labels.addTag."));
    expect(adds.map((spec) => spec.defaultKeys[0])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]);
    expect(new Set(adds.map(scopeOf))).toEqual(new Set(["tagAnnotation"]));
  });

  it("tells which label hotkey an action is about", () => {
    expect(labelSlotOf("labels.select.7")).toBe(7);
    expect(labelSlotOf("object.relabel.0")).toBe(0);
    expect(labelSlotOf("labels.addTag.4")).toBe(4);
    expect(labelSlotOf("frame.next")).toBeNull();
  });

  it("lets Save work while typing, and nothing else", () => {
    expect(DEFAULT_SHORTCUTS.filter((spec) => spec.inTextInput).map((spec) => spec.id)).toEqual(["job.save"]);
  });
});

describe("dispatching every default shortcut", () => {
  const cases = DEFAULT_SHORTCUTS.flatMap((spec) => spec.defaultKeys.map((keys) => ({ id: spec.id, keys, scope: scopeOf(spec) })));

  it.each<Platform>(["pc", "mac"])("runs the right action for each default key on %s", (platform) => {
    const keymap = buildKeymap(DEFAULT_SHORTCUTS, {}, platform);
    for (const { id, keys, scope } of cases) {
      const dispatcher = createKeyDispatcher(registry, keymap);
      const ctx: Ran = { ran: [] };
      const results = simulatedKeyPresses(keys, platform).map((event) => dispatcher.handle(event, ctx, activeFor(scope)));
      const label = `${formatSequence(mustParseSequence(keys), platform)} → ${id}`;
      expect(results.at(-1)?.kind, label).toBe("run");
      expect(ctx.ran, label).toEqual([id]);
    }
  });

  it("covers every action that has a default key", () => {
    const withKeys = DEFAULT_SHORTCUTS.filter((spec) => spec.defaultKeys.length > 0).map((spec) => spec.id);
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(withKeys));
    expect(withKeys.length).toBeGreaterThan(50);
  });
});
