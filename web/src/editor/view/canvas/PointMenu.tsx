// The small menu a right click on a vertex of the selected polygon/polyline/points opens.
import { Menu } from "antd";
import { useEffect } from "react";

export interface PointMenuProps {
  /** Where it opens, in CSS px inside the canvas. */
  x: number;
  y: number;
  canDelete: boolean;
  canSetStart: boolean;
  onDelete: () => void;
  onSetStart: () => void;
  onClose: () => void;
}

export function PointMenu({ x, y, canDelete, canSetStart, onDelete, onSetStart, onClose }: PointMenuProps) {
  // Any press elsewhere, or Escape, closes it. Listening starts on the next task: the press that
  // opened the menu may still be on its way up to the window.
  useEffect(() => {
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== "Escape") return;
      if (event.target instanceof Element && event.target.closest("[data-testid=point-menu]")) return;
      onClose();
    };
    const start = window.setTimeout(() => {
      window.addEventListener("mousedown", close);
      window.addEventListener("keydown", close);
    }, 0);
    return () => {
      window.clearTimeout(start);
      window.removeEventListener("mousedown", close);
      window.removeEventListener("keydown", close);
    };
  }, [onClose]);

  return (
    <div className="editor-point-menu" data-testid="point-menu" style={{ left: x, top: y }} onContextMenu={(e) => e.preventDefault()}>
      <Menu
        selectable={false}
        items={[
          { key: "delete", label: <span data-testid="point-menu-delete">Delete point</span>, disabled: !canDelete },
          ...(canSetStart ? [{ key: "start", label: <span data-testid="point-menu-start">Set start point</span> }] : []),
        ]}
        onClick={({ key }) => {
          if (key === "delete") onDelete();
          else onSetStart();
          onClose();
        }}
      />
    </div>
  );
}
