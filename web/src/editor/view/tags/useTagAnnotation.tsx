/**
 * The tag annotation workspace (CVAT's "Tag annotation" of the top bar's switcher): frames are
 * classified with tags. The objects sidebar gives way to the tag panel (TagAnnotationPanel), the
 * tools to the view controls alone, the number keys add the tag of the label they were given, and
 * the canvas shows the frame with its shapes, which are not selected or edited here. Tags are
 * created and removed with the editor's commands (createObject, deleteObjects), so undo, redo,
 * drafts and saving treat them as any other object.
 */
import { App } from "antd";
import { useMemo, type ReactNode } from "react";
import type { Label } from "../../../api/types";
import { DEFAULT_SHORTCUTS, LABEL_SLOTS, type LabelSlot } from "../../engine/actions/defaultShortcuts";
import { buildKeymap, shortcutLabel } from "../../engine/actions/keymap";
import { detectPlatform } from "../../engine/actions/keys";
import { createObject, deleteObjects } from "../../engine/document/commands";
import type { EditorStore } from "../../engine/document/editorStore";
import type { ClientId } from "../../engine/document/model";
import type { JobFrames } from "../../engine/frames/meta";
import type { NavigationOptions } from "../../engine/frames/navigation";
import type { PlayDirection } from "../../engine/frames/prefetch";
import { areDefaultTagHotkeys, tagLabels } from "../../engine/tags/tagHotkeys";
import { tagStep } from "../../engine/tags/tagStep";
import type { ShortcutSettings } from "../../../lib/settings";
import { FALLBACK_COLOR } from "../colors";
import type { FrameObject } from "../frameObjects";
import { useSteady } from "../useSteady";
import type { WorkspaceParts } from "../workspaceParts";
import { TagAnnotationPanel, type TagPanelLabel, type TagPanelTag } from "./TagAnnotationPanel";
import { useAutoNextFrame, useTagHotkeys } from "./useTagHotkeys";
import "./tags.css";

export interface TagAnnotationInput {
  store: EditorStore;
  labels: readonly Label[];
  colors: ReadonlyMap<number, string>;
  taskId: number;
  frames: JobFrames;
  frame: number;
  navigation: NavigationOptions;
  showFrame: (target: number | null, towards?: PlayDirection) => void;
  /** The frame's objects, not filtered: the panel lists every tag, and a label is never added twice. */
  objects: readonly FrameObject[];
  /** The user's shortcut overrides: the panel shows each number key as it is bound now. */
  shortcuts: ShortcutSettings;
}

const ADD_TAG_ACTIONS = DEFAULT_SHORTCUTS.filter((action) => action.id.startsWith("labels.addTag."));

/** The workspace's parts while `active`, else null; its choices are kept either way. */
export function useTagAnnotation(active: boolean, input: TagAnnotationInput): WorkspaceParts | null {
  const { store, labels, colors, taskId, frames, frame, navigation, showFrame, objects, shortcuts } = input;
  const { message } = App.useApp();

  const panelLabels = useMemo<TagPanelLabel[]>(
    () => tagLabels(labels).map((label) => ({ id: label.id, name: label.name, color: colors.get(label.id) ?? FALLBACK_COLOR })),
    [labels, colors],
  );
  const labelIds = useMemo(() => panelLabels.map((label) => label.id), [panelLabels]);
  const { hotkeys, assign, reset } = useTagHotkeys(taskId, labelIds);
  const [autoNext, setAutoNext] = useAutoNextFrame();
  const keyLabels = useMemo(() => {
    const keymap = buildKeymap(ADD_TAG_ACTIONS, shortcuts, detectPlatform(navigator));
    const shown = new Map<LabelSlot, string>();
    for (const slot of LABEL_SLOTS) {
      const key = shortcutLabel(keymap, `labels.addTag.${slot}`);
      if (key !== undefined) shown.set(slot, key);
    }
    return shown;
  }, [shortcuts]);

  const tags = useMemo<TagPanelTag[]>(() => {
    const byId = new Map(panelLabels.map((label) => [label.id, label]));
    return objects.flatMap(({ object, flags }) => {
      if (object.kind !== "tag") return [];
      // A tag whose label is not a tag label now (retyped since) is still listed, to be removable.
      const label = byId.get(object.labelId) ?? {
        id: object.labelId,
        name: labels.find((each) => each.id === object.labelId)?.name ?? `label #${object.labelId}`,
        color: colors.get(object.labelId) ?? FALLBACK_COLOR,
      };
      return [{ clientId: object.clientId, label, locked: flags.locked }];
    });
  }, [objects, panelLabels, labels, colors]);

  const add = (labelId: number) => {
    const label = panelLabels.find((each) => each.id === labelId);
    if (label === undefined) return;
    const step = tagStep({ frames, frame, navigation, label, frameTagLabels: tags.map((tag) => tag.label.id), autoNext });
    if (step.add) createObject(store, { kind: "tag", frame, labelId });
    // One message at a time, replaced by the next: keys pressed in a row should not pile them up.
    if (step.note !== null) void message.info({ content: step.note, key: "tagging" });
    if (step.goTo !== null) showFrame(step.goTo, 1);
  };

  const addTagOfKey = (slot: LabelSlot) => {
    const labelId = hotkeys.get(slot);
    if (labelId === undefined) {
      void message.info({ content: `No tag label has key ${keyLabels.get(slot) ?? slot}; give it one under Keys.`, key: "tagging" });
      return;
    }
    add(labelId);
  };

  const remove = (clientId: ClientId) => {
    if (deleteObjects(store, [clientId]).length === 0) void message.warning({ content: "The tag is locked.", key: "tagging" });
  };

  // Steady stand-ins (useSteady.ts): the memoised panel re-renders only when what it shows changed.
  const handlers = useSteady({
    onAdd: add,
    onRemove: remove,
    onAutoNextChange: setAutoNext,
    onHotkeyChange: assign,
    onResetHotkeys: reset,
  });

  if (!active) return null;
  const sidebar = (
    <TagAnnotationPanel
      frame={frame}
      labels={panelLabels}
      tags={tags}
      hotkeys={hotkeys}
      keyLabels={keyLabels}
      hotkeysAreDefault={areDefaultTagHotkeys(hotkeys, labelIds)}
      autoNext={autoNext}
      {...handlers}
    />
  );
  return {
    controls: (viewControls: ReactNode) => (
      <aside className="editor-controls" data-testid="editor-controls">
        {viewControls}
      </aside>
    ),
    sidebar,
    scopes: ["tagAnnotation"],
    commands: { addTagOfKey, editsShapes: () => false },
    editsShapes: false,
  };
}
