// From a key press to the action it runs. The active scopes are searched most specific first;
// within them an action whose `when` says no lets the key fall through to the next binding. Keys
// typed into text fields are left to the field unless the action says otherwise, a held key
// repeats only actions marked repeatable, and sequences such as "T L" wait up to a second for
// their next key. Holds only that pending sequence as state.

import { comboFromEvent, formatComboId, type KeyInput } from "./keys";
import { actionsBoundTo, isPrefixIn, type Keymap } from "./keymap";
import type { Action, ActionRegistry } from "./registry";
import { effectiveScopes, type Scope } from "./scopes";
import { isTextEntryTarget } from "./textInput";

export type DispatchResult<Ctx> =
  /** The action to run (handle() has run it). The browser's own reaction should be prevented. */
  | { kind: "run"; action: Action<Ctx>; sequence: string; preventDefault: true }
  /** The key begins a sequence; the next key decides. */
  | { kind: "pending"; sequence: string; preventDefault: true }
  /** An auto-repeat of a key whose action runs once per press: swallowed, not run again. */
  | { kind: "held"; action: Action<Ctx>; sequence: string; preventDefault: true }
  /** Nothing is bound (or enabled) for it: the browser and the focused element may have it. */
  | { kind: "none"; preventDefault: false };

export interface DispatchOptions {
  /** Whether the event's target is a field the user types into; DOM text fields by default. */
  isTypingTarget?: (target: unknown) => boolean;
  /** How long a sequence waits for its next key, in milliseconds. */
  sequenceTimeoutMs?: number;
  /** Clock in milliseconds (tests pass their own). */
  now?: () => number;
}

export interface KeyDispatcher<Ctx> {
  /** The action a key press selects, without running it. Advances the pending sequence. */
  match(event: KeyInput, ctx: Ctx, activeScopes: Iterable<Scope>): DispatchResult<Ctx>;
  /** Like match, and runs the action it selects. */
  handle(event: KeyInput, ctx: Ctx, activeScopes: Iterable<Scope>): DispatchResult<Ctx>;
  /** Forgets a half-typed sequence (the view calls it when the editor loses focus). */
  reset(): void;
}

export const DEFAULT_SEQUENCE_TIMEOUT_MS = 1000;

const NONE = { kind: "none", preventDefault: false } as const;

export function createKeyDispatcher<Ctx>(
  registry: ActionRegistry<Ctx>,
  keymap: Keymap,
  options: DispatchOptions = {},
): KeyDispatcher<Ctx> {
  const isTypingTarget = options.isTypingTarget ?? isTextEntryTarget;
  const timeout = options.sequenceTimeoutMs ?? DEFAULT_SEQUENCE_TIMEOUT_MS;
  const now = options.now ?? (() => Date.now());
  let pending: { sequence: string; at: number } | null = null;

  function lookup(sequence: string, scopes: readonly Scope[], ctx: Ctx, typing: boolean, repeat: boolean): DispatchResult<Ctx> {
    for (const scope of scopes) {
      for (const actionId of actionsBoundTo(keymap, scope, sequence)) {
        const action = registry.get(actionId);
        if (!action || (typing && !action.inTextInput)) continue;
        if (action.when && !action.when(ctx)) continue;
        if (repeat && !action.repeatable) return { kind: "held", action, sequence, preventDefault: true };
        return { kind: "run", action, sequence, preventDefault: true };
      }
    }
    // Sequences never start in a text field: "t" there is just a letter.
    if (!typing && !repeat && scopes.some((scope) => isPrefixIn(keymap, scope, sequence))) {
      pending = { sequence, at: now() };
      return { kind: "pending", sequence, preventDefault: true };
    }
    return NONE;
  }

  function match(event: KeyInput, ctx: Ctx, activeScopes: Iterable<Scope>): DispatchResult<Ctx> {
    const combo = comboFromEvent(event);
    if (!combo) return NONE; // a modifier on its own: a sequence in progress keeps waiting
    const typing = isTypingTarget(event.target);
    const scopes = effectiveScopes(activeScopes);
    const key = formatComboId(combo);
    const repeat = event.repeat === true;
    if (pending && repeat) return { kind: "pending", sequence: pending.sequence, preventDefault: true };
    const started = pending;
    pending = null;
    if (started && !typing && now() - started.at <= timeout) {
      const result = lookup(`${started.sequence} ${key}`, scopes, ctx, typing, repeat);
      if (result.kind !== "none") return result;
      // No sequence goes on like this: the key counts on its own, as if none had begun.
    }
    return lookup(key, scopes, ctx, typing, repeat);
  }

  return {
    match,
    handle(event, ctx, activeScopes) {
      const result = match(event, ctx, activeScopes);
      if (result.kind === "run") result.action.run(ctx, event);
      return result;
    },
    reset() {
      pending = null;
    },
  };
}
