// The right sidebar: the Objects tab (the frame's objects as cards, sorted and windowed, with
// lock all / hide all / expand / collapse), the Labels tab, and the Appearance panel below.
import { Tabs } from "antd";
import { memo, useCallback, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from "react";
import type { Label } from "../../api/types";
import type { EditorStore } from "../engine/document/editorStore";
import type { AnnotationDocument, ClientId } from "../engine/document/model";
import type { Appearance } from "./appearance";
import type { FrameObject } from "./frameObjects";
import { AppearancePanel } from "./sidebar/AppearancePanel";
import { LabelsTab } from "./sidebar/LabelsTab";
import type { CardActions } from "./sidebar/ObjectCard";
import { sortObjects, type ObjectSort } from "./sidebar/objectOrder";
import { ObjectsHeader } from "./sidebar/ObjectsHeader";
import { ObjectsList } from "./sidebar/ObjectsList";
import { useChangeStamps } from "./sidebar/useChangeStamps";
import type { SidebarController } from "./sidebar/useObjectsSidebar";
import "./sidebar/sidebar.css";

export interface ObjectsSidebarProps {
  objects: readonly FrameObject[];
  labels: readonly Label[];
  /** The editor store: the list follows its selection. */
  store: EditorStore;
  serverIdOf: (id: ClientId) => number | undefined;
  onSelect: (id: ClientId) => void;
  onToggleLock: (id: ClientId) => void;
  onToggleOccluded: (id: ClientId) => void;
  onToggleHidden: (id: ClientId) => void;
  onDelete: (id: ClientId) => void;
  document: AnnotationDocument;
  controller: SidebarController;
  /** The drawing label (the Labels tab sets it). */
  labelId: number | null;
  onLabelChange: (labelId: number) => void;
  appearance: Appearance;
  onAppearanceChange: Dispatch<SetStateAction<Appearance>>;
  /** Told the listed order whenever it changes (Tab walks through objects in this order). */
  onOrderChange?: (ids: readonly ClientId[]) => void;
}

export const ObjectsSidebar = memo(function ObjectsSidebar(props: ObjectsSidebarProps) {
  const { objects, labels, store, serverIdOf, controller } = props;
  const [tab, setTab] = useState("objects");
  const [sort, setSort] = useState<ObjectSort>("idAscending");
  const [expanded, setExpanded] = useState<ReadonlySet<ClientId>>(() => new Set());
  const stamps = useChangeStamps(props.document, objects);

  const labelOptions = useMemo(() => labels.map((each) => ({ value: each.id, label: each.name })), [labels]);
  const labelsById = useMemo(() => new Map(labels.map((label) => [label.id, label])), [labels]);
  const ordered = useMemo(() => sortObjects(objects, sort, serverIdOf, stamps), [objects, sort, serverIdOf, stamps]);
  const { onOrderChange } = props;
  useEffect(() => onOrderChange?.(ordered.map(({ object }) => object.clientId)), [ordered, onOrderChange]);

  const toggleExpanded = useCallback((id: ClientId) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const { onSelect, onToggleLock, onToggleOccluded, onToggleHidden, onDelete } = props;
  const actions = useMemo<Omit<CardActions, "measured" | "openColor" | "openContextMenu">>(
    () => ({
      ...controller,
      select: onSelect,
      relabelOne: (id, labelId) => controller.relabel([id], labelId),
      toggleLock: onToggleLock,
      toggleOccluded: onToggleOccluded,
      toggleHidden: onToggleHidden,
      remove: onDelete,
      toggleExpanded,
    }),
    [controller, onSelect, onToggleLock, onToggleOccluded, onToggleHidden, onDelete, toggleExpanded],
  );

  const objectsTab = (
    <div className="editor-objects-tab">
      <ObjectsHeader
        count={objects.length}
        sort={sort}
        onSortChange={setSort}
        allLocked={objects.length > 0 && objects.every(({ flags }) => flags.locked)}
        allHidden={objects.length > 0 && objects.every(({ flags }) => flags.hidden)}
        onToggleLockAll={controller.toggleLockAll}
        onToggleHiddenAll={controller.toggleHiddenAll}
        onExpandAll={() => setExpanded(new Set(objects.map(({ object }) => object.clientId)))}
        onCollapseAll={() => setExpanded(new Set())}
      />
      {/* Mounted on empty frames too: remounting it on every switch measured the page again. */}
      <ObjectsList
        ordered={ordered}
        labelsById={labelsById}
        labelOptions={labelOptions}
        store={store}
        expanded={expanded}
        serverIdOf={serverIdOf}
        actions={actions}
      />
    </div>
  );

  return (
    <aside className="editor-objects editor-sidebar" data-testid="objects-sidebar">
      <Tabs
        className="editor-sidebar-tabs"
        size="small"
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: "objects", label: <span data-testid="sidebar-tab-objects">Objects</span>, children: objectsTab },
          {
            key: "labels",
            label: <span data-testid="sidebar-tab-labels">Labels</span>,
            children: (
              <LabelsTab
                labels={labels}
                document={props.document}
                labelId={props.labelId}
                onLabelChange={props.onLabelChange}
                onToggleFlag={controller.toggleLabelFlag}
              />
            ),
          },
        ]}
      />
      <AppearancePanel appearance={props.appearance} onChange={props.onAppearanceChange} />
    </aside>
  );
});
