import { describe, expect, it } from "vitest";
import {
  comboFromEvent,
  detectPlatform,
  formatCombo,
  formatComboId,
  formatSequence,
  mustParseSequence,
  normalizeSequence,
  parseCombo,
  parseSequence,
  resolveCombo,
  resolvedSequenceId,
  type KeyInput,
} from "./keys";

function press(key: string, code: string, modifiers: Partial<KeyInput> = {}): KeyInput {
  return { key, code, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...modifiers };
}

const idOf = (event: KeyInput) => {
  const combo = comboFromEvent(event);
  return combo ? formatComboId(combo) : null;
};

describe("parseCombo", () => {
  it("reads modifiers and a letter in any case", () => {
    expect(parseCombo("Ctrl+Shift+Z")).toEqual({ mod: false, ctrl: true, alt: false, shift: true, meta: false, key: "z" });
    expect(parseCombo("ctrl+shift+z")).toEqual(parseCombo("CTRL+SHIFT+Z"));
  });

  it("keeps Mod apart from Ctrl and Cmd until a platform is chosen", () => {
    expect(parseCombo("Mod+S")).toMatchObject({ mod: true, ctrl: false, meta: false, key: "s" });
  });

  it("accepts the usual names for modifiers", () => {
    expect(formatComboId(parseCombo("Control+Option+Cmd+K")!)).toBe("ctrl+alt+meta+k");
    expect(formatComboId(parseCombo("CmdOrCtrl+K")!)).toBe("mod+k");
  });

  it("writes modifiers in one order whatever order they were given in", () => {
    expect(normalizeSequence("Shift+Alt+Ctrl+X")).toBe("ctrl+alt+shift+x");
  });

  it("reads named keys and their aliases", () => {
    expect(parseCombo("Space")?.key).toBe("space");
    expect(parseCombo("Escape")?.key).toBe("esc");
    expect(parseCombo("Esc")?.key).toBe("esc");
    expect(parseCombo("Del")?.key).toBe("delete");
    expect(parseCombo("Delete")?.key).toBe("delete");
    expect(parseCombo("ArrowLeft")?.key).toBe("left");
    expect(parseCombo("Tab")?.key).toBe("tab");
    expect(parseCombo("PageDown")?.key).toBe("pagedown");
  });

  it("reads function keys F1 to F24", () => {
    expect(parseCombo("F2")?.key).toBe("f2");
    expect(parseCombo("f24")?.key).toBe("f24");
    expect(parseCombo("F25")).toBeNull();
  });

  it("reads digits", () => {
    expect(parseCombo("0")?.key).toBe("0");
    expect(normalizeSequence("Ctrl+7")).toBe("ctrl+7");
  });

  it("reads the plus key alone and after modifiers", () => {
    expect(parseCombo("+")).toMatchObject({ key: "+", ctrl: false });
    expect(parseCombo("Ctrl++")).toMatchObject({ key: "+", ctrl: true });
    expect(parseCombo("Plus")?.key).toBe("+");
  });

  it("drops Shift from punctuation, whose character already says whether Shift was held", () => {
    expect(normalizeSequence("Shift+=")).toBe("=");
    expect(normalizeSequence("Ctrl+Shift++")).toBe("ctrl++");
  });

  it("rejects what is not a combo", () => {
    for (const text of ["", "Ctrl", "Shift+", "Ctrl++S", "Hyper+A", "Ctrl+Sve", "é", "constructor", "Ctrl+constructor"]) {
      expect(parseCombo(text), text).toBeNull();
    }
  });
});

describe("parseSequence", () => {
  it("reads keys pressed one after another, separated by spaces", () => {
    const sequence = parseSequence("T L");
    expect(sequence?.map((combo) => combo.key)).toEqual(["t", "l"]);
    expect(normalizeSequence("  t   l ")).toBe("t l");
  });

  it("rejects a sequence with an invalid part", () => {
    expect(parseSequence("T Ctrl")).toBeNull();
    expect(parseSequence("   ")).toBeNull();
  });

  it("throws for invalid keys written in code", () => {
    expect(() => mustParseSequence("Ctrl+Nope")).toThrow(SyntaxError);
    expect(mustParseSequence("Mod+S")).toHaveLength(1);
  });
});

describe("Mod on macOS and elsewhere", () => {
  it("is Cmd on a Mac", () => {
    expect(formatComboId(resolveCombo(parseCombo("Mod+S")!, "mac"))).toBe("meta+s");
  });

  it("is Ctrl on Linux and Windows", () => {
    expect(formatComboId(resolveCombo(parseCombo("Mod+S")!, "pc"))).toBe("ctrl+s");
  });

  it("leaves combos without Mod as they are", () => {
    expect(resolveCombo(parseCombo("Ctrl+B")!, "mac")).toEqual(parseCombo("Ctrl+B"));
  });

  it("resolves every combo of a sequence", () => {
    expect(resolvedSequenceId(mustParseSequence("Mod+K Mod+S"), "mac")).toBe("meta+k meta+s");
  });
});

