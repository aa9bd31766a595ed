// Key combos and sequences: parsing the text people write ("Ctrl+Shift+Z", "Mod+S", "T L"),
// reading them off keyboard events, and writing them back for storage and for menus.
//
// Letters and digits are read from `code` (the key's position), not `key` (the character it
// types), so shortcuts keep working on Cyrillic, Greek or AZERTY layouts and with Option held on a
// Mac. Punctuation is read from `key`, because "+" and "/" sit in different places on different
// layouts and people bind the character they see; Shift is dropped for punctuation since the
// character already says whether it was held ("Shift+=" is "+" on a US keyboard). Pure: no DOM.

/** Where the editor runs: decides what "Mod" means and how combos are shown. */
export type Platform = "mac" | "pc";

/** A combo as written: `mod` is Cmd on macOS and Ctrl elsewhere, resolved only when matching. */
export interface Combo {
  readonly mod: boolean;
  readonly ctrl: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
  /** Canonical key name: "a"…"z", "0"…"9", "f1"…"f24", "space", "esc", "delete", "+", "/", … */
  readonly key: string;
}

/** Keys pressed one after another ("T L": T, then L), as CVAT binds "lock all". */
export type KeySequence = readonly Combo[];

/** The parts of a KeyboardEvent the editor reads; DOM events fit it as they are. */
export interface KeyInput {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  /** True while a held key auto-repeats. */
  readonly repeat?: boolean;
  /** Where the key was typed; only ever handed to a predicate the view supplies. */
  readonly target?: unknown;
}

type ModifierFlag = "mod" | "ctrl" | "alt" | "shift" | "meta";

// Maps, not object literals, so that text such as "constructor" finds nothing.
const MODIFIER_ALIASES = new Map<string, ModifierFlag>(Object.entries({
  mod: "mod",
  cmdorctrl: "mod",
  commandorcontrol: "mod",
  ctrl: "ctrl",
  control: "ctrl",
  alt: "alt",
  option: "alt",
  opt: "alt",
  shift: "shift",
  meta: "meta",
  cmd: "meta",
  command: "meta",
  super: "meta",
  win: "meta",
} satisfies Record<string, ModifierFlag>));

// Names browsers (old and new) report in `key`, and names people write, to the canonical one.
const KEY_ALIASES = new Map<string, string>(Object.entries({
  escape: "esc",
  esc: "esc",
  del: "delete",
  delete: "delete",
  return: "enter",
  enter: "enter",
  " ": "space",
  spacebar: "space",
  space: "space",
  arrowup: "up",
  arrowdown: "down",
  arrowleft: "left",
  arrowright: "right",
  up: "up",
  down: "down",
  left: "left",
  right: "right",
  plus: "+",
  minus: "-",
  ins: "insert",
  pgup: "pageup",
  pgdn: "pagedown",
}));

// The US character at each punctuation position: used when the layout types a letter there
// (Russian "ж" on Semicolon), a dead key, or an Option character on a Mac.
const PUNCTUATION_BY_CODE = new Map<string, string>(Object.entries({
  Minus: "-",
  Equal: "=",
  BracketLeft: "[",
  BracketRight: "]",
  Backslash: "\\",
  Semicolon: ";",
  Quote: "'",
  Backquote: "`",
  Comma: ",",
  Period: ".",
  Slash: "/",
  IntlBackslash: "\\",
  NumpadAdd: "+",
  NumpadSubtract: "-",
  NumpadMultiply: "*",
  NumpadDivide: "/",
  NumpadDecimal: ".",
}));

// Keys without a character that may be bound; media and IME keys are left to the system.
const NAMED_KEYS = new Set([
  "esc", "tab", "space", "enter", "backspace", "delete", "insert", "home", "end", "pageup", "pagedown",
  "up", "down", "left", "right", "contextmenu", "pause", "printscreen",
]);
const MODIFIER_KEYS = new Set(["control", "shift", "alt", "altgraph", "meta", "os", "capslock", "fn", "fnlock", "hyper", "super", "numlock", "scrolllock"]);
const UNREADABLE_KEYS = new Set(["dead", "unidentified", "process", ""]);
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;

