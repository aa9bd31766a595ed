// The create task form's values and what they become: the body of POST /api/tasks and the data
// parameters of POST /api/tasks/{id}/data (CVAT's DataRequest fields).
import type { components } from "../../api/schema.gen";
import type { LabelRequest } from "../../api/types";
import type { TaskMediaSelection } from "../../components/files/MediaSourceTabs";
import { parseRemoteUrls } from "../../components/files/fileSelection";
import type { DataParams } from "../../components/files/uploadTaskData";

type TaskWriteRequest = components["schemas"]["TaskWriteRequest"];

export const SORTING_METHODS = ["lexicographical", "natural", "predefined", "random"] as const;
export type SortingMethod = (typeof SORTING_METHODS)[number];

/** "Advanced configuration"; empty numbers mean "let the server decide". */
export interface AdvancedOptions {
  imageQuality: number;
  overlap: number | null;
  segmentSize: number | null;
  startFrame: number | null;
  stopFrame: number | null;
  frameStep: number | null;
  chunkSize: number | null;
  sortingMethod: SortingMethod;
  useCache: boolean;
  useZipChunks: boolean;
  copyData: boolean;
  bugTracker: string;
}

export const DEFAULT_ADVANCED: AdvancedOptions = {
  imageQuality: 70,
  overlap: null,
  segmentSize: null,
  startFrame: null,
  stopFrame: null,
  frameStep: null,
  chunkSize: null,
  sortingMethod: "lexicographical",
  useCache: true,
  useZipChunks: true,
  copyData: false,
  bugTracker: "",
};

export interface TaskBasics {
  name: string;
  projectId: number | null;
  subset: string;
}

const present = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/** Problems of the advanced options, keyed by option (the form shows them in place). */
export function checkAdvanced(options: AdvancedOptions): Partial<Record<keyof AdvancedOptions, string>> {
  const issues: Partial<Record<keyof AdvancedOptions, string>> = {};
  if (!(options.imageQuality >= 1 && options.imageQuality <= 100)) {
    issues.imageQuality = "Image quality is between 1 and 100.";
  }
  if (present(options.startFrame) && present(options.stopFrame) && options.stopFrame < options.startFrame) {
    issues.stopFrame = "The stop frame comes before the start frame.";
  }
  if (present(options.frameStep) && options.frameStep < 1) issues.frameStep = "The frame step is at least 1.";
  if (present(options.chunkSize) && options.chunkSize < 1) issues.chunkSize = "A chunk holds at least 1 frame.";
  if (present(options.segmentSize) && present(options.overlap) && options.segmentSize > 0) {
    if (options.overlap >= options.segmentSize) issues.overlap = "The overlap must be smaller than the segment size.";
  }
  if (/^\s*\S/.test(options.bugTracker)) {
    try {
      const url = new URL(options.bugTracker.trim());
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    } catch {
      issues.bugTracker = "The issue tracker must be an http(s) address.";
    }
  }
  return issues;
}

/** The body of POST /api/tasks. A task in a project takes the project's labels. */
export function taskRequestBody(basics: TaskBasics, options: AdvancedOptions, labels: LabelRequest[]): TaskWriteRequest {
  return {
    name: basics.name.trim(),
    ...(basics.projectId !== null ? { project_id: basics.projectId } : { labels }),
    subset: basics.projectId !== null ? basics.subset.trim() : "",
    bug_tracker: options.bugTracker.trim(),
    segment_size: options.segmentSize ?? 0,
    ...(present(options.overlap) ? { overlap: options.overlap } : {}),
    consensus_replicas: 0,
  };
}

/** The data parameters for the chosen media source (files themselves travel separately). */
export function dataParams(options: AdvancedOptions, selection: TaskMediaSelection): DataParams {
  const params: DataParams = {
    image_quality: options.imageQuality,
    use_zip_chunks: options.useZipChunks,
    use_cache: options.useCache,
    sorting_method: options.sortingMethod,
  };
  if (present(options.startFrame)) params.start_frame = options.startFrame;
  if (present(options.stopFrame)) params.stop_frame = options.stopFrame;
  if (present(options.frameStep) && options.frameStep > 1) params.frame_filter = `step=${options.frameStep}`;
  if (present(options.chunkSize)) params.chunk_size = options.chunkSize;
  switch (selection.source) {
    case "local":
      // "Predefined" order is the order of the list the user sees.
      if (options.sortingMethod === "predefined" && !selection.manifest) {
        params.upload_file_order = selection.localFiles.map((f) => f.name);
      }
      break;
    case "share":
      params.server_files = selection.sharePaths;
      if (options.copyData) params.copy_data = true;
      break;
    case "remote":
      params.remote_files = parseRemoteUrls(selection.remoteText).urls;
      break;
  }
  return params;
}

/** The files to upload: the media and, when given, the manifest. */
export function uploadFiles(selection: TaskMediaSelection): File[] {
  if (selection.source !== "local") return [];
  const files = selection.localFiles.map((f) => f.file);
  return selection.manifest ? [...files, selection.manifest.file] : files;
}
