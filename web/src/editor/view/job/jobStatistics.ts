/**
 * The job info dialog's statistics: per label, how many objects of each shape type, tracks and
 * tags the job holds (unsaved work included, since it is what the annotator sees), and totals.
 */
import { allObjects, SHAPE_TYPES, type AnnotationDocument, type ShapeType } from "../../engine/document/model";

export interface LabelStatistics {
  readonly labelId: number;
  readonly shapes: Readonly<Record<ShapeType, number>>;
  readonly tracks: number;
  readonly tags: number;
  readonly total: number;
}

export interface JobStatistics {
  /** One row per label of the job, in the labels' order, including labels without objects. */
  readonly labels: readonly LabelStatistics[];
  readonly totals: Omit<LabelStatistics, "labelId">;
}

type Mutable = { shapes: Record<ShapeType, number>; tracks: number; tags: number; total: number };

function emptyRow(): Mutable {
  return { shapes: Object.fromEntries(SHAPE_TYPES.map((type) => [type, 0])) as Record<ShapeType, number>, tracks: 0, tags: 0, total: 0 };
}

export function jobStatistics(document: AnnotationDocument, labelIds: readonly number[]): JobStatistics {
  const rows = new Map<number, Mutable>(labelIds.map((id) => [id, emptyRow()]));
  const totals = emptyRow();
  for (const object of allObjects(document)) {
    let row = rows.get(object.labelId);
    if (row === undefined) {
      // An object of a label the job no longer lists still counts.
      row = emptyRow();
      rows.set(object.labelId, row);
    }
    for (const target of [row, totals]) {
      if (object.kind === "tag") target.tags += 1;
      else if (object.kind === "track") target.tracks += 1;
      else target.shapes[object.type] += 1;
      target.total += 1;
    }
  }
  return { labels: [...rows].map(([labelId, row]) => ({ labelId, ...row })), totals };
}

/** The shape types that occur, so the table shows no all-zero columns (rectangle always). */
export function usedShapeTypes(statistics: JobStatistics): ShapeType[] {
  return SHAPE_TYPES.filter((type) => type === "rectangle" || statistics.totals.shapes[type] > 0);
}
