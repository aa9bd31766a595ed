// Registered actions: every command of the editor is declared once, with its label, menu
// section, default keys and enabling rule, and the menu, the shortcut dispatcher and the command
// palette all read it from here, so they cannot drift apart. Generic over the context the editor
// hands to `when` and `run`; knows nothing of React or the DOM.

import { mustParseSequence, type KeyInput } from "./keys";
import type { Scope } from "./scopes";

/** What an action is, without what it does: the shape of the default shortcut table. */
export interface ActionSpec<Id extends string = string> {
  readonly id: Id;
  /** What menus, tooltips, the palette and the Shortcuts tab call it. */
  readonly label: string;
  /** The menu section (and Shortcuts tab section) it is listed under. */
  readonly group: string;
  /** Key sequences as written ("Mod+S", "T L"); users may override them. Empty: no default key. */
  readonly defaultKeys: readonly string[];
  /** Where its keys apply; "global" when left out. */
  readonly scope?: Scope;
  /** Runs again while its key is held down (frame stepping); otherwise a held key runs it once. */
  readonly repeatable?: boolean;
  /** Its keys still work while the user types in a text field (Save); otherwise typing wins. */
  readonly inTextInput?: boolean;
  /** More words the command palette matches, besides the label. */
  readonly keywords?: readonly string[];
}

/** What an action does: the part the editor supplies. */
export interface ActionHandler<Ctx> {
  /** Whether it can run now; menus grey it out and its keys fall through when false. */
  readonly when?: (ctx: Ctx) => boolean;
  /** Does it. `event` is the key press when a shortcut ran it, absent for menu and palette. */
  readonly run: (ctx: Ctx, event?: KeyInput) => void;
}

export type Action<Ctx, Id extends string = string> = ActionSpec<Id> & ActionHandler<Ctx>;

export interface ActionRegistry<Ctx> {
  /** Every action, in the order defined (the order of menus and the Shortcuts tab). */
  readonly actions: readonly Action<Ctx>[];
  get(id: string): Action<Ctx> | undefined;
  /** The action with this id; throws if there is none (a wiring bug, not a user error). */
  require(id: string): Action<Ctx>;
  has(id: string): boolean;
  /** Whether the action exists and its `when` allows it in `ctx`. */
  isEnabled(id: string, ctx: Ctx): boolean;
  /** Runs the action if it is enabled; says whether it ran. */
  run(id: string, ctx: Ctx, event?: KeyInput): boolean;
}

/** The scope an action's keys apply in. */
export function scopeOf(action: Pick<ActionSpec, "scope">): Scope {
  return action.scope ?? "global";
}

/**
 * Registers actions. Throws on a duplicate id or a default key that does not parse, so that a
 * typo in a table fails the first test rather than silently leaving a command without its key.
 */
export function defineActions<Ctx>(actions: readonly Action<Ctx>[]): ActionRegistry<Ctx> {
  const byId = new Map<string, Action<Ctx>>();
  for (const action of actions) {
    if (byId.has(action.id)) throw new Error(`Action "${action.id}" is defined twice.`);
    for (const keys of action.defaultKeys) mustParseSequence(keys);
    byId.set(action.id, action);
  }
  const list = [...actions];
  const enabled = (action: Action<Ctx>, ctx: Ctx) => action.when === undefined || action.when(ctx);
  return {
    actions: list,
    get: (id) => byId.get(id),
    require(id) {
      const action = byId.get(id);
      if (!action) throw new Error(`No action "${id}" is registered.`);
      return action;
    },
    has: (id) => byId.has(id),
    isEnabled(id, ctx) {
      const action = byId.get(id);
      return action !== undefined && enabled(action, ctx);
    },
    run(id, ctx, event) {
      const action = byId.get(id);
      if (!action || !enabled(action, ctx)) return false;
      action.run(ctx, event);
      return true;
    },
  };
}

/**
 * Actions from a table of specs and the handlers the editor has so far. Specs without a handler
 * are left out, so menus never offer a command that does nothing; a handler for an id the table
 * does not have is a bug and throws.
 */
export function bindActions<Ctx, Id extends string>(
  specs: readonly ActionSpec<Id>[],
  handlers: Partial<Record<Id, ActionHandler<Ctx>>>,
): Action<Ctx, Id>[] {
  const known = new Set<string>(specs.map((spec) => spec.id));
  for (const id of Object.keys(handlers)) {
    if (!known.has(id)) throw new Error(`A handler is given for "${id}", which is not in the table.`);
  }
  const bound: Action<Ctx, Id>[] = [];
  for (const spec of specs) {
    const handler = handlers[spec.id];
    if (handler) bound.push({ ...spec, ...handler });
  }
  return bound;
}
