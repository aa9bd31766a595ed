import { describe, expect, it } from "vitest";
import {
  areDefaultTagHotkeys,
  assignTagHotkey,
  defaultTagHotkeys,
  hotkeyOf,
  orderedHotkeys,
  readTagHotkeys,
  storedTagHotkeys,
  tagLabels,
} from "./tagHotkeys";

const ids = (count: number, from = 100) => Array.from({ length: count }, (_, i) => from + i);

describe("tag labels", () => {
  it("are the labels of type tag or any, in the job's order", () => {
    const labels = [
      { id: 1, type: "rectangle" },
      { id: 2, type: "tag" },
      { id: 3, type: "any" },
      { id: 4, type: "skeleton" },
    ];
    expect(tagLabels(labels).map((label) => label.id)).toEqual([2, 3]);
  });
});

describe("the default keys", () => {
  it("give the first ten tag labels 1 to 9, then 0", () => {
    const hotkeys = defaultTagHotkeys(ids(12));
    expect(orderedHotkeys(hotkeys)).toEqual([
      [1, 100], [2, 101], [3, 102], [4, 103], [5, 104], [6, 105], [7, 106], [8, 107], [9, 108], [0, 109],
    ]);
    expect(hotkeyOf(hotkeys, 110)).toBeUndefined();
  });

  it("leave the keys beyond the labels free", () => {
    expect(orderedHotkeys(defaultTagHotkeys([7, 8]))).toEqual([[1, 7], [2, 8]]);
  });
});

describe("assigning a key", () => {
  it("takes the key from the label that had it", () => {
    const hotkeys = assignTagHotkey(defaultTagHotkeys([7, 8]), 8, 1);
    expect(orderedHotkeys(hotkeys)).toEqual([[1, 8]]);
  });

  it("moves the label off the key it had", () => {
    const hotkeys = assignTagHotkey(defaultTagHotkeys([7, 8]), 7, 5);
    expect(orderedHotkeys(hotkeys)).toEqual([[2, 8], [5, 7]]);
  });

  it("with null, leaves the label without a key", () => {
    const hotkeys = assignTagHotkey(defaultTagHotkeys([7, 8]), 7, null);
    expect(orderedHotkeys(hotkeys)).toEqual([[2, 8]]);
    expect(hotkeyOf(hotkeys, 7)).toBeUndefined();
  });

  it("leaves the defaults, until it gives every key back", () => {
    const moved = assignTagHotkey(defaultTagHotkeys([7, 8]), 7, 5);
    expect(areDefaultTagHotkeys(moved, [7, 8])).toBe(false);
    expect(areDefaultTagHotkeys(assignTagHotkey(moved, 7, 1), [7, 8])).toBe(true);
    expect(areDefaultTagHotkeys(assignTagHotkey(moved, 7, null), [7, 8])).toBe(false);
  });

  it("does not change the table it was given", () => {
    const before = defaultTagHotkeys([7, 8]);
    assignTagHotkey(before, 7, 0);
    expect(orderedHotkeys(before)).toEqual([[1, 7], [2, 8]]);
  });
});

describe("reading stored keys", () => {
  it("gives the defaults when nothing readable was stored", () => {
    for (const stored of [null, undefined, "1=7", 3, [7, 8]]) {
      expect(orderedHotkeys(readTagHotkeys(stored, [7, 8])), String(stored)).toEqual([[1, 7], [2, 8]]);
    }
  });

  it("reads back what was stored", () => {
    const hotkeys = assignTagHotkey(assignTagHotkey(defaultTagHotkeys([7, 8, 9]), 9, 0), 7, null);
    const stored = JSON.parse(JSON.stringify(storedTagHotkeys(hotkeys))) as unknown;
    expect(stored).toEqual({ "2": 8, "0": 9 });
    expect(orderedHotkeys(readTagHotkeys(stored, [7, 8, 9]))).toEqual([[2, 8], [0, 9]]);
  });

  it("keeps an empty table empty: the user took every key away", () => {
    expect(orderedHotkeys(readTagHotkeys({}, [7, 8]))).toEqual([]);
  });

  it("drops keys of labels that are no longer tag labels, unknown keys and a second key of one label", () => {
    const stored = { "1": 7, "2": 99, "3": "8", "4": 7, "5": 8, "11": 8, x: 7 };
    expect(orderedHotkeys(readTagHotkeys(stored, [7, 8]))).toEqual([[1, 7], [5, 8]]);
  });
});
