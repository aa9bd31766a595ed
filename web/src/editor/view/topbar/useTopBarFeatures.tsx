/**
 * The top bar's features beyond save/undo/play: stepping by the player's frame step, searching
 * frames (with objects, with filtered objects, empty) with the mode chosen by right-clicking the
 * previous/next buttons, the frame number's focus key, search by file name, delete/restore frame,
 * copy frame name and link, fullscreen, job info, object filters, the workspace switcher, the job
 * menu, and the link's query parameters (`object`, `defaultLabel`, `defaultWorkspace`,
 * `defaultPointsCount`). The workspace spreads `commands` into its EditorCommands and passes
 * `bar` to the TopBar.
 */
import { App, type InputNumber } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentRef, type ReactNode, type RefObject } from "react";
import { requestJson } from "../../../api/client";
import { describeError } from "../../../api/errors";
import type { Job, Label } from "../../../api/types";
import { describeFilter } from "../../../components/filters/describeFilter";
import { fromFilterText } from "../../../components/filters/filterLogic";
import { FilterModal } from "../../../components/filters/FilterModal";
import type { EditorStore } from "../../engine/document/editorStore";
import { tableEntries } from "../../engine/document/idTable";
import { getObject, type AnnotationDocument, type ClientId } from "../../engine/document/model";
import { searchFramesByName, type FrameNameMatch } from "../../engine/frames/frameSearch";
import { findDefaultLabel, jobUrl, parseJobLink, type JobLinkParams, type Workspace } from "../../engine/frames/links";
import type { JobFrames, JobMetaPayload } from "../../engine/frames/meta";
import { goToFrame, stepFrame, type NavigationOptions } from "../../engine/frames/navigation";
import type { PlayDirection } from "../../engine/frames/prefetch";
import type { EditorCommands } from "../editorActions";
import { useJobMenu, type JobMenu } from "../job/useJobMenu";
import { useSteady } from "../useSteady";
import { searchFrame, type FrameSearchMode } from "./frameSearch";
import { JobInfoModal } from "./JobInfoModal";
import type { ObjectFilterState } from "./useObjectFilter";

/**
 * The workspaces this version has, in the switcher's order; the others of CVAT's links come later.
 * A workspace other than the standard one also answers its parts (view/workspaceParts.ts).
 */
export const AVAILABLE_WORKSPACES: readonly { value: Workspace; label: string }[] = [
  { value: "standard", label: "Standard" },
  { value: "tags", label: "Tag annotation" },
];

const isAvailable = (workspace: Workspace | undefined): workspace is Workspace =>
  AVAILABLE_WORKSPACES.some((each) => each.value === workspace);

/** The frame number input's handle (antd's InputNumber: an input with focus/blur). */
export type FrameInputHandle = ComponentRef<typeof InputNumber>;

export type TopBarCommands = Pick<
  EditorCommands,
  "stepBack" | "stepForward" | "searchPrevious" | "searchNext" | "focusFrameInput" | "toggleFrameDeleted" | "toggleFullscreen"
>;

/** What the TopBar renders for these features. */
export interface TopBarFeatures {
  frameInputRef: RefObject<FrameInputHandle | null>;
  /** What the previous/next buttons do: plain frames, or search with `searchMode`. */
  buttonsSearch: boolean;
  searchMode: FrameSearchMode;
  chooseButtonMode: (mode: FrameSearchMode | "frame") => void;
  frameDeleted: boolean;
  toggleFrameDeleted: () => void;
  copyFrameName: () => void;
  copyFrameLink: () => void;
  fullscreen: boolean;
  toggleFullscreen: () => void;
  openJobInfo: () => void;
  openFilters: () => void;
  filterActive: boolean;
  /** The active filter in words (the Filters button's tooltip). */
  filterSummary: string;
  clearFilter: () => void;
  searchNames: (query: string) => FrameNameMatch[];
  goToFrame: (frame: number) => void;
  workspace: Workspace;
  setWorkspace: (workspace: Workspace) => void;
  jobMenu: Pick<JobMenu, "items" | "onClick">;
  job: Job;
}

