/**
 * The objects sidebar on the big frame (3,000 objects): only the cards in view are
 * rendered, and rendering the whole sidebar (sorting included) stays far from the 100 ms frame
 * switch budget. Server rendering measures React's render work without a DOM; the bound is
 * generous (shared CI cores) and only catches a list that renders every card again.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Label } from "../../../api/types";
import { labeledData, loadedStore, serverRectangle, serverTrack } from "../../engine/document/testFixtures";
import { DEFAULT_APPEARANCE } from "../appearance";
import { frameObjects } from "../frameObjects";
import { ObjectsSidebar, type ObjectsSidebarProps } from "../ObjectsSidebar";
import type { SidebarController } from "./useObjectsSidebar";

const OBJECTS = 3000;

function label(id: number, name: string): Label {
  return { id, name, color: "#ff6600", attributes: [], has_parent: false, parent_id: null, sublabels: [], svg: "", type: "any" };
}

function props(): ObjectsSidebarProps {
  const store = loadedStore(labeledData({ shapes: Array.from({ length: OBJECTS }, (_, i) => serverRectangle(i + 1, 0, { z_order: i })) }));
  const { document, frameIndex } = store.getState();
  const none = () => undefined;
  const controller = new Proxy({}, { get: () => none }) as SidebarController;
  return {
    objects: frameObjects(document, frameIndex, 0),
    labels: [label(1, "car"), label(2, "person")],
    store,
    serverIdOf: (id) => Number(id.slice("shape:".length)),
    onSelect: none,
    onToggleLock: none,
    onToggleOccluded: none,
    onToggleHidden: none,
    onDelete: none,
    document,
    controller,
    labelId: 1,
    onLabelChange: none,
    appearance: DEFAULT_APPEARANCE,
    onAppearanceChange: none,
  };
}

describe("objects sidebar with 3,000 objects", () => {
  it("renders only the cards in view, quickly", () => {
    const input = props();
    renderToString(createElement(ObjectsSidebar, input)); // warm-up: antd's styles, JIT
    const start = performance.now();
    const html = renderToString(createElement(ObjectsSidebar, { ...input, objects: [...input.objects] }));
    const elapsed = performance.now() - start;
    const emptyStart = performance.now();
    renderToString(createElement(ObjectsSidebar, { ...input, objects: [] }));
    const empty = performance.now() - emptyStart;
    console.log(`objects sidebar, ${OBJECTS} objects: rendered in ${elapsed.toFixed(1)} ms (${empty.toFixed(1)} ms without objects)`);
    const cards = html.split('data-testid="object-item"').length - 1;
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThanOrEqual(12);
    expect(html).toContain(`>${OBJECTS}</span>`);
    expect(elapsed).toBeLessThan(1500);
  });
});

describe("a track's card", () => {
  const keyframe = (frame: number, points: number[]) => ({
    type: "rectangle" as const,
    frame,
    occluded: false,
    outside: false,
    z_order: 4,
    rotation: 0,
    points,
    attributes: [],
  });
  const render = (frame: number) => {
    const store = loadedStore(labeledData({ tracks: [serverTrack(9, { shapes: [keyframe(0, [0, 0, 4, 4]), keyframe(10, [4, 4, 8, 8])] })] }));
    const { document, frameIndex } = store.getState();
    return renderToString(createElement(ObjectsSidebar, { ...props(), store, document, objects: frameObjects(document, frameIndex, frame) }));
  };

  it("says it is a track and whether the frame is a keyframe, with its z-order there", () => {
    const html = render(5);
    expect(html).toContain('data-kind="track"');
    expect(html).toContain('data-track-state="interpolated"');
    expect(html).toContain("TRACK");
    expect(html).toContain('data-z-order="4"');
    expect(render(10)).toContain('data-track-state="keyframe"');
  });

  it("has the outside toggle and the keyframe controls, the missing keyframes disabled", () => {
    const html = render(10);
    for (const id of ["object-outside", "object-keyframe-first", "object-keyframe-previous", "object-keyframe", "object-keyframe-next"]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toMatch(/disabled=""[^>]*data-testid="object-keyframe-next"/);
    expect(html).not.toMatch(/disabled=""[^>]*data-testid="object-keyframe-previous"/);
  });
});
