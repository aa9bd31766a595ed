/**
 * An in-memory stand-in for `/api/jobs/{id}/annotations` with the server's PATCH semantics
 * (contour/resources/annotations/service.py): ids assigned in the order sent, update = replace by
 * id, delete by id, a version that moves on every write and must match when the client sends it.
 */

import type { ServerLabeledData, ServerObjectLists, ServerShape, ServerTag, ServerTrack } from "./serverFormat";

type Collection = keyof ServerObjectLists;
type Stored = ServerTag | ServerShape | ServerTrack;

export class FakeJobServer {
  version = 1;
  requests: { action: string; body: ServerObjectLists & { version?: number } }[] = [];
  private lists: Record<Collection, Stored[]> = { tags: [], shapes: [], tracks: [] };
  private nextId: Record<Collection, number> = { tags: 1, shapes: 1, tracks: 1 };

  constructor(initial: Partial<ServerObjectLists> = {}) {
    for (const collection of ["tags", "shapes", "tracks"] as const) {
      for (const object of initial[collection] ?? []) this.insert(collection, structuredClone(object), true);
    }
  }

  get(): ServerLabeledData {
    return structuredClone({ version: this.version, ...this.lists, intervals: [] }) as ServerLabeledData;
  }

  patch(action: "create" | "update" | "delete", body: ServerObjectLists & { version?: number }): ServerLabeledData {
    this.requests.push({ action, body: structuredClone(body) });
    if (body.version !== undefined && body.version !== 0 && body.version !== this.version) {
      throw new Error(`409 Conflict: version ${this.version}, sent ${body.version}`);
    }
    const answer: ServerObjectLists = { tags: [], shapes: [], tracks: [] };
    for (const collection of ["tags", "shapes", "tracks"] as const) {
      for (const sent of body[collection] as Stored[]) {
        const object = structuredClone(sent);
        if (action !== "create") this.lists[collection] = this.lists[collection].filter((o) => o.id !== object.id);
        if (action === "delete") continue;
        (answer[collection] as Stored[]).push(this.insert(collection, object, action === "update"));
      }
    }
    this.version += 1;
    return structuredClone({ version: this.version, ...answer });
  }

  private insert(collection: Collection, object: Stored, keepId: boolean): Stored {
    if (!keepId || object.id === undefined || object.id === null) object.id = this.nextId[collection];
    this.nextId[collection] = Math.max(this.nextId[collection], object.id + 1);
    this.lists[collection].push(object);
    this.lists[collection].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
    return object;
  }
}
