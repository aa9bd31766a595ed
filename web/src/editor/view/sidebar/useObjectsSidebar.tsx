/**
 * What the objects sidebar and its keyboard actions do to the store: copy/paste, propagate (with
 * its dialog), z-order, instance colours, pin, attributes, lock/hide all, per-label toggles,
 * relabel by hotkey, object links, and a track's keyframe controls (K, O, keyframe navigation).
 * Edits of a track happen on the shown frame (`at`): they are its keyframe there. The workspace wires `controller` into the sidebar, spreads
 * `commands` into its EditorCommands (both read the latest render's values) and renders `dialogs`.
 */
import { App } from "antd";
import { useMemo, useRef, useState, type ReactNode } from "react";
import type { Label } from "../../../api/types";
import type { LabelSlot } from "../../engine/actions/defaultShortcuts";
import { defaultAttributes } from "../../engine/document/attributes";
import { copyObjects, EMPTY_CLIPBOARD, pasteObjects, propagateObjects, propagationFrames, type Clipboard } from "../../engine/document/clipboard";
import {
  bringToForeground,
  relabelObjects,
  sendToBackground,
  setAttribute,
  setLabelViewFlags,
  setViewFlags,
  idsWithLabel,
} from "../../engine/document/commands";
import type { EditorStore } from "../../engine/document/editorStore";
import { toggleKeyframe, toggleOutside } from "../../engine/document/trackCommands";
import type { FrameContext } from "../../engine/document/trackEdits";
import { getObject, viewFlagsOf, type ClientId } from "../../engine/document/model";
import type { JobFrames } from "../../engine/frames/meta";
import { nextPaletteColor } from "../appearance";
import type { FrameObject } from "../frameObjects";
import { selectedIdsOf } from "../useSelection";
import { objectUrl } from "./objectLink";
import { PropagateDialog, type PropagateDirection } from "./PropagateDialog";

/** "1 shape was" / "3 shapes were": copies left out because their frame is smaller. */
function outsideCount(count: number): string {
  return count === 1 ? "1 shape was" : `${count} shapes were`;
}

/** Per-object and per-list operations of the sidebar; a stable object (safe for memoised rows). */
export interface SidebarController {
  togglePinned(id: ClientId): void;
  setColor(id: ClientId, color: string | undefined): void;
  setAttribute(id: ClientId, attributeId: number, value: string): void;
  relabel(ids: readonly ClientId[], labelId: number): void;
  copyUrl(id: ClientId): void;
  makeCopy(id: ClientId): void;
  propagate(ids: readonly ClientId[]): void;
  toBackground(id: ClientId): void;
  toForeground(id: ClientId): void;
  toggleLockAll(): void;
  toggleHiddenAll(): void;
  toggleLabelFlag(labelId: number, flag: "locked" | "hidden"): void;
  /** A track's keyframe on the shown frame made or removed (K). */
  toggleKeyframe(id: ClientId): void;
  /** A track hidden from the shown frame on, or shown again (O). */
  toggleOutside(id: ClientId): void;
  /** Shows another frame (a track's keyframe). */
  goToFrame(frame: number): void;
}

/** The keyboard's share (see editorActions.ts). */
export interface SidebarCommands {
  copySelected(): void;
  canPaste(): boolean;
  paste(): void;
  propagateSelected(): void;
  toForeground(): void;
  toBackground(): void;
  changeColor(): void;
  toggleLockAll(): void;
  toggleHiddenAll(): void;
  relabelSelected(slot: LabelSlot): void;
  /** Whether the active object is a track on this frame (K, O, E, R act on it). */
  hasActiveTrack(): boolean;
  toggleKeyframe(): void;
  toggleOutside(): void;
  previousKeyframe(): void;
  nextKeyframe(): void;
}

export interface ObjectsSidebarInput {
  store: EditorStore;
  labels: readonly Label[];
  frame: number;
  objects: readonly FrameObject[];
  taskId: number;
  jobId: number;
  frames: JobFrames;
  showDeletedFrames: boolean;
  serverIdOf: (id: ClientId) => number | undefined;
  /** The shown frame as the engine's track edits take it. */
  at: FrameContext;
  showFrame: (frame: number) => void;
}

