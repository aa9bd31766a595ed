// One object's card in the objects list: id, type, label, z-order, the lock / occluded / hide /
// pin toggles, its instance colour, an action menu (⋯ or right-click) and, expanded, its
// attributes. A track's card says so ("TRACK" and whether the frame is a keyframe), shows its
// state on the frame, and has an outside toggle and a row of keyframe controls (first, previous,
// keyframe on/off, next, last), as CVAT's. Memoised: an edit re-renders only the cards whose
// object changed.
import {
  BlockOutlined,
  DeleteOutlined,
  DownOutlined,
  EllipsisOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  LockOutlined,
  PushpinFilled,
  PushpinOutlined,
  LogoutOutlined,
  RightOutlined,
  StarFilled,
  StarOutlined,
  StepBackwardOutlined,
  StepForwardOutlined,
  TagOutlined,
  UnlockOutlined,
  VerticalLeftOutlined,
  VerticalRightOutlined,
} from "@ant-design/icons";
import { ColorPicker, type MenuProps } from "antd";
import { memo, useLayoutEffect, useRef, type MouseEvent, type ReactNode } from "react";
import type { Label } from "../../../api/types";
import type { AnnotationObject, ClientId, ViewFlags } from "../../engine/document/model";
import { INSTANCE_COLORS } from "../appearance";
import type { TrackState } from "../trackObjects";
import { AttributesEditor } from "./AttributesEditor";
import { LabelSelect } from "./LabelSelect";
import type { SidebarController } from "./useObjectsSidebar";

/** Height of a collapsed card; the list windows on it, so CSS fixes it too (sidebar.css). */
export const CARD_HEIGHT = 100;
/** A track's card has a row of keyframe controls more. */
export const TRACK_CARD_HEIGHT = 128;

/** The height of a collapsed card for the object. */
export function cardHeight(track: TrackState | null): number {
  return track === null ? CARD_HEIGHT : TRACK_CARD_HEIGHT;
}

/** Everything a card can do; one stable object for all cards. */
export interface CardActions extends SidebarController {
  select(id: ClientId): void;
  relabelOne(id: ClientId, labelId: number): void;
  toggleLock(id: ClientId): void;
  toggleOccluded(id: ClientId): void;
  toggleHidden(id: ClientId): void;
  remove(id: ClientId): void;
  toggleExpanded(id: ClientId): void;
  measured(id: ClientId, height: number): void;
  /** Opens the card's colour picker (null closes it); one at a time, owned by the list. */
  openColor(id: ClientId | null): void;
  /** The card a right-click is about to open the list's context menu for. */
  openContextMenu(id: ClientId): void;
}

export interface ObjectCardProps {
  object: AnnotationObject;
  flags: ViewFlags;
  /** A track's state on the shown frame; null for shapes and tags. */
  track: TrackState | null;
  label: Label | undefined;
  labelOptions: { value: number; label: string }[];
  selected: boolean;
  serverId: number | undefined;
  expanded: boolean;
  colorOpen: boolean;
  top: number;
  actions: CardActions;
}

const PRESETS = [{ label: "Instance colours", colors: [...INSTANCE_COLORS] }];

/** The card's action menu (its ⋯ button and the list's right-click menu). */
export function cardMenu(
  target: { id: ClientId; isShape: boolean; isTrack: boolean; locked: boolean; saved: boolean },
  actions: CardActions,
): MenuProps {
  const { id, isShape, isTrack, locked, saved } = target;
  return {
    items: [
      { key: "url", label: "Create object URL", disabled: !saved, title: saved ? undefined : "Save the object first" },
      // Copies and propagation are of shapes and tags only, for now.
      ...(isTrack
        ? []
        : [
            { key: "copy", label: "Make a copy" },
            { key: "propagate", label: "Propagate (Ctrl+B)" },
          ]),
      ...(isShape || isTrack
        ? [
            { key: "background", label: "To background (-)", disabled: locked },
            { key: "foreground", label: "To foreground (+)", disabled: locked },
            { key: "color", label: "Change instance colour (Enter)" },
          ]
        : []),
      { type: "divider" as const },
      { key: "remove", label: "Remove (Del)", danger: true, disabled: locked },
    ],
    onClick: ({ key, domEvent }) => {
      domEvent.stopPropagation();
      if (key === "url") actions.copyUrl(id);
      else if (key === "copy") actions.makeCopy(id);
      else if (key === "propagate") actions.propagate([id]);
      else if (key === "background") actions.toBackground(id);
      else if (key === "foreground") actions.toForeground(id);
      else if (key === "color") actions.openColor(id);
      else if (key === "remove") actions.remove(id);
    },
  };
}

