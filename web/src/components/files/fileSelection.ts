// What the user chose as a task's media: local files, paths on the connected share, or remote
// URLs (one source per task, as the server requires), and the checks before anything is sent.

export type MediaSource = "local" | "share" | "remote";

/** The parts of a File this logic needs (so tests can pass plain objects). */
export interface FileLike {
  name: string;
  size: number;
  /** Set for files chosen through a folder picker or dropped folders: "folder/sub/name.png". */
  webkitRelativePath?: string;
}

export interface MediaSelection<F extends FileLike = File> {
  source: MediaSource;
  localFiles: F[];
  /** An optional manifest.jsonl uploaded with local files. */
  manifest: F | null;
  sharePaths: string[];
  remoteText: string;
}

export function emptySelection<F extends FileLike = File>(): MediaSelection<F> {
  return { source: "local", localFiles: [], manifest: null, sharePaths: [], remoteText: "" };
}

export function displayPath(file: FileLike): string {
  return file.webkitRelativePath || file.name;
}

/** Adds files, skipping ones already chosen (same path and size). */
export function addFiles<F extends FileLike>(current: F[], added: F[]): F[] {
  const seen = new Set(current.map((f) => `${displayPath(f)}\u0000${f.size}`));
  const result = [...current];
  for (const file of added) {
    const key = `${displayPath(file)}\u0000${file.size}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(file);
  }
  return result;
}

export function totalSize(files: FileLike[]): number {
  return files.reduce((sum, f) => sum + f.size, 0);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

export interface RemoteUrls {
  urls: string[];
  invalid: string[];
}

/** One URL a line; blank lines ignored; only http(s) is fetched by the server. */
export function parseRemoteUrls(text: string): RemoteUrls {
  const urls: string[] = [];
  const invalid: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    if (!entry) continue;
    let ok = false;
    try {
      const url = new URL(entry);
      ok = (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      ok = false;
    }
    (ok ? urls : invalid).push(entry);
  }
  return { urls, invalid };
}

/** Upload names are base names on the server: two chosen files with one name would collide. */
export function duplicateNames(files: FileLike[]): string[] {
  const counts = new Map<string, number>();
  for (const file of files) counts.set(file.name, (counts.get(file.name) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([name]) => name);
}

/** Why the selection cannot be sent yet, or null when it can. */
export function checkSelection(selection: MediaSelection<FileLike>): string | null {
  switch (selection.source) {
    case "local": {
      if (selection.localFiles.length === 0) return "Choose files or folders to upload.";
      const repeated = duplicateNames(
        selection.manifest ? [...selection.localFiles, selection.manifest] : selection.localFiles,
      );
      if (repeated.length) {
        return `Several chosen files are named ${repeated.slice(0, 3).map((n) => `"${n}"`).join(", ")}; rename or remove them.`;
      }
      return null;
    }
    case "share":
      return selection.sharePaths.length === 0 ? "Choose files or folders on the connected file share." : null;
    case "remote": {
      const { urls, invalid } = parseRemoteUrls(selection.remoteText);
      if (invalid.length) return `Not an http(s) address: ${invalid[0]}`;
      return urls.length === 0 ? "Enter at least one URL, one per line." : null;
    }
  }
}

/** A short description of the selection for the form ("12 files, 3.4 MiB"). */
export function describeSelection(selection: MediaSelection<FileLike>): string {
  switch (selection.source) {
    case "local": {
      const n = selection.localFiles.length;
      return `${n} file${n === 1 ? "" : "s"}, ${formatBytes(totalSize(selection.localFiles))}`;
    }
    case "share": {
      const n = selection.sharePaths.length;
      return `${n} item${n === 1 ? "" : "s"} on the share`;
    }
    case "remote": {
      const n = parseRemoteUrls(selection.remoteText).urls.length;
      return `${n} URL${n === 1 ? "" : "s"}`;
    }
  }
}

export function isManifestName(name: string): boolean {
  return name.toLowerCase().endsWith(".jsonl");
}
