import { describe, expect, it, vi } from "vitest";
import { createKeyDispatcher } from "../../engine/actions/dispatch";
import { simulatedKeyPresses } from "../../engine/actions/simulatedKeys";
import { createEditorActions, createEditorKeymap, type EditorCommands } from "../editorActions";

function press(keys: string, commands: Partial<EditorCommands>) {
  const registry = createEditorActions();
  const dispatcher = createKeyDispatcher(registry, createEditorKeymap(registry, {}, "pc"), { isTypingTarget: () => false });
  return simulatedKeyPresses(keys, "pc").map((event) => dispatcher.handle(event, commands as EditorCommands, ["canvas"]));
}

describe("group shortcuts", () => {
  it("G toggles group mode", () => {
    const commands = { toggleGroupMode: vi.fn(), hasSelection: () => false };
    press("G", commands);
    expect(commands.toggleGroupMode).toHaveBeenCalledOnce();
  });

  it("Shift+G ungroups the selection, and does nothing without one", () => {
    const selected = { ungroupSelected: vi.fn(), hasSelection: () => true };
    press("Shift+G", selected);
    expect(selected.ungroupSelected).toHaveBeenCalledOnce();
    const none = { ungroupSelected: vi.fn(), hasSelection: () => false };
    press("Shift+G", none);
    expect(none.ungroupSelected).not.toHaveBeenCalled();
  });
});
