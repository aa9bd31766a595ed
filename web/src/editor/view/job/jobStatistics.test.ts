import { describe, expect, it } from "vitest";
import { labeledData, loadedStore, serverRectangle, serverTag, serverTrack } from "../../engine/document/testFixtures";
import { jobStatistics, usedShapeTypes } from "./jobStatistics";

describe("job statistics", () => {
  it("counts shapes by type, tracks and tags per label, with totals", () => {
    const store = loadedStore(
      labeledData({
        shapes: [serverRectangle(1, 0), serverRectangle(2, 1), serverRectangle(3, 1, { type: "polygon", label_id: 2, points: [0, 0, 5, 0, 5, 5] })],
        tags: [serverTag(4, 0), serverTag(5, 2, { label_id: 9 })],
        tracks: [serverTrack(6)],
      }),
    );
    const stats = jobStatistics(store.getState().document, [1, 2, 3]);
    const byLabel = new Map(stats.labels.map((row) => [row.labelId, row]));
    expect(byLabel.get(1)).toMatchObject({ tracks: 1, tags: 0, total: 3 });
    expect(byLabel.get(1)?.shapes.rectangle).toBe(2);
    expect(byLabel.get(2)).toMatchObject({ tags: 1, total: 2 });
    expect(byLabel.get(2)?.shapes.polygon).toBe(1);
    expect(byLabel.get(3)?.total).toBe(0);
    expect(byLabel.get(9)?.tags).toBe(1);
    expect(stats.labels.map((row) => row.labelId)).toEqual([1, 2, 3, 9]);
    expect(stats.totals).toMatchObject({ tracks: 1, tags: 2, total: 6 });
    expect(usedShapeTypes(stats)).toEqual(["rectangle", "polygon"]);
  });
});
