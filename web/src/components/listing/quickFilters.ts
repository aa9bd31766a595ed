// One-click filters ("Assigned to me", …) as JSON Logic, combined (And) with the builder's filter.
import type { JsonLogic } from "../filters/filterLogic";

export interface QuickFilterUser {
  username: string;
}

export interface QuickFilter {
  key: string;
  label: string;
  build: (user: QuickFilterUser) => JsonLogic;
}

export const assignedToMe: QuickFilter = {
  key: "assigned_to_me",
  label: "Assigned to me",
  build: (user) => ({ "==": [{ var: "assignee" }, user.username] }),
};

export const ownedByMe: QuickFilter = {
  key: "owned_by_me",
  label: "Owned by me",
  build: (user) => ({ "==": [{ var: "owner" }, user.username] }),
};

/** Tasks and projects are finished by `status`, jobs by `state`. */
export function notCompleted(field: "status" | "state"): QuickFilter {
  return {
    key: "not_completed",
    label: "Not completed",
    build: () => ({ "!=": [{ var: field }, "completed"] }),
  };
}

/** The JSON Logic of the chosen quick filters, in the order they are offered. */
export function quickFilterLogic(
  chosen: readonly string[],
  offered: readonly QuickFilter[],
  user: QuickFilterUser | null,
): JsonLogic[] {
  if (!user) return [];
  return offered.filter((filter) => chosen.includes(filter.key)).map((filter) => filter.build(user));
}
