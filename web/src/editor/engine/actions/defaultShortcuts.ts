// The editor's commands and their default keys: CVAT's documented shortcuts, so annotators
// moving over keep their habits. The `run` bodies come with the view (bindActions pairs them with
// this table). "Mod" is Cmd on macOS only where the Mac convention is strong (save, undo, redo,
// copy, paste); elsewhere CVAT's Ctrl stays, because Cmd+R reloads the page, Cmd+digits switch
// browser tabs, and Cmd+B is not what a Mac user would guess anyway.

import type { ActionSpec } from "./registry";

/** Label hotkeys in the order the Labels tab lists them: 1 … 9, then 0 (as on the keyboard). */
export const LABEL_SLOTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0] as const;
export type LabelSlot = (typeof LABEL_SLOTS)[number];

/**
 * Section headings of the Menu, the shortcuts dialog and the shortcut settings. "Editor", not
 * "Job": the editor's Menu puts these next to its own "Job" section (upload, export, job state).
 */
export const ACTION_GROUPS = {
  editor: "Editor",
  history: "Undo and redo",
  navigation: "Navigation",
  drawing: "Drawing",
  objects: "Objects",
  labels: "Labels",
  view: "View",
} as const;

const { editor, history, navigation, drawing, objects, labels, view } = ACTION_GROUPS;

const FIXED_SHORTCUTS = [
  // Editor: what works even with a dialog open.
  { id: "job.save", label: "Save", group: editor, defaultKeys: ["Mod+S"], scope: "global", inTextInput: true },
  { id: "editor.openSettings", label: "Settings", group: editor, defaultKeys: ["F2"], scope: "global" },
  { id: "editor.showShortcuts", label: "Keyboard shortcuts", group: editor, defaultKeys: ["F1"], scope: "global", keywords: ["keys", "help"] },
  { id: "editor.toggleFullscreen", label: "Fullscreen", group: editor, defaultKeys: [], scope: "global" },

  { id: "history.undo", label: "Undo", group: history, defaultKeys: ["Mod+Z"], scope: "canvas", repeatable: true },
  { id: "history.redo", label: "Redo", group: history, defaultKeys: ["Mod+Shift+Z", "Ctrl+Y"], scope: "canvas", repeatable: true },

  { id: "frame.previous", label: "Previous frame", group: navigation, defaultKeys: ["D"], scope: "canvas", repeatable: true },
  { id: "frame.next", label: "Next frame", group: navigation, defaultKeys: ["F"], scope: "canvas", repeatable: true },
  { id: "frame.stepBack", label: "Step back", group: navigation, defaultKeys: ["C"], scope: "canvas", repeatable: true },
  { id: "frame.stepForward", label: "Step forward", group: navigation, defaultKeys: ["V"], scope: "canvas", repeatable: true },
  { id: "frame.searchPrevious", label: "Previous frame matching the search", group: navigation, defaultKeys: ["Left"], scope: "canvas", repeatable: true, keywords: ["filter", "objects", "empty"] },
  { id: "frame.searchNext", label: "Next frame matching the search", group: navigation, defaultKeys: ["Right"], scope: "canvas", repeatable: true, keywords: ["filter", "objects", "empty"] },
  { id: "frame.first", label: "First frame", group: navigation, defaultKeys: [], scope: "canvas" },
  { id: "frame.last", label: "Last frame", group: navigation, defaultKeys: [], scope: "canvas" },
  { id: "player.togglePlay", label: "Play / pause", group: navigation, defaultKeys: ["Space"], scope: "canvas" },
  { id: "frame.focusInput", label: "Go to frame…", group: navigation, defaultKeys: ["`", "~"], scope: "canvas", keywords: ["number", "jump"] },
  { id: "frame.delete", label: "Delete frame", group: navigation, defaultKeys: ["Alt+Delete"], scope: "canvas" },
  // CVAT's keys for the active track's keyframes.
  { id: "track.previousKeyframe", label: "Previous keyframe", group: navigation, defaultKeys: ["E"], scope: "canvas", repeatable: true, keywords: ["track"] },
  { id: "track.nextKeyframe", label: "Next keyframe", group: navigation, defaultKeys: ["R"], scope: "canvas", repeatable: true, keywords: ["track"] },

  { id: "draw.repeat", label: "Draw again", group: drawing, defaultKeys: ["N"], scope: "canvas", keywords: ["new", "shape", "repeat"] },
  { id: "draw.finish", label: "Finish drawing", group: drawing, defaultKeys: ["N"], scope: "drawing" },
  { id: "mode.cancel", label: "Cancel", group: drawing, defaultKeys: ["Esc"], scope: "canvas", keywords: ["escape", "stop"] },
  { id: "group.toggleMode", label: "Group objects", group: drawing, defaultKeys: ["G"], scope: "canvas" },
  { id: "group.reset", label: "Ungroup objects", group: drawing, defaultKeys: ["Shift+G"], scope: "canvas", keywords: ["reset group"] },

  { id: "object.remove", label: "Remove object", group: objects, defaultKeys: ["Delete"], scope: "canvas", keywords: ["delete"] },
  { id: "object.removeForced", label: "Remove object, even locked", group: objects, defaultKeys: ["Shift+Delete"], scope: "canvas", keywords: ["delete", "force"] },
  { id: "object.copy", label: "Copy object", group: objects, defaultKeys: ["Mod+C"], scope: "canvas" },
  { id: "object.paste", label: "Paste object", group: objects, defaultKeys: ["Mod+V"], scope: "canvas" },
  { id: "object.propagate", label: "Propagate object", group: objects, defaultKeys: ["Ctrl+B"], scope: "canvas", keywords: ["copy", "frames"] },
  { id: "annotations.runActions", label: "Run actions", group: objects, defaultKeys: ["Ctrl+E"], scope: "canvas", keywords: ["annotation actions", "remove filtered shapes", "propagate shapes", "shapes converter", "convert", "masks", "polygons", "rectangles"] },
  { id: "object.toggleLock", label: "Lock / unlock object", group: objects, defaultKeys: ["L"], scope: "canvas" },
  { id: "objects.toggleLockAll", label: "Lock / unlock all objects", group: objects, defaultKeys: ["T L"], scope: "canvas" },
  { id: "object.toggleOccluded", label: "Occluded on / off", group: objects, defaultKeys: ["Q", "/"], scope: "canvas" },
  { id: "object.toggleHidden", label: "Hide / show object", group: objects, defaultKeys: ["H"], scope: "canvas" },
  { id: "track.toggleKeyframe", label: "Keyframe on / off", group: objects, defaultKeys: ["K"], scope: "canvas", keywords: ["track", "switch keyframe"] },
  { id: "track.toggleOutside", label: "Outside on / off", group: objects, defaultKeys: ["O"], scope: "canvas", keywords: ["track", "switch outside", "hide"] },
  { id: "objects.toggleHiddenAll", label: "Hide / show all objects", group: objects, defaultKeys: ["T H"], scope: "canvas" },
  { id: "object.toForeground", label: "Bring forward", group: objects, defaultKeys: ["+", "="], scope: "canvas", repeatable: true, keywords: ["z order", "foreground"] },
  { id: "object.toBackground", label: "Send backward", group: objects, defaultKeys: ["-", "_"], scope: "canvas", repeatable: true, keywords: ["z order", "background"] },
  { id: "object.changeColor", label: "Change instance color", group: objects, defaultKeys: ["Enter"], scope: "canvas" },
  { id: "object.activateNext", label: "Next object", group: objects, defaultKeys: ["Tab"], scope: "canvas", repeatable: true },
  { id: "object.activatePrevious", label: "Previous object", group: objects, defaultKeys: ["Shift+Tab"], scope: "canvas", repeatable: true },

  { id: "canvas.rotateClockwise", label: "Rotate clockwise", group: view, defaultKeys: ["Ctrl+R"], scope: "canvas" },
  { id: "canvas.rotateAnticlockwise", label: "Rotate anticlockwise", group: view, defaultKeys: ["Ctrl+Shift+R"], scope: "canvas" },
  { id: "canvas.fit", label: "Fit image", group: view, defaultKeys: [], scope: "canvas", keywords: ["zoom", "reset"] },
] as const satisfies readonly ActionSpec[];

