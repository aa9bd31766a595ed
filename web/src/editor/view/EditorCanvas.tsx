// The canvas: the frame and its shapes through the viewport transform, and the pointer input of
// the current tool. Zoom with the wheel around the cursor, pan by dragging empty space (or with the
// middle button), fit on double click; the cursor tool selects (engine picking) and drags shapes,
// one drag being one undo step; drawing tools feed the drawing state chart.
import { Alert, Spin } from "antd";
import type Konva from "konva";
import type { KonvaEventObject } from "konva/lib/Node";
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from "react";
import { Group, Layer, Stage } from "react-konva";
import { setPoints } from "../engine/document/commands";
import type { EditorStore } from "../engine/document/editorStore";
import type { ClientId, ShapeObject } from "../engine/document/model";
import { screenPoint, type FlatPoints, type ImagePoint, type ScreenPoint, type Size } from "../engine/geometry/coords";
import { pickShape } from "../engine/geometry/hitTest";
import { translateShapePoints } from "../engine/geometry/shapes";
import {
  fitImage,
  fitViewport,
  imageToScreen,
  panBy,
  resizeCanvas,
  screenToImage,
  screenToImageLength,
  viewportTransform,
  zoomByWheel,
  type Viewport,
} from "../engine/geometry/viewport";
import type { Appearance } from "./appearance";
import {
  finishDrawing,
  pointerDown,
  pointerMove,
  pointerUp,
  previewPoints,
  type DrawingState,
  type DrawnShape,
} from "./drawingTool";
import { FrameImage } from "./FrameImage";
import { RestingShapes } from "./RestingShapes";
import { ShapeLayer } from "./ShapeLayer";
import { ShapeNode } from "./ShapeNode";
import { useScaledImage } from "./useScaledImage";

/** Screen pixels a press may move and still be a click. */
const CLICK_SLOP_PX = 3;
const FIT_PADDING_PX = 16;

type Drag =
  | { kind: "pan"; last: ScreenPoint }
  | { kind: "move"; id: ClientId; type: ShapeObject["type"]; origin: ImagePoint; points: FlatPoints; moved: boolean };

export interface EditorCanvasProps {
  store: EditorStore;
  image: ImageBitmap | undefined;
  imageSize: Size;
  loading: boolean;
  /** Why the frame could not be shown, in words. */
  error: string | null;
  shapes: readonly ShapeObject[];
  pickable: readonly ShapeObject[];
  selectedIds: readonly ClientId[];
  colorOf: (shape: ShapeObject) => string;
  appearance: Appearance;
  viewport: Viewport | null;
  setViewport: Dispatch<SetStateAction<Viewport | null>>;
  /** Null with the cursor tool; the drawing in progress otherwise. */
  drawing: DrawingState | null;
  drawingColor: string;
  onDrawingChange: (state: DrawingState) => void;
  onDrawn: (shape: DrawnShape) => void;
  /** A click on the frame with the tag tool. */
  onTagClick?: () => void;
  background: string;
  /** Image settings and smoothing of the frame. */
  frameView?: import("./FrameImage").FrameView;
  /** Drawn in screen space on the top layer (object text). */
  overlay?: React.ReactNode;
}

