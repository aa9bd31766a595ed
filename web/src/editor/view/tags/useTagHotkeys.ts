/**
 * The tag annotation workspace's remembered choices, in this browser's localStorage: the number
 * keys given to tag labels, one entry per task (why not the server-side settings: see
 * engine/tags/tagHotkeys.ts), and "Automatically go to the next frame", one switch for every job.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import type { LabelSlot } from "../../engine/actions/defaultShortcuts";
import {
  assignTagHotkey,
  readTagHotkeys,
  storedTagHotkeys,
  type TagHotkeys,
} from "../../engine/tags/tagHotkeys";

const HOTKEYS_KEY = (taskId: number) => `contour.editor.tagHotkeys.task.${taskId}`;
const AUTO_NEXT_KEY = "contour.editor.tagAutoNext";

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled by the browser's settings
  }
}

function readJson(key: string): unknown {
  try {
    return JSON.parse(storage()?.getItem(key) ?? "null");
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    if (value === undefined) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // A full or disabled storage only costs the choice after a reload.
  }
}

export interface TagHotkeysState {
  hotkeys: TagHotkeys;
  /** Gives the key to the label (null: takes its key away). */
  assign: (labelId: number, slot: LabelSlot | null) => void;
  /** Back to the defaults (1 … 9, 0 in the labels' order); forgets what was stored. */
  reset: () => void;
}

/** The keys of the task's tag labels (`labelIds`, in order; memoised by the caller). */
export function useTagHotkeys(taskId: number, labelIds: readonly number[]): TagHotkeysState {
  // What the user chose, or undefined for the defaults (so labels added later get keys too).
  const [stored, setStored] = useState<unknown>(() => readJson(HOTKEYS_KEY(taskId)));
  const hotkeys = useMemo(() => readTagHotkeys(stored, labelIds), [stored, labelIds]);
  const assign = useCallback(
    (labelId: number, slot: LabelSlot | null) => {
      const next = storedTagHotkeys(assignTagHotkey(hotkeys, labelId, slot));
      writeJson(HOTKEYS_KEY(taskId), next);
      setStored(next);
    },
    [hotkeys, taskId],
  );
  const reset = useCallback(() => {
    writeJson(HOTKEYS_KEY(taskId), undefined);
    setStored(null);
  }, [taskId]);
  return { hotkeys, assign, reset };
}

/** "Automatically go to the next frame", remembered in this browser. */
export function useAutoNextFrame(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => readJson(AUTO_NEXT_KEY) === true);
  useEffect(() => writeJson(AUTO_NEXT_KEY, on), [on]);
  return [on, setOn];
}