const isLetter = (name: string) => /^[a-z]$/.test(name);
const isDigit = (name: string) => /^[0-9]$/.test(name);
const isFunctionKey = (name: string) => /^f([1-9]|1[0-9]|2[0-4])$/.test(name);
const isPunctuation = (name: string) => ASCII_PUNCTUATION.test(name);

/** The canonical name of a key written by hand ("Escape", "Del", "F2", "A"), or null. */
function keyNameFromText(text: string): string | null {
  const lower = text.toLowerCase();
  if (isLetter(lower) || isDigit(lower) || isFunctionKey(lower) || isPunctuation(lower)) return lower;
  const alias = KEY_ALIASES.get(lower);
  if (alias !== undefined) return alias;
  return NAMED_KEYS.has(lower) ? lower : null;
}

/** Reads one combo: "Ctrl+Shift+Z", "mod+s", "Space", "+", "Ctrl++", "Shift+Tab". Null if invalid. */
export function parseCombo(text: string): Combo | null {
  const trimmed = text.trim();
  if (trimmed === "" || /\s/.test(trimmed)) return null;
  // The plus key is written as itself: "+", "Ctrl++".
  let keyText: string;
  let modifierText: string;
  if (trimmed === "+" || trimmed.endsWith("++")) {
    keyText = "+";
    modifierText = trimmed.slice(0, -2);
  } else {
    const split = trimmed.lastIndexOf("+");
    keyText = trimmed.slice(split + 1);
    modifierText = split < 0 ? "" : trimmed.slice(0, split);
  }
  if (keyText === "") return null;
  const parts = modifierText === "" ? [] : modifierText.split("+");
  const flags = { mod: false, ctrl: false, alt: false, shift: false, meta: false };
  for (const part of parts) {
    const modifier = MODIFIER_ALIASES.get(part.toLowerCase());
    if (!modifier) return null; // also catches "Ctrl++S" (an empty part)
    flags[modifier] = true;
  }
  if (MODIFIER_ALIASES.has(keyText.toLowerCase())) return null; // modifiers alone are not shortcuts
  const key = keyNameFromText(keyText);
  if (key === null) return null;
  return { ...flags, shift: flags.shift && !isPunctuation(key), key };
}

/** Reads a sequence: combos separated by spaces ("t l"). Null if any part is invalid. */
export function parseSequence(text: string): KeySequence | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 0 || parts[0] === "") return null;
  const combos: Combo[] = [];
  for (const part of parts) {
    const combo = parseCombo(part);
    if (!combo) return null;
    combos.push(combo);
  }
  return combos;
}

/** Like parseSequence, for tables written in code: a typo there is a bug, so it throws. */
export function mustParseSequence(text: string): KeySequence {
  const sequence = parseSequence(text);
  if (!sequence) throw new SyntaxError(`"${text}" is not a key combo or sequence.`);
  return sequence;
}

function keyNameFromEvent(event: KeyInput): string | null {
  const letter = /^Key([A-Z])$/.exec(event.code);
  if (letter) return letter[1].toLowerCase();
  const digit = /^Digit([0-9])$/.exec(event.code);
  if (digit) return digit[1];
  // Keypad digits count as digits only with Num Lock on; otherwise they are Home, End, arrows…
  if (/^Numpad[0-9]$/.test(event.code) && isDigit(event.key)) return event.key;
  const key = event.key.toLowerCase();
  if (MODIFIER_KEYS.has(key)) return null;
  if (event.code === "Space" || key === " ") return "space";
  if (UNREADABLE_KEYS.has(key) || (key.length === 1 && !isPunctuation(key))) {
    // The layout typed something we cannot name (a dead key, a non-Latin letter on a
    // punctuation key, an Option character): fall back to the key's position.
    return PUNCTUATION_BY_CODE.get(event.code) ?? null;
  }
  return keyNameFromText(event.key);
}