export function EditorCanvas(props: EditorCanvasProps) {
  const { store, image, imageSize, viewport, setViewport, drawing } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const dragRef = useRef<Drag | null>(null);
  const [canvasSize, setCanvasSize] = useState<Size | null>(null);
  const [cursor, setCursor] = useState("default");

  useEffect(() => {
    const element = containerRef.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setCanvasSize({ width: Math.floor(width), height: Math.floor(height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Fit when the canvas first has a size and whenever a frame of another size comes; follow resizes.
  useEffect(() => {
    if (canvasSize === null || canvasSize.width === 0 || canvasSize.height === 0) return;
    setViewport((current) => {
      if (current === null || current.imageSize.width !== imageSize.width || current.imageSize.height !== imageSize.height) {
        return fitViewport(imageSize, canvasSize, current?.rotation ?? 0, FIT_PADDING_PX);
      }
      if (current.canvasSize.width === canvasSize.width && current.canvasSize.height === canvasSize.height) return current;
      return resizeCanvas(current, canvasSize);
    });
  }, [canvasSize, imageSize, setViewport]);

  const pointer = (): ScreenPoint | null => {
    const position = stageRef.current?.getPointerPosition();
    return position ? screenPoint(position.x, position.y) : null;
  };

  const shownImage = useScaledImage(image, viewport?.scale ?? 1);
  const { shapes, selectedIds } = props;
  const [restingShapes, activeShapes] = useMemo(() => {
    const selected = new Set(selectedIds);
    const resting: ShapeObject[] = [];
    const active: ShapeObject[] = [];
    for (const shape of shapes) (selected.has(shape.clientId) ? active : resting).push(shape);
    return [resting, active];
  }, [shapes, selectedIds]);

  const endDrag = useCallback(() => {
    const drag = dragRef.current;
    dragRef.current = null;
    if (drag?.kind === "move") store.endGesture();
  }, [store]);

  // A release outside the canvas still ends the drag (and its undo step).
  useEffect(() => {
    window.addEventListener("mouseup", endDrag);
    return () => window.removeEventListener("mouseup", endDrag);
  }, [endDrag]);

  const onMouseDown = (event: KonvaEventObject<MouseEvent>) => {
    const s = pointer();
    if (viewport === null || s === null) return;
    const p = screenToImage(viewport, s);
    if (event.evt.button === 1) {
      event.evt.preventDefault();
      dragRef.current = { kind: "pan", last: s };
      return;
    }
    if (event.evt.button !== 0) return;
    if (drawing !== null) {
      const step = pointerDown(drawing, p);
      props.onDrawingChange(step.state);
      if (step.drawn) props.onDrawn(step.drawn);
      return;
    }
    if (props.onTagClick) {
      props.onTagClick();
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
    store.beginGesture("Move shape");
    dragRef.current = { kind: "move", id: hit.clientId, type: hit.type, origin: p, points: hit.points, moved: false };
  };

  const onMouseMove = () => {
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
      const dx = p.x - drag.origin.x;
      const dy = p.y - drag.origin.y;
      setPoints(store, drag.id, translateShapePoints(drag.type, drag.points, dx, dy));
      drag.moved = true;
      return;
    }
    if (drawing !== null) {
      props.onDrawingChange(pointerMove(drawing, p));
      return;
    }
    const over = pickShape(props.pickable, p, { scale: viewport.scale });
    setCursor(over ? "move" : props.onTagClick ? "copy" : "default");
  };

  const onMouseUp = () => {
    const s = pointer();
    if (drawing !== null && viewport !== null && s !== null) {
      const step = pointerUp(drawing, screenToImage(viewport, s), { clickSlop: screenToImageLength(viewport, CLICK_SLOP_PX) });
      props.onDrawingChange(step.state);
      if (step.drawn) props.onDrawn(step.drawn);
    }
    if (dragRef.current?.kind === "pan") setCursor("default");
    endDrag();
  };

  const onDoubleClick = () => {
    if (drawing !== null) {
      const step = finishDrawing(drawing);
      props.onDrawingChange(step.state);
      if (step.drawn) props.onDrawn(step.drawn);
      return;
    }
    const s = pointer();
    if (viewport === null || s === null) return;
    // Double click on empty space fits the image (CVAT's behaviour); on a shape it does nothing yet.
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
  const preview = drawing === null ? [] : previewPoints(drawing);
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
      style={{ background: props.background, cursor: drawing !== null ? "crosshair" : cursor }}
      onContextMenu={(event) => event.preventDefault()}
    >
      {canvasSize !== null && transform !== null && viewport !== null && (
        <Stage
          ref={stageRef}
          width={canvasSize.width}
          height={canvasSize.height}
          onMouseDown={onMouseDown}
          onMouseMove={onMouseMove}
          onMouseUp={onMouseUp}
          onDblClick={onDoubleClick}
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
              <RestingShapes shapes={restingShapes} colorOf={props.colorOf} appearance={props.appearance} viewport={viewport} />
            </Group>
          </Layer>
          <Layer listening={false}>
            <Group {...imageSpace}>
              <ShapeLayer
                shapes={activeShapes}
                selectedIds={props.selectedIds}
                colorOf={props.colorOf}
                appearance={props.appearance}
                scale={viewport.scale}
              />
              {drawing !== null && preview.length > 0 && (
                <ShapeNode type={drawing.type} points={preview} rotation={0} color={props.drawingColor} scale={viewport.scale} preview />
              )}
            </Group>
            {props.overlay}
          </Layer>
        </Stage>
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
