/**
 * The annotation actions of the editor's "Run actions" dialog (CVAT's, in the order its documentation
 * lists them) and their runner: the public surface of this folder.
 */
import type { ShapeObject } from "../document/model";
import type { AnnotationAction } from "./action";
import { propagateShapes } from "./propagateShapes";
import { removeFilteredShapes } from "./removeFilteredShapes";
import { SHAPES_CONVERTERS } from "./shapesConverter";

export * from "./action";
export { propagateShapes, propagationSources } from "./propagateShapes";
export { removeFilteredShapes } from "./removeFilteredShapes";
export { convertedPoints, shapesConverter, SHAPE_CONVERSIONS, SHAPES_CONVERTERS, type ConvertibleType } from "./shapesConverter";
export { DEFAULT_SLICE_MS, runAnnotationAction, type RunOptions, type RunOutcome, type RunProgress, type RunSummary } from "./runner";

/** What an action needs from where the dialog was opened (only propagation reads it). */
export interface ActionOrigin {
  readonly frame: number;
  /** The shapes propagation copies (see `propagationSources`). */
  readonly sources: readonly ShapeObject[];
}

export interface ActionChoice {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly usesFilter: boolean;
  /** Whether it copies shapes of the current frame (the dialog then says which). */
  readonly copiesFromFrame: boolean;
  create(origin: ActionOrigin): AnnotationAction;
}

const describe = ({ id, label, description, usesFilter }: AnnotationAction) => ({ id, label, description, usesFilter });
const fixed = (action: AnnotationAction): ActionChoice => ({ ...describe(action), copiesFromFrame: false, create: () => action });

const propagation = propagateShapes([], 0);

export const ACTION_CHOICES: readonly ActionChoice[] = [
  fixed(removeFilteredShapes),
  { ...describe(propagation), copiesFromFrame: true, create: (origin) => propagateShapes(origin.sources, origin.frame) },
  ...SHAPES_CONVERTERS.map(fixed),
];
