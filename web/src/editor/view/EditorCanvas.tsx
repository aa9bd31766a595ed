// The canvas: the frame and its shapes through the viewport transform, and the pointer input of
// the current tool. Zoom with the wheel around the cursor, pan by dragging empty space (or with the
// middle button), fit on double click; the cursor tool selects (engine picking) and drags shapes,
// one drag being one undo step; drawing tools feed the drawing state chart.
import { Alert, Spin } from "antd";
import type Konva from "konva";
import type { KonvaEventObject } from "konva/lib/Node";
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from "react";
import { Group, Layer, Rect, Stage } from "react-konva";
import { useSettings } from "../../lib/useSettings";
import { setPoints } from "../engine/document/commands";
import type { EditorStore } from "../engine/document/editorStore";
import type { FrameContext } from "../engine/document/trackEdits";
import { viewFlagsOf, type ClientId, type ShapeObject } from "../engine/document/model";
import { borderContourOf } from "../engine/geometry/autoBorder";
import { boxFromCorners, shapesInBox } from "../engine/geometry/boxSelection";
import { imagePoint, screenPoint, type FlatPoints, type ImageBox, type ImagePoint, type ScreenPoint, type Size } from "../engine/geometry/coords";
import { clampTranslation, dragHandle, editHandles, pickHandle, type EditHandle, type HandleDrag } from "../engine/geometry/editHandles";
import { pickShape } from "../engine/geometry/hitTest";
import { deletePoint, setStartPoint } from "../engine/geometry/polygonEdit";
import { boundingBox, translateShapePoints } from "../engine/geometry/shapes";
import { snapToVertex } from "../engine/geometry/snapping";
import {
  fitImage,
  imageToScreen,
  panBy,
  screenToImage,
  screenToImageLength,
  viewportTransform,
  zoomByWheel,
  zoomToScreenRect,
  type Viewport,
} from "../engine/geometry/viewport";
import type { Appearance } from "./appearance";
import { addToGroup, IDLE_MODE, toggleInGroup, type CanvasMode } from "./canvas/canvasMode";
import { EditHandles } from "./canvas/EditHandles";
import { canMove, editableShape } from "./canvas/editable";
import {
  finishPathEdit,
  movePathEditPointer,
  pathEditClick,
  removeLastPathPoint,
  startPathEdit,
  type PathEditStep,
} from "./canvas/pathEdit";
import { GROUP_HIGHLIGHT, ModeOverlay } from "./canvas/ModeOverlay";
import { handleCursor, isVertexShape } from "./canvas/handleCursor";
import { PointMenu } from "./canvas/PointMenu";
import { useCanvasSize } from "./canvas/useCanvasSize";
import {
  finishDrawing,
  pointerDown,
  pointerMove,
  pointerUp,
  removeLastPoint,
  type BorderVertex,
  type DrawingState,
  type DrawnShape,
} from "./drawingTool";
import { FrameImage } from "./FrameImage";
import { RestingShapes } from "./RestingShapes";
import { useSelectedIds } from "./useSelection";
import { useViewport, type ViewportState } from "./useViewportState";
import { ShapeLayer } from "./ShapeLayer";
import { useScaledImage } from "./useScaledImage";

/** Screen pixels a press may move and still be a click. */
const CLICK_SLOP_PX = 3;
const FIT_PADDING_PX = 16;
/** CSS px the rotation handle sits above a box's top edge. */
const ROTATION_HANDLE_PX = 30;
/** CSS px beyond a handle's radius that still grab it. */
const HANDLE_GRAB_SLACK_PX = 3;

type Drag =
  | { kind: "pan"; last: ScreenPoint }
  | {
      kind: "move";
      id: ClientId;
      type: ShapeObject["type"];
      origin: ImagePoint;
      points: FlatPoints;
      bounds: ImageBox | null;
      /** The undo step opened: at the first move, so that a plain click is no edit at all. */
      moved: boolean;
    }
  | { kind: "handle"; id: ClientId; label: string; drag: HandleDrag; moved: boolean }
  /** A box dragged in group or zoom-to-region mode, in screen px. */
  | { kind: "box"; start: ScreenPoint };

interface PointMenuState {
  id: ClientId;
  index: number;
  x: number;
  y: number;
}

