// The server's annotation formats, fetched once per session (they change only with the server).
import { useQuery } from "@tanstack/react-query";
import { requestJson } from "../../api/client";
import type { DatasetFormats } from "./datasetFormats";

export function useDatasetFormats() {
  return useQuery({
    queryKey: ["server", "annotation-formats"],
    queryFn: () => requestJson<DatasetFormats>("/api/server/annotation/formats"),
    staleTime: Infinity,
  });
}
