import { describe, expect, it, vi } from "vitest";
import { bindActions, defineActions, scopeOf, type Action, type ActionSpec } from "./registry";

interface TestContext {
  canUndo: boolean;
  log: string[];
}

const undo: Action<TestContext> = {
  id: "history.undo",
  label: "Undo",
  group: "Edit",
  defaultKeys: ["Mod+Z"],
  when: (ctx) => ctx.canUndo,
  run: (ctx) => ctx.log.push("undo"),
};
const save: Action<TestContext> = {
  id: "job.save",
  label: "Save",
  group: "Job",
  defaultKeys: ["Mod+S"],
  run: (ctx) => ctx.log.push("save"),
};

const context = (canUndo = true): TestContext => ({ canUndo, log: [] });

describe("defineActions", () => {
  it("finds actions by id", () => {
    const registry = defineActions([undo, save]);
    expect(registry.get("job.save")).toBe(save);
    expect(registry.has("history.undo")).toBe(true);
    expect(registry.get("nothing")).toBeUndefined();
  });

  it("lists actions in the order they were defined", () => {
    expect(defineActions([save, undo]).actions.map((action) => action.id)).toEqual(["job.save", "history.undo"]);
  });

  it("throws when asked to require an action that is not registered", () => {
    expect(() => defineActions([save]).require("history.undo")).toThrow(/history\.undo/);
  });

  it("refuses two actions with one id", () => {
    expect(() => defineActions([save, { ...save, label: "Save again" }])).toThrow(/defined twice/);
  });

  it("refuses a default key that does not parse", () => {
    expect(() => defineActions([{ ...save, defaultKeys: ["Ctrl+Sve"] }])).toThrow(SyntaxError);
  });

  it("says an action is enabled when it has no rule or its rule allows it", () => {
    const registry = defineActions([undo, save]);
    expect(registry.isEnabled("job.save", context(false))).toBe(true);
    expect(registry.isEnabled("history.undo", context(true))).toBe(true);
    expect(registry.isEnabled("history.undo", context(false))).toBe(false);
    expect(registry.isEnabled("nothing", context())).toBe(false);
  });

  it("runs an enabled action and says so", () => {
    const ctx = context(true);
    expect(defineActions([undo]).run("history.undo", ctx)).toBe(true);
    expect(ctx.log).toEqual(["undo"]);
  });

  it("does not run a disabled action", () => {
    const ctx = context(false);
    expect(defineActions([undo]).run("history.undo", ctx)).toBe(false);
    expect(ctx.log).toEqual([]);
  });

  it("hands the key event to the action it runs", () => {
    const run = vi.fn();
    const event = { key: "s", code: "KeyS", ctrlKey: true, shiftKey: false, altKey: false, metaKey: false };
    defineActions([{ ...save, run }]).run("job.save", context(), event);
    expect(run).toHaveBeenCalledWith(expect.anything(), event);
  });
});

describe("scopeOf", () => {
  it("is global unless the action says otherwise", () => {
    expect(scopeOf({})).toBe("global");
    expect(scopeOf({ scope: "drawing" })).toBe("drawing");
  });
});

describe("bindActions", () => {
  const specs: ActionSpec<"a" | "b">[] = [
    { id: "a", label: "A", group: "G", defaultKeys: ["A"], scope: "canvas" },
    { id: "b", label: "B", group: "G", defaultKeys: ["B"] },
  ];

  it("pairs each spec with its handler, keeping the spec's keys and scope", () => {
    const run = vi.fn();
    const [bound] = bindActions<TestContext, "a" | "b">(specs, { a: { run } });
    expect(bound).toMatchObject({ id: "a", label: "A", defaultKeys: ["A"], scope: "canvas", run });
  });

  it("leaves out specs that have no handler yet", () => {
    const bound = bindActions<TestContext, "a" | "b">(specs, { b: { run: () => {} } });
    expect(bound.map((action) => action.id)).toEqual(["b"]);
  });

  it("throws for a handler whose id is not in the table", () => {
    const handlers = { c: { run: () => {} } } as unknown as Partial<Record<"a" | "b", { run: () => void }>>;
    expect(() => bindActions(specs, handlers)).toThrow(/"c"/);
  });
});
