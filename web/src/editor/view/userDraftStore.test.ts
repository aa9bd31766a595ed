import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { createObject } from "../engine/document/commands";
import { createDraft, type AnnotationDraft } from "../engine/document/drafts";
import { createIndexedDbDraftStore } from "../engine/document/indexedDbDraftStore";
import { labeledData, loadedStore, newRectangle } from "../engine/document/testFixtures";
import { createUserDraftStore } from "./userDraftStore";

function someDraft(frame: number): AnnotationDraft {
  const store = loadedStore(labeledData());
  createObject(store, newRectangle(frame));
  return createDraft(store.getState()) as AnnotationDraft;
}

describe("drafts per user and job", () => {
  it("keeps each user's draft of a job apart", async () => {
    const factory = new IDBFactory();
    const alice = createUserDraftStore({ factory, userId: 1 });
    const bob = createUserDraftStore({ factory, userId: 2 });
    const aliceDraft = someDraft(1);
    const bobDraft = someDraft(2);
    await alice.save(7, aliceDraft);
    expect(await bob.load(7)).toBeNull();
    await bob.save(7, bobDraft);
    expect(await alice.load(7)).toEqual(aliceDraft);
    expect(await bob.load(7)).toEqual(bobDraft);
    expect(await alice.load(8)).toBeNull();

    await bob.clear(7);
    expect(await bob.load(7)).toBeNull();
    expect(await alice.load(7)).toEqual(aliceDraft);
  });

  it("removes the job's record once no user has a draft of it", async () => {
    const factory = new IDBFactory();
    const alice = createUserDraftStore({ factory, userId: 1 });
    await alice.save(7, someDraft(1));
    await alice.clear(7);
    await alice.close();
    const raw = await new Promise<unknown>((resolve) => {
      const opening = factory.open("contour-editor-drafts");
      opening.onsuccess = () => {
        const read = opening.result.transaction("drafts").objectStore("drafts").get(7);
        read.onsuccess = () => {
          opening.result.close();
          resolve(read.result);
        };
      };
    });
    expect(raw).toBeUndefined();
  });

  it("never offers a draft without an owner (written before users were told apart)", async () => {
    const factory = new IDBFactory();
    const legacy = createIndexedDbDraftStore({ factory });
    await legacy.save(7, someDraft(1));
    await legacy.close();
    const alice = createUserDraftStore({ factory, userId: 1 });
    expect(await alice.load(7)).toBeNull();
  });
});
