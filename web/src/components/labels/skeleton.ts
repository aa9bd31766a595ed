// The skeleton drawing as data: points and edges in a 100 × 100 space, the edits the
// configurator makes, and CVAT's `svg` field format in both directions.
import { pickColor } from "./colors";
import type { AttributeDraft, Skeleton, SkeletonEdge, SkeletonPoint } from "./labelDraft";

export const SKELETON_SIZE = 100;
const POINT_RADIUS = 1.5;

export class SkeletonSvgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SkeletonSvgError";
  }
}

export function emptySkeleton(): Skeleton {
  return { points: [], edges: [] };
}

const clamp = (v: number) => Math.min(SKELETON_SIZE, Math.max(0, v));
const round = (v: number) => Math.round(v * 100) / 100;

function nextNodeId(skeleton: Skeleton): number {
  return skeleton.points.reduce((max, p) => Math.max(max, p.nodeId), 0) + 1;
}

/** The smallest positive number not yet used as a point name: CVAT names new points 1, 2, 3… */
function nextPointName(skeleton: Skeleton): string {
  const names = new Set(skeleton.points.map((p) => p.name));
  let n = 1;
  while (names.has(String(n))) n += 1;
  return String(n);
}

export function addPoint(skeleton: Skeleton, x: number, y: number): Skeleton {
  const point: SkeletonPoint = {
    nodeId: nextNodeId(skeleton),
    x: round(clamp(x)),
    y: round(clamp(y)),
    name: nextPointName(skeleton),
    color: pickColor(skeleton.points.map((p) => p.color)),
    attributes: [],
  };
  return { ...skeleton, points: [...skeleton.points, point] };
}

export function movePoint(skeleton: Skeleton, nodeId: number, x: number, y: number): Skeleton {
  return updatePoint(skeleton, nodeId, { x: round(clamp(x)), y: round(clamp(y)) });
}

export function updatePoint(
  skeleton: Skeleton,
  nodeId: number,
  patch: Partial<Omit<SkeletonPoint, "nodeId">>,
): Skeleton {
  return { ...skeleton, points: skeleton.points.map((p) => (p.nodeId === nodeId ? { ...p, ...patch } : p)) };
}

/** Removing a point removes the edges that end in it. */
export function removePoint(skeleton: Skeleton, nodeId: number): Skeleton {
  return {
    points: skeleton.points.filter((p) => p.nodeId !== nodeId),
    edges: skeleton.edges.filter((e) => e.from !== nodeId && e.to !== nodeId),
  };
}

export function hasEdge(skeleton: Skeleton, a: number, b: number): boolean {
  return skeleton.edges.some((e) => (e.from === a && e.to === b) || (e.from === b && e.to === a));
}

/** Edges are undirected: joining two points twice, or a point with itself, changes nothing. */
export function addEdge(skeleton: Skeleton, from: number, to: number): Skeleton {
  const known = new Set(skeleton.points.map((p) => p.nodeId));
  if (from === to || !known.has(from) || !known.has(to) || hasEdge(skeleton, from, to)) return skeleton;
  return { ...skeleton, edges: [...skeleton.edges, { from, to }] };
}

export function removeEdge(skeleton: Skeleton, a: number, b: number): Skeleton {
  return {
    ...skeleton,
    edges: skeleton.edges.filter((e) => !((e.from === a && e.to === b) || (e.from === b && e.to === a))),
  };
}

// --- SVG ------------------------------------------------------------------------------------

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * The skeleton's `svg` field: edges first (so points are drawn over them), then one circle per
 * point naming its sublabel by `data-label-name` (the server rewrites names to ids).
 */
export function skeletonToSvg(skeleton: Skeleton): string {
  const byId = new Map(skeleton.points.map((p) => [p.nodeId, p]));
  const lines = skeleton.edges.flatMap((edge) => {
    const a = byId.get(edge.from);
    const b = byId.get(edge.to);
    if (!a || !b) return [];
    return [
      `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="black" stroke-width="0.5" ` +
        `data-type="edge" data-node-from="${edge.from}" data-node-to="${edge.to}"></line>`,
    ];
  });
  const circles = skeleton.points.map(
    (p) =>
      `<circle r="${POINT_RADIUS}" cx="${p.x}" cy="${p.y}" stroke="black" stroke-width="0.1" ` +
      `fill="${escapeAttribute(p.color)}" data-type="element node" data-element-id="${p.nodeId}" ` +
      `data-node-id="${p.nodeId}" data-label-name="${escapeAttribute(p.name)}"></circle>`,
  );
  return [...lines, ...circles].join("");
}

/** A standalone SVG file of the skeleton, for "Download SVG". */
export function skeletonToDocument(skeleton: Skeleton): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SKELETON_SIZE} ${SKELETON_SIZE}">` +
    `${skeletonToSvg(skeleton)}</svg>`
  );
}

interface SvgElement {
  tag: "circle" | "line";
  attributes: Map<string, string>;
}