export interface TopBarFeaturesInput {
  store: EditorStore;
  /** The current document (the job info dialog counts its objects). */
  document: AnnotationDocument;
  job: Job;
  frames: JobFrames;
  setFrames: (frames: JobFrames) => void;
  labels: readonly Label[];
  frame: number;
  showFrame: (target: number | null, towards?: PlayDirection) => void;
  navigation: NavigationOptions;
  frameStep: number;
  filter: ObjectFilterState;
  serverIdOf: (id: ClientId) => number | undefined;
  save: () => Promise<void>;
  setLabelId: (id: number) => void;
}

export interface TopBarFeaturesOutput {
  commands: TopBarCommands;
  bar: TopBarFeatures;
  dialogs: ReactNode;
  /** The link's query parameters; `defaultPointsCount` is for the drawing tools. */
  link: JobLinkParams;
}

async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export function useTopBarFeatures(input: TopBarFeaturesInput): TopBarFeaturesOutput {
  const { store, frames, setFrames, labels, frame, showFrame, navigation, frameStep, filter, serverIdOf, save, setLabelId } = input;
  const { message, notification } = App.useApp();
  const [job, setJob] = useState(input.job);
  const frameInputRef = useRef<FrameInputHandle>(null);
  const [searchMode, setSearchMode] = useState<FrameSearchMode>("objects");
  const [buttonsSearch, setButtonsSearch] = useState(false);
  const [dialog, setDialog] = useState<"info" | "filters" | null>(null);
  const [fullscreen, setFullscreen] = useState(() => typeof document !== "undefined" && document.fullscreenElement !== null);
  const [link] = useState(() => parseJobLink(window.location.search));
  // `?defaultWorkspace=` opens the editor in that workspace, when this version has it.
  const [workspace, setWorkspace] = useState<Workspace>(() =>
    isAvailable(link.params.defaultWorkspace) ? link.params.defaultWorkspace : "standard",
  );

  // --- the link's parameters, once --------------------------------------------------------------
  const pendingSelection = useRef<ClientId | null>(null);
  useEffect(() => {
    const { params, problems } = link;
    for (const problem of problems) message.warning(problem);
    if (params.defaultWorkspace !== undefined && !isAvailable(params.defaultWorkspace)) {
      message.warning(`The ${params.defaultWorkspace} workspace is not available yet; the standard one is open.`);
    }
    if (params.defaultLabel !== undefined) {
      const label = findDefaultLabel(labels, params.defaultLabel);
      if (label) setLabelId(label.id);
      else message.warning(`The job has no label "${params.defaultLabel}".`);
    }
    if (params.object !== undefined) {
      const { sync, document } = store.getState();
      const matches = [...tableEntries(sync.serverIds)].filter(([, id]) => id === params.object).map(([clientId]) => clientId);
      const wanted = params.objectType;
      const clientId = matches.find((id) => wanted === undefined || getObject(document, id)?.kind === wanted) ?? matches[0];
      const object = clientId === undefined ? undefined : getObject(document, clientId);
      if (clientId === undefined || object === undefined) {
        message.warning(`The job has no object #${params.object}.`);
      } else if (object.frame === frame || params.frame !== undefined) {
        store.select([clientId]);
      } else {
        pendingSelection.current = clientId;
        showFrame(goToFrame(frames, object.frame, navigation));
      }
    }
    // Only the link the editor opened with counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const pending = pendingSelection.current;
    if (pending === null) return;
    if (getObject(store.getState().document, pending)?.frame === frame) {
      pendingSelection.current = null;
      store.select([pending]);
    }
  }, [frame, store]);

  // --- fullscreen -------------------------------------------------------------------------------
  useEffect(() => {
    const update = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", update);
    return () => document.removeEventListener("fullscreenchange", update);
  }, []);
  const toggleFullscreen = useCallback(() => {
    const done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    done.catch((error: unknown) => message.warning(`Fullscreen is not available: ${describeError(error)}`));
  }, [message]);

  // --- delete / restore the frame ---------------------------------------------------------------
  const busyDeleting = useRef(false);
  const toggleFrameDeleted = useCallback(async () => {
    if (busyDeleting.current || !frames.includes(frame)) return;
    busyDeleting.current = true;
    const restoring = frames.isDeleted(frame);
    const deleted = restoring ? [...frames.deletedFrames].filter((f) => f !== frame) : [...frames.deletedFrames, frame];
    try {
      const meta = await requestJson<JobMetaPayload>(`/api/jobs/${job.id}/data/meta`, {
        method: "PATCH",
        body: JSON.stringify({ deleted_frames: deleted.sort((a, b) => a - b) }),
      });
      const updated = frames.withDeletedFrames(meta.deleted_frames.filter((f) => f >= frames.startFrame && f <= frames.stopFrame));
      setFrames(updated);
      message.success(restoring ? `Frame ${frame} restored` : `Frame ${frame} deleted`);
      // A hidden deleted frame cannot stay on screen: go on to the next one that can.
      if (!restoring && !navigation.showDeleted) showFrame(goToFrame(updated, frame, navigation), 1);
    } catch (error) {
      notification.error({ message: restoring ? "The frame could not be restored" : "The frame could not be deleted", description: describeError(error) });
    } finally {
      busyDeleting.current = false;
    }
  }, [frames, frame, job.id, setFrames, message, notification, navigation, showFrame]);

  // --- navigation -------------------------------------------------------------------------------
  const search = (direction: PlayDirection) =>
    showFrame(
      searchFrame({
        frames,
        current: frame,
        direction,
        mode: searchMode,
        document: store.getState().document,
        index: store.getState().frameIndex,
        filter: filter.predicate,
        serverIdOf,
        navigation,
      }),
      direction,
    );

  const commands: TopBarCommands = {
    stepBack: () => showFrame(stepFrame(frames, frame, -frameStep, navigation), -1),
    stepForward: () => showFrame(stepFrame(frames, frame, frameStep, navigation), 1),
    searchPrevious: () => search(-1),
    searchNext: () => search(1),
    focusFrameInput: () => {
      frameInputRef.current?.focus();
      frameInputRef.current?.select();
    },
    toggleFrameDeleted: () => void toggleFrameDeleted(),
    toggleFullscreen,
  };

  // --- copy -------------------------------------------------------------------------------------
  const copy = (text: string, what: string) =>
    copyText(text).then(
      () => message.success(`${what} copied: ${text}`),
      () => message.info(`${what}: ${text}`),
    );

  const filterSummary = useMemo(() => {
    if (filter.text === "") return "";
    try {
      return describeFilter(fromFilterText(filter.text, filter.fields), filter.fields);
    } catch {
      return filter.text;
    }
  }, [filter.text, filter.fields]);

  const names = useCallback((query: string) => searchFramesByName(frames, query, { ...navigation, limit: 10 }), [frames, navigation]);

  const jobMenu = useJobMenu({ store, job, setJob, frames, save });
  const steadyJobMenu = useSteady({ items: jobMenu.items, onClick: jobMenu.onClick });

  // Steady (useSteady.ts): the memoised top bar skips the renders in which none of this changed.
  const bar: TopBarFeatures = useSteady({
    frameInputRef,
    buttonsSearch,
    searchMode,
    chooseButtonMode: (mode) => {
      setButtonsSearch(mode !== "frame");
      if (mode !== "frame") setSearchMode(mode);
    },
    frameDeleted: frames.isDeleted(frame),
    toggleFrameDeleted: () => void toggleFrameDeleted(),
    copyFrameName: () => void copy(frames.frameName(frame) ?? "", "Frame name"),
    copyFrameLink: () => void copy(jobUrl(window.location.origin, job.task_id, job.id, { frame }), "Frame link"),
    fullscreen,
    toggleFullscreen,
    openJobInfo: () => setDialog("info"),
    openFilters: () => setDialog("filters"),
    filterActive: filter.text !== "",
    filterSummary,
    clearFilter: () => filter.setText(""),
    searchNames: names,
    goToFrame: (target) => showFrame(goToFrame(frames, target, navigation)),
    workspace,
    setWorkspace: (next) => {
      setWorkspace(next);
      // The switcher hands the focus back, so that the chosen workspace's keys work at once.
      (window.document.activeElement as HTMLElement | null)?.blur();
    },
    jobMenu: steadyJobMenu,
    job,
  });

  const dialogs = (
    <>
      <JobInfoModal open={dialog === "info"} onClose={() => setDialog(null)} job={job} frames={frames} labels={labels} document={input.document} />
      <FilterModal
        open={dialog === "filters"}
        fields={filter.fields}
        value={filter.text}
        onApply={filter.setText}
        onClose={() => setDialog(null)}
      />
      {jobMenu.dialogs}
    </>
  );

  return { commands, bar, dialogs, link: link.params };
}
