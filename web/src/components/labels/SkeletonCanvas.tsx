// The skeleton's drawing area: a 100 × 100 SVG space where the active tool adds, joins, moves or
// removes points and edges. All edits go through the pure functions of skeleton.ts.
import { useRef, useState, type PointerEvent } from "react";
import type { Skeleton } from "./labelDraft";
import { addEdge, addPoint, edgeKey, movePoint, removeEdge, removePoint, SKELETON_SIZE } from "./skeleton";

export type SkeletonTool = "select" | "add" | "join" | "remove";

interface SkeletonCanvasProps {
  skeleton: Skeleton;
  onChange: (next: Skeleton) => void;
  tool: SkeletonTool;
  selected: number | null;
  onSelect: (nodeId: number | null) => void;
  /** A point picked as the first end of an edge by the join tool. */
  joinFrom: number | null;
  onJoinFrom: (nodeId: number | null) => void;
  background: string | null;
  invalidPoints: Set<number>;
}

export function SkeletonCanvas(props: SkeletonCanvasProps) {
  const { skeleton, onChange, tool, selected, onSelect, joinFrom, onJoinFrom, background, invalidPoints } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);

  const toSpace = (event: PointerEvent): { x: number; y: number } => {
    const rect = svgRef.current!.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * SKELETON_SIZE,
      y: ((event.clientY - rect.top) / rect.height) * SKELETON_SIZE,
    };
  };

  const onCanvasDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    if (tool === "add") {
      const { x, y } = toSpace(event);
      const next = addPoint(skeleton, x, y);
      onChange(next);
      onSelect(next.points.at(-1)!.nodeId);
    } else {
      onSelect(null);
      onJoinFrom(null);
    }
  };

  const onPointDown = (event: PointerEvent<SVGCircleElement>, nodeId: number) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    if (tool === "remove") {
      onChange(removePoint(skeleton, nodeId));
      if (selected === nodeId) onSelect(null);
      return;
    }
    if (tool === "join") {
      if (joinFrom === null || joinFrom === nodeId) {
        onJoinFrom(joinFrom === nodeId ? null : nodeId);
      } else {
        onChange(addEdge(skeleton, joinFrom, nodeId));
        onJoinFrom(nodeId); // chain: the next click continues from here
      }
      return;
    }
    onSelect(nodeId);
    if (tool === "select") {
      svgRef.current?.setPointerCapture(event.pointerId);
      setDragging(nodeId);
    }
  };

  const onMove = (event: PointerEvent<SVGSVGElement>) => {
    if (dragging === null) return;
    const { x, y } = toSpace(event);
    onChange(movePoint(skeleton, dragging, x, y));
  };

  const endDrag = () => setDragging(null);
  const byId = new Map(skeleton.points.map((p) => [p.nodeId, p]));

  return (
    <svg
      ref={svgRef}
      className="skl-canvas"
      data-testid="skeleton-canvas"
      data-tool={tool}
      viewBox={`0 0 ${SKELETON_SIZE} ${SKELETON_SIZE}`}
      onPointerDown={onCanvasDown}
      onPointerMove={onMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      role="application"
      aria-label="Skeleton drawing area"
    >
      <defs>
        <pattern id="skl-grid" width="10" height="10" patternUnits="userSpaceOnUse">
          <path d="M 10 0 L 0 0 0 10" fill="none" stroke="#eef0f3" strokeWidth="0.3" />
        </pattern>
      </defs>
      <rect width={SKELETON_SIZE} height={SKELETON_SIZE} fill="url(#skl-grid)" />
      {background && (
        <image
          href={background}
          width={SKELETON_SIZE}
          height={SKELETON_SIZE}
          opacity={0.5}
          preserveAspectRatio="xMidYMid meet"
          pointerEvents="none"
        />
      )}
      {skeleton.edges.map((edge) => {
        const a = byId.get(edge.from);
        const b = byId.get(edge.to);
        if (!a || !b) return null;
        return (
          <g key={edgeKey(edge)} data-testid={`skeleton-edge-${edgeKey(edge)}`}>
            <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#3d4a5c" strokeWidth={0.6} pointerEvents="none" />
            <line
              className="skl-edge-hit"
              x1={a.x}
              y1={a.y}
              x2={b.x}
              y2={b.y}
              onPointerDown={(event) => {
                if (tool !== "remove") return;
                event.stopPropagation();
                onChange(removeEdge(skeleton, edge.from, edge.to));
              }}
            />
          </g>
        );
      })}
      {skeleton.points.map((point) => {
        const active = point.nodeId === selected || point.nodeId === joinFrom;
        return (
          <g key={point.nodeId}>
            <circle
              className="skl-point"
              data-testid={`skeleton-point-${point.nodeId}`}
              cx={point.x}
              cy={point.y}
              r={active ? 2.4 : 1.9}
              fill={point.color}
              stroke={invalidPoints.has(point.nodeId) ? "#ff4d4f" : active ? "#1f6feb" : "#1f2937"}
              strokeWidth={active ? 0.7 : 0.35}
              onPointerDown={(event) => onPointDown(event, point.nodeId)}
            />
            <text
              x={point.x + 2.6}
              y={point.y - 2.2}
              fontSize={3.2}
              fill="#1f2937"
              pointerEvents="none"
              style={{ paintOrder: "stroke" }}
              stroke="#fff"
              strokeWidth={0.8}
            >
              {point.name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