export type LabelActionId = `labels.select.${LabelSlot}` | `object.relabel.${LabelSlot}` | `labels.addTag.${LabelSlot}`;
export type DefaultActionId = (typeof FIXED_SHORTCUTS)[number]["id"] | LabelActionId;

const LABEL_SHORTCUTS: ActionSpec<LabelActionId>[] = [
  ...LABEL_SLOTS.map((slot): ActionSpec<LabelActionId> => ({
    id: `labels.select.${slot}`,
    label: `Draw with label ${slot}`,
    group: labels,
    defaultKeys: [`${slot}`],
    scope: "canvas",
  })),
  ...LABEL_SLOTS.map((slot): ActionSpec<LabelActionId> => ({
    id: `object.relabel.${slot}`,
    label: `Change label to ${slot}`,
    group: labels,
    defaultKeys: [`Ctrl+${slot}`],
    scope: "canvas",
  })),
  // The tag annotation workspace: the same number keys add a tag of the label the annotator gave
  // the key (engine/tags/tagHotkeys.ts), winning over "Draw with label" there.
  ...LABEL_SLOTS.map((slot): ActionSpec<LabelActionId> => ({
    id: `labels.addTag.${slot}`,
    label: `Add the tag of hotkey ${slot}`,
    group: labels,
    defaultKeys: [`${slot}`],
    scope: "tagAnnotation",
    keywords: ["tag annotation", "frame"],
  })),
];

/** Every editor command with its default keys, in the order of menus and the Shortcuts tab. */
export const DEFAULT_SHORTCUTS: readonly ActionSpec<DefaultActionId>[] = [...FIXED_SHORTCUTS, ...LABEL_SHORTCUTS];

/** The label hotkey an action is about ("object.relabel.3" → 3), or null for other actions. */
export function labelSlotOf(actionId: string): LabelSlot | null {
  const match = /^(?:labels\.select|object\.relabel|labels\.addTag)\.([0-9])$/.exec(actionId);
  return match ? (Number(match[1]) as LabelSlot) : null;
}