// Cards mount on every frame switch, so they stay light: plain buttons with native titles (an
// antd Button or Tooltip costs about a millisecond each), a plain swatch until the colour picker
// is wanted, a plain label button until the label picker is (LabelSelect), and one action menu
// for the whole list (see ObjectsList).
export const ObjectCard = memo(function ObjectCard(props: ObjectCardProps) {
  const { object, flags, track, label, labelOptions, selected, serverId, expanded, colorOpen, top, actions } = props;
  const id = object.clientId;
  const ref = useRef<HTMLLIElement>(null);
  // Shapes and tracks are drawn: they have the drawing toggles; a track shows its frame's values.
  const isDrawn = object.kind === "shape" || track !== null;
  const occluded = object.kind === "shape" ? object.occluded : (track?.shape.occluded ?? false);
  const zOrder = object.kind === "shape" ? object.zOrder : track?.shape.zOrder;
  const locked = flags.locked;

  // Expanded cards have the height of their attributes; the list needs it to place the others.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!expanded || element === null) return;
    actions.measured(id, element.offsetHeight);
    const observer = new ResizeObserver(() => actions.measured(id, element.offsetHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [expanded, id, actions]);

  const stop = (run: () => void) => (event: MouseEvent) => {
    event.stopPropagation();
    run();
  };

  // The ⋯ button opens the list's menu where it was clicked, as a right-click does.
  const openMenu = (event: MouseEvent<HTMLButtonElement>) => {
    event.stopPropagation();
    const box = event.currentTarget.getBoundingClientRect();
    event.currentTarget.dispatchEvent(
      new window.MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: box.left, clientY: box.bottom }),
    );
  };

  const kindName = object.kind === "shape" ? object.type : track !== null ? track.shape.type : object.kind;
  const trackState = track === null ? null : track.shape.outside ? "outside" : track.shape.keyframe ? "keyframe" : "interpolated";
  // "editor-object-selected" too: the class bench/editor_render waits for.
  const color = flags.color ?? label?.color ?? "#999999";
  return (
      <li
        ref={ref}
        data-testid="object-item"
        data-client-id={id}
        data-server-id={serverId ?? ""}
        data-color={flags.color ?? ""}
        data-pinned={flags.pinned}
        data-z-order={zOrder ?? ""}
        data-kind={object.kind}
        data-track-state={trackState ?? ""}
        className={`editor-card${selected ? " editor-card-selected editor-object-selected" : ""}${expanded ? " editor-card-expanded" : ""}`}
        style={{ top, borderLeftColor: color, ...(expanded ? {} : { height: cardHeight(track) }) }}
        onClick={() => actions.select(id)}
        onContextMenu={() => actions.openContextMenu(id)}
      >
        <div className="editor-object-title">
          <button
            type="button"
            className="editor-card-button"
            data-testid="object-details-toggle"
            aria-label={expanded ? "Hide details" : "Show details"}
            title={expanded ? "Hide details" : "Show details"}
            aria-expanded={expanded}
            onClick={stop(() => actions.toggleExpanded(id))}
          >
            {expanded ? <DownOutlined /> : <RightOutlined />}
          </button>
          <strong data-testid="object-id">{serverId ?? "new"}</strong>
          <span className="editor-card-kind">
            {object.kind === "tag" && <TagOutlined />} {kindName}
          </span>
          {trackState !== null && (
            <span className="editor-card-track" data-testid="object-track" title={`A track: ${trackState} on this frame`}>
              TRACK <span className={`editor-card-track-state editor-card-track-${trackState}`}>{trackState}</span>
            </span>
          )}
          {zOrder !== undefined && (
            <span className="editor-card-z" data-testid="object-z-order" title="Z-order">
              z {zOrder}
            </span>
          )}
          <button
            type="button"
            className="editor-card-button"
            aria-label="Object actions"
            title="Object actions"
            data-testid="object-menu"
            onClick={openMenu}
          >
            <EllipsisOutlined />
          </button>
        </div>
        <LabelSelect value={object.labelId} options={labelOptions} disabled={locked} onChange={(labelId) => actions.relabelOne(id, labelId)} />
        <div className="editor-card-toggles">
          <Toggle title={locked ? "Unlock (L)" : "Lock (L)"} on={locked} icon={locked ? <LockOutlined /> : <UnlockOutlined />} onClick={stop(() => actions.toggleLock(id))} />
          {isDrawn && (
            <>
              <Toggle title="Occluded (Q)" on={occluded} icon={<BlockOutlined />} onClick={stop(() => actions.toggleOccluded(id))} disabled={locked} />
              {track !== null && (
                <Toggle title="Outside (O)" on={track.shape.outside} icon={<LogoutOutlined />} onClick={stop(() => actions.toggleOutside(id))} disabled={locked} testId="object-outside" />
              )}
              <Toggle title={flags.hidden ? "Show (H)" : "Hide (H)"} on={flags.hidden} icon={flags.hidden ? <EyeInvisibleOutlined /> : <EyeOutlined />} onClick={stop(() => actions.toggleHidden(id))} />
              <Toggle title={flags.pinned ? "Unpin" : "Pin"} on={flags.pinned} icon={flags.pinned ? <PushpinFilled /> : <PushpinOutlined />} onClick={stop(() => actions.togglePinned(id))} />
              <span onClick={(event) => event.stopPropagation()} className="editor-card-color">
                {colorOpen ? (
                  <ColorPicker
                    size="small"
                    data-testid="object-color-picker"
                    value={color}
                    open
                    onOpenChange={(open) => !open && actions.openColor(null)}
                    disabledAlpha
                    allowClear
                    presets={PRESETS}
                    onChangeComplete={(value) => actions.setColor(id, value.toHexString())}
                    onClear={() => actions.setColor(id, undefined)}
                  />
                ) : (
                  <button
                    type="button"
                    className="editor-card-swatch"
                    data-testid="object-color"
                    aria-label="Instance colour"
                    title="Instance colour"
                    style={{ background: color }}
                    onClick={() => actions.openColor(id)}
                  />
                )}
              </span>
            </>
          )}
          <Toggle title="Delete (Del)" icon={<DeleteOutlined />} danger onClick={stop(() => actions.remove(id))} disabled={locked} />
        </div>
        {track !== null && <KeyframeControls id={id} track={track} locked={locked} actions={actions} />}
        {expanded && (
          <div className="editor-card-details" data-testid="object-details" onClick={(event) => event.stopPropagation()}>
            <AttributesEditor
              specs={label?.attributes ?? []}
              values={track === null ? object.attributes : { ...object.attributes, ...track.shape.attributes }}
              disabled={locked}
              onChange={(attributeId, value) => actions.setAttribute(id, attributeId, value)}
            />
          </div>
        )}
      </li>
  );
});

