import { describe, expect, it } from "vitest";
import { createKeyDispatcher, type DispatchOptions } from "./dispatch";
import type { KeyInput, Platform } from "./keys";
import { buildKeymap } from "./keymap";
import { defineActions, type Action } from "./registry";
import type { Scope } from "./scopes";
import { simulatedKeyPresses } from "./simulatedKeys";

interface TestContext {
  drawing: boolean;
  hasActiveObject: boolean;
  ran: string[];
}

function action(id: string, keys: string[], scope: Scope, extra: Partial<Action<TestContext>> = {}): Action<TestContext> {
  return { id, label: id, group: "Test", defaultKeys: keys, scope, run: (ctx) => ctx.ran.push(id), ...extra };
}

const ACTIONS = [
  action("job.save", ["Mod+S"], "global", { inTextInput: true }),
  action("editor.openSettings", ["F2"], "global"),
  action("frame.next", ["F"], "canvas", { repeatable: true }),
  action("draw.repeat", ["N"], "canvas"),
  action("draw.finish", ["N"], "drawing"),
  action("mode.cancel", ["Esc"], "canvas"),
  action("draw.removeLastPoint", ["Esc"], "drawing", { when: (ctx) => ctx.drawing }),
  action("object.remove", ["Delete"], "canvas", { when: (ctx) => ctx.hasActiveObject }),
  action("object.toggleLock", ["L"], "canvas"),
  action("objects.toggleLockAll", ["T L"], "canvas"),
  action("objects.toggleHiddenAll", ["T H"], "canvas"),
  action("dialog.confirm", ["Enter"], "modal"),
];
const NOT_REGISTERED = { id: "frame.last", defaultKeys: ["End"], scope: "canvas" as const };

const context = (overrides: Partial<TestContext> = {}): TestContext => ({ drawing: false, hasActiveObject: true, ran: [], ...overrides });

function setUp(options: DispatchOptions & { platform?: Platform; overrides?: Record<string, string[]> } = {}) {
  let time = 0;
  const platform = options.platform ?? "pc";
  const keymap = buildKeymap([...ACTIONS, NOT_REGISTERED], options.overrides ?? {}, platform);
  const dispatcher = createKeyDispatcher(defineActions(ACTIONS), keymap, { now: () => time, ...options });
  const ctx = context();
  const press = (text: string, scopes: Scope[] = ["canvas"], extra: Partial<KeyInput> = {}) =>
    simulatedKeyPresses(text, platform, extra).map((event) => dispatcher.handle(event, ctx, scopes));
  return { dispatcher, ctx, press, wait: (ms: number) => (time += ms) };
}

describe("dispatch", () => {
  it("runs the action bound to the key and asks to prevent the browser's default", () => {
    const { ctx, press } = setUp();
    const [result] = press("F");
    expect(result).toMatchObject({ kind: "run", sequence: "f", preventDefault: true });
    expect(ctx.ran).toEqual(["frame.next"]);
  });

  it("only finds the action when asked to match", () => {
    const { dispatcher, ctx } = setUp();
    const [event] = simulatedKeyPresses("F", "pc");
    expect(dispatcher.match(event, ctx, ["canvas"])).toMatchObject({ kind: "run", action: { id: "frame.next" } });
    expect(ctx.ran).toEqual([]);
  });

  it("lets the browser have keys that nothing is bound to", () => {
    const { ctx, press } = setUp();
    expect(press("K")).toEqual([{ kind: "none", preventDefault: false }]);
    expect(ctx.ran).toEqual([]);
  });

  it("skips keys bound to actions the editor has not registered", () => {
    const { press } = setUp();
    expect(press("End")[0].kind).toBe("none");
  });
});

describe("scopes", () => {
  it("prefers the most specific active scope", () => {
    const { ctx, press } = setUp();
    press("N", ["canvas", "drawing"]);
    press("N", ["canvas"]);
    expect(ctx.ran).toEqual(["draw.finish", "draw.repeat"]);
  });

  it("ignores keys of scopes that are not active", () => {
    const { ctx, press } = setUp();
    press("Enter", ["canvas"]);
    expect(ctx.ran).toEqual([]);
  });

  it("runs global keys in every scope", () => {
    const { ctx, press } = setUp();
    press("F2", ["canvas"]);
    press("F2", ["modal"]);
    press("F2", []);
    expect(ctx.ran).toEqual(["editor.openSettings", "editor.openSettings", "editor.openSettings"]);
  });

  it("keeps workspace keys away from an open dialog", () => {
    const { ctx, press } = setUp();
    press("F", ["canvas", "modal"]);
    press("Enter", ["canvas", "modal"]);
    expect(ctx.ran).toEqual(["dialog.confirm"]);
  });

  it("falls through to the next scope when the specific action is not enabled", () => {
    const { ctx, press } = setUp();
    ctx.drawing = false;
    press("Esc", ["canvas", "drawing"]);
    ctx.drawing = true;
    press("Esc", ["canvas", "drawing"]);
    expect(ctx.ran).toEqual(["mode.cancel", "draw.removeLastPoint"]);
  });

  it("leaves the key to the browser when no bound action is enabled", () => {
    const { ctx, press } = setUp();
    ctx.hasActiveObject = false;
    expect(press("Delete")[0]).toEqual({ kind: "none", preventDefault: false });
    expect(ctx.ran).toEqual([]);
  });
});

