// The annotation formats of GET /api/server/annotation/formats, as the export and import dialogs
// offer them: matched to the object's dimension, disabled ones kept visible but not selectable.

export interface DatasetFormat {
  name: string;
  /** Accepted or produced file kinds, comma-separated upper-case extensions ("XML, ZIP"). */
  ext: string;
  version: string;
  enabled: boolean;
  dimension: string;
}

export interface DatasetFormats {
  importers: DatasetFormat[];
  exporters: DatasetFormat[];
}

export interface FormatOption {
  value: string;
  label: string;
  disabled: boolean;
}

/** What CVAT's own dialogs preselect: its XML formats. */
const PREFERRED_EXPORT = "CVAT for images 1.1";
const PREFERRED_IMPORT = "CVAT 1.1";

/** Formats for an object of this dimension; an unknown dimension (no data yet) admits them all. */
export function formatsFor(formats: DatasetFormat[], dimension: string | null | undefined): DatasetFormat[] {
  if (!dimension) return formats;
  return formats.filter((format) => !format.dimension || format.dimension === dimension);
}

export function formatOptions(formats: DatasetFormat[]): FormatOption[] {
  return formats.map((format) => ({
    value: format.name,
    label: format.enabled ? format.name : `${format.name} (not available)`,
    disabled: !format.enabled,
  }));
}

export function defaultFormat(formats: DatasetFormat[], kind: "export" | "import"): string | undefined {
  const preferred = kind === "export" ? PREFERRED_EXPORT : PREFERRED_IMPORT;
  const enabled = formats.filter((format) => format.enabled);
  return (enabled.find((format) => format.name === preferred) ?? enabled[0])?.name;
}

export function extensionsOf(format: DatasetFormat): string[] {
  return format.ext
    .split(",")
    .map((ext) => ext.trim().toLowerCase())
    .filter(Boolean)
    .map((ext) => `.${ext}`);
}

/** The file picker's `accept` attribute for a format. */
export function acceptFor(format: DatasetFormat | undefined): string | undefined {
  if (!format) return undefined;
  return extensionsOf(format).join(",");
}

/** Why a file cannot be imported in this format, or null when its extension fits. */
export function fileMismatch(fileName: string, format: DatasetFormat | undefined): string | null {
  if (!format) return null;
  const allowed = extensionsOf(format);
  if (allowed.length === 0) return null;
  const lower = fileName.toLowerCase();
  if (allowed.some((ext) => lower.endsWith(ext))) return null;
  return `${format.name} reads ${allowed.join(" or ")} files; "${fileName}" is not one.`;
}

/** The query of POST …/dataset/export: a custom name is sent only when given. */
export function exportQuery(format: string, saveImages: boolean, fileName: string): Record<string, string> {
  const query: Record<string, string> = { format, save_images: saveImages ? "true" : "false" };
  const name = fileName.trim();
  if (name) query.filename = name;
  return query;
}
