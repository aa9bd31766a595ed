// The objects list, windowed: only the cards inside the scrolled viewport (and a few around it)
// are mounted, so a frame with thousands of objects switches as fast as one with ten. Collapsed
// cards have a fixed height; expanded ones report theirs. The active object is scrolled to.
import { Dropdown, Empty } from "antd";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Label } from "../../../api/types";
import type { EditorStore } from "../../engine/document/editorStore";
import type { ClientId } from "../../engine/document/model";
import { useSelectedIds } from "../useSelection";
import type { FrameObject } from "../frameObjects";
import { cardHeight, cardMenu, ObjectCard, type CardActions } from "./ObjectCard";
import { revealRow, rowOffsets, visibleRows } from "./windowing";

/** Until an expanded card has been measured: a guess from its number of attributes. */
function estimatedHeight(entry: FrameObject, label: Label | undefined): number {
  return cardHeight(entry.track) + 16 + 40 * Math.max(1, label?.attributes.length ?? 0);
}

export interface ObjectsListProps {
  ordered: readonly FrameObject[];
  labelsById: ReadonlyMap<number, Label>;
  labelOptions: { value: number; label: string }[];
  /** Whose selection is highlighted (the list follows it itself). */
  store: EditorStore;
  expanded: ReadonlySet<ClientId>;
  serverIdOf: (id: ClientId) => number | undefined;
  actions: Omit<CardActions, "measured" | "openColor" | "openContextMenu">;
}

export function ObjectsList({ ordered, labelsById, labelOptions, store, expanded, serverIdOf, actions }: ObjectsListProps) {
  const selectedIds = useSelectedIds(store);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  const [measured, setMeasured] = useState<ReadonlyMap<ClientId, number>>(() => new Map());
  const [colorFor, setColorFor] = useState<ClientId | null>(null);
  const [menuFor, setMenuFor] = useState<ClientId | null>(null);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element === null) return;
    setViewHeight(element.clientHeight || 600);
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const cardActions = useMemo<CardActions>(
    () => ({
      ...actions,
      measured: (id, height) =>
        setMeasured((current) => {
          if (current.get(id) === height) return current;
          const next = new Map(current);
          next.set(id, height);
          return next;
        }),
      openColor: setColorFor,
      openContextMenu: setMenuFor,
    }),
    [actions],
  );

  const offsets = useMemo(
    () =>
      rowOffsets(ordered.length, (index) => {
        const entry = ordered[index];
        const { object } = entry;
        if (!expanded.has(object.clientId)) return cardHeight(entry.track);
        return measured.get(object.clientId) ?? estimatedHeight(entry, labelsById.get(object.labelId));
      }),
    [ordered, expanded, measured, labelsById],
  );
  // A shorter list (another frame) may leave a stale scroll position behind.
  const top = Math.min(scrollTop, Math.max(0, offsets[ordered.length] - viewHeight));
  const { start, end } = visibleRows(offsets, top, viewHeight);

  // Bring the active (last selected) object's card into view, e.g. after a click on the canvas.
  // Before the paint: the cards scrolled to mount in the same frame as the selection, not one later.
  // From the scroll state rather than the element's: reading it would lay the page out mid-commit.
  const active = selectedIds.at(-1);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (active === undefined || element === null) return;
    const index = ordered.findIndex(({ object }) => object.clientId === active);
    const target = revealRow(offsets, index, top, viewHeight);
    if (target !== null) {
      element.scrollTop = target;
      setScrollTop(target);
    }
    // Only when the active object changes: scrolling away from it afterwards is the user's choice.
  }, [active]);

  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);
  const contextMenu = (id: ClientId | null) => {
    const target = id === null ? undefined : ordered.find(({ object }) => object.clientId === id);
    if (target === undefined) return { items: [] };
    const { object, flags } = target;
    return cardMenu(
      { id: object.clientId, isShape: object.kind === "shape", isTrack: object.kind === "track", locked: flags.locked, saved: serverIdOf(object.clientId) !== undefined },
      cardActions,
    );
  };
  const cards = [];
  for (let index = start; index < end; index += 1) {
    const { object, flags, track } = ordered[index];
    cards.push(
      <ObjectCard
        key={object.clientId}
        object={object}
        flags={flags}
        track={track}
        label={labelsById.get(object.labelId)}
        labelOptions={labelOptions}
        selected={selected.has(object.clientId)}
        serverId={serverIdOf(object.clientId)}
        expanded={expanded.has(object.clientId)}
        colorOpen={colorFor === object.clientId}
        top={offsets[index]}
        actions={cardActions}
      />,
    );
  }
  return (
    <div
      ref={scrollRef}
      className="editor-objects-scroll"
      data-testid="objects-list"
      data-mounted={end - start}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      {ordered.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No objects on this frame" />}
      {/* One right-click menu for all cards; the card under the pointer sets its target first. */}
      <Dropdown trigger={["contextMenu"]} menu={contextMenu(menuFor)} destroyOnHidden>
        <ul className="editor-cards" style={{ height: offsets[ordered.length] }}>
          {cards}
        </ul>
      </Dropdown>
    </div>
  );
}
