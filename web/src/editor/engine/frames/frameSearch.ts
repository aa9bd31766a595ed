/**
 * The top bar's "search frame by filename": case-insensitive substring match over the job's
 * frame names, best matches first, so typing `0042` or `cam2/img_0042` finds the frame fast.
 */
import type { JobFrames } from "./meta";
import { type NavigationOptions, isVisitable } from "./navigation";

export interface FrameNameMatch {
  readonly frame: number;
  readonly name: string;
  /** Lower is better; see `rankName`. */
  readonly rank: number;
}

export const NameRank = {
  /** The whole path, the file name or the file name without extension equals the query. */
  Exact: 0,
  /** The file name starts with the query. */
  FileNamePrefix: 1,
  /** The path starts with the query (a folder typed first). */
  PathPrefix: 2,
  /** The file name contains the query. */
  InFileName: 3,
  /** Only the folder part contains the query. */
  InPath: 4,
} as const;

export type NameRank = (typeof NameRank)[keyof typeof NameRank];

/** How well `name` matches `query` (both compared lower-case), or null when it does not. */
export function rankName(name: string, query: string): NameRank | null {
  const path = name.toLowerCase();
  const needle = query.trim().toLowerCase();
  if (needle === "" || !path.includes(needle)) return null;
  const fileName = path.slice(path.lastIndexOf("/") + 1);
  const dot = fileName.lastIndexOf(".");
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  if (path === needle || fileName === needle || stem === needle) return NameRank.Exact;
  if (fileName.startsWith(needle)) return NameRank.FileNamePrefix;
  if (path.startsWith(needle)) return NameRank.PathPrefix;
  if (fileName.includes(needle)) return NameRank.InFileName;
  return NameRank.InPath;
}

/**
 * Frames whose name matches `query`, best rank first, then in frame order; at most `limit`.
 * Hidden deleted frames are left out. Video frames all share the video's name, so a video job
 * has nothing to search.
 */
export function searchFramesByName(
  frames: JobFrames,
  query: string,
  options: NavigationOptions & { readonly limit?: number },
): FrameNameMatch[] {
  const limit = options.limit ?? 10;
  if (frames.isVideo || limit <= 0 || query.trim() === "") return [];
  const matches: FrameNameMatch[] = [];
  for (const frame of frames.frames) {
    if (!isVisitable(frames, frame, options)) continue;
    const name = frames.frameName(frame);
    if (name === null) continue;
    const rank = rankName(name, query);
    if (rank !== null) matches.push({ frame, name, rank });
  }
  matches.sort((a, b) => a.rank - b.rank || a.frame - b.frame);
  return matches.slice(0, limit);
}