/** A track's keyframe row: go to the first / previous keyframe, keyframe on/off (K), next / last. */
function KeyframeControls({ id, track, locked, actions }: { id: ClientId; track: TrackState; locked: boolean; actions: CardActions }) {
  const go = (frame: number | null) => (event: MouseEvent) => {
    event.stopPropagation();
    if (frame !== null) actions.goToFrame(frame);
  };
  const { keyframe } = track.shape;
  const here = track.shape.frame;
  return (
    <div className="editor-card-toggles editor-card-keyframes" data-testid="object-keyframes">
      <Toggle title="First keyframe" icon={<VerticalRightOutlined />} onClick={go(track.first)} disabled={track.first === null || track.first === here} testId="object-keyframe-first" />
      <Toggle title="Previous keyframe (E)" icon={<StepBackwardOutlined />} onClick={go(track.previous)} disabled={track.previous === null} testId="object-keyframe-previous" />
      <Toggle
        title={keyframe ? "Keyframe: remove it (K)" : "Make this frame a keyframe (K)"}
        on={keyframe}
        icon={keyframe ? <StarFilled /> : <StarOutlined />}
        onClick={(event) => {
          event.stopPropagation();
          actions.toggleKeyframe(id);
        }}
        disabled={locked}
        testId="object-keyframe"
      />
      <Toggle title="Next keyframe (R)" icon={<StepForwardOutlined />} onClick={go(track.next)} disabled={track.next === null} testId="object-keyframe-next" />
      <Toggle title="Last keyframe" icon={<VerticalLeftOutlined />} onClick={go(track.last)} disabled={track.last === null || track.last === here} testId="object-keyframe-last" />
    </div>
  );
}

function Toggle(props: {
  title: string;
  icon: ReactNode;
  on?: boolean;
  danger?: boolean;
  disabled?: boolean;
  testId?: string;
  onClick: (event: MouseEvent) => void;
}) {
  return (
    <button
      type="button"
      className={`editor-card-button${props.on ? " editor-card-button-on" : ""}${props.danger ? " editor-card-button-danger" : ""}`}
      title={props.title}
      aria-label={props.title}
      aria-pressed={props.on}
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      {props.icon}
    </button>
  );
}
