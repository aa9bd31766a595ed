// The user's preferences for the annotation editor, as stored by GET/PATCH /api/users/self/settings.
//
// The server keeps one free-form JSON document per user with three sections (player, workspace,
// shortcuts); this module is where its keys, types, ranges and defaults are defined. Only values
// that differ from the defaults are stored, so a changed default reaches everyone who never chose
// otherwise. Anything stored that no longer fits (an old client's key, a value out of range) is
// ignored in favour of the default rather than trusted. Pure: no React, no network.

/** How fast "Play" runs through frames; the editor maps these to frame rates. */
export const FRAME_SPEEDS = ["fastest", "fast", "usual", "slow", "slower", "slowest"] as const;
export type FrameSpeed = (typeof FRAME_SPEEDS)[number];

/** Where an object's details are drawn: wherever there is room, or centred on the object. */
export const TEXT_POSITIONS = ["auto", "center"] as const;
export type TextPosition = (typeof TEXT_POSITIONS)[number];

/** What the details drawn next to an object on the canvas contain. */
export const TEXT_CONTENTS = ["id", "label", "attributes", "source", "descriptions", "dimensions"] as const;
export type TextContent = (typeof TEXT_CONTENTS)[number];

export interface PlayerSettings {
  /** Frames skipped by the step-forward / step-back buttons (CVAT's V and C keys). */
  frameStep: number;
  /** Playback speed of the Play button. */
  frameSpeed: FrameSpeed;
  /** Fit every new frame to the canvas instead of keeping the previous zoom and position. */
  resetZoom: boolean;
  /** Rotating turns every frame of the job, not only the current one. */
  rotateAll: boolean;
  /** Interpolate pixels when zoomed in (off shows crisp pixels). */
  smoothImage: boolean;
  /** Frames marked deleted still appear in the player (greyed), instead of being skipped. */
  showDeletedFrames: boolean;
  /** Colour behind the image, "#rrggbb". */
  canvasBackgroundColor: string;
}

export interface WorkspaceSettings {
  /** Save annotations periodically without being asked. */
  autoSave: boolean;
  /** Minutes between automatic saves. */
  autoSaveIntervalMinutes: number;
  /** List every track in the objects sidebar, even those hidden on the current frame. */
  showAllInterpolationTracks: boolean;
  /** Draw object details on the canvas for every object, not only the active one. */
  showObjectsTextAlways: boolean;
  /** What object details contain. */
  textContent: TextContent[];
  textPosition: TextPosition;
  /** Font size of object details, in pixels. */
  textFontSize: number;
  /** Snap polygon and polyline points to the borders of existing shapes while drawing. */
  automaticBordering: boolean;
  /** When editing a polygon, keep the larger part instead of asking which part to keep. */
  intelligentPolygonCrop: boolean;
  /** Show frame-level tags in the corner of the canvas. */
  showTagsOnFrame: boolean;
  /** Margin around the object zoomed to in attribute annotation mode, in pixels. */
  aamZoomMargin: number;
  /** Radius of draggable points (vertices, handles), in pixels. */
  controlPointsSize: number;
  /** Detail of polygons made by interactors: 0 keeps the fewest points, the maximum the most. */
  polygonApproximationLevel: number;
}

/** Keyboard shortcuts: an editor action's id → its key sequences (e.g. "ctrl+s"). */
export type ShortcutSettings = Record<string, string[]>;

export interface UserSettings {
  player: PlayerSettings;
  workspace: WorkspaceSettings;
  shortcuts: ShortcutSettings;
}

export type SettingsSection = keyof UserSettings;

/** What `save` takes: the keys to change in any section (values equal to the default are unset). */
export interface SettingsPatch {
  player?: Partial<PlayerSettings>;
  workspace?: Partial<WorkspaceSettings>;
  shortcuts?: Partial<ShortcutSettings>;
}

/** The settings document as the server holds it. */
export interface StoredSettings {
  player?: Record<string, unknown>;
  workspace?: Record<string, unknown>;
  shortcuts?: Record<string, unknown>;
}

