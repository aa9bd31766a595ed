// The editor's registered actions and keyboard shortcuts: the public surface of this folder.

export {
  comboFromEvent,
  detectPlatform,
  formatCombo,
  formatComboId,
  formatSequence,
  formatSequenceId,
  mustParseSequence,
  normalizeSequence,
  parseCombo,
  parseSequence,
  resolveCombo,
  resolvedSequenceId,
  type Combo,
  type KeyInput,
  type KeySequence,
  type Platform,
} from "./keys";
export { SCOPES, SCOPE_LABELS, effectiveScopes, scopesClash, type Scope } from "./scopes";
export {
  bindActions,
  defineActions,
  scopeOf,
  type Action,
  type ActionHandler,
  type ActionRegistry,
  type ActionSpec,
} from "./registry";
export {
  UNBOUND,
  actionsBoundTo,
  buildKeymap,
  conflictsFor,
  effectiveKeys,
  findConflicts,
  isPrefixIn,
  rebind,
  resetAllShortcuts,
  resetShortcut,
  shortcutLabel,
  shortcutLabels,
  shortcutsPatch,
  takeOver,
  type Conflict,
  type Keymap,
  type KeymapAction,
  type KeymapEntry,
} from "./keymap";
export { isTextEntryTarget } from "./textInput";
export {
  DEFAULT_SEQUENCE_TIMEOUT_MS,
  createKeyDispatcher,
  type DispatchOptions,
  type DispatchResult,
  type KeyDispatcher,
} from "./dispatch";
export {
  ACTION_GROUPS,
  DEFAULT_SHORTCUTS,
  LABEL_SLOTS,
  labelSlotOf,
  type DefaultActionId,
  type LabelActionId,
  type LabelSlot,
} from "./defaultShortcuts";
export { simulatedKeyDown, simulatedKeyPresses } from "./simulatedKeys";
export { menuSections, searchActions, type MenuItem, type MenuSection } from "./menu";
