/**
 * What a workspace of the top bar's switcher other than the standard one changes in the editor:
 * the columns beside the canvas, the keys it adds, its commands, and whether shapes are edited on
 * the canvas. Whatever a workspace leaves out stays as in the standard layout, so another one
 * (attribute annotation, single shape) is a hook that answers these parts while it is chosen.
 */
import type { ReactNode } from "react";
import type { Scope } from "../engine/actions/scopes";
import type { EditorCommands } from "./editorActions";

export interface WorkspaceParts {
  /** The left column in place of the tools; given the standard view controls to keep. */
  readonly controls?: (viewControls: ReactNode) => ReactNode;
  /** The right column in place of the objects sidebar. */
  readonly sidebar?: ReactNode;
  /** Key scopes it adds; their keys win over the canvas's (engine/actions/scopes.ts). */
  readonly scopes: readonly Scope[];
  /** Its commands, over the standard ones. */
  readonly commands: Partial<EditorCommands>;
  /** Whether shapes are drawn, selected and edited on the canvas; when false they are only shown. */
  readonly editsShapes: boolean;
}
