// The shape of an Actions menu: a list of descriptors, so a later feature (backup, automatic
// annotation) adds its entry and, if it needs one, its dialog, without touching the menu itself.
import type { ComponentType, ReactNode } from "react";

/** What every action's dialog receives. */
export interface ActionDialogProps<T> {
  target: T;
  open: boolean;
  onClose: () => void;
  /** The object changed: lists and pages reload. */
  onChanged: () => void;
  /** The object is gone: its page leaves, lists reload. */
  onDeleted: () => void;
}

/** What an action that runs at once (no dialog) may use. */
export interface ActionContext<T> {
  target: T;
  navigate: (to: string) => void;
  onChanged: () => void;
  onDeleted: () => void;
}

export interface ActionDescriptor<T> {
  key: string;
  label: string;
  icon: ReactNode;
  danger?: boolean;
  /** Hidden when false (e.g. "Open" on the object's own page). */
  visible?: (target: T, here: { onOwnPage: boolean }) => boolean;
  /** Shown but disabled, with this reason as a tooltip, when it returns a string. */
  disabledReason?: (target: T) => string | null;
  /** The action opens this dialog… */
  Dialog?: ComponentType<ActionDialogProps<T>>;
  /** …or runs this directly. */
  run?: (context: ActionContext<T>) => void;
}

export interface ShownAction<T> {
  action: ActionDescriptor<T>;
  disabledReason: string | null;
}

/** The actions a menu shows for this object, in order, with their disabled state. */
export function shownActions<T>(actions: ActionDescriptor<T>[], target: T, onOwnPage: boolean): ShownAction<T>[] {
  return actions
    .filter((action) => action.visible?.(target, { onOwnPage }) ?? true)
    .map((action) => ({ action, disabledReason: action.disabledReason?.(target) ?? null }));
}
