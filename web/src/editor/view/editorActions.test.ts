import { describe, expect, it, vi } from "vitest";
import { createKeyDispatcher } from "../engine/actions/dispatch";
import { simulatedKeyPresses } from "../engine/actions/simulatedKeys";
import type { Scope } from "../engine/actions/scopes";
import { createEditorActions, createEditorKeymap, type EditorCommands } from "./editorActions";

function fakeCommands(overrides: Partial<EditorCommands> = {}): EditorCommands {
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
    ...overrides,
  };
}

function press(keys: string, commands: EditorCommands, scopes: Scope[] = ["canvas"]) {
  const registry = createEditorActions();
  const dispatcher = createKeyDispatcher(registry, createEditorKeymap(registry, {}, "pc"), {
    isTypingTarget: () => false,
  });
  return simulatedKeyPresses(keys, "pc").map((event) => dispatcher.handle(event, commands, scopes));
}

describe("editor shortcuts", () => {
  it("F goes to the next frame and D to the previous one", () => {
    const commands = fakeCommands();
    press("F", commands);
    press("D", commands);
    expect(commands.nextFrame).toHaveBeenCalledOnce();
    expect(commands.previousFrame).toHaveBeenCalledOnce();
  });

  it("C/V step, Left/Right search, ` focuses the frame number, Alt+Delete deletes the frame", () => {
    const commands = fakeCommands();
    press("C V Left Right ` Alt+Delete", commands);
    expect(commands.stepBack).toHaveBeenCalledOnce();
    expect(commands.stepForward).toHaveBeenCalledOnce();
    expect(commands.searchPrevious).toHaveBeenCalledOnce();
    expect(commands.searchNext).toHaveBeenCalledOnce();
    expect(commands.focusFrameInput).toHaveBeenCalledOnce();
    expect(commands.toggleFrameDeleted).toHaveBeenCalledOnce();
  });

  it("Ctrl+S saves", () => {
    const commands = fakeCommands();
    expect(press("Ctrl+S", commands)[0].kind).toBe("run");
    expect(commands.save).toHaveBeenCalledOnce();
  });

  it("Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo", () => {
    const commands = fakeCommands();
    press("Ctrl+Z", commands);
    press("Ctrl+Shift+Z", commands);
    press("Ctrl+Y", commands);
    expect(commands.undo).toHaveBeenCalledOnce();
    expect(commands.redo).toHaveBeenCalledTimes(2);
  });

  it("N finishes the shape while drawing", () => {
    const commands = fakeCommands({ isDrawing: () => true });
    press("N", commands, ["canvas", "drawing"]);
    expect(commands.finishDrawing).toHaveBeenCalledOnce();
    expect(commands.drawAgain).not.toHaveBeenCalled();
  });

  it("N draws again when not drawing", () => {
    const commands = fakeCommands();
    press("N", commands);
    expect(commands.drawAgain).toHaveBeenCalledOnce();
  });

  it("Delete removes the selection, and falls through without one", () => {
    const selected = fakeCommands();
    press("Delete", selected);
    expect(selected.removeSelected).toHaveBeenCalledWith(false);
    const empty = fakeCommands({ hasSelection: () => false });
    expect(press("Delete", empty)[0].kind).toBe("none");
  });

  it("digits choose the drawing label", () => {
    const commands = fakeCommands();
    press("2", commands);
    expect(commands.selectLabelSlot).toHaveBeenCalledWith(2);
  });
});
