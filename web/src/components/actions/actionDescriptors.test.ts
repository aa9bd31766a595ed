import { describe, expect, it } from "vitest";
import { shownActions, type ActionDescriptor } from "./actionDescriptors";

interface Thing {
  id: number;
  locked: boolean;
}

const actions: ActionDescriptor<Thing>[] = [
  { key: "open", label: "Open", icon: null, visible: (_, here) => !here.onOwnPage },
  { key: "move", label: "Move", icon: null, disabledReason: (t) => (t.locked ? "Locked." : null) },
  { key: "delete", label: "Delete", icon: null, danger: true },
];

describe("shownActions", () => {
  it("keeps every action in its order on a list", () => {
    const shown = shownActions(actions, { id: 1, locked: false }, false);
    expect(shown.map((s) => s.action.key)).toEqual(["open", "move", "delete"]);
    expect(shown.every((s) => s.disabledReason === null)).toBe(true);
  });

  it("hides Open on the object's own page", () => {
    expect(shownActions(actions, { id: 1, locked: false }, true).map((s) => s.action.key)).toEqual(["move", "delete"]);
  });

  it("carries the reason an action is disabled", () => {
    const move = shownActions(actions, { id: 1, locked: true }, false).find((s) => s.action.key === "move");
    expect(move?.disabledReason).toBe("Locked.");
  });
});
