import { describe, expect, it } from "vitest";
import vectors from "../../../../../tests/vectors/label_types.json";
import { labelAllows, type LabeledKind } from "./labelTypes";

describe("labelAllows", () => {
  it("answers every shared case as the server does", () => {
    expect(vectors.length).toBeGreaterThan(80);
    for (const { label_type, kind, allowed } of vectors) {
      expect(labelAllows(label_type, kind as LabeledKind), `${label_type} on ${kind}`).toBe(allowed);
    }
  });

  it("keeps skeleton labels to skeletons", () => {
    expect(labelAllows("skeleton", "rectangle")).toBe(false);
    expect(labelAllows("skeleton", "skeleton")).toBe(true);
  });
});
