/**
 * Which objects a label may go on, by the label's type: a label of type `any` goes on everything,
 * any other only on objects of its own kind. It is the server's rule (it refuses the rest on save),
 * applied before an object is created; tests/vectors/label_types.json pins both sides.
 */
import type { ShapeType } from "./model";

/** What a label is put on: a shape of some type, or a tag. */
export type LabeledKind = ShapeType | "tag";

export function labelAllows(labelType: string, kind: LabeledKind): boolean {
  return labelType === "any" || labelType === kind;
}
