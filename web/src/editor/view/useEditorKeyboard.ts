/**
 * Routes the window's key presses through the action dispatcher: the editor's shortcuts work
 * wherever the focus is on the page, text fields keep their keys (except those actions allow),
 * and a key that ran an action does not also reach the browser (Ctrl+S, Space).
 */
import { useEffect, useRef } from "react";
import { createKeyDispatcher } from "../engine/actions/dispatch";
import type { Keymap } from "../engine/actions/keymap";
import type { ActionRegistry } from "../engine/actions/registry";
import type { Scope } from "../engine/actions/scopes";
import type { EditorCommands } from "./editorActions";

export function useEditorKeyboard(
  registry: ActionRegistry<EditorCommands>,
  keymap: Keymap,
  commands: EditorCommands,
  scopes: readonly Scope[],
): void {
  // The listener stays; what it reads is always the latest render's.
  const latest = useRef({ commands, scopes });
  latest.current = { commands, scopes };

  useEffect(() => {
    const dispatcher = createKeyDispatcher(registry, keymap);
    const onKeyDown = (event: KeyboardEvent) => {
      // Keys typed into an open dropdown or dialog belong to it.
      if (event.defaultPrevented) return;
      const result = dispatcher.handle(event, latest.current.commands, latest.current.scopes);
      if (result.preventDefault) event.preventDefault();
    };
    const onBlur = () => dispatcher.reset();
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("blur", onBlur);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("blur", onBlur);
    };
  }, [registry, keymap]);
}