/** A JSON merge patch (RFC 7396) for PATCH /api/users/self/settings: null removes a stored key. */
export type SettingsMergePatch = Partial<Record<SettingsSection, Record<string, unknown>>>;

// --- what each key may hold --------------------------------------------------------------------

export interface NumberSpec {
  kind: "number";
  min: number;
  max: number;
  integer: boolean;
}
export interface BooleanSpec {
  kind: "boolean";
}
export interface ChoiceSpec {
  kind: "choice";
  options: readonly string[];
}
export interface ChoicesSpec {
  kind: "choices";
  options: readonly string[];
}
export interface ColorSpec {
  kind: "color";
}
export type ValueSpec = NumberSpec | BooleanSpec | ChoiceSpec | ChoicesSpec | ColorSpec;

const integer = (min: number, max: number): NumberSpec => ({ kind: "number", min, max, integer: true });
const BOOLEAN: BooleanSpec = { kind: "boolean" };
const COLOR: ColorSpec = { kind: "color" };

export const PLAYER_SPECS: { [K in keyof PlayerSettings]: ValueSpec } = {
  frameStep: integer(2, 1000),
  frameSpeed: { kind: "choice", options: FRAME_SPEEDS },
  resetZoom: BOOLEAN,
  rotateAll: BOOLEAN,
  smoothImage: BOOLEAN,
  showDeletedFrames: BOOLEAN,
  canvasBackgroundColor: COLOR,
};

export const WORKSPACE_SPECS: { [K in keyof WorkspaceSettings]: ValueSpec } = {
  autoSave: BOOLEAN,
  autoSaveIntervalMinutes: integer(1, 60),
  showAllInterpolationTracks: BOOLEAN,
  showObjectsTextAlways: BOOLEAN,
  textContent: { kind: "choices", options: TEXT_CONTENTS },
  textPosition: { kind: "choice", options: TEXT_POSITIONS },
  textFontSize: integer(8, 20),
  automaticBordering: BOOLEAN,
  intelligentPolygonCrop: BOOLEAN,
  showTagsOnFrame: BOOLEAN,
  aamZoomMargin: integer(0, 1000),
  controlPointsSize: integer(4, 8),
  polygonApproximationLevel: integer(0, 13),
};

// Ranges the form controls need, named so the UI does not reach into the spec tables.
export const FRAME_STEP_RANGE = PLAYER_SPECS.frameStep as NumberSpec;
export const AUTO_SAVE_INTERVAL_RANGE = WORKSPACE_SPECS.autoSaveIntervalMinutes as NumberSpec;
export const TEXT_FONT_SIZE_RANGE = WORKSPACE_SPECS.textFontSize as NumberSpec;
export const AAM_ZOOM_MARGIN_RANGE = WORKSPACE_SPECS.aamZoomMargin as NumberSpec;
export const CONTROL_POINTS_SIZE_RANGE = WORKSPACE_SPECS.controlPointsSize as NumberSpec;
export const POLYGON_APPROXIMATION_RANGE = WORKSPACE_SPECS.polygonApproximationLevel as NumberSpec;

// The defaults are CVAT's, so people moving over find the editor as they left it.
export const DEFAULT_SETTINGS: UserSettings = {
  player: {
    frameStep: 10,
    frameSpeed: "usual",
    resetZoom: false,
    rotateAll: false,
    smoothImage: true,
    showDeletedFrames: false,
    canvasBackgroundColor: "#ffffff",
  },
  workspace: {
    autoSave: false,
    autoSaveIntervalMinutes: 15,
    showAllInterpolationTracks: false,
    showObjectsTextAlways: false,
    textContent: ["id", "label", "attributes", "source", "descriptions"],
    textPosition: "auto",
    textFontSize: 14,
    automaticBordering: false,
    intelligentPolygonCrop: true,
    showTagsOnFrame: true,
    aamZoomMargin: 100,
    controlPointsSize: 5,
    polygonApproximationLevel: 9,
  },
  shortcuts: {},
};

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** The value if it fits the spec (normalised: colours lower-case, choices de-duplicated), else undefined. */
export function parseValue(spec: ValueSpec, value: unknown): unknown {
  switch (spec.kind) {
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
      if (spec.integer && !Number.isInteger(value)) return undefined;
      return value >= spec.min && value <= spec.max ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
    case "choice":
      return typeof value === "string" && spec.options.includes(value) ? value : undefined;
    case "choices":
      if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && spec.options.includes(item))) {
        return undefined;
      }
      // Kept in the options' order, so two selections of the same items compare equal.
      return spec.options.filter((option) => value.includes(option));
    case "color":
      return typeof value === "string" && HEX_COLOR.test(value) ? value.toLowerCase() : undefined;
  }
}

