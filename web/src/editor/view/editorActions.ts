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
import type { SidebarCommands } from "./sidebar/useObjectsSidebar";

/** What the actions drive; the workspace supplies it, reading its latest state on every call. */
/** The objects sidebar's keyboard commands come with `SidebarCommands` (sidebar/useObjectsSidebar.tsx). */
export interface EditorCommands extends SidebarCommands {
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
  /** Top bar (view/topbar): step by the player's frame step, search by the chosen mode, and the frame itself. */
  stepBack(): void;
  stepForward(): void;
  searchPrevious(): void;
  searchNext(): void;
  focusFrameInput(): void;
  toggleFrameDeleted(): void;
  toggleFullscreen(): void;
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
  // How the frame is viewed (image/useViewControls); optional so a view without them stays valid.
  rotateClockwise?(): void;
  rotateAnticlockwise?(): void;
  openSettings?(): void;
  showShortcuts?(): void;
  activateNextObject?(): void;
  activatePreviousObject?(): void;
  /** False while the focus is in a dialog, where Tab moves between its fields. */
  canActivateObjects?(): boolean;
  /** G: enter group mode, or group the collected shapes and leave it. */
  toggleGroupMode?(): void;
  /** Shift+G: ungroup the selected objects. */
  ungroupSelected?(): void;
  /** Ctrl+E: the "Run actions" dialog (actions/useAnnotationActions.tsx). */
  openAnnotationActions?(): void;
  /**
   * False in a workspace where shapes are not drawn, selected or edited (tag annotation): the
   * actions that would are off there, in the menu as on the keys. True when absent.
   */
  editsShapes?(): boolean;
  /** The tag annotation workspace: adds the tag of the label the key was given (view/tags). */
  addTagOfKey?(slot: LabelSlot): void;
}

type Handlers = Partial<Record<DefaultActionId, ActionHandler<EditorCommands>>>;

function handlers(): Handlers {
  const editing = (c: EditorCommands) => c.editsShapes?.() ?? true;
  const withSelection = (run: (c: EditorCommands) => void): ActionHandler<EditorCommands> => ({
    when: (c) => c.hasSelection() && editing(c),
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
    "frame.stepBack": { run: (c) => c.stepBack() },
    "frame.stepForward": { run: (c) => c.stepForward() },
    "frame.searchPrevious": { run: (c) => c.searchPrevious() },
    "frame.searchNext": { run: (c) => c.searchNext() },
    "frame.focusInput": { run: (c) => c.focusFrameInput() },
    "frame.delete": { run: (c) => c.toggleFrameDeleted() },
    "editor.toggleFullscreen": { run: (c) => c.toggleFullscreen() },
    "player.togglePlay": { run: (c) => c.togglePlay() },
    "draw.finish": { when: (c) => c.isDrawing(), run: (c) => c.finishDrawing() },
    "draw.repeat": { when: (c) => !c.isDrawing() && editing(c), run: (c) => c.drawAgain() },
    "mode.cancel": { run: (c) => c.cancel() },
    "object.remove": withSelection((c) => c.removeSelected(false)),
    "object.removeForced": withSelection((c) => c.removeSelected(true)),
    "object.toggleLock": withSelection((c) => c.toggleLock()),
    "object.toggleOccluded": withSelection((c) => c.toggleOccluded()),
    "object.toggleHidden": withSelection((c) => c.toggleHidden()),
    "canvas.fit": { run: (c) => c.fit() },
    "object.copy": withSelection((c) => c.copySelected()),
    "object.paste": { when: (c) => c.canPaste() && editing(c), run: (c) => c.paste() },
    "object.propagate": withSelection((c) => c.propagateSelected()),
    "object.toForeground": withSelection((c) => c.toForeground()),
    "object.toBackground": withSelection((c) => c.toBackground()),
    "object.changeColor": withSelection((c) => c.changeColor()),
    "objects.toggleLockAll": { run: (c) => c.toggleLockAll() },
    "objects.toggleHiddenAll": { run: (c) => c.toggleHiddenAll() },
    "track.toggleKeyframe": { when: (c) => c.hasActiveTrack() && editing(c), run: (c) => c.toggleKeyframe() },
    "track.toggleOutside": { when: (c) => c.hasActiveTrack() && editing(c), run: (c) => c.toggleOutside() },
    "track.previousKeyframe": { when: (c) => c.hasActiveTrack(), run: (c) => c.previousKeyframe() },
    "track.nextKeyframe": { when: (c) => c.hasActiveTrack(), run: (c) => c.nextKeyframe() },
    "group.toggleMode": { when: (c) => c.toggleGroupMode !== undefined && editing(c), run: (c) => c.toggleGroupMode?.() },
    "group.reset": { when: (c) => c.hasSelection() && c.ungroupSelected !== undefined, run: (c) => c.ungroupSelected?.() },
  };
  const optional = (pick: (c: EditorCommands) => (() => void) | undefined): ActionHandler<EditorCommands> => ({
    when: (c) => pick(c) !== undefined,
    run: (c) => pick(c)?.call(c),
  });
  bound["canvas.rotateClockwise"] = optional((c) => c.rotateClockwise);
  bound["canvas.rotateAnticlockwise"] = optional((c) => c.rotateAnticlockwise);
  bound["editor.openSettings"] = optional((c) => c.openSettings);
  bound["editor.showShortcuts"] = optional((c) => c.showShortcuts);
  bound["annotations.runActions"] = optional((c) => c.openAnnotationActions);
  const cycling = (pick: (c: EditorCommands) => (() => void) | undefined): ActionHandler<EditorCommands> => ({
    when: (c) => pick(c) !== undefined && (c.canActivateObjects?.() ?? true) && editing(c),
    run: (c) => pick(c)?.call(c),
  });
  bound["object.activateNext"] = cycling((c) => c.activateNextObject);
  bound["object.activatePrevious"] = cycling((c) => c.activatePreviousObject);
  for (const slot of LABEL_SLOTS) bound[`labels.select.${slot}`] = { run: (c) => c.selectLabelSlot(slot) };
  for (const slot of LABEL_SLOTS) bound[`object.relabel.${slot}`] = withSelection((c) => c.relabelSelected(slot));
  for (const slot of LABEL_SLOTS) {
    bound[`labels.addTag.${slot}`] = { when: (c) => c.addTagOfKey !== undefined, run: (c) => c.addTagOfKey?.(slot) };
  }
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