describe("comboFromEvent", () => {
  it("reads a letter with modifiers", () => {
    expect(idOf(press("Z", "KeyZ", { ctrlKey: true, shiftKey: true }))).toBe("ctrl+shift+z");
  });

  it("reads letters by position, so a Cyrillic layout still saves with Ctrl+S", () => {
    expect(idOf(press("ы", "KeyS", { ctrlKey: true }))).toBe("ctrl+s");
    expect(idOf(press("в", "KeyD"))).toBe("d");
  });

  it("reads letters by position when Option on a Mac changes the character", () => {
    expect(idOf(press("ß", "KeyS", { altKey: true }))).toBe("alt+s");
  });

  it("reads digits by position, so AZERTY's unshifted & still counts as 1", () => {
    expect(idOf(press("&", "Digit1"))).toBe("1");
    expect(idOf(press("!", "Digit1", { shiftKey: true }))).toBe("shift+1");
  });

  it("reads keypad digits as digits only when Num Lock is on", () => {
    expect(idOf(press("3", "Numpad3"))).toBe("3");
    expect(idOf(press("PageDown", "Numpad3"))).toBe("pagedown");
  });

  it("reads punctuation by the character typed, without Shift", () => {
    expect(idOf(press("+", "Equal", { shiftKey: true }))).toBe("+");
    expect(idOf(press("=", "Equal"))).toBe("=");
    expect(idOf(press("+", "NumpadAdd"))).toBe("+");
    expect(idOf(press("_", "Minus", { shiftKey: true }))).toBe("_");
    expect(idOf(press("~", "Backquote", { shiftKey: true }))).toBe("~");
  });

  it("reads a German layout's plus key, which is not where the US one is", () => {
    expect(idOf(press("+", "BracketRight"))).toBe("+");
  });

  it("falls back to the key's position when the layout types a letter on a punctuation key", () => {
    expect(idOf(press("ж", "Semicolon"))).toBe(";");
    expect(idOf(press("Dead", "Backquote"))).toBe("`");
    expect(idOf(press("–", "Minus", { altKey: true }))).toBe("alt+-");
  });

  it("reads named keys", () => {
    expect(idOf(press(" ", "Space"))).toBe("space");
    expect(idOf(press("Escape", "Escape"))).toBe("esc");
    expect(idOf(press("Delete", "Delete", { altKey: true }))).toBe("alt+delete");
    expect(idOf(press("Tab", "Tab", { shiftKey: true }))).toBe("shift+tab");
    expect(idOf(press("F2", "F2"))).toBe("f2");
    expect(idOf(press("ArrowRight", "ArrowRight"))).toBe("right");
  });

  it("reads the names older browsers used", () => {
    expect(idOf(press("Esc", ""))).toBe("esc");
    expect(idOf(press("Del", ""))).toBe("delete");
    expect(idOf(press("Left", ""))).toBe("left");
    expect(idOf(press("Spacebar", ""))).toBe("space");
  });

  it("gives nothing for a modifier pressed on its own", () => {
    for (const key of ["Control", "Shift", "Alt", "Meta", "AltGraph", "CapsLock"]) {
      expect(idOf(press(key, `${key}Left`))).toBeNull();
    }
  });

  it("gives nothing for keys it cannot name", () => {
    expect(idOf(press("Unidentified", ""))).toBeNull();
    expect(idOf(press("AudioVolumeUp", "AudioVolumeUp"))).toBeNull();
  });

  it("keeps Ctrl and Cmd as pressed", () => {
    expect(idOf(press("s", "KeyS", { metaKey: true }))).toBe("meta+s");
  });

  it("gives ids that parse back to the same combo", () => {
    const events = [press("+", "Equal", { ctrlKey: true, shiftKey: true }), press("Delete", "Delete"), press("q", "KeyQ", { altKey: true })];
    for (const event of events) expect(normalizeSequence(idOf(event)!)).toBe(idOf(event));
  });
});

describe("display", () => {
  it("shows PC combos as words joined by +", () => {
    expect(formatCombo(parseCombo("mod+shift+z")!, "pc")).toBe("Ctrl+Shift+Z");
    expect(formatCombo(parseCombo("alt+delete")!, "pc")).toBe("Alt+Del");
    expect(formatCombo(parseCombo("f2")!, "pc")).toBe("F2");
    expect(formatCombo(parseCombo("space")!, "pc")).toBe("Space");
    expect(formatCombo(parseCombo("ctrl++")!, "pc")).toBe("Ctrl++");
  });

  it("shows Mac combos with Apple's symbols in Apple's order", () => {
    expect(formatCombo(parseCombo("Mod+Shift+Z")!, "mac")).toBe("⇧⌘Z");
    expect(formatCombo(parseCombo("Ctrl+Alt+B")!, "mac")).toBe("⌃⌥B");
  });

  it("shows arrows as arrows", () => {
    expect(formatCombo(parseCombo("Left")!, "pc")).toBe("←");
  });

  it("shows a sequence as its combos separated by a space", () => {
    expect(formatSequence(mustParseSequence("t l"), "pc")).toBe("T L");
  });
});

describe("detectPlatform", () => {
  it("knows a Mac by its platform or user agent", () => {
    expect(detectPlatform({ platform: "MacIntel" })).toBe("mac");
    expect(detectPlatform({ userAgent: "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)" })).toBe("mac");
  });

  it("treats everything else as a PC", () => {
    expect(detectPlatform({ platform: "Linux x86_64" })).toBe("pc");
    expect(detectPlatform(undefined)).toBe("pc");
  });
});
