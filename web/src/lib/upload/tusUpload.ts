// One file through TUS. tus-js-client 4 fits the server's TUS subset (create with Upload-Length
// and a filename in Upload-Metadata, PATCH chunks, HEAD for the offset after a dropped
// connection), so we use it; we add the session headers to each request, keep the
// Upload-Filename the server chose, and turn its errors into the app's (server words first).
import { DetailedError, Upload, type HttpRequest, type HttpResponse } from "tus-js-client";
import { commonHeaders } from "../../api/client";
import { tusChunkSize } from "./uploadPlan";
import { cancelledError, shouldRetryTus, uploadFailure } from "./uploadProtocol";

export interface TusFileOptions {
  /** The creation URL (e.g. /api/tasks/7/data); chunks go to the Location it answers. */
  endpoint: string;
  onProgress: (loaded: number) => void;
  signal?: AbortSignal;
}

export interface TusFileResult {
  /** The name the server stored the file under: what Upload-Finish of an import must name. */
  filename: string;
}

/** Pauses between retries of a dropped request; each retry resumes from the server's offset. */
const RETRY_DELAYS_MS = [0, 1000, 3000, 5000];

function asAppError(error: Error): Error {
  if (!(error instanceof DetailedError)) return error;
  const response = error.originalResponse;
  return response ? uploadFailure(response.getStatus(), response.getBody() ?? "") : uploadFailure(0, "");
}

export function uploadFileWithTus(file: File, { endpoint, onProgress, signal }: TusFileOptions): Promise<TusFileResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    let filename = file.name;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const upload = new Upload(file, {
      endpoint,
      chunkSize: tusChunkSize(file.size),
      metadata: { filename: file.name },
      retryDelays: RETRY_DELAYS_MS,
      // Resuming across page loads would need the server's staging to outlive Upload-Start; it does not.
      storeFingerprintForResuming: false,
      onBeforeRequest: (req: HttpRequest) => {
        for (const [key, value] of Object.entries(commonHeaders(req.getMethod()))) req.setHeader(key, value);
      },
      onAfterResponse: (req: HttpRequest, res: HttpResponse) => {
        const stored = res.getHeader("Upload-Filename");
        if (req.getMethod() === "POST" && stored) filename = stored;
      },
      onShouldRetry: (error) =>
        shouldRetryTus(error.originalRequest?.getMethod() ?? "", error.originalResponse?.getStatus() ?? 0),
      onProgress: (sent) => onProgress(sent),
      onSuccess: () => settle(() => resolve({ filename })),
      onError: (error) => settle(() => reject(asAppError(error))),
    });
    // abort(false): the server has no TUS termination; the next Upload-Start clears the staging.
    const onAbort = () => settle(() => {
      void upload.abort(false);
      reject(cancelledError());
    });
    signal?.addEventListener("abort", onAbort, { once: true });
    upload.start();
  });
}