/** The combo a keyboard event makes, with Ctrl and Cmd as pressed; null for a lone modifier. */
export function comboFromEvent(event: KeyInput): Combo | null {
  const key = keyNameFromEvent(event);
  if (key === null) return null;
  return {
    mod: false,
    ctrl: event.ctrlKey,
    alt: event.altKey,
    shift: event.shiftKey && !isPunctuation(key),
    meta: event.metaKey,
    key,
  };
}

/** The combo with "Mod" turned into the platform's key: Cmd on macOS, Ctrl elsewhere. */
export function resolveCombo(combo: Combo, platform: Platform): Combo {
  if (!combo.mod) return combo;
  return platform === "mac"
    ? { ...combo, mod: false, meta: true }
    : { ...combo, mod: false, ctrl: true };
}

/** Canonical text of a combo, for storage and for comparing: "mod+shift+z", "ctrl++". */
export function formatComboId(combo: Combo): string {
  const parts: string[] = [];
  if (combo.mod) parts.push("mod");
  if (combo.ctrl) parts.push("ctrl");
  if (combo.alt) parts.push("alt");
  if (combo.shift) parts.push("shift");
  if (combo.meta) parts.push("meta");
  parts.push(combo.key);
  return parts.join("+");
}

/** Canonical text of a sequence: combos joined by spaces ("t l"). */
export function formatSequenceId(sequence: KeySequence): string {
  return sequence.map(formatComboId).join(" ");
}

/** The canonical form of a written sequence ("Ctrl+Shift+Z" → "ctrl+shift+z"), or null. */
export function normalizeSequence(text: string): string | null {
  const sequence = parseSequence(text);
  return sequence ? formatSequenceId(sequence) : null;
}

/** The id of a sequence as it is matched on this platform (Mod resolved). */
export function resolvedSequenceId(sequence: KeySequence, platform: Platform): string {
  return sequence.map((combo) => formatComboId(resolveCombo(combo, platform))).join(" ");
}

const KEY_LABELS = new Map<string, string>(Object.entries({
  space: "Space",
  esc: "Esc",
  delete: "Del",
  enter: "Enter",
  tab: "Tab",
  backspace: "Backspace",
  up: "↑",
  down: "↓",
  left: "←",
  right: "→",
  pageup: "Page Up",
  pagedown: "Page Down",
  home: "Home",
  end: "End",
  insert: "Insert",
}));

function keyLabel(key: string): string {
  const label = KEY_LABELS.get(key);
  if (label !== undefined) return label;
  if (isLetter(key) || isFunctionKey(key)) return key.toUpperCase();
  if (key.length === 1) return key;
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** How a combo reads in menus and tooltips: "Ctrl+Shift+Z" on a PC, "⇧⌘Z" on a Mac. */
export function formatCombo(combo: Combo, platform: Platform): string {
  const resolved = resolveCombo(combo, platform);
  const key = keyLabel(resolved.key);
  if (platform === "mac") {
    // Apple's order and symbols: Control, Option, Shift, Command.
    const symbols = `${resolved.ctrl ? "⌃" : ""}${resolved.alt ? "⌥" : ""}${resolved.shift ? "⇧" : ""}${resolved.meta ? "⌘" : ""}`;
    return `${symbols}${key}`;
  }
  const parts: string[] = [];
  if (resolved.ctrl) parts.push("Ctrl");
  if (resolved.alt) parts.push("Alt");
  if (resolved.shift) parts.push("Shift");
  if (resolved.meta) parts.push("Meta");
  parts.push(key);
  return parts.join("+");
}

/** How a sequence reads: its combos separated by a space ("T L"). */
export function formatSequence(sequence: KeySequence, platform: Platform): string {
  return sequence.map((combo) => formatCombo(combo, platform)).join(" ");
}

/** The platform from what `navigator` says; anything Apple counts as "mac". */
export function detectPlatform(navigatorLike: { platform?: string; userAgent?: string } | undefined): Platform {
  const text = `${navigatorLike?.platform ?? ""} ${navigatorLike?.userAgent ?? ""}`;
  return /Mac|iPhone|iPad|iPod/i.test(text) ? "mac" : "pc";
}
