import { describe, expect, it, vi } from "vitest";
import { fakeCommands, press } from "../editorActionsTesting";

const TAGGING = ["canvas", "tagAnnotation"] as const;

/** The commands as the tag annotation workspace gives them: tags by key, no shape editing. */
function taggingCommands() {
  return fakeCommands({
    addTagOfKey: vi.fn(),
    editsShapes: () => false,
    toggleGroupMode: vi.fn(),
    activateNextObject: vi.fn(),
  });
}

describe("keys in the tag annotation workspace", () => {
  it("a number key adds the tag of the label it was given, instead of choosing the drawing label", () => {
    const commands = taggingCommands();
    press("2 0", commands, [...TAGGING]);
    expect(commands.addTagOfKey).toHaveBeenNthCalledWith(1, 2);
    expect(commands.addTagOfKey).toHaveBeenNthCalledWith(2, 0);
    expect(commands.selectLabelSlot).not.toHaveBeenCalled();
  });

  it("outside it, the number keys still choose the drawing label", () => {
    const commands = fakeCommands({ addTagOfKey: vi.fn() });
    press("2", commands);
    expect(commands.selectLabelSlot).toHaveBeenCalledWith(2);
    expect(commands.addTagOfKey).not.toHaveBeenCalled();
  });

  it("draws, pastes, groups, selects and edits no shapes", () => {
    const commands = taggingCommands();
    const results = press("N Ctrl+V G Tab Delete Ctrl+B L", commands, [...TAGGING]);
    expect(results.map((result) => result.kind)).toEqual(Array(7).fill("none"));
    const commandNames = ["drawAgain", "paste", "toggleGroupMode", "activateNextObject", "removeSelected", "propagateSelected", "toggleLock"] as const;
    for (const command of commandNames) {
      expect(commands[command], command).not.toHaveBeenCalled();
    }
  });

  it("still moves between frames, undoes and saves", () => {
    const commands = taggingCommands();
    press("F D Ctrl+Z Ctrl+S", commands, [...TAGGING]);
    expect(commands.nextFrame).toHaveBeenCalledOnce();
    expect(commands.previousFrame).toHaveBeenCalledOnce();
    expect(commands.undo).toHaveBeenCalledOnce();
    expect(commands.save).toHaveBeenCalledOnce();
  });
});
