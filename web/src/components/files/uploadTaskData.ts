// Sending a task's media: one multipart request through XHR (so upload progress is reported)
// for local files, a JSON body for share paths and URLs; then following the creation request.
import { api, commonHeaders, requestJson, unwrap } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { BackgroundRequest } from "../../api/types";

export type DataParams = Record<string, string | number | boolean | string[]>;

export interface UploadProgress {
  loaded: number;
  total: number;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text || undefined;
  }
}

/** Multipart fields the server reads: lists as `name[i]`, booleans as true/false. */
export function dataFormData(files: File[], params: DataParams): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) value.forEach((item, i) => form.append(`${name}[${i}]`, item));
    else form.append(name, String(value));
  }
  files.forEach((file, i) => form.append(`client_files[${i}]`, file, file.name));
  return form;
}

/** Uploads files with the data parameters; resolves with the creation request's id. */
export function uploadTaskData(
  taskId: number,
  files: File[],
  params: DataParams,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/tasks/${taskId}/data`);
    xhr.withCredentials = true;
    for (const [key, value] of Object.entries(commonHeaders("POST"))) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((body as { rq_id?: string } | undefined)?.rq_id ?? "");
      } else {
        reject(new ApiError(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(new TypeError("the upload was interrupted"));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(dataFormData(files, params));
  });
}

/** Starts creation from share paths or URLs (nothing to upload). */
export async function startTaskData(taskId: number, params: DataParams): Promise<string> {
  const body = await requestJson<{ rq_id: string }>(`/api/tasks/${taskId}/data`, {
    method: "POST",
    body: JSON.stringify(params),
  });
  return body.rq_id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls a background request until it ends; a failed request throws its message. */
export async function waitForRequest(
  requestId: string,
  onUpdate: (request: BackgroundRequest) => void,
  intervalMs = 1000,
): Promise<BackgroundRequest> {
  for (;;) {
    const request = await unwrap(
      api.GET("/api/requests/{request_id}", { params: { path: { request_id: requestId } } }),
    );
    onUpdate(request);
    if (request.status === "finished") return request;
    if (request.status === "failed") throw new Error(request.message || "The server could not create the task.");
    await sleep(intervalMs);
  }
}
