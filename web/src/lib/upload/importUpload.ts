// Sending one annotation or dataset file to an import endpoint: a small file in one multipart
// body, a big one by CVAT's Upload-Start → TUS → Upload-Finish; both end with the import's rq_id.
import { requestJson } from "../../api/client";
import { uploadWithProgress } from "../../components/requests/uploadWithProgress";
import { uploadFileWithTus } from "./tusUpload";
import { goesByTus } from "./uploadPlan";
import { throwIfCancelled, uploadStepHeaders, withQuery } from "./uploadProtocol";

export interface ImportFileUpload {
  /** The import endpoint, e.g. /api/projects/3/dataset. */
  path: string;
  /** The multipart field of the one-request way (annotation_file, dataset_file). */
  field: string;
  /** The import's parameters (format, conv_mask_to_poly, import_mode…). */
  query: Record<string, string>;
  file: File;
  onProgress: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

interface Accepted {
  rq_id: string;
}

export async function uploadImportFile(upload: ImportFileUpload): Promise<string> {
  const { path, field, query, file, onProgress, signal } = upload;
  if (!goesByTus(file.size)) {
    const form = new FormData();
    form.append(field, file, file.name);
    const accepted = await uploadWithProgress<Accepted>(withQuery(path, query), form, onProgress, { signal });
    return accepted.rq_id;
  }
  // Upload-Start checks the format before any byte travels and clears an earlier attempt.
  await requestJson(withQuery(path, { ...query, filename: file.name }), {
    method: "POST",
    headers: uploadStepHeaders("start"),
    signal,
  });
  const { filename } = await uploadFileWithTus(file, {
    endpoint: path,
    onProgress: (loaded) => onProgress(loaded, file.size),
    signal,
  });
  throwIfCancelled(signal);
  onProgress(file.size, file.size);
  const accepted = await requestJson<Accepted>(withQuery(path, { ...query, filename }), {
    method: "POST",
    headers: uploadStepHeaders("finish"),
    signal,
  });
  return accepted.rq_id;
}
