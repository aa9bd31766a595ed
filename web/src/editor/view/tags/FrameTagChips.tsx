// "Show tags on frame" (Settings → Workspace): the current frame's tags as label chips in the
// top-left corner of the canvas, in every workspace, as CVAT shows them. Plain HTML over the
// canvas rather than Konva nodes: they stay the same size at any zoom, read as text, and let
// every click and wheel turn through to the canvas.
import { memo, useMemo } from "react";
import type { Label } from "../../../api/types";
import { FALLBACK_COLOR } from "../colors";
import type { FrameObject } from "../frameObjects";

export interface FrameTagChipsProps {
  /** The frame's objects as the canvas shows them (the object filter applies; hidden ones are left out). */
  objects: readonly FrameObject[];
  labels: readonly Label[];
  colors: ReadonlyMap<number, string>;
  show: boolean;
}

export const FrameTagChips = memo(function FrameTagChips({ objects, labels, colors, show }: FrameTagChipsProps) {
  const names = useMemo(() => new Map(labels.map((label) => [label.id, label.name])), [labels]);
  const tags = objects.flatMap(({ object, flags }) => (object.kind === "tag" && !flags.hidden ? [object] : []));
  // The anchor sits between the z-layer strip and the canvas with no height of its own, so the
  // chips lie over the canvas's corner without moving the canvas or needing its markup.
  if (!show || tags.length === 0) return null;
  return (
    <div className="editor-canvas-tags-anchor">
      <ul className="editor-canvas-tags" data-testid="canvas-frame-tags" aria-label="Tags of the frame">
        {tags.map((tag) => (
          <li
            key={tag.clientId}
            className="editor-canvas-tag"
            data-testid="canvas-frame-tag"
            style={{ borderColor: colors.get(tag.labelId) ?? FALLBACK_COLOR }}
          >
            <span className="editor-tag-swatch" style={{ background: colors.get(tag.labelId) ?? FALLBACK_COLOR }} aria-hidden />
            {names.get(tag.labelId) ?? `label #${tag.labelId}`}
          </li>
        ))}
      </ul>
    </div>
  );
});
