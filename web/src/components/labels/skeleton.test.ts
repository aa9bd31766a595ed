import { describe, expect, it } from "vitest";
import {
  addEdge,
  addPoint,
  edgeKey,
  emptySkeleton,
  hasEdge,
  movePoint,
  removeEdge,
  removePoint,
  skeletonFromSvg,
  skeletonToDocument,
  skeletonToSvg,
  SkeletonSvgError,
  updatePoint,
} from "./skeleton";

const triangle = () => {
  let s = addPoint(addPoint(addPoint(emptySkeleton(), 10, 10), 90, 10), 50, 80);
  s = addEdge(addEdge(s, 1, 2), 2, 3);
  return s;
};

describe("editing a skeleton", () => {
  it("numbers and names new points 1, 2, 3 with distinct colors", () => {
    const s = triangle();
    expect(s.points.map((p) => [p.nodeId, p.name])).toEqual([
      [1, "1"],
      [2, "2"],
      [3, "3"],
    ]);
    expect(new Set(s.points.map((p) => p.color)).size).toBe(3);
  });

  it("reuses a free name but never a node id", () => {
    const s = addPoint(removePoint(triangle(), 2), 0, 0);
    expect(s.points.at(-1)).toMatchObject({ nodeId: 4, name: "2" });
  });

  it("keeps points inside the 100 × 100 space", () => {
    const s = movePoint(addPoint(emptySkeleton(), -5, 140), 1, 120.456, 33.333);
    expect(s.points[0]).toMatchObject({ x: 100, y: 33.33 });
    expect(addPoint(emptySkeleton(), -5, 140).points[0]).toMatchObject({ x: 0, y: 100 });
  });

  it("joins two points once, in either direction, never a point to itself", () => {
    const s = triangle();
    expect(addEdge(s, 2, 1)).toBe(s);
    expect(addEdge(s, 3, 3)).toBe(s);
    expect(addEdge(s, 1, 99)).toBe(s);
    expect(addEdge(s, 3, 1).edges).toHaveLength(3);
    expect(hasEdge(s, 2, 1)).toBe(true);
  });

  it("removes an edge given either end first", () => {
    expect(removeEdge(triangle(), 2, 1).edges).toEqual([{ from: 2, to: 3 }]);
  });

  it("removing a point removes its edges", () => {
    expect(removePoint(triangle(), 2)).toMatchObject({ edges: [], points: [{ nodeId: 1 }, { nodeId: 3 }] });
  });

  it("updates a point's name and color", () => {
    expect(updatePoint(triangle(), 3, { name: "tail", color: "#123456" }).points[2]).toMatchObject({
      name: "tail",
      color: "#123456",
      x: 50,
    });
  });

  it("keys edges independently of direction", () => {
    expect(edgeKey({ from: 3, to: 1 })).toBe(edgeKey({ from: 1, to: 3 }));
  });
});

describe("the svg field", () => {
  it("writes edges before points, in CVAT's attribute vocabulary", () => {
    const svg = skeletonToSvg(triangle());
    expect(svg.indexOf("<line")).toBeLessThan(svg.indexOf("<circle"));
    expect(svg).toContain('data-type="edge" data-node-from="1" data-node-to="2"');
    expect(svg).toContain('x1="10" y1="10" x2="90" y2="10"');
    expect(svg).toContain('cx="50" cy="80"');
    expect(svg).toContain('data-type="element node" data-element-id="3" data-node-id="3" data-label-name="3"');
    expect(svg.match(/<circle/g)).toHaveLength(3);
  });

  it("round-trips through its own text", () => {
    const s = updatePoint(triangle(), 1, { name: 'a & <b>' });
    const back = skeletonFromSvg(skeletonToSvg(s));
    expect(back.points.map(({ nodeId, x, y, name, color }) => ({ nodeId, x, y, name, color }))).toEqual(
      s.points.map(({ nodeId, x, y, name, color }) => ({ nodeId, x, y, name, color })),
    );
    expect(back.edges).toEqual(s.edges);
  });

  it("reads the server's form, which names sublabels by id", () => {
    const svg =
      '<line x1="1" y1="2" x2="3" y2="4" data-type="edge" data-node-from="5" data-node-to="6"/>' +
      '<circle r="1.5" cx="1" cy="2" data-type="element node" data-element-id="5" data-node-id="5" data-label-id="11"/>' +
      '<circle r="1.5" cx="3" cy="4" data-type="element node" data-element-id="6" data-node-id="6" data-label-id="12"/>';
    const s = skeletonFromSvg(svg, [
      { id: 11, name: "head", color: "#ff0000", attributes: [] },
      { id: 12, name: "tail", color: "#00ff00", attributes: [] },
    ]);
    expect(s.points).toMatchObject([
      { nodeId: 5, name: "head", sublabelId: 11, color: "#ff0000", x: 1, y: 2 },
      { nodeId: 6, name: "tail", sublabelId: 12, x: 3, y: 4 },
    ]);
    expect(s.edges).toEqual([{ from: 5, to: 6 }]);
  });

  it("places sublabels the drawing leaves out", () => {
    const s = skeletonFromSvg("", [
      { name: "a", color: "#ff0000", attributes: [] },
      { name: "b", color: "#00ff00", attributes: [] },
    ]);
    expect(s.points.map((p) => [p.nodeId, p.name])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(s.points[0]).toMatchObject({ x: 50, y: 20 });
  });

  it("reads a whole downloaded SVG file", () => {
    const s = skeletonFromSvg(skeletonToDocument(triangle()));
    expect(s.points).toHaveLength(3);
    expect(s.edges).toHaveLength(2);
    expect(skeletonToDocument(triangle())).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 100 100">/);
  });

  it("names points by node id when the file names no sublabel", () => {
    const s = skeletonFromSvg('<circle cx="5" cy="5" data-type="element node" data-node-id="7"></circle>');
    expect(s.points[0]).toMatchObject({ nodeId: 7, name: "7" });
    expect(s.points[0]?.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("explains what is wrong with a broken drawing", () => {
    const sublabels = [{ name: "a", color: "#ff0000", attributes: [] }];
    expect(() => skeletonFromSvg('<circle cx="1" cy="1" data-type="element node" data-node-id="1" data-label-name="zz"/>', sublabels)).toThrow(
      /unknown sublabel "zz"/,
    );
    expect(() => skeletonFromSvg('<circle cx="1" data-type="element node" data-node-id="1"/>')).toThrow(SkeletonSvgError);
    expect(() => skeletonFromSvg('<line data-type="edge" data-node-from="1" data-node-to="2"/>')).toThrow(/not both/);
    expect(() =>
      skeletonFromSvg(
        '<circle cx="1" cy="1" data-type="element node" data-node-id="1"/><circle cx="1" cy="1" data-type="element node" data-node-id="1"/>',
      ),
    ).toThrow(/share data-node-id 1/);
  });
});
