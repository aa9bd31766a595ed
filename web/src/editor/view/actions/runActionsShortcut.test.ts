import { describe, expect, it, vi } from "vitest";
import { menuSections } from "../../engine/actions/menu";
import { createEditorActions, createEditorKeymap } from "../editorActions";
import { fakeCommands, press } from "../editorActionsTesting";

describe("Run actions", () => {
  it("opens with Ctrl+E, with or without a selection", () => {
    const commands = fakeCommands({ hasSelection: () => false, openAnnotationActions: vi.fn() });
    expect(press("Ctrl+E", commands)[0].kind).toBe("run");
    expect(commands.openAnnotationActions).toHaveBeenCalledOnce();
  });

  it("does not open behind another dialog", () => {
    const commands = fakeCommands({ openAnnotationActions: vi.fn() });
    press("Ctrl+E", commands, ["canvas", "modal"]);
    expect(commands.openAnnotationActions).not.toHaveBeenCalled();
  });

  it("is in the Menu with its key, under Objects", () => {
    const registry = createEditorActions();
    const commands = fakeCommands({ openAnnotationActions: vi.fn() });
    const sections = menuSections(registry, createEditorKeymap(registry, {}, "pc"), commands);
    const objects = sections.find((section) => section.group === "Objects");
    expect(objects?.items).toContainEqual({ id: "annotations.runActions", label: "Run actions", shortcut: "Ctrl+E", disabled: false });
  });

  it("is greyed out in a view that has no dialog for it", () => {
    const registry = createEditorActions();
    expect(registry.isEnabled("annotations.runActions", fakeCommands())).toBe(false);
  });
});