export interface EditorCanvasProps {
  store: EditorStore;
  image: ImageBitmap | undefined;
  imageSize: Size;
  loading: boolean;
  /** Why the frame could not be shown, in words. */
  error: string | null;
  shapes: readonly ShapeObject[];
  pickable: readonly ShapeObject[];
  colorOf: (shape: ShapeObject) => string;
  appearance: Appearance;
  /** Zoom, pan and rotation: the canvas follows (and changes) them itself. */
  viewportState: ViewportState;
  /** Null with the cursor tool; the drawing in progress otherwise. */
  drawing: DrawingState | null;
  drawingColor: string;
  onDrawingChange: (state: DrawingState) => void;
  onDrawn: (shape: DrawnShape) => void;
  /** A finish (double click) that could not make the shape: why, for the user. */
  onDrawingRefused?: (why: string) => void;
  /** A click on the frame with the tag tool. */
  onTagClick?: () => void;
  background: string;
  /** Image settings and smoothing of the frame. */
  frameView?: import("./FrameImage").FrameView;
  /** Drawn in screen space on the top layer (object text), for the current viewport. */
  overlay?: (viewport: Viewport) => React.ReactNode;
  /** Group mode, zoom to region or Shift+click editing; normal when absent. */
  mode?: CanvasMode;
  onModeChange?: (mode: CanvasMode) => void;
  /**
   * The frame shown: `shapes` include tracks' shapes on it (under the tracks' ids), and an edit of
   * one is the track's keyframe on this frame (the engine's commands take it).
   */
  at?: FrameContext;
}

