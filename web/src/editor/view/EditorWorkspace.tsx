// The editor for one loaded job: owns the editor store, the current frame, tool, viewport and
// save state, binds them to the registered actions, and lays out the top bar, the controls
// sidebar, the canvas and the objects sidebar.
import { App } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import { describeError } from "../../api/errors";
import { useSettings } from "../../lib/useSettings";
import type { LabelSlot } from "../engine/actions/defaultShortcuts";
import { detectPlatform } from "../engine/actions/keys";
import type { Scope } from "../engine/actions/scopes";
import { hasUnsavedChanges } from "../engine/document/changes";
import { deleteObjects, setOccluded, setViewFlags } from "../engine/document/commands";
import { EditorStore } from "../engine/document/editorStore";
import { getEntry } from "../engine/document/idTable";
import { viewFlagsOf, type ClientId, type ShapeObject, type ViewFlags } from "../engine/document/model";
import type { FrameContext } from "../engine/document/trackEdits";
import { fitImage } from "../engine/geometry/viewport";
import { parseJobLink } from "../engine/frames/links";
import { firstFrame, goToFrame, initialFrame, lastFrame, nextFrame, previousFrame } from "../engine/frames/navigation";
import { FRAME_SPEEDS } from "../engine/frames/playback";
import { Player } from "../engine/frames/playback";
import type { PlayDirection } from "../engine/frames/prefetch";
import { BITMAP_BACKGROUND, objectColor } from "./appearance";
import { FALLBACK_COLOR, labelColors } from "./colors";
import { ControlsSidebar } from "./ControlsSidebar";
import type { DrawAs, DrawableType, DrawingOptions } from "./drawingTool";
import { useCanvasMode, type DrawnNow } from "./canvas/useCanvasMode";
import { EditorCanvas } from "./EditorCanvas";
import { createEditorActions, createEditorKeymap, type EditorCommands } from "./editorActions";
import { patchAnnotations, type EditorData } from "./editorData";
import { createFrameObjectsMemo, pickableShapes, visibleShapes, type FrameObject } from "./frameObjects";
import { ObjectsSidebar } from "./ObjectsSidebar";
import { usePersistentAppearance } from "./sidebar/useAppearance";
import { useObjectsSidebar } from "./sidebar/useObjectsSidebar";
import { saveAnnotations } from "./saveAnnotations";
import type { Tool } from "./tools";
import { TopBar, type SaveIndicator } from "./TopBar";
import { useDraftRecovery } from "./useDraftRecovery";
import { useDrawingTools } from "./useDrawingTools";
import { useEditorKeyboard } from "./useEditorKeyboard";
import { useFrameSupply } from "./useFrameSupply";
import { selectedIdsOf, useHasSelection } from "./useSelection";
import { useSteady } from "./useSteady";
import { useViewportState, useViewportValue } from "./useViewportState";
import { ObjectTextLayer } from "./image/ObjectTextLayer";
import { ShortcutsDialog } from "./image/ShortcutsDialog";
import { useViewControls } from "./image/useViewControls";
import { ViewControls } from "./image/ViewControls";
import { ZLayerSlider } from "./image/ZLayerSlider";
import { useLeaveWarning } from "./job/useLeaveWarning";
import { useFilteredObjects, useObjectFilter } from "./topbar/useObjectFilter";
import { useTopBarFeatures } from "./topbar/useTopBarFeatures";
import { useAnnotationActions } from "./actions/useAnnotationActions";
import { FrameTagChips } from "./tags/FrameTagChips";
import { useTagAnnotation } from "./tags/useTagAnnotation";
import type { WorkspaceParts } from "./workspaceParts";
import "./editor.css";
import "./image/image.css";

const FIT_PADDING_PX = 16;
const NOTHING_PICKABLE: readonly ShapeObject[] = [];

