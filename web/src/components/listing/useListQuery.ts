// Fetches one page of a list for the URL's state (quick filters And-ed in) and keeps the
// previous page on screen while the next one loads.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { ApiError } from "../../api/errors";
import type { Page } from "../../api/types";
import { useSession } from "../../lib/session";
import type { ListConfig } from "./listConfig";
import { serverQuery, type ServerListQuery } from "./listState";
import { quickFilterLogic } from "./quickFilters";
import type { ListStateControls } from "./useListState";

export function useListQuery<T>(
  config: ListConfig,
  controls: ListStateControls,
  fetchPage: (query: ServerListQuery) => Promise<Page<T>>,
  /** What else narrows the list (e.g. a project id), so it is part of the cache key. */
  scope: Record<string, unknown> = {},
) {
  const { user } = useSession();
  const { state, change } = controls;
  const query = useMemo(
    () => serverQuery(state, quickFilterLogic(state.quick, config.quickFilters, user)),
    [state, config.quickFilters, user],
  );
  const result = useQuery({
    queryKey: [config.resource, "list", query, scope],
    queryFn: () => fetchPage(query),
    placeholderData: keepPreviousData,
  });

  // A page past the end (the last item of the last page was deleted) is "Invalid page." (404).
  const pageGone = result.error instanceof ApiError && result.error.status === 404 && state.page > 1;
  useEffect(() => {
    if (pageGone) change({ page: 1 }, { replace: true });
  }, [pageGone, change]);

  return result;
}
