// A multipart POST through XMLHttpRequest, because fetch cannot report upload progress.
import { commonHeaders } from "../../api/client";
import { cancelledError, uploadFailure } from "../../lib/upload/uploadProtocol";

export interface UploadRequestOptions {
  /** Extra headers, e.g. the Upload-Multiple step of a batched upload. */
  headers?: Record<string, string>;
  /** Aborting it stops the transfer; the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

export function uploadWithProgress<T>(
  url: string,
  form: FormData,
  onProgress: (loaded: number, total: number) => void,
  options: UploadRequestOptions = {},
): Promise<T> {
  const { headers = {}, signal } = options;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const settle = () => signal?.removeEventListener("abort", onAbort);
    xhr.open("POST", url);
    xhr.withCredentials = true;
    for (const [key, value] of Object.entries({ ...commonHeaders("POST"), ...headers })) xhr.setRequestHeader(key, value);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      settle();
      if (xhr.status >= 200 && xhr.status < 300) resolve(parseBody(xhr.responseText) as T);
      else reject(uploadFailure(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => {
      settle();
      reject(uploadFailure(0, ""));
    };
    xhr.onabort = () => {
      settle();
      reject(cancelledError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    xhr.send(form);
  });
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
