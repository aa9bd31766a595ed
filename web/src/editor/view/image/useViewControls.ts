/**
 * What the workspace needs for how a frame is viewed: image settings and smoothing, rotation by
 * quarter turns (per frame, or for all frames with "rotate all images"), the z-layer slider, the
 * object text settings, Tab/Shift+Tab through the frame's objects, and the F1/F2 dialogs. The
 * workspace binds the returned commands to its actions and passes the props on.
 */
import { useCallback, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from "react";
import { useSettingsModal } from "../../../components/layout/SettingsModalStore";
import type { UserSettings } from "../../../lib/settings";
import type { Label } from "../../../api/types";
import type { EditorStore } from "../../engine/document/editorStore";
import type { ClientId, ShapeObject } from "../../engine/document/model";
import { fitImage, rotateViewport, setRotation, type Viewport } from "../../engine/geometry/viewport";
import type { FrameView } from "../FrameImage";
import type { FrameObject } from "../frameObjects";
import { selectedIdsOf } from "../useSelection";
import { useSteady } from "../useSteady";
import { NO_ROTATIONS, rotateFrame, rotationOf } from "./frameRotation";
import { cycleObject } from "./objectCycling";
import type { ObjectTextSettings } from "./ObjectTextLayer";
import type { TextLabel } from "./objectText";
import { useImageSettings } from "./useImageSettings";
import { currentLayer, shapesUpToLayer, zRange } from "./zLayer";

const FIT_PADDING_PX = 16;

/** Dialogs and popovers keep Tab for moving between their own fields. */
function isInOverlay(element: Element | null): boolean {
  return element?.closest('[role="dialog"], .ant-modal-wrap, .ant-popover') != null;
}

export interface ViewControlsInput {
  store: EditorStore;
  frame: number;
  settings: UserSettings;
  labels: readonly Label[];
  objects: readonly FrameObject[];
  shapes: readonly ShapeObject[];
  pickable: readonly ShapeObject[];
  setViewport: Dispatch<SetStateAction<Viewport | null>>;
  /** The objects sidebar's current order, when it has told one. */
  listedIds?: () => readonly ClientId[] | null;
}

export function useViewControls(input: ViewControlsInput) {
  const { store, frame, settings, objects, setViewport } = input;
  const { rotateAll, smoothImage } = settings.player;

  // --- image settings -----------------------------------------------------------------------
  const [imageSettings, setImageSettings] = useImageSettings();
  const frameView: FrameView = useMemo(() => ({ image: imageSettings, smooth: smoothImage }), [imageSettings, smoothImage]);

  // --- rotation -----------------------------------------------------------------------------
  const [rotations, setRotations] = useState(NO_ROTATIONS);
  const rotation = rotationOf(rotations, frame, rotateAll);
  // Another frame (or the rotate-all setting) may call for another turn: apply it and refit.
  useEffect(() => {
    setViewport((current) =>
      current === null || current.rotation === rotation ? current : fitImage(setRotation(current, rotation), FIT_PADDING_PX),
    );
  }, [rotation, setViewport]);
  const rotate = useCallback(
    (direction: 1 | -1) => {
      setRotations((current) => rotateFrame(current, frame, rotateAll, direction));
      setViewport((current) => (current === null ? null : fitImage(rotateViewport(current, direction), FIT_PADDING_PX)));
    },
    [frame, rotateAll, setViewport],
  );

  // --- z layers -----------------------------------------------------------------------------
  const [chosenLayer, setChosenLayer] = useState<number | null>(null);
  const [addedTop, setAddedTop] = useState<number | null>(null);
  useEffect(() => {
    setChosenLayer(null);
    setAddedTop(null);
  }, [frame]);
  // A track counts with its shape on the frame.
  const range = useMemo(() => zRange(objects.map(({ object, drawn }) => drawn ?? object), addedTop), [objects, addedTop]);
  const layer = currentLayer(range, chosenLayer);
  const shapes = useMemo(() => shapesUpToLayer(input.shapes, layer), [input.shapes, layer]);
  const pickable = useMemo(() => shapesUpToLayer(input.pickable, layer), [input.pickable, layer]);
  const zLayer = useSteady({
    range,
    layer,
    // The top stays "the top" as shapes are added above it.
    onLayerChange: (value: number) => setChosenLayer(value >= range.max ? null : value),
    onAddLayer: () => {
      setAddedTop(range.max + 1);
      setChosenLayer(null);
    },
  });

  // --- object text --------------------------------------------------------------------------
  const { showObjectsTextAlways, textContent, textPosition, textFontSize } = settings.workspace;
  const objectText: ObjectTextSettings = useMemo(
    () => ({ always: showObjectsTextAlways, content: textContent, position: textPosition, fontSize: textFontSize }),
    [showObjectsTextAlways, textContent, textPosition, textFontSize],
  );
  const textLabels = useMemo(
    () => new Map<number, TextLabel>(input.labels.map((label) => [label.id, { name: label.name, attributes: label.attributes }])),
    [input.labels],
  );

  // --- dialogs ------------------------------------------------------------------------------
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // The editor's keymap owns F2 (rebindable) while it is open.
  useEffect(() => {
    useSettingsModal.getState().setKeysOwnedByPage(true);
    return () => useSettingsModal.getState().setKeysOwnedByPage(false);
  }, []);

  const activate = (direction: 1 | -1) => {
    // In the objects sidebar's order (else the topmost first), over the shapes drawn.
    const drawn = new Set(shapes.map((shape) => shape.clientId));
    const ids = input.listedIds?.()?.filter((id) => drawn.has(id)) ?? shapes.map((shape) => shape.clientId).reverse();
    const next = cycleObject(ids, selectedIdsOf(store).at(-1), direction);
    if (next !== null) store.select([next]);
  };

  const commands = {
    rotateClockwise: () => rotate(1),
    rotateAnticlockwise: () => rotate(-1),
    openSettings: () => useSettingsModal.getState().toggle(),
    showShortcuts: () => setShortcutsOpen((open) => !open),
    activateNextObject: () => activate(1),
    activatePreviousObject: () => activate(-1),
    canActivateObjects: () => !isInOverlay(document.activeElement),
  };

  return {
    commands,
    frameView,
    imageSettings,
    setImageSettings,
    rotation,
    shapes,
    pickable,
    zLayer,
    /**
     * The z-order a new shape gets: the chosen (or added) layer's; undefined at the plain top,
     * where the engine puts each new shape above the others.
     */
    newShapeZOrder: chosenLayer === null && addedTop === null ? undefined : layer,
    objectText,
    textLabels,
    shortcuts: { open: shortcutsOpen, onClose: () => setShortcutsOpen(false) },
  };
}