function resolveSection<T extends object>(
  specs: { [K in keyof T]: ValueSpec },
  defaults: T,
  stored: Record<string, unknown> | undefined,
): T {
  const resolved = { ...defaults };
  if (!stored) return resolved;
  for (const key of Object.keys(specs) as (keyof T & string)[]) {
    const value = parseValue(specs[key], stored[key]);
    if (value !== undefined) resolved[key] = value as T[typeof key];
  }
  return resolved;
}

function resolveShortcuts(stored: Record<string, unknown> | undefined): ShortcutSettings {
  const shortcuts: ShortcutSettings = {};
  for (const [action, keys] of Object.entries(stored ?? {})) {
    if (Array.isArray(keys) && keys.every((key) => typeof key === "string")) shortcuts[action] = [...keys];
  }
  return shortcuts;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The settings to use: the defaults, overridden by every stored value that still fits. */
export function resolveSettings(stored: StoredSettings | null | undefined): UserSettings {
  return {
    player: resolveSection(PLAYER_SPECS, DEFAULT_SETTINGS.player, asRecord(stored?.player)),
    workspace: resolveSection(WORKSPACE_SPECS, DEFAULT_SETTINGS.workspace, asRecord(stored?.workspace)),
    shortcuts: resolveShortcuts(asRecord(stored?.shortcuts)),
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  return a === b;
}

function sectionPatch<T extends object>(
  specs: { [K in keyof T]: ValueSpec },
  defaults: T,
  changes: Partial<T> | undefined,
): Record<string, unknown> | undefined {
  if (!changes) return undefined;
  const patch: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(changes)) {
    const spec = specs[key as keyof T];
    if (!spec || raw === undefined) continue;
    const value = parseValue(spec, raw);
    if (value === undefined) throw new RangeError(`Setting "${key}" cannot be ${JSON.stringify(raw)}.`);
    patch[key] = sameValue(value, defaults[key as keyof T]) ? null : value;
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * The merge patch that applies `changes`: values equal to the default become null (the stored
 * key is removed). Throws RangeError for a value that does not fit its setting.
 */
export function toMergePatch(changes: SettingsPatch): SettingsMergePatch {
  const patch: SettingsMergePatch = {};
  const player = sectionPatch(PLAYER_SPECS, DEFAULT_SETTINGS.player, changes.player);
  const workspace = sectionPatch(WORKSPACE_SPECS, DEFAULT_SETTINGS.workspace, changes.workspace);
  if (player) patch.player = player;
  if (workspace) patch.workspace = workspace;
  if (changes.shortcuts) {
    const shortcuts: Record<string, unknown> = {};
    for (const [action, keys] of Object.entries(changes.shortcuts)) {
      if (keys !== undefined) shortcuts[action] = keys.length > 0 ? [...keys] : null;
    }
    if (Object.keys(shortcuts).length > 0) patch.shortcuts = shortcuts;
  }
  return patch;
}

function withoutUndefined<T extends object>(changes: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(changes ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** `settings` with `changes` applied, as the server will have them once the patch is saved. */
export function applyPatch(settings: UserSettings, changes: SettingsPatch): UserSettings {
  const shortcuts: ShortcutSettings = { ...settings.shortcuts };
  for (const [action, keys] of Object.entries(changes.shortcuts ?? {})) {
    if (keys === undefined) continue;
    if (keys.length > 0) shortcuts[action] = [...keys];
    else delete shortcuts[action];
  }
  return resolveSettings({
    player: { ...settings.player, ...withoutUndefined(changes.player) },
    workspace: { ...settings.workspace, ...withoutUndefined(changes.workspace) },
    shortcuts,
  });
}
