// Sending a task's media. Local files travel by CVAT's upload protocol: Upload-Start, the small
// files in Upload-Multiple batches and each big file by TUS in chunks, then Upload-Finish with the
// data parameters; share paths and URLs are one JSON body. Then the creation request is followed.
import { api, request, requestJson, unwrap } from "../../api/client";
import type { BackgroundRequest } from "../../api/types";
import { uploadFileWithTus } from "../../lib/upload/tusUpload";
import { planUpload } from "../../lib/upload/uploadPlan";
import {
  multipartShare,
  startProgress,
  totalProgress,
  withPartLoaded,
  type ByteProgress,
} from "../../lib/upload/uploadProgress";
import { throwIfCancelled, uploadStepHeaders } from "../../lib/upload/uploadProtocol";
import { uploadWithProgress } from "../requests/uploadWithProgress";

export type DataParams = Record<string, string | number | boolean | string[]>;

export type UploadProgress = ByteProgress;

/** One Upload-Multiple batch: the server keeps each file under its base name. */
export function batchFormData(files: readonly File[]): FormData {
  const form = new FormData();
  files.forEach((file, i) => form.append(`client_files[${i}]`, file, file.name));
  return form;
}

function dataEndpoint(taskId: number): string {
  return `/api/tasks/${taskId}/data`;
}

/**
 * Uploads files with the data parameters; resolves with the creation request's id. Aborting
 * `signal` stops the transfer at once and rejects with an AbortError.
 */
export async function uploadTaskData(
  taskId: number,
  files: File[],
  params: DataParams,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  const endpoint = dataEndpoint(taskId);
  const parts = planUpload(files);
  let progress = startProgress(parts.map((part) => part.bytes));
  const report = (index: number, loaded: number) => {
    progress = withPartLoaded(progress, index, loaded);
    onProgress(totalProgress(progress));
  };
  onProgress(totalProgress(progress));

  await request(endpoint, { method: "POST", headers: uploadStepHeaders("start"), signal });
  for (const [index, part] of parts.entries()) {
    throwIfCancelled(signal);
    if (part.kind === "tus") {
      await uploadFileWithTus(part.file, { endpoint, onProgress: (loaded) => report(index, loaded), signal });
    } else {
      await uploadWithProgress(
        endpoint,
        batchFormData(part.files),
        (sent, total) => report(index, multipartShare(sent, total, part.bytes)),
        { headers: uploadStepHeaders("multiple"), signal },
      );
    }
    report(index, part.bytes);
  }
  throwIfCancelled(signal);
  const accepted = await requestJson<{ rq_id: string }>(endpoint, {
    method: "POST",
    headers: uploadStepHeaders("finish"),
    body: JSON.stringify(params),
    signal,
  });
  return accepted.rq_id;
}

/** Starts creation from share paths or URLs (nothing to upload). */
export async function startTaskData(taskId: number, params: DataParams): Promise<string> {
  const body = await requestJson<{ rq_id: string }>(dataEndpoint(taskId), {
    method: "POST",
    body: JSON.stringify(params),
  });
  return body.rq_id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls a background request until it ends; a failed request throws its message. Aborting
 * `signal` stops the polling (the request itself goes on until its task is deleted).
 */
export async function waitForRequest(
  requestId: string,
  onUpdate: (request: BackgroundRequest) => void,
  intervalMs = 1000,
  signal?: AbortSignal,
): Promise<BackgroundRequest> {
  for (;;) {
    throwIfCancelled(signal);
    const request = await unwrap(
      api.GET("/api/requests/{request_id}", { params: { path: { request_id: requestId } } }),
    );
    onUpdate(request);
    if (request.status === "finished") return request;
    if (request.status === "failed") throw new Error(request.message || "The server could not create the task.");
    await sleep(intervalMs);
  }
}