export function EditorWorkspace({ data }: { data: EditorData }) {
  const { job, labels } = data;
  // Deleting or restoring a frame replaces the frames (view/topbar).
  const [frames, setFrames] = useState(data.frames);
  const { message, notification, modal } = App.useApp();
  const { settings } = useSettings();
  const navigation = useMemo(() => ({ showDeleted: settings.player.showDeletedFrames }), [settings.player.showDeletedFrames]);

  const [store] = useState(() => {
    const created = new EditorStore();
    created.load(data.annotations);
    return created;
  });
  const document = useStore(store.api, (s) => s.document);
  const frameIndex = useStore(store.api, (s) => s.frameIndex);
  // Not the selected ids themselves (see useSelection.ts): only whether there are any, for the
  // enabled state of the menu entries that act on the selection.
  useHasSelection(store);
  // The undo/redo buttons' states; not the whole summary, which changes as every drag begins and ends.
  const canUndo = useStore(store.api, (s) => s.history.canUndo);
  useStore(store.api, (s) => s.history.canRedo);
  const serverIds = useStore(store.api, (s) => s.sync.serverIds);
  const unsaved = useStore(store.api, hasUnsavedChanges);

  const [frame, setFrame] = useState(() => initialFrame(frames, parseJobLink(window.location.search).params.frame, navigation));
  const [direction, setDirection] = useState<PlayDirection>(1);
  // The canvas mode reads what the frame draws when N ends a Shift+click edit (set below).
  const drawnNow = useRef<ReturnType<DrawnNow> | null>(null);
  const readDrawnNow = useCallback<DrawnNow>(() => drawnNow.current ?? { shapes: [], at: { frame: 0 } }, []);
  const canvasMode = useCanvasMode(store, readDrawnNow);
  const viewportState = useViewportState();
  const setViewport = viewportState.set;
  const rotation = useViewportValue(viewportState, (viewport) => viewport?.rotation ?? 0);
  const [saving, setSaving] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);
  const [playing, setPlaying] = useState(false);
  const savingRef = useRef(false);

  const { cache, image, error: frameError } = useFrameSupply(job.id, data.frames, frame, direction); // the chunk layout never changes
  const size = frames.frameSize(frame);
  const width = size?.width ?? 1;
  const height = size?.height ?? 1;
  const imageSize = useMemo(() => ({ width, height }), [width, height]);
  const colors = useMemo(() => labelColors(labels), [labels]);

  // Tracks are resolved with the job's deleted frames (one Set per JobFrames, as the engine wants).
  const { deletedFrames } = frames;
  // Attribute ids whose values change per frame: a track keeps them in its keyframes.
  const mutableAttributes = useMemo(
    () => new Set(labels.flatMap((label) => label.attributes.filter((attribute) => attribute.mutable).map((attribute) => attribute.id))),
    [labels],
  );
  const at: FrameContext = useMemo(() => ({ frame, deletedFrames, mutableAttributes }), [frame, deletedFrames, mutableAttributes]);
  const [frameObjectsOf] = useState(createFrameObjectsMemo);
  const objectFilter = useObjectFilter(labels);
  const filterServerIdOf = useCallback((id: ClientId) => getEntry(serverIds, id), [serverIds]);
  const unfilteredObjects = useMemo(
    () => frameObjectsOf(document, frameIndex, frame, { deletedFrames }),
    [frameObjectsOf, document, frameIndex, frame, deletedFrames],
  );
  const objects = useFilteredObjects(unfilteredObjects, objectFilter, filterServerIdOf);
  const shapes = useMemo(() => visibleShapes(objects), [objects]);
  const pickable = useMemo(() => pickableShapes(objects), [objects]);
  drawnNow.current = { shapes, at };
  const latestObjects = useRef<readonly FrameObject[]>(objects);
  latestObjects.current = objects;
  const { appearance, setAppearance, canvasAppearance } = usePersistentAppearance();
  const sidebarOrder = useRef<readonly ClientId[] | null>(null);
  const onSidebarOrder = useCallback((ids: readonly ClientId[]) => {
    sidebarOrder.current = ids;
  }, []);
  const view = useViewControls({
    store, frame, settings, labels, objects, shapes, pickable, setViewport,
    listedIds: () => sidebarOrder.current,
  });
  // What the editor says about drawing replaces what it said before, rather than piling up.
  const warnDrawing = (content: string) => void message.warning({ content, key: "drawing" });
  const drawingTools = useDrawingTools({
    store,
    at,
    labels,
    imageSize,
    newShapeZOrder: view.newShapeZOrder,
    resetMode: canvasMode.reset,
    warn: warnDrawing,
    inform: (content) => void message.info({ content, key: "drawing" }),
  });
  const { tool, drawing, setDrawing, chooseTool, labelId, chooseLabel } = drawingTools;
  const colorOf = useCallback(
    (shape: ShapeObject) => objectColor(shape, viewFlagsOf(document, shape.clientId), appearance.colorBy, colors),
    [document, colors, appearance.colorBy],
  );

  // --- frames -----------------------------------------------------------------------------------
  const showFrame = useCallback(
    (target: number | null, towards?: PlayDirection) => {
      if (target === null || target === frame) return;
      setDirection(towards ?? (target > frame ? 1 : -1));
      setFrame(target);
    },
    [frame],
  );

  // A new frame: what was half drawn or selected belonged to the old one, but for tracks shown on
  // it too (so that E/R walk one track's keyframes, as in CVAT).
  useEffect(() => {
    const shown = new Set(latestObjects.current.filter((entry) => entry.track !== null).map((entry) => entry.object.clientId));
    const { activeId, selectedIds } = store.getState().selection;
    store.select(selectedIds.filter((id) => shown.has(id)), activeId);
    drawingTools.restart();
    canvasMode.reset();
    if (settings.player.resetZoom) setViewport((current) => (current === null ? null : fitImage(current, FIT_PADDING_PX)));
  }, [frame, store, settings.player.resetZoom, canvasMode.reset]);

  const playerRef = useRef<Player | null>(null);
  useEffect(() => {
    if (cache === null) return;
    const player = new Player({
      frames,
      supply: cache,
      clock: { setTimeout: (run, ms) => window.setTimeout(run, ms), clearTimeout: (handle) => window.clearTimeout(handle as number) },
      onFrame: (next) => {
        setDirection(1);
        setFrame(next);
      },
      onStop: (reason, error) => {
        setPlaying(false);
        if (reason === "error") notification.error({ message: "Playback stopped", description: describeError(error) });
      },
      fps: FRAME_SPEEDS[settings.player.frameSpeed],
      navigation,
    });
    playerRef.current = player;
    return () => {
      player.dispose();
      playerRef.current = null;
    };
  }, [cache, frames, navigation, settings.player.frameSpeed, notification]);

  // --- saving -----------------------------------------------------------------------------------
  const save = useCallback(async () => {
    if (savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    try {
      const sent = await saveAnnotations(store, patchAnnotations(job.id));
      setSaveFailed(false);
      if (sent > 0) message.success("Annotations saved");
    } catch (error) {
      setSaveFailed(true);
      notification.error({ message: "Could not save the annotations", description: describeError(error) });
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }, [store, job.id, message, notification]);

  useDraftRecovery(store, job.id, { modal, message, notification });

  const topBar = useTopBarFeatures({
    store,
    document,
    job,
    frames,
    setFrames,
    labels,
    frame,
    showFrame,
    navigation,
    frameStep: settings.player.frameStep,
    filter: objectFilter,
    serverIdOf: filterServerIdOf,
    save,
    setLabelId: chooseLabel,
  });

  // --- workspaces other than the standard one (view/workspaceParts.ts) --------------------------
  const tagging = useTagAnnotation(topBar.bar.workspace === "tags", {
    store, labels, colors, taskId: job.task_id, frames, frame, navigation, showFrame,
    objects: unfilteredObjects, shortcuts: settings.shortcuts,
  });
  const parts: WorkspaceParts | null = tagging;
  const editsShapes = parts?.editsShapes ?? true;
  // A workspace that only shows shapes starts with nothing drawn, edited or selected.
  // chooseTool is this render's closure; the effect runs only when the workspace changes what it edits.
  const chooseToolNow = useRef(chooseTool);
  chooseToolNow.current = chooseTool;
  useEffect(() => {
    if (editsShapes) return;
    chooseToolNow.current("cursor"); // no drawing, no canvas mode
    store.clearSelection();
  }, [editsShapes, store]);

  // Autosave (Workspace settings): only when something is unsaved, never two saves at once.
  const saveRef = useRef(save);
  saveRef.current = save;
  const { autoSave, autoSaveIntervalMinutes } = settings.workspace;
  useEffect(() => {
    if (!autoSave || !(autoSaveIntervalMinutes > 0)) return;
    const timer = window.setInterval(() => {
      if (!savingRef.current && hasUnsavedChanges(store.getState())) void saveRef.current();
    }, autoSaveIntervalMinutes * 60_000);
    return () => window.clearInterval(timer);
  }, [autoSave, autoSaveIntervalMinutes, store]);

  // Leaving the page (reload, close, another site) with unsaved work asks first.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
  // Leaving through a link inside the app asks too.
  useLeaveWarning(unsaved);

  // --- tools and objects ------------------------------------------------------------------------
  const toggleFlag = (ids: readonly ClientId[], flag: keyof Pick<ViewFlags, "locked" | "hidden">) => {
    const first = ids[0];
    if (first === undefined) return;
    setViewFlags(store, ids, { [flag]: !viewFlagsOf(store.getState().document, first)[flag] });
  };

  const toggleOccluded = (ids: readonly ClientId[]) => {
    // As the frame shows the first: a track's occluded is its value on this frame.
    const first = latestObjects.current.find((entry) => entry.object.clientId === ids[0]);
    const occluded = first?.drawn?.occluded ?? first?.track?.shape.occluded;
    if (occluded !== undefined) setOccluded(store, ids, !occluded, at);
  };

  // Stable props for the (memoised) sidebar: panning and zooming must not re-render its rows.
  const latestToggles = useRef({ toggleFlag, toggleOccluded });
  latestToggles.current = { toggleFlag, toggleOccluded };
  const serverIdOf = useCallback((id: ClientId) => getEntry(serverIds, id), [serverIds]);
  const sidebarActions = useMemo(
    () => ({
      select: (id: ClientId) => store.select([id]),
      toggleLock: (id: ClientId) => latestToggles.current.toggleFlag([id], "locked"),
      toggleOccluded: (id: ClientId) => latestToggles.current.toggleOccluded([id]),
      toggleHidden: (id: ClientId) => latestToggles.current.toggleFlag([id], "hidden"),
      remove: (id: ClientId) => void deleteObjects(store, [id]),
    }),
    [store],
  );
  const sidebar = useObjectsSidebar({
    store,
    labels,
    frame,
    objects,
    taskId: job.task_id,
    jobId: job.id,
    frames,
    showDeletedFrames: navigation.showDeleted,
    serverIdOf,
    at,
    showFrame: (target: number) => showFrame(target),
  });
  const annotationActions = useAnnotationActions({
    store, labels, frames, frame, filter: objectFilter, serverIdOf: filterServerIdOf, showDeletedFrames: navigation.showDeleted,
  });
  // The drawing keys (N finishes) apply while drawing and during a Shift+click edit, which N ends too.
  const drawingKeys = drawing !== null || canvasMode.mode.kind === "pathEdit";
  const commands: EditorCommands = {
    ...sidebar.commands,
    canSave: () => !savingRef.current,
    save: () => void save(),
    canUndo: () => store.getState().history.canUndo,
    undo: () => store.undo(),
    canRedo: () => store.getState().history.canRedo,
    redo: () => store.redo(),
    previousFrame: () => showFrame(previousFrame(frames, frame, navigation), -1),
    nextFrame: () => showFrame(nextFrame(frames, frame, navigation), 1),
    firstFrame: () => showFrame(firstFrame(frames, navigation), -1),
    lastFrame: () => showFrame(lastFrame(frames, navigation), 1),
    ...topBar.commands,
    togglePlay: () => {
      const player = playerRef.current;
      if (player === null) return;
      if (player.isPlaying) player.pause();
      else setPlaying(player.play(frame));
    },
    isDrawing: () => drawingKeys,
    finishDrawing: () => {
      if (!canvasMode.finishPathEditing()) drawingTools.finish();
    },
    drawAgain: drawingTools.drawAgain,
    cancel: () => {
      if (canvasMode.cancel() || drawingTools.dropProgress()) return;
      if (tool !== "cursor") chooseTool("cursor");
      else store.clearSelection();
    },
    hasSelection: () => selectedIdsOf(store).length > 0,
    removeSelected: (force) => void deleteObjects(store, selectedIdsOf(store), { force }),
    toggleLock: () => toggleFlag(selectedIdsOf(store), "locked"),
    toggleOccluded: () => toggleOccluded(selectedIdsOf(store)),
    toggleHidden: () => toggleFlag(selectedIdsOf(store), "hidden"),
    fit: () => setViewport((current) => (current === null ? null : fitImage(current, FIT_PADDING_PX))),
    selectLabelSlot: (slot: LabelSlot) => {
      const label = labels[slot === 0 ? 9 : slot - 1];
      if (label) chooseLabel(label.id);
    },
    ...view.commands,
    toggleGroupMode: () => {
      if (tool !== "cursor") chooseTool("cursor");
      canvasMode.toggleGroupMode();
    },
    ungroupSelected: canvasMode.ungroupSelected,
    ...annotationActions.commands,
    ...parts?.commands,
  };

  const registry = useMemo(() => createEditorActions(), []);
  const keymap = useMemo(
    () => createEditorKeymap(registry, settings.shortcuts, detectPlatform(navigator)),
    [registry, settings.shortcuts],
  );
  const scopes: Scope[] = drawingKeys ? ["canvas", "drawing"] : ["canvas"];
  scopes.push(...(parts?.scopes ?? []));
  if (sidebar.dialogOpen || annotationActions.dialogOpen) scopes.push("modal"); // the workspace's keys stay out of the dialog
  useEditorKeyboard(registry, keymap, commands, scopes);
  // The memoised top bar and controls get steady stand-ins (useSteady.ts), and the enabled state
  // of every action, so that they re-render only when something they show changed.
  const steadyCommands = useSteady(commands);
  const enabledActions = registry.actions.map((action) => (registry.isEnabled(action.id, commands) ? "1" : "0")).join("");
  const controls = useSteady({
    onFrameInput: (value: number) => showFrame(goToFrame(frames, value, navigation)),
    onToolChange: (next: Tool) => chooseTool(next),
    onLabelChange: chooseLabel,
    onStartDrawing: (type: DrawableType, as: DrawAs) => chooseTool(type, as),
    onDrawingOptionsChange: (options: DrawingOptions) => drawingTools.changeOptions(options),
    onToggleZoomRegion: () => {
      if (tool !== "cursor") chooseTool("cursor");
      canvasMode.toggleZoomRegion();
    },
    onToggleGroupMode: () => commands.toggleGroupMode?.(),
  });
  const { imageSettings, setImageSettings } = view;
  const viewControls = useMemo(
    () => <ViewControls registry={registry} keymap={keymap} commands={steadyCommands} imageSettings={imageSettings} onImageSettingsChange={setImageSettings} />,
    [registry, keymap, steadyCommands, imageSettings, setImageSettings],
  );

  const indicator: SaveIndicator = saving ? "saving" : unsaved ? (saveFailed ? "error" : "unsaved") : "saved";
  const drawingColor = (labelId !== null ? colors.get(labelId) : undefined) ?? FALLBACK_COLOR;

  return (
    <div
      className={`editor${appearance.showBitmap ? " editor-show-bitmap" : ""}`}
      data-testid="editor"
      data-frame={frame}
      data-can-undo={canUndo}
      data-draw-as={drawingTools.drawAs}
    >
      <TopBar
        registry={registry}
        keymap={keymap}
        commands={steadyCommands}
        enabledActions={enabledActions}
        taskId={job.task_id}
        jobId={job.id}
        saveIndicator={indicator}
        playing={playing}
        frame={frame}
        startFrame={frames.startFrame}
        stopFrame={frames.stopFrame}
        frameName={frames.frameName(frame)}
        onFrameInput={controls.onFrameInput}
        features={topBar.bar}
      />
      {topBar.dialogs}
      <div className="editor-body">
        {parts?.controls !== undefined ? parts.controls(viewControls) : (
        <ControlsSidebar
          tool={tool}
          onToolChange={controls.onToolChange}
          labels={labels}
          labelId={labelId}
          onLabelChange={controls.onLabelChange}
          drawingOptions={drawingTools.options}
          onDrawingOptionsChange={controls.onDrawingOptionsChange}
          lastDrawingTool={drawingTools.lastDrawingTool}
          onStartDrawing={controls.onStartDrawing}
          modeKind={canvasMode.mode.kind}
          onToggleZoomRegion={controls.onToggleZoomRegion}
          onToggleGroupMode={controls.onToggleGroupMode}
        >
          {viewControls}
        </ControlsSidebar>
        )}
        <div className="editor-canvas-area" data-testid="editor-canvas-area" data-rotation={rotation}>
        <ZLayerSlider {...view.zLayer} />
        <FrameTagChips objects={objects} labels={labels} colors={colors} show={settings.workspace.showTagsOnFrame} />
        <EditorCanvas
          store={store}
          image={image}
          imageSize={imageSize}
          loading={image === undefined && !frameError}
          error={frameError ? describeError(frameError) : null}
          shapes={view.shapes}
          pickable={editsShapes ? view.pickable : NOTHING_PICKABLE}
          colorOf={colorOf}
          appearance={canvasAppearance}
          viewportState={viewportState}
          drawing={drawing}
          drawingColor={drawingColor}
          onDrawingChange={setDrawing}
          onDrawn={drawingTools.createDrawn}
          onDrawingRefused={warnDrawing}
          onTagClick={tool === "tag" ? drawingTools.addTag : undefined}
          background={appearance.showBitmap ? BITMAP_BACKGROUND : settings.player.canvasBackgroundColor}
          frameView={view.frameView}
          overlay={(viewport) => (
            <ObjectTextLayer shapes={view.shapes} store={store} viewport={viewport} labels={view.textLabels} serverIdOf={serverIdOf} settings={view.objectText} />
          )}
          mode={canvasMode.mode}
          onModeChange={canvasMode.setMode}
          at={at}
        />
        </div>
        {parts?.sidebar !== undefined ? parts.sidebar : (
        <ObjectsSidebar
          objects={objects}
          labels={labels}
          store={store}
          serverIdOf={serverIdOf}
          onSelect={sidebarActions.select}
          onToggleLock={sidebarActions.toggleLock}
          onToggleOccluded={sidebarActions.toggleOccluded}
          onToggleHidden={sidebarActions.toggleHidden}
          onDelete={sidebarActions.remove}
          document={document}
          controller={sidebar.controller}
          labelId={labelId}
          onLabelChange={controls.onLabelChange}
          appearance={appearance}
          onAppearanceChange={setAppearance}
          onOrderChange={onSidebarOrder}
        />
        )}
      </div>
      {sidebar.dialogs}
      {annotationActions.dialogs}
      <ShortcutsDialog {...view.shortcuts} actions={registry.actions} keymap={keymap} />
    </div>
  );
}
