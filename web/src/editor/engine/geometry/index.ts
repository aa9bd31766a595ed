/** Public surface of the editor's geometry: coordinates, viewport, shapes and editing rules. */
export * from "./coords";
export * from "./viewport";
export * from "./shapes";
export * from "./clipping";
export * from "./hitTest";
export * from "./polyMath";
export * from "./polygonEdit";
export * from "./autoBorder";
export * from "./simplify";
export * from "./drawing";
export * from "./snapping";
export * from "./editHandles";
export * from "./boxSelection";
