// Where a shortcut applies. The editor tells the dispatcher which scopes are active; a key is
// looked up in the most specific active scope first, so "N" can start drawing on the canvas and
// finish it while drawing. A workspace other than the standard one may add a scope whose keys win
// over the canvas's (the number keys add tags in the tag annotation workspace). An open dialog
// shuts the workspace out: only its own keys and the global ones reach it.

export const SCOPES = ["global", "canvas", "drawing", "tagAnnotation", "modal"] as const;
export type Scope = (typeof SCOPES)[number];

/** Most specific first: the order in which active scopes are searched for a key. */
const PRECEDENCE: readonly Scope[] = ["modal", "drawing", "tagAnnotation", "canvas", "global"];

/** Scopes that an active scope hides, whatever else the editor says is active. */
const HIDES: Readonly<Record<Scope, readonly Scope[]>> = {
  global: [],
  canvas: [],
  drawing: [],
  tagAnnotation: [],
  modal: ["canvas", "drawing", "tagAnnotation"],
};

export const SCOPE_LABELS: Readonly<Record<Scope, string>> = {
  global: "Everywhere in the editor",
  canvas: "Workspace",
  drawing: "While drawing",
  tagAnnotation: "Tag annotation",
  modal: "Dialogs",
};

/** The scopes to search, in order, for the scopes the editor says are active. Global is always in. */
export function effectiveScopes(active: Iterable<Scope>): Scope[] {
  const on = new Set<Scope>(active);
  on.add("global");
  for (const scope of [...on]) for (const hidden of HIDES[scope]) on.delete(hidden);
  return PRECEDENCE.filter((scope) => on.has(scope));
}

/**
 * Whether one key in both scopes is a clash to report. Within a scope it always is. Global keys
 * must work everywhere (as in CVAT), so a global key reused anywhere is one too. A key in
 * "canvas" and again in "drawing" or "tagAnnotation" is a deliberate override (the more specific
 * one wins), drawing never happens in the tag annotation workspace, and a dialog never sees the
 * workspace, so those pairs are fine.
 */
export function scopesClash(a: Scope, b: Scope): boolean {
  return a === b || a === "global" || b === "global";
}
