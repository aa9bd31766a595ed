import { describe, expect, it } from "vitest";
import { buildKeymap } from "./keymap";
import { menuSections, searchActions } from "./menu";
import { defineActions, type Action } from "./registry";

interface TestContext {
  canUndo: boolean;
}

function action(id: string, label: string, group: string, keys: string[], extra: Partial<Action<TestContext>> = {}): Action<TestContext> {
  return { id, label, group, defaultKeys: keys, scope: "canvas", run: () => {}, ...extra };
}

const ACTIONS = [
  action("job.save", "Save", "Job", ["Mod+S"]),
  action("history.undo", "Undo", "Edit", ["Mod+Z"], { when: (ctx) => ctx.canUndo }),
  action("history.redo", "Redo", "Edit", ["Mod+Shift+Z"]),
  action("object.propagate", "Propagate object", "Objects", ["Ctrl+B"], { keywords: ["copy to frames"] }),
  action("object.copy", "Copy object", "Objects", ["Mod+C"]),
  action("frame.next", "Next frame", "Navigation", ["F"]),
  action("frame.nextWithObjects", "Next frame with objects", "Navigation", []),
];
const registry = defineActions(ACTIONS);

describe("menuSections", () => {
  it("groups actions by section, in the order sections first appear", () => {
    const sections = menuSections(registry, buildKeymap(ACTIONS, {}, "pc"), { canUndo: true });
    expect(sections.map((section) => section.group)).toEqual(["Job", "Edit", "Objects", "Navigation"]);
    expect(sections[1].items.map((item) => item.id)).toEqual(["history.undo", "history.redo"]);
  });

  it("shows each item's key for the platform, and none for actions without one", () => {
    const [job, edit, , navigation] = menuSections(registry, buildKeymap(ACTIONS, {}, "mac"), { canUndo: true });
    expect(job.items[0]).toEqual({ id: "job.save", label: "Save", shortcut: "⌘S", disabled: false });
    expect(edit.items[1].shortcut).toBe("⇧⌘Z");
    expect(navigation.items[1]).not.toHaveProperty("shortcut");
  });

  it("shows the user's key, not the default", () => {
    const [job] = menuSections(registry, buildKeymap(ACTIONS, { "job.save": ["f9"] }, "pc"), { canUndo: true });
    expect(job.items[0].shortcut).toBe("F9");
  });

  it("greys out actions that cannot run now", () => {
    const [, edit] = menuSections(registry, buildKeymap(ACTIONS, {}, "pc"), { canUndo: false });
    expect(edit.items[0]).toMatchObject({ id: "history.undo", disabled: true });
  });

  it("lists only the actions asked for", () => {
    const sections = menuSections(registry, buildKeymap(ACTIONS, {}, "pc"), { canUndo: true }, (a) => a.group === "Edit");
    expect(sections.map((section) => section.group)).toEqual(["Edit"]);
  });
});

describe("searchActions", () => {
  const ids = (query: string, canUndo = true) => searchActions(registry, query, { canUndo }).map((a) => a.id);

  it("offers every enabled action for an empty query", () => {
    expect(ids("")).toHaveLength(ACTIONS.length);
    expect(ids("", false)).not.toContain("history.undo");
  });

  it("puts labels that start with the query first", () => {
    expect(ids("next")).toEqual(["frame.next", "frame.nextWithObjects"]);
  });

  it("matches the start of each word typed, in any order", () => {
    expect(ids("with obj")).toEqual(["frame.nextWithObjects"]);
    expect(ids("obj cop")[0]).toBe("object.copy");
  });

  it("ranks matches inside the label after word matches", () => {
    expect(ids("o")).toEqual(["object.propagate", "object.copy", "frame.nextWithObjects", "history.undo", "history.redo"]);
  });

  it("ranks keyword matches after label matches", () => {
    expect(ids("fr")).toEqual(["frame.next", "frame.nextWithObjects", "object.propagate"]);
  });

  it("finds actions by their keywords and group", () => {
    expect(ids("frames")).toEqual(["object.propagate"]);
    expect(ids("navigation")).toEqual(["frame.next", "frame.nextWithObjects"]);
  });

  it("ignores case and surrounding spaces", () => {
    expect(ids("  SAVE ")).toEqual(["job.save"]);
  });

  it("leaves out disabled actions", () => {
    expect(ids("undo", false)).toEqual([]);
  });

  it("finds nothing for a query that matches nothing", () => {
    expect(ids("zzz")).toEqual([]);
  });
});
