/** The editor's document engine: model, store with recorded history, commands, saving, drafts. */

export * from "./model";
export { createClientIdSource, serverClientId, type ClientIdSource } from "./clientIds";
export { EMPTY_FRAME_INDEX, framesWithObjects, idsOnFrame, type FrameIndex } from "./frameIndex";
export {
  deleteEntry,
  getEntry,
  hasEntry,
  setEntry,
  tableEntries,
  tableIds,
  tableSize,
  tableValues,
  type IdTable,
} from "./idTable";
export { DEFAULT_HISTORY_LIMIT, type HistoryEntry, type HistorySummary } from "./history";
export {
  EditorStore,
  type DocumentRecipe,
  type EditorState,
  type EditorStoreOptions,
  type RemoteOptions,
  type Selection,
  type SyncState,
} from "./editorStore";
export * from "./commands";
export {
  buildTrack,
  editTrackOnFrame,
  isTrackableType,
  splitAttributes,
  toggleKeyframeOnFrame,
  toggleOutsideOnFrame,
  type FrameContext,
  type NewTrack,
  type TrackChanges,
} from "./trackEdits";
export { toggleKeyframe, toggleOutside, type KeyframeToggle } from "./trackCommands";
export { topZOrder, zOrdersOnFrame } from "./zOrders";
export * from "./clipboard";
export { labelAllows, type LabeledKind } from "./labelTypes";
export * from "./changes";
export * from "./drafts";
export { createIndexedDbDraftStore, type IndexedDbDraftStoreOptions } from "./indexedDbDraftStore";
export {
  annotationsFromServer,
  shapeToServer,
  tagToServer,
  trackToServer,
  type LoadedAnnotations,
  type ServerAttribute,
  type ServerLabeledData,
  type ServerObjectLists,
  type ServerShape,
  type ServerTag,
  type ServerTrack,
} from "./serverFormat";
