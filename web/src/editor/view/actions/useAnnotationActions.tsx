/**
 * "Run actions" in the workspace: opens the dialog (the registered action "annotations.runActions",
 * Menu and Ctrl+E alike), and runs the chosen annotation action over the chosen frames with the
 * editor's current filter, label types and frame sizes. The workspace spreads `commands` into its
 * EditorCommands, renders `dialogs`, and shuts its keys out while `dialogOpen`.
 */
import { App } from "antd";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { describeError } from "../../../api/errors";
import type { Label } from "../../../api/types";
import { describeFilter } from "../../../components/filters/describeFilter";
import { fromFilterText } from "../../../components/filters/filterLogic";
import {
  actionFrames,
  propagationSources,
  runAnnotationAction,
  type ActionChoice,
  type RunProgress,
} from "../../engine/annotationActions";
import type { EditorStore } from "../../engine/document/editorStore";
import type { ClientId, ShapeObject } from "../../engine/document/model";
import type { JobFrames } from "../../engine/frames/meta";
import type { EditorCommands } from "../editorActions";
import type { ObjectFilterState } from "../topbar/useObjectFilter";
import { selectedIdsOf } from "../useSelection";
import { AnnotationActionsDialog, type ActionTargets } from "./AnnotationActionsDialog";
import { describeRun } from "./runSummary";

export interface AnnotationActionsInput {
  store: EditorStore;
  labels: readonly Label[];
  frames: JobFrames;
  frame: number;
  filter: ObjectFilterState;
  serverIdOf: (id: ClientId) => number | undefined;
  /** Deleted frames are skipped unless the player shows them (as navigation and propagation do). */
  showDeletedFrames: boolean;
}

export interface AnnotationActionsFeature {
  commands: Required<Pick<EditorCommands, "openAnnotationActions">>;
  dialogs: ReactNode;
  dialogOpen: boolean;
}

export function useAnnotationActions(input: AnnotationActionsInput): AnnotationActionsFeature {
  const { store, labels, frames, frame, filter, serverIdOf, showDeletedFrames } = input;
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  // A run outliving the workspace (the page is left) stops with it, changing nothing.
  useEffect(() => () => running.current?.abort(), []);

  const { predicate } = filter;
  const accepts = useMemo(
    () => (predicate === null ? () => true : (shape: ShapeObject) => predicate(shape, serverIdOf(shape.clientId))),
    [predicate, serverIdOf],
  );
  const filterSummary = useMemo(() => {
    if (filter.text.trim() === "") return "";
    try {
      return describeFilter(fromFilterText(filter.text, filter.fields), filter.fields);
    } catch {
      return filter.text;
    }
  }, [filter.text, filter.fields]);
  const sources = () => propagationSources({ ...store.getState(), accepts }, frame, selectedIdsOf(store));

  const run = async (choice: ActionChoice, from: number, to: number) => {
    const isSkipped = (at: number) => !frames.includes(at) || (!showDeletedFrames && frames.isDeleted(at));
    const runFrames = actionFrames(from, to, { start: frames.startFrame, stop: frames.stopFrame }, isSkipped);
    const types = new Map(labels.map((label) => [label.id, label.type]));
    const controller = new AbortController();
    running.current = controller;
    setError(null);
    setProgress({ done: 0, total: runFrames.length });
    try {
      const outcome = await runAnnotationAction(store, choice.create({ frame, sources: sources() }), {
        frames: runFrames,
        signal: controller.signal,
        accepts,
        labelType: (labelId) => types.get(labelId) ?? "any",
        frameSize: (at) => frames.frameSize(at),
        onProgress: setProgress,
      });
      if (outcome.status === "conflict") {
        setError("The annotations changed while the action ran, so it changed nothing. Run it again.");
        return;
      }
      setOpen(false);
      if (outcome.status === "cancelled") message.info("Cancelled: nothing was changed.");
      else if (outcome.summary.changed) message.success(describeRun(outcome.summary), 6);
      else message.info(describeRun(outcome.summary), 6);
    } catch (failure) {
      setError(`The action failed, so nothing was changed: ${describeError(failure)}`);
    } finally {
      running.current = null;
      setProgress(null);
    }
  };

  // Read while the dialog is open only: the dialog keeps the workspace (and the selection) still.
  const copied = open ? sources() : [];
  const targets: ActionTargets = {
    filterSummary,
    filterProblem: filter.problem,
    propagation: { count: copied.length, selected: copied.length > 0 && selectedIdsOf(store).includes(copied[0].clientId) },
  };

  const dialogs = (
    <AnnotationActionsDialog
      open={open}
      frame={frame}
      startFrame={frames.startFrame}
      stopFrame={frames.stopFrame}
      targets={targets}
      progress={progress}
      error={error}
      onRun={(choice, from, to) => void run(choice, from, to)}
      onCancel={() => {
        if (running.current !== null) running.current.abort();
        else setOpen(false);
      }}
    />
  );
  return {
    commands: {
      openAnnotationActions: () => {
        setError(null);
        setOpen(true);
      },
    },
    dialogs,
    dialogOpen: open,
  };
}