export function useObjectsSidebar(input: ObjectsSidebarInput): {
  controller: SidebarController;
  commands: SidebarCommands;
  dialogs: ReactNode;
  /** A dialog of the sidebar is open (the workspace's shortcuts must not act behind it). */
  dialogOpen: boolean;
} {
  const { message } = App.useApp();
  const latest = useRef(input);
  latest.current = input;
  const clipboard = useRef<Clipboard>(EMPTY_CLIPBOARD);
  const [propagating, setPropagating] = useState<readonly ClientId[] | null>(null);

  const controller = useMemo<SidebarController>(() => {
    const store = input.store;
    const labelById = (labelId: number) => latest.current.labels.find((label) => label.id === labelId);
    const flagsOf = (id: ClientId) => viewFlagsOf(store.getState().document, id);
    const at = () => latest.current.at;
    const toggleAll = (flag: "locked" | "hidden") => {
      const ids = latest.current.objects.map(({ object }) => object.clientId);
      if (ids.length === 0) return;
      const allOn = latest.current.objects.every(({ flags }) => flags[flag]);
      setViewFlags(store, ids, { [flag]: !allOn }, allOn ? `Un${flag === "locked" ? "lock" : "hide"} all` : `${flag === "locked" ? "Lock" : "Hide"} all`);
    };
    return {
      togglePinned: (id) => void setViewFlags(store, [id], { pinned: !flagsOf(id).pinned }, "Pin object"),
      setColor: (id, color) => {
        if (flagsOf(id).color !== color) setViewFlags(store, [id], { color }, "Change instance colour");
      },
      setAttribute: (id, attributeId, value) => void setAttribute(store, [id], attributeId, value, at()),
      relabel: (ids, labelId) => {
        const label = labelById(labelId);
        if (label) relabelObjects(store, ids, labelId, defaultAttributes(label.attributes), at());
      },
      copyUrl: (id) => {
        const { serverIdOf, taskId, jobId } = latest.current;
        const object = getObject(store.getState().document, id);
        const serverId = serverIdOf(id);
        if (object === undefined || serverId === undefined) return;
        const url = objectUrl(window.location.origin, { taskId, jobId, frame: object.frame, kind: object.kind, serverId });
        navigator.clipboard.writeText(url).then(
          () => void message.success("Object URL copied"),
          () => void message.info(url, 8),
        );
      },
      makeCopy: (id) => {
        const { frame, frames } = latest.current;
        const copies = pasteObjects(store, copyObjects(store.getState().document, [id]), frame, (at) => frames.frameSize(at));
        store.select(copies.ids);
      },
      propagate: (ids) => {
        if (ids.length > 0) setPropagating(ids);
      },
      toBackground: (id) => void sendToBackground(store, id, at()),
      toForeground: (id) => void bringToForeground(store, id, at()),
      toggleLockAll: () => toggleAll("locked"),
      toggleHiddenAll: () => toggleAll("hidden"),
      toggleLabelFlag: (labelId, flag) => {
        const document = store.getState().document;
        const ids = idsWithLabel(document, labelId);
        const allOn = ids.length > 0 && ids.every((id) => viewFlagsOf(document, id)[flag]);
        setLabelViewFlags(store, labelId, { [flag]: !allOn });
      },
      toggleKeyframe: (id) => {
        if (toggleKeyframe(store, id, at()) === "refused") {
          void message.warning("A track keeps its last visible keyframe: set it outside (O) or delete the track instead.");
        }
      },
      toggleOutside: (id) => void toggleOutside(store, id, at()),
      goToFrame: (frame) => latest.current.showFrame(frame),
    };
    // The store never changes for a workspace; everything else is read through `latest`.
  }, [input.store, message]);

  const { store, labels, frame, frames, showDeletedFrames } = input;
  const selected = () => selectedIdsOf(store);
  // CVAT's track keys act on the active object: the one the keyboard acts on, else the last selected.
  const activeTrack = () => {
    const { activeId, selectedIds } = store.getState().selection;
    const id = activeId ?? selectedIds.at(-1);
    return input.objects.find((entry) => entry.object.clientId === id && entry.track !== null);
  };
  const goToKeyframe = (pick: (entry: NonNullable<ReturnType<typeof activeTrack>>) => number | null) => {
    const entry = activeTrack();
    const target = entry === undefined ? null : pick(entry);
    if (target !== null) input.showFrame(target);
  };
  const commands: SidebarCommands = {
    copySelected: () => {
      clipboard.current = copyObjects(store.getState().document, selected());
    },
    canPaste: () => clipboard.current.objects.length > 0,
    paste: () => {
      const pasted = pasteObjects(store, clipboard.current, frame, (at) => frames.frameSize(at));
      store.select(pasted.ids);
      if (pasted.dropped > 0) message.warning(`${outsideCount(pasted.dropped)} outside this frame, so not pasted.`);
    },
    propagateSelected: () => controller.propagate(selected()),
    toForeground: () => selected().forEach((id) => controller.toForeground(id)),
    toBackground: () => selected().forEach((id) => controller.toBackground(id)),
    changeColor: () => {
      const document = store.getState().document;
      const selectedIds = selected();
      const first = selectedIds[0];
      if (first !== undefined) setViewFlags(store, selectedIds, { color: nextPaletteColor(viewFlagsOf(document, first).color) }, "Change instance colour");
    },
    toggleLockAll: controller.toggleLockAll,
    toggleHiddenAll: controller.toggleHiddenAll,
    relabelSelected: (slot) => {
      const label = labels[slot === 0 ? 9 : slot - 1];
      if (label) controller.relabel(selected(), label.id);
    },
    hasActiveTrack: () => activeTrack() !== undefined,
    toggleKeyframe: () => {
      const entry = activeTrack();
      if (entry !== undefined) controller.toggleKeyframe(entry.object.clientId);
    },
    toggleOutside: () => {
      const entry = activeTrack();
      if (entry !== undefined) controller.toggleOutside(entry.object.clientId);
    },
    previousKeyframe: () => goToKeyframe((entry) => entry.track?.previous ?? null),
    nextKeyframe: () => goToKeyframe((entry) => entry.track?.next ?? null),
  };

  const propagate = (direction: PropagateDirection, count: number) => {
    const ids = propagating ?? [];
    setPropagating(null);
    const isSkipped = (target: number) => !frames.includes(target) || (!showDeletedFrames && frames.isDeleted(target));
    const targets = propagationFrames(frame, count, direction, { start: frames.startFrame, stop: frames.stopFrame }, isSkipped);
    if (targets.length === 0) return;
    const propagated = propagateObjects(store, ids, targets, (at) => frames.frameSize(at));
    const done = `Propagated to ${targets.length} frame${targets.length === 1 ? "" : "s"}`;
    if (propagated.dropped === 0) message.success(done);
    else message.warning(`${done}; ${outsideCount(propagated.dropped)} outside a smaller frame, so not copied there.`);
  };

  const dialogs = (
    <PropagateDialog
      open={propagating !== null}
      frame={frame}
      startFrame={frames.startFrame}
      stopFrame={frames.stopFrame}
      onPropagate={propagate}
      onCancel={() => setPropagating(null)}
    />
  );
  return { controller, commands, dialogs, dialogOpen: propagating !== null };
}
