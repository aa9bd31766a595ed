// Key events as a browser with a US layout would send them for a written sequence ("Mod+S",
// "T L", "+"), so that tests can drive the dispatcher and, later, a test editor with real-looking
// key input instead of calling actions directly.

import { mustParseSequence, resolveCombo, type Combo, type KeyInput, type Platform } from "./keys";

const NAMED: Record<string, { key: string; code: string }> = {
  space: { key: " ", code: "Space" },
  esc: { key: "Escape", code: "Escape" },
  enter: { key: "Enter", code: "Enter" },
  tab: { key: "Tab", code: "Tab" },
  backspace: { key: "Backspace", code: "Backspace" },
  delete: { key: "Delete", code: "Delete" },
  insert: { key: "Insert", code: "Insert" },
  home: { key: "Home", code: "Home" },
  end: { key: "End", code: "End" },
  pageup: { key: "PageUp", code: "PageUp" },
  pagedown: { key: "PageDown", code: "PageDown" },
  up: { key: "ArrowUp", code: "ArrowUp" },
  down: { key: "ArrowDown", code: "ArrowDown" },
  left: { key: "ArrowLeft", code: "ArrowLeft" },
  right: { key: "ArrowRight", code: "ArrowRight" },
  contextmenu: { key: "ContextMenu", code: "ContextMenu" },
  pause: { key: "Pause", code: "Pause" },
  printscreen: { key: "PrintScreen", code: "PrintScreen" },
};

// Where each character sits on a US keyboard, and whether Shift types it.
const US_PUNCTUATION: Record<string, { code: string; shift: boolean }> = {
  "-": { code: "Minus", shift: false }, _: { code: "Minus", shift: true },
  "=": { code: "Equal", shift: false }, "+": { code: "Equal", shift: true },
  "[": { code: "BracketLeft", shift: false }, "{": { code: "BracketLeft", shift: true },
  "]": { code: "BracketRight", shift: false }, "}": { code: "BracketRight", shift: true },
  "\\": { code: "Backslash", shift: false }, "|": { code: "Backslash", shift: true },
  ";": { code: "Semicolon", shift: false }, ":": { code: "Semicolon", shift: true },
  "'": { code: "Quote", shift: false }, '"': { code: "Quote", shift: true },
  "`": { code: "Backquote", shift: false }, "~": { code: "Backquote", shift: true },
  ",": { code: "Comma", shift: false }, "<": { code: "Comma", shift: true },
  ".": { code: "Period", shift: false }, ">": { code: "Period", shift: true },
  "/": { code: "Slash", shift: false }, "?": { code: "Slash", shift: true },
  "!": { code: "Digit1", shift: true }, "@": { code: "Digit2", shift: true },
  "#": { code: "Digit3", shift: true }, $: { code: "Digit4", shift: true },
  "%": { code: "Digit5", shift: true }, "^": { code: "Digit6", shift: true },
  "&": { code: "Digit7", shift: true }, "*": { code: "Digit8", shift: true },
  "(": { code: "Digit9", shift: true }, ")": { code: "Digit0", shift: true },
};

function keyAndCode(combo: Combo): { key: string; code: string; shift: boolean } {
  const { key } = combo;
  if (/^[a-z]$/.test(key)) return { key: combo.shift ? key.toUpperCase() : key, code: `Key${key.toUpperCase()}`, shift: combo.shift };
  if (/^[0-9]$/.test(key)) return { key, code: `Digit${key}`, shift: combo.shift };
  if (/^f[0-9]+$/.test(key)) return { key: key.toUpperCase(), code: key.toUpperCase(), shift: combo.shift };
  const named = NAMED[key];
  if (named) return { ...named, shift: combo.shift };
  const punctuation = US_PUNCTUATION[key];
  if (punctuation) return { key, code: punctuation.code, shift: punctuation.shift };
  throw new RangeError(`No US key types "${key}".`);
}

/** The key-down event one combo makes on `platform` (Mod pressed as Cmd on a Mac, Ctrl elsewhere). */
export function simulatedKeyDown(combo: Combo, platform: Platform, extra: Partial<KeyInput> = {}): KeyInput {
  const resolved = resolveCombo(combo, platform);
  const { key, code, shift } = keyAndCode(resolved);
  return {
    key,
    code,
    ctrlKey: resolved.ctrl,
    shiftKey: shift,
    altKey: resolved.alt,
    metaKey: resolved.meta,
    ...extra,
  };
}

/** The key-down events a written sequence makes, one per combo ("T L" → T, then L). */
export function simulatedKeyPresses(text: string, platform: Platform, extra: Partial<KeyInput> = {}): KeyInput[] {
  return mustParseSequence(text).map((combo) => simulatedKeyDown(combo, platform, extra));
}
