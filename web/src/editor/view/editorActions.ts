/**
 * The editor's registered actions bound to what the view can do now: the default shortcut table
 * paired with handlers over `EditorCommands`, so the top bar's menu, the buttons' tooltips and the
 * keyboard all run the same commands. Commands not offered yet are simply not bound.
 */
import { bindActions, defineActions, type ActionHandler, type ActionRegistry } from "../engine/actions/registry";
import { DEFAULT_SHORTCUTS, LABEL_SLOTS, type DefaultActionId, type LabelSlot } from "../engine/actions/defaultShortcuts";
import { buildKeymap, type Keymap } from "../engine/actions/keymap";
import type { Platform } from "../engine/actions/keys";
import type { ShortcutSettings } from "../../lib/settings";

/** What the actions drive; the workspace supplies it, reading its latest state on every call. */
export interface EditorCommands {
  canSave(): boolean;
  save(): void;
  canUndo(): boolean;
  undo(): void;
  canRedo(): boolean;
  redo(): void;
  previousFrame(): void;
  nextFrame(): void;
  firstFrame(): void;
  lastFrame(): void;
  togglePlay(): void;
  isDrawing(): boolean;
  finishDrawing(): void;
  /** Starts drawing again with the tool last drawn with (N outside drawing). */
  drawAgain(): void;
  cancel(): void;
  hasSelection(): boolean;
  removeSelected(force: boolean): void;
  toggleLock(): void;
  toggleOccluded(): void;
  toggleHidden(): void;
  fit(): void;
  selectLabelSlot(slot: LabelSlot): void;
  /** G: enter group mode, or group the collected shapes and leave it. */
  toggleGroupMode?(): void;
  /** Shift+G: ungroup the selected objects. */
  ungroupSelected?(): void;
}

type Handlers = Partial<Record<DefaultActionId, ActionHandler<EditorCommands>>>;

function handlers(): Handlers {
  const withSelection = (run: (c: EditorCommands) => void): ActionHandler<EditorCommands> => ({
    when: (c) => c.hasSelection(),
    run,
  });
  const bound: Handlers = {
    "job.save": { when: (c) => c.canSave(), run: (c) => c.save() },
    "history.undo": { when: (c) => c.canUndo(), run: (c) => c.undo() },
    "history.redo": { when: (c) => c.canRedo(), run: (c) => c.redo() },
    "frame.previous": { run: (c) => c.previousFrame() },
    "frame.next": { run: (c) => c.nextFrame() },
    "frame.first": { run: (c) => c.firstFrame() },
    "frame.last": { run: (c) => c.lastFrame() },
    "player.togglePlay": { run: (c) => c.togglePlay() },
    "draw.finish": { when: (c) => c.isDrawing(), run: (c) => c.finishDrawing() },
    "draw.repeat": { when: (c) => !c.isDrawing(), run: (c) => c.drawAgain() },
    "mode.cancel": { run: (c) => c.cancel() },
    "object.remove": withSelection((c) => c.removeSelected(false)),
    "object.removeForced": withSelection((c) => c.removeSelected(true)),
    "object.toggleLock": withSelection((c) => c.toggleLock()),
    "object.toggleOccluded": withSelection((c) => c.toggleOccluded()),
    "object.toggleHidden": withSelection((c) => c.toggleHidden()),
    "canvas.fit": { run: (c) => c.fit() },
    "group.toggleMode": { when: (c) => c.toggleGroupMode !== undefined, run: (c) => c.toggleGroupMode?.() },
    "group.reset": { when: (c) => c.hasSelection() && c.ungroupSelected !== undefined, run: (c) => c.ungroupSelected?.() },
  };
  for (const slot of LABEL_SLOTS) bound[`labels.select.${slot}`] = { run: (c) => c.selectLabelSlot(slot) };
  return bound;
}

export function createEditorActions(): ActionRegistry<EditorCommands> {
  return defineActions(bindActions(DEFAULT_SHORTCUTS, handlers()));
}

export function createEditorKeymap(
  registry: ActionRegistry<EditorCommands>,
  shortcuts: ShortcutSettings,
  platform: Platform,
): Keymap {
  return buildKeymap(registry.actions, shortcuts, platform);
}
