/**
 * Client ids: deterministic for objects loaded from the server (so a reload gives the same ids),
 * unique per session for created ones (so a draft restored from an earlier session can't collide).
 */

import type { ClientId, ObjectKind } from "./model";

/** "shape:12", "tag:3", "track:5": server ids are unique per kind, not across kinds. */
export function serverClientId(kind: ObjectKind, serverId: number): ClientId {
  return `${kind}:${serverId}`;
}

export type ClientIdSource = () => ClientId;

/** Ids "new:<session>-<n>"; the session part tells apart tabs and earlier sessions' drafts. */
export function createClientIdSource(session: string = randomSession()): ClientIdSource {
  let counter = 0;
  return () => {
    counter += 1;
    return `new:${session}-${counter}`;
  };
}

function randomSession(): string {
  // Not a secret, only a namespace: time plus randomness is unique enough across tabs.
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}