function svgElements(svg: string): SvgElement[] {
  const elements: SvgElement[] = [];
  for (const match of svg.matchAll(/<(circle|line)\b([^>]*?)\/?>/gi)) {
    const attributes = new Map<string, string>();
    for (const attr of (match[2] ?? "").matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      attributes.set(attr[1]!.toLowerCase(), unescapeAttribute(attr[3] ?? attr[4] ?? ""));
    }
    elements.push({ tag: match[1]!.toLowerCase() as SvgElement["tag"], attributes });
  }
  return elements;
}

function numberAttribute(element: SvgElement, name: string): number {
  const text = element.attributes.get(name);
  const value = text === undefined ? NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new SkeletonSvgError(`A <${element.tag}> has no numeric "${name}".`);
  }
  return value;
}

/** What the server knows of a skeleton's sublabels; the svg may name them by id or by name. */
export interface SublabelInfo {
  id?: number;
  name: string;
  color: string;
  attributes: AttributeDraft[];
}

/**
 * Reads a skeleton from its `svg` field (or a whole SVG file) and the sublabels it draws.
 * Without `sublabels` (an uploaded file), points are named by `data-label-name`, else by node id.
 * Sublabels the drawing leaves out are placed on a circle, so none is lost.
 */
export function skeletonFromSvg(svg: string, sublabels?: SublabelInfo[]): Skeleton {
  const elements = svgElements(svg);
  const byName = new Map((sublabels ?? []).map((s) => [s.name, s]));
  const byId = new Map((sublabels ?? []).filter((s) => s.id !== undefined).map((s) => [s.id!, s]));
  const points: SkeletonPoint[] = [];
  const used = new Set<SublabelInfo>();
  for (const element of elements) {
    if (element.tag !== "circle" || !(element.attributes.get("data-type") ?? "").includes("node")) continue;
    const nodeId = Number(element.attributes.get("data-node-id") ?? element.attributes.get("data-element-id"));
    if (!Number.isInteger(nodeId) || nodeId < 1) {
      throw new SkeletonSvgError("A skeleton point has no valid data-node-id.");
    }
    if (points.some((p) => p.nodeId === nodeId)) {
      throw new SkeletonSvgError(`Two skeleton points share data-node-id ${nodeId}.`);
    }
    const labelId = element.attributes.get("data-label-id");
    const labelName = element.attributes.get("data-label-name");
    let sublabel: SublabelInfo | undefined;
    if (sublabels) {
      sublabel = labelId !== undefined ? byId.get(Number(labelId)) : byName.get(labelName ?? "");
      if (!sublabel) {
        const ref = labelId !== undefined ? `id ${labelId}` : `"${labelName ?? ""}"`;
        throw new SkeletonSvgError(`Skeleton point ${nodeId} refers to an unknown sublabel ${ref}.`);
      }
      if (used.has(sublabel)) {
        throw new SkeletonSvgError(`Sublabel "${sublabel.name}" is drawn by more than one point.`);
      }
      used.add(sublabel);
    }
    const fill = element.attributes.get("fill") ?? "";
    points.push({
      nodeId,
      x: round(clamp(numberAttribute(element, "cx"))),
      y: round(clamp(numberAttribute(element, "cy"))),
      name: sublabel?.name ?? (labelName || String(nodeId)),
      color: sublabel?.color ?? (/^#[0-9a-f]{6}$/i.test(fill) ? fill.toLowerCase() : ""),
      attributes: sublabel?.attributes ?? [],
      sublabelId: sublabel?.id,
    });
  }
  for (const point of points) {
    if (!point.color) point.color = pickColor(points.map((p) => p.color).filter(Boolean));
  }
  const missing = (sublabels ?? []).filter((s) => !used.has(s));
  let nextId = points.reduce((max, p) => Math.max(max, p.nodeId), 0);
  missing.forEach((sublabel, index) => {
    const angle = (2 * Math.PI * index) / missing.length - Math.PI / 2;
    nextId += 1;
    points.push({
      nodeId: nextId,
      x: round(50 + 30 * Math.cos(angle)),
      y: round(50 + 30 * Math.sin(angle)),
      name: sublabel.name,
      color: sublabel.color,
      attributes: sublabel.attributes,
      sublabelId: sublabel.id,
    });
  });
  const known = new Set(points.map((p) => p.nodeId));
  let skeleton: Skeleton = { points, edges: [] };
  for (const element of elements) {
    if (element.tag !== "line" || element.attributes.get("data-type") !== "edge") continue;
    const from = Number(element.attributes.get("data-node-from"));
    const to = Number(element.attributes.get("data-node-to"));
    if (!known.has(from) || !known.has(to)) {
      throw new SkeletonSvgError(`An edge joins points ${from} and ${to}, which are not both in the skeleton.`);
    }
    skeleton = addEdge(skeleton, from, to);
  }
  return skeleton;
}

export function edgeKey(edge: SkeletonEdge): string {
  return `${Math.min(edge.from, edge.to)}-${Math.max(edge.from, edge.to)}`;
}