export function EditorCanvas(props: EditorCanvasProps) {
  const { store, image, imageSize, drawing } = props;
  const viewport = useViewport(props.viewportState);
  const setViewport = props.viewportState.set;
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const dragRef = useRef<Drag | null>(null);
  const [cursor, setCursor] = useState("default");
  const [box, setBox] = useState<{ a: ScreenPoint; b: ScreenPoint } | null>(null);
  const [pointMenu, setPointMenu] = useState<PointMenuState | null>(null);
  /** While bordering: the contour that a click would follow, and the vertex under the pointer. */
  const [borderHover, setBorderHover] = useState<{ vertex: BorderVertex; point: ImagePoint } | null>(null);
  const closePointMenu = useCallback(() => setPointMenu(null), []);
  const { settings } = useSettings();
  const { controlPointsSize, automaticBordering, intelligentPolygonCrop } = settings.workspace;
  // Handlers read the latest drawing and mode through refs: a press and its release can come
  // before React renders the state the press set.
  const latestDrawing = useRef(drawing);
  latestDrawing.current = drawing;
  const changeDrawing = (next: DrawingState) => {
    latestDrawing.current = next;
    props.onDrawingChange(next);
  };
  const latestMode = useRef(props.mode ?? IDLE_MODE);
  latestMode.current = props.mode ?? IDLE_MODE;
  const mode = latestMode.current;
  const setMode = (next: CanvasMode) => {
    latestMode.current = next;
    props.onModeChange?.(next);
  };

  const canvasSize = useCanvasSize(containerRef, imageSize, setViewport);

  const pointer = (): ScreenPoint | null => {
    const position = stageRef.current?.getPointerPosition();
    return position ? screenPoint(position.x, position.y) : null;
  };

  const shownImage = useScaledImage(image, viewport?.scale ?? 1);
  const { shapes } = props;
  const selectedIds = useSelectedIds(store);
  const activeShapes = useMemo(() => {
    const selected = new Set(selectedIds);
    return shapes.filter((shape) => selected.has(shape.clientId));
  }, [shapes, selectedIds]);

  // The one selected shape that shows edit handles: not pinned (pinned shapes may be selected,
  // never reshaped), and only while no tool or mode takes the clicks.
  const flagsOf = useCallback((id: ClientId) => viewFlagsOf(store.getState().document, id), [store]);
  const editable = useMemo(
    () => (drawing !== null || mode.kind !== "idle" ? null : editableShape(selectedIds, props.pickable, flagsOf)),
    [selectedIds, drawing, mode.kind, props.pickable, flagsOf],
  );
  const scale = viewport?.scale ?? 1;
  const handles = useMemo(
    () => (editable === null ? [] : editHandles(editable, ROTATION_HANDLE_PX / scale)),
    [editable, scale],
  );
  const handleAt = (p: ImagePoint): EditHandle | null =>
    pickHandle(handles, p, (controlPointsSize + HANDLE_GRAB_SLACK_PX) / scale);

  // A mode about shapes that left the frame (another frame, deleted, hidden) ends.
  const { pickable } = props;
  useEffect(() => {
    if (mode.kind === "pathEdit" && !pickable.some((shape) => shape.clientId === mode.edit.id)) setMode(IDLE_MODE);
    // Not on setMode: the workspace may hand a new closure every render.
  }, [mode, pickable]);

  const endDrag = useCallback(() => {
    const drag = dragRef.current;
    dragRef.current = null;
    if ((drag?.kind === "move" || drag?.kind === "handle") && drag.moved) store.endGesture();
    if (drag?.kind === "box") setBox(null);
  }, [store]);

  // A release outside the canvas still ends the drag (and its undo step).
  useEffect(() => {
    window.addEventListener("mouseup", endDrag);
    return () => window.removeEventListener("mouseup", endDrag);
  }, [endDrag]);

  // Escape during a move or handle drag puts the shape back (before the editor's own Escape,
  // which would otherwise leave the tool or drop the selection).
  useEffect(() => {
    const cancelDrag = (event: KeyboardEvent) => {
      const drag = dragRef.current;
      if (event.key !== "Escape" || (drag?.kind !== "move" && drag?.kind !== "handle")) return;
      dragRef.current = null;
      if (drag.moved) store.cancelGesture();
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener("keydown", cancelDrag, true);
    return () => window.removeEventListener("keydown", cancelDrag, true);
  }, [store]);

  /** While drawing a polygon/polyline with bordering on (Ctrl or the setting): another shape's vertex under the pointer. */
  const borderVertexAt = (p: ImagePoint, ctrl: boolean): BorderVertex | null => {
    const drawing = latestDrawing.current;
    if (viewport === null || drawing === null || drawing.kind !== "vertices" || drawing.type === "points") return null;
    if (!ctrl && !automaticBordering) return null;
    const contours = props.pickable.flatMap((shape) => {
      const contour = borderContourOf(shape);
      return contour === null ? [] : [{ key: shape.clientId, points: contour.points, contour }];
    });
    const snap = snapToVertex(p, contours, (controlPointsSize + HANDLE_GRAB_SLACK_PX) / viewport.scale);
    const contour = snap === null ? undefined : contours.find((each) => each.key === snap.shape)?.contour;
    return snap === null || contour === undefined ? null : { key: snap.shape, contour, index: snap.index };
  };

  const editedShapeOf = (current: CanvasMode) =>
    current.kind === "pathEdit" ? props.pickable.find((shape) => shape.clientId === current.edit.id) : undefined;
  const editedShape = editedShapeOf(mode);

  const applyPathEditStep = (step: PathEditStep) => {
    const mode = latestMode.current;
    const editedShape = editedShapeOf(mode);
    if (editedShape === undefined) return;
    if (step.points !== null) setPoints(store, editedShape.clientId, step.points, undefined, props.at);
    setMode(step.state === null ? IDLE_MODE : { kind: "pathEdit", edit: step.state });
    if (step.state === null) store.select([editedShape.clientId]);
  };

  const onRightDown = (s: ScreenPoint, p: ImagePoint) => {
    const drawing = latestDrawing.current;
    const mode = latestMode.current;
    if (drawing !== null) {
      changeDrawing(removeLastPoint(drawing));
      return;
    }
    if (mode.kind === "pathEdit") {
      setMode({ kind: "pathEdit", edit: removeLastPathPoint(mode.edit) });
      return;
    }
    const handle = handleAt(p);
    if (editable !== null && handle?.kind === "vertex") setPointMenu({ id: editable.clientId, index: handle.index, x: s.x, y: s.y });
  };

  const onMouseDown = (event: KonvaEventObject<MouseEvent>) => {
    const drawing = latestDrawing.current;
    const mode = latestMode.current;
    const editedShape = editedShapeOf(mode);
    const s = pointer();
    if (viewport === null || s === null) return;
    const p = screenToImage(viewport, s);
    const evt = event.evt;
    if (evt.button === 1) {
      evt.preventDefault();
      dragRef.current = { kind: "pan", last: s };
      return;
    }
    if (evt.button === 2) {
      onRightDown(s, p);
      return;
    }
    if (evt.button !== 0) return;
    if (drawing !== null && evt.altKey) {
      // Alt+drag pans while drawing instead of placing a point (as in CVAT).
      dragRef.current = { kind: "pan", last: s };
      return;
    }
    if (drawing !== null) {
      const step = pointerDown(drawing, p, { screen: s, shift: evt.shiftKey, border: borderVertexAt(p, evt.ctrlKey) });
      changeDrawing(step.state);
      if (step.drawn) props.onDrawn(step.drawn);
      return;
    }
    if (props.onTagClick) {
      props.onTagClick();
      return;
    }
    if (mode.kind === "zoomRegion" || mode.kind === "group") {
      dragRef.current = { kind: "box", start: s };
      return;
    }
    if (mode.kind === "pathEdit") {
      if (editedShape === undefined) return;
      const vertex = pickHandle(editHandles(editedShape, 0), p, (controlPointsSize + HANDLE_GRAB_SLACK_PX) / viewport.scale);
      applyPathEditStep(pathEditClick(mode.edit, editedShape.points, p, vertex?.kind === "vertex" ? vertex.index : null, intelligentPolygonCrop));
      return;
    }
    const handle = editable === null ? null : handleAt(p);
    if (editable !== null && handle !== null) {
      if (handle.kind === "vertex" && evt.altKey && isVertexShape(editable.type)) {
        // Alt+click deletes the vertex, unless the shape would have too few.
        const fewer = deletePoint(editable.type, editable.points, handle.index);
        if (fewer !== null) setPoints(store, editable.clientId, fewer, undefined, props.at);
        return;
      }
      if (handle.kind === "vertex" && evt.shiftKey && isVertexShape(editable.type)) {
        setMode({ kind: "pathEdit", edit: startPathEdit(editable.clientId, editable.type, handle.index) });
        return;
      }
      dragRef.current = {
        kind: "handle",
        id: editable.clientId,
        label: handle.kind === "rotate" ? "Rotate shape" : handle.kind === "resize" ? "Resize shape" : "Move point",
        moved: false,
        drag: { shape: { type: editable.type, points: editable.points, rotation: editable.rotation }, handle, start: p },
      };
      return;
    }
    const hit = pickShape(props.pickable, p, { scale: viewport.scale });
    if (hit === null) {
      store.clearSelection();
      dragRef.current = { kind: "pan", last: s };
      setCursor("grabbing");
      return;
    }
    store.select([hit.clientId]);
    // Pinned objects are selected but stay where they are.
    if (!canMove(hit.clientId, flagsOf)) return;
    const bounds = boundingBox(hit);
    dragRef.current = { kind: "move", id: hit.clientId, type: hit.type, origin: p, points: hit.points, bounds, moved: false };
  };

  const onMouseMove = (event: KonvaEventObject<MouseEvent>) => {
    const drawing = latestDrawing.current;
    const mode = latestMode.current;
    const s = pointer();
    if (viewport === null || s === null) return;
    const p = screenToImage(viewport, s);
    const drag = dragRef.current;
    if (drag?.kind === "pan") {
      setViewport((current) => (current === null ? current : panBy(current, s.x - drag.last.x, s.y - drag.last.y)));
      dragRef.current = { ...drag, last: s };
      return;
    }
    if (drag?.kind === "move") {
      const bounds = drag.bounds;
      const wanted = { dx: p.x - drag.origin.x, dy: p.y - drag.origin.y };
      // Kept inside the image, like drawing.
      const { dx, dy } = bounds === null ? wanted : clampTranslation(bounds, wanted.dx, wanted.dy, imageSize);
      if (!drag.moved) store.beginGesture("Move shape");
      drag.moved = true;
      setPoints(store, drag.id, translateShapePoints(drag.type, drag.points, dx, dy), undefined, props.at);
      return;
    }
    if (drag?.kind === "handle") {
      if (!drag.moved) store.beginGesture(drag.label);
      drag.moved = true;
      const result = dragHandle(drag.drag, p, imageSize, event.evt.shiftKey);
      setPoints(store, drag.id, result.points, drag.drag.handle.kind === "rotate" ? result.rotation : undefined, props.at);
      return;
    }
    if (drag?.kind === "box") {
      setBox({ a: drag.start, b: s });
      return;
    }
    if (drawing !== null) {
      changeDrawing(pointerMove(drawing, p, { screen: s, shift: event.evt.shiftKey }));
      const vertex = borderVertexAt(p, event.evt.ctrlKey);
      const point = vertex === null ? null : vertex.contour.points.slice(2 * vertex.index, 2 * vertex.index + 2);
      setBorderHover(vertex === null || point === null ? null : { vertex, point: imagePoint(point[0], point[1]) });
      return;
    }
    if (mode.kind === "pathEdit") {
      setMode({ kind: "pathEdit", edit: movePathEditPointer(mode.edit, p) });
      return;
    }
    if (mode.kind !== "idle") {
      setCursor("crosshair");
      return;
    }
    const handle = handleAt(p);
    if (handle !== null) {
      setCursor(handleCursor(handle));
      return;
    }
    const over = pickShape(props.pickable, p, { scale: viewport.scale });
    setCursor(over ? (viewFlagsOf(store.getState().document, over.clientId).pinned ? "pointer" : "move") : props.onTagClick ? "copy" : "default");
  };

  /** The end of a box drag: zoom to it, or collect the shapes it meets (a click toggles one). */
  const finishBox = (start: ScreenPoint, end: ScreenPoint) => {
    const mode = latestMode.current;
    if (viewport === null) return;
    const moved = Math.abs(end.x - start.x) > CLICK_SLOP_PX || Math.abs(end.y - start.y) > CLICK_SLOP_PX;
    if (mode.kind === "zoomRegion") {
      if (!moved) return;
      setViewport((current) => (current === null ? current : zoomToScreenRect(current, start, end)));
      setMode(IDLE_MODE);
      return;
    }
    if (mode.kind !== "group") return;
    if (moved) {
      const region = boxFromCorners(screenToImage(viewport, start), screenToImage(viewport, end));
      setMode({ kind: "group", ids: addToGroup(mode.ids, shapesInBox(props.pickable, region).map((shape) => shape.clientId)) });
      return;
    }
    const hit = pickShape(props.pickable, screenToImage(viewport, end), { scale: viewport.scale });
    if (hit !== null) setMode({ kind: "group", ids: toggleInGroup(mode.ids, hit.clientId) });
  };

  const onMouseUp = (event: KonvaEventObject<MouseEvent>) => {
    const drawing = latestDrawing.current;
    const s = pointer();
    // Only the left button draws (a right click took a point back on its press).
    if (drawing !== null && viewport !== null && s !== null && event.evt.button === 0) {
      const step = pointerUp(drawing, screenToImage(viewport, s), { clickSlop: screenToImageLength(viewport, CLICK_SLOP_PX) });
      if (step.state !== drawing) changeDrawing(step.state);
      if (step.drawn) props.onDrawn(step.drawn);
    }
    const drag = dragRef.current;
    if (drag?.kind === "pan") setCursor("default");
    if (drag?.kind === "box" && s !== null) finishBox(drag.start, s);
    endDrag();
  };

  // The browser's double click, not Konva's: Konva pairs any two clicks (a right click and the
  // next left click anywhere) into one.
  const onDoubleClick = (event: ReactMouseEvent) => {
    if (event.button !== 0) return;
    stageRef.current?.setPointersPositions(event.nativeEvent);
    const drawing = latestDrawing.current;
    const mode = latestMode.current;
    const editedShape = editedShapeOf(mode);
    if (drawing !== null) {
      const step = finishDrawing(drawing);
      changeDrawing(step.state);
      if (step.drawn) props.onDrawn(step.drawn);
      if (step.refusal) props.onDrawingRefused?.(step.refusal);
      return;
    }
    if (mode.kind === "pathEdit" && editedShape !== undefined) {
      applyPathEditStep(finishPathEdit(mode.edit, editedShape.points));
      return;
    }
    if (mode.kind !== "idle") return;
    const s = pointer();
    if (viewport === null || s === null) return;
    // Double click on empty space fits the image (CVAT's behaviour); on a shape it does nothing.
    if (pickShape(props.pickable, screenToImage(viewport, s), { scale: viewport.scale }) === null) {
      setViewport((current) => (current === null ? current : fitImage(current, FIT_PADDING_PX)));
    }
  };

  const onWheel = (event: KonvaEventObject<WheelEvent>) => {
    event.evt.preventDefault();
    const s = pointer();
    if (s === null) return;
    setViewport((current) => (current === null ? current : zoomByWheel(current, s, event.evt.deltaY, event.evt.deltaMode)));
  };

  const transform = viewport === null ? null : viewportTransform(viewport);
  const origin = viewport === null ? null : imageToScreen(viewport, { x: 0, y: 0 } as ImagePoint);
  const menuShape = pointMenu === null ? undefined : props.pickable.find((shape) => shape.clientId === pointMenu.id);
  const imageSpace =
    transform === null
      ? {}
      : {
          x: transform.x,
          y: transform.y,
          rotation: transform.rotation,
          scaleX: transform.scale,
          scaleY: transform.scale,
          offsetX: transform.offsetX,
          offsetY: transform.offsetY,
          listening: false,
        };

  return (
    <div
      ref={containerRef}
      className="editor-canvas"
      data-testid="editor-canvas"
      data-scale={viewport?.scale}
      data-origin-x={origin?.x}
      data-origin-y={origin?.y}
      data-frame-ready={image !== undefined ? "true" : "false"}
      data-mode={mode.kind}
      data-group-count={mode.kind === "group" ? mode.ids.length : 0}
      style={{ background: props.background, cursor: drawing !== null ? "crosshair" : cursor }}
      onContextMenu={(event) => event.preventDefault()}
      onDoubleClick={onDoubleClick}
    >
      {canvasSize !== null && transform !== null && viewport !== null && (
        <Stage
          ref={stageRef}
          width={canvasSize.width}
          height={canvasSize.height}
          onMouseDown={onMouseDown}
          onMouseMove={onMouseMove}
          onMouseUp={onMouseUp}
          onWheel={onWheel}
        >
          {/* Three layers so that an edit redraws only the top one: the frame, the shapes at
              rest, and the selected shapes with what is being drawn or edited. */}
          <Layer listening={false}>
            <Group {...imageSpace}>
              <FrameImage image={shownImage} imageSize={imageSize} {...(props.frameView ? { view: props.frameView } : {})} />
            </Group>
          </Layer>
          <Layer listening={false}>
            <Group {...imageSpace}>
              <RestingShapes shapes={shapes} selectedIds={selectedIds} colorOf={props.colorOf} appearance={props.appearance} viewport={viewport} />
            </Group>
          </Layer>
          <Layer listening={false}>
            <Group {...imageSpace}>
              <ShapeLayer
                shapes={activeShapes}
                selectedIds={selectedIds}
                colorOf={props.colorOf}
                appearance={props.appearance}
                scale={viewport.scale}
              />
              <ModeOverlay
                drawing={drawing}
                drawingColor={props.drawingColor}
                scale={viewport.scale}
                borderHover={borderHover}
                mode={mode}
                shapes={shapes}
                editedShape={editedShape}
              />
              {editable !== null && (
                <EditHandles handles={handles} color={props.colorOf(editable)} radius={controlPointsSize} scale={viewport.scale} />
              )}
            </Group>
            {box !== null && (
              <Rect
                x={Math.min(box.a.x, box.b.x)}
                y={Math.min(box.a.y, box.b.y)}
                width={Math.abs(box.b.x - box.a.x)}
                height={Math.abs(box.b.y - box.a.y)}
                stroke={mode.kind === "group" ? GROUP_HIGHLIGHT : "#1677ff"}
                strokeWidth={1}
                dash={[6, 4]}
                fill="rgba(22, 119, 255, 0.08)"
                listening={false}
              />
            )}
            {props.overlay?.(viewport)}
          </Layer>
        </Stage>
      )}
      {pointMenu !== null && menuShape !== undefined && isVertexShape(menuShape.type) && (
        <PointMenu
          x={pointMenu.x}
          y={pointMenu.y}
          canDelete={deletePoint(menuShape.type, menuShape.points, pointMenu.index) !== null}
          canSetStart={menuShape.type !== "points"}
          onDelete={() => {
            const fewer = deletePoint(menuShape.type as "polygon", menuShape.points, pointMenu.index);
            if (fewer !== null) setPoints(store, menuShape.clientId, fewer, undefined, props.at);
          }}
          onSetStart={() => setPoints(store, menuShape.clientId, setStartPoint(menuShape.points, pointMenu.index), undefined, props.at)}
          onClose={closePointMenu}
        />
      )}
      {props.error !== null && (
        <div className="editor-canvas-overlay">
          <Alert type="error" showIcon message="The frame could not be loaded" description={props.error} />
        </div>
      )}
      {props.loading && (
        <div className="editor-canvas-overlay">
          <Spin tip="Loading frame…">
            <div style={{ width: 120, height: 60 }} />
          </Spin>
        </div>
      )}
    </div>
  );
}