describe("typing in text fields", () => {
  const textBox = { tagName: "INPUT", type: "text" };

  it("leaves letters typed into a text box to the text box", () => {
    const { ctx, press } = setUp();
    expect(press("F", ["canvas"], { target: textBox })[0].kind).toBe("none");
    expect(ctx.ran).toEqual([]);
  });

  it("still runs actions that work while typing", () => {
    const { ctx, press } = setUp();
    press("Mod+S", ["canvas"], { target: textBox });
    expect(ctx.ran).toEqual(["job.save"]);
  });

  it("runs shortcuts when a checkbox has focus", () => {
    const { ctx, press } = setUp();
    press("F", ["canvas"], { target: { tagName: "INPUT", type: "checkbox" } });
    expect(ctx.ran).toEqual(["frame.next"]);
  });

  it("asks the predicate it is given what counts as typing", () => {
    const { ctx, press } = setUp({ isTypingTarget: (target) => target === "search box" });
    press("F", ["canvas"], { target: "search box" });
    press("F", ["canvas"], { target: textBox });
    expect(ctx.ran).toEqual(["frame.next"]);
  });

  it("does not start a sequence in a text field", () => {
    const { ctx, press } = setUp();
    expect(press("T L", ["canvas"], { target: textBox }).map((result) => result.kind)).toEqual(["none", "none"]);
    expect(ctx.ran).toEqual([]);
  });
});

describe("held keys", () => {
  it("repeats actions marked repeatable", () => {
    const { ctx, press } = setUp();
    press("F");
    press("F", ["canvas"], { repeat: true });
    press("F", ["canvas"], { repeat: true });
    expect(ctx.ran).toEqual(["frame.next", "frame.next", "frame.next"]);
  });

  it("runs other actions once per press and swallows the repeats", () => {
    const { ctx, press } = setUp();
    press("L");
    const [repeat] = press("L", ["canvas"], { repeat: true });
    expect(repeat).toMatchObject({ kind: "held", action: { id: "object.toggleLock" }, preventDefault: true });
    expect(ctx.ran).toEqual(["object.toggleLock"]);
  });
});

describe("sequences", () => {
  it("runs an action bound to two keys pressed one after the other", () => {
    const { ctx, press } = setUp();
    const results = press("T L");
    expect(results.map((result) => result.kind)).toEqual(["pending", "run"]);
    expect(results[0].preventDefault).toBe(true);
    expect(ctx.ran).toEqual(["objects.toggleLockAll"]);
  });

  it("tells sequences with one beginning apart", () => {
    const { ctx, press } = setUp();
    press("T H");
    expect(ctx.ran).toEqual(["objects.toggleHiddenAll"]);
  });

  it("gives up waiting after a second, and the next key counts on its own", () => {
    const { ctx, press, wait } = setUp();
    press("T");
    wait(1001);
    press("L");
    expect(ctx.ran).toEqual(["object.toggleLock"]);
  });

  it("waits as long as it is told to", () => {
    const { ctx, press, wait } = setUp({ sequenceTimeoutMs: 3000 });
    press("T");
    wait(2500);
    press("L");
    expect(ctx.ran).toEqual(["objects.toggleLockAll"]);
  });

  it("treats a key that no sequence continues with as a key on its own", () => {
    const { ctx, press } = setUp();
    press("T");
    press("F");
    expect(ctx.ran).toEqual(["frame.next"]);
  });

  it("keeps waiting while a modifier is pressed on its own", () => {
    const { dispatcher, ctx, press } = setUp();
    press("T");
    dispatcher.handle({ key: "Shift", code: "ShiftLeft", ctrlKey: false, shiftKey: true, altKey: false, metaKey: false }, ctx, ["canvas"]);
    press("L");
    expect(ctx.ran).toEqual(["objects.toggleLockAll"]);
  });

  it("keeps waiting while the first key auto-repeats", () => {
    const { ctx, press } = setUp();
    press("T");
    expect(press("T", ["canvas"], { repeat: true })[0].kind).toBe("pending");
    press("L");
    expect(ctx.ran).toEqual(["objects.toggleLockAll"]);
  });

  it("forgets a half-typed sequence when reset", () => {
    const { dispatcher, ctx, press } = setUp();
    press("T");
    dispatcher.reset();
    press("L");
    expect(ctx.ran).toEqual(["object.toggleLock"]);
  });
});

describe("platforms and layouts", () => {
  it("saves with Cmd+S on a Mac and not with Ctrl+S", () => {
    const { dispatcher, ctx } = setUp({ platform: "mac" });
    const withCmd = { key: "s", code: "KeyS", ctrlKey: false, shiftKey: false, altKey: false, metaKey: true };
    dispatcher.handle(withCmd, ctx, ["canvas"]);
    dispatcher.handle({ ...withCmd, ctrlKey: true, metaKey: false }, ctx, ["canvas"]);
    expect(ctx.ran).toEqual(["job.save"]);
  });

  it("saves with Ctrl+S on Linux and Windows", () => {
    const { dispatcher, ctx } = setUp({ platform: "pc" });
    dispatcher.handle({ key: "s", code: "KeyS", ctrlKey: true, shiftKey: false, altKey: false, metaKey: false }, ctx, ["canvas"]);
    expect(ctx.ran).toEqual(["job.save"]);
  });

  it("finds letters by position on a Cyrillic layout", () => {
    const { dispatcher, ctx } = setUp();
    dispatcher.handle({ key: "а", code: "KeyF", ctrlKey: false, shiftKey: false, altKey: false, metaKey: false }, ctx, ["canvas"]);
    dispatcher.handle({ key: "ы", code: "KeyS", ctrlKey: true, shiftKey: false, altKey: false, metaKey: false }, ctx, ["canvas"]);
    expect(ctx.ran).toEqual(["frame.next", "job.save"]);
  });
});

describe("rebinding", () => {
  it("follows the user's keys instead of the defaults", () => {
    const { ctx, press } = setUp({ overrides: { "frame.next": ["right"] } });
    press("F");
    press("Right");
    expect(ctx.ran).toEqual(["frame.next"]);
  });
});
