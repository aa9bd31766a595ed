import { describe, expect, it, vi } from "vitest";
import { fakeCommands, press } from "../editorActionsTesting";

const baseCommands = () => fakeCommands();

describe("view actions", () => {
  it("rotate with Ctrl+R and Ctrl+Shift+R", () => {
    const commands = { ...baseCommands(), rotateClockwise: vi.fn(), rotateAnticlockwise: vi.fn() };
    press("Ctrl+R", commands);
    press("Ctrl+Shift+R", commands);
    expect(commands.rotateClockwise).toHaveBeenCalledOnce();
    expect(commands.rotateAnticlockwise).toHaveBeenCalledOnce();
  });

  it("open Settings with F2 and the shortcut list with F1, even while drawing", () => {
    const commands = { ...baseCommands(), openSettings: vi.fn(), showShortcuts: vi.fn() };
    press("F2", commands, ["canvas", "drawing"]);
    press("F1", commands);
    expect(commands.openSettings).toHaveBeenCalledOnce();
    expect(commands.showShortcuts).toHaveBeenCalledOnce();
  });

  it("cycle objects with Tab and Shift+Tab", () => {
    const commands = { ...baseCommands(), activateNextObject: vi.fn(), activatePreviousObject: vi.fn() };
    press("Tab", commands);
    press("Shift+Tab", commands);
    expect(commands.activateNextObject).toHaveBeenCalledOnce();
    expect(commands.activatePreviousObject).toHaveBeenCalledOnce();
  });

  it("leave Tab to a dialog that has the focus", () => {
    const commands = { ...baseCommands(), activateNextObject: vi.fn(), canActivateObjects: () => false };
    const [result] = press("Tab", commands);
    expect(commands.activateNextObject).not.toHaveBeenCalled();
    expect(result?.preventDefault).toBe(false);
  });

  it("leave the keys to the browser where a view does not offer them", () => {
    const [result] = press("Tab", baseCommands());
    expect(result?.preventDefault).toBe(false);
  });
});
