// Files chosen on the user's computer, with the folder path they were found under, from the
// file picker, the folder picker or a drop of files and folders.
import type { FileLike } from "./fileSelection";

export interface LocalFile extends FileLike {
  file: File;
  webkitRelativePath: string;
}

export function toLocalFile(file: File, path = ""): LocalFile {
  return { file, name: file.name, size: file.size, webkitRelativePath: path || file.webkitRelativePath || "" };
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: LocalFile[]): Promise<void> {
  if (entry.isFile) {
    const path = entry.fullPath.replace(/^\//, "");
    out.push(toLocalFile(await entryFile(entry as FileSystemFileEntry), path.includes("/") ? path : ""));
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches; an empty batch ends the folder.
  for (;;) {
    const batch = await readEntries(reader);
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}

/** Every file of a drop, descending into dropped folders. */
export async function droppedFiles(transfer: DataTransfer): Promise<LocalFile[]> {
  const entries = [...transfer.items]
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.every((e) => e === null)) return [...transfer.files].map((f) => toLocalFile(f));
  const out: LocalFile[] = [];
  for (const entry of entries) if (entry) await walk(entry, out);
  return out;
}

// Files no one means to annotate, picked up when a whole folder is chosen.
const HIDDEN = /(^|\/)\.|(^|\/)(Thumbs\.db|desktop\.ini)$/i;

export function withoutHiddenFiles(files: LocalFile[]): LocalFile[] {
  return files.filter((f) => !HIDDEN.test(f.webkitRelativePath || f.name));
}
