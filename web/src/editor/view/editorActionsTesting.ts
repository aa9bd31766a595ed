// Test helpers for the editor's actions: a full set of fake commands and key presses through the
// real registry, keymap and dispatcher (shared by the action tests of each part of the editor).
import { vi } from "vitest";
import { createKeyDispatcher } from "../engine/actions/dispatch";
import type { Scope } from "../engine/actions/scopes";
import { simulatedKeyPresses } from "../engine/actions/simulatedKeys";
import { createEditorActions, createEditorKeymap, type EditorCommands } from "./editorActions";

export function fakeCommands(overrides: Partial<EditorCommands> = {}): EditorCommands {
  const yes = () => true;
  const no = () => false;
  return {
    canSave: yes,
    save: vi.fn(),
    canUndo: yes,
    undo: vi.fn(),
    canRedo: yes,
    redo: vi.fn(),
    previousFrame: vi.fn(),
    nextFrame: vi.fn(),
    firstFrame: vi.fn(),
    lastFrame: vi.fn(),
    stepBack: vi.fn(),
    stepForward: vi.fn(),
    searchPrevious: vi.fn(),
    searchNext: vi.fn(),
    focusFrameInput: vi.fn(),
    toggleFrameDeleted: vi.fn(),
    toggleFullscreen: vi.fn(),
    togglePlay: vi.fn(),
    isDrawing: no,
    finishDrawing: vi.fn(),
    drawAgain: vi.fn(),
    cancel: vi.fn(),
    hasSelection: yes,
    removeSelected: vi.fn(),
    toggleLock: vi.fn(),
    toggleOccluded: vi.fn(),
    toggleHidden: vi.fn(),
    fit: vi.fn(),
    selectLabelSlot: vi.fn(),
    copySelected: vi.fn(),
    canPaste: yes,
    paste: vi.fn(),
    propagateSelected: vi.fn(),
    toForeground: vi.fn(),
    toBackground: vi.fn(),
    changeColor: vi.fn(),
    toggleLockAll: vi.fn(),
    toggleHiddenAll: vi.fn(),
    relabelSelected: vi.fn(),
    hasActiveTrack: yes,
    toggleKeyframe: vi.fn(),
    toggleOutside: vi.fn(),
    previousKeyframe: vi.fn(),
    nextKeyframe: vi.fn(),
    ...overrides,
  };
}

export function press(keys: string, commands: EditorCommands, scopes: Scope[] = ["canvas"]) {
  const registry = createEditorActions();
  const dispatcher = createKeyDispatcher(registry, createEditorKeymap(registry, {}, "pc"), {
    isTypingTarget: () => false,
  });
  return simulatedKeyPresses(keys, "pc").map((event) => dispatcher.handle(event, commands, scopes));
}
