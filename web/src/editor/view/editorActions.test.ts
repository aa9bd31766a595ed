import { describe, expect, it } from "vitest";
import { fakeCommands, press } from "./editorActionsTesting";


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

  it("K and O toggle the active track's keyframe and outside, E and R go to its keyframes", () => {
    const commands = fakeCommands();
    press("K O E R", commands);
    expect(commands.toggleKeyframe).toHaveBeenCalledOnce();
    expect(commands.toggleOutside).toHaveBeenCalledOnce();
    expect(commands.previousKeyframe).toHaveBeenCalledOnce();
    expect(commands.nextKeyframe).toHaveBeenCalledOnce();
  });

  it("the track keys fall through without an active track", () => {
    const commands = fakeCommands({ hasActiveTrack: () => false });
    expect(press("K O E R", commands).map((result) => result.kind)).toEqual(["none", "none", "none", "none"]);
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

  it("Ctrl+C copies the selection and Ctrl+V pastes, only with something to paste", () => {
    const commands = fakeCommands();
    press("Ctrl+C", commands);
    press("Ctrl+V", commands);
    expect(commands.copySelected).toHaveBeenCalledOnce();
    expect(commands.paste).toHaveBeenCalledOnce();
    const nothing = fakeCommands({ canPaste: () => false });
    expect(press("Ctrl+V", nothing)[0].kind).toBe("none");
  });

  it("Ctrl+B propagates, + and - change z-order, Enter changes the colour of the selection", () => {
    const commands = fakeCommands();
    press("Ctrl+B", commands);
    press("+", commands);
    press("-", commands);
    press("Enter", commands);
    expect(commands.propagateSelected).toHaveBeenCalledOnce();
    expect(commands.toForeground).toHaveBeenCalledOnce();
    expect(commands.toBackground).toHaveBeenCalledOnce();
    expect(commands.changeColor).toHaveBeenCalledOnce();
    const empty = fakeCommands({ hasSelection: () => false });
    expect(press("Ctrl+B", empty)[0].kind).toBe("none");
  });

  it("T L and T H lock and hide all objects", () => {
    const commands = fakeCommands();
    press("T L", commands);
    press("T H", commands);
    expect(commands.toggleLockAll).toHaveBeenCalledOnce();
    expect(commands.toggleHiddenAll).toHaveBeenCalledOnce();
  });

  it("Ctrl+digits relabel the selection", () => {
    const commands = fakeCommands();
    press("Ctrl+3", commands);
    press("Ctrl+0", commands);
    expect(commands.relabelSelected).toHaveBeenNthCalledWith(1, 3);
    expect(commands.relabelSelected).toHaveBeenNthCalledWith(2, 0);
  });
});
