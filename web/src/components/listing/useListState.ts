// A list page's state kept in the URL: every change is a history entry, so back/forward and
// reloads show the same list.
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { applyChange, readListState, writeListState, type ListDefaults, type ListState } from "./listState";

export interface ListStateControls {
  state: ListState;
  /** Changes the state; anything but the page also goes back to page 1. */
  change: (change: Partial<ListState>, options?: { replace?: boolean }) => void;
  clearFilters: () => void;
}

export function useListState(defaults: ListDefaults): ListStateControls {
  const [params, setParams] = useSearchParams();
  const { pageSize, sort } = defaults;
  const state = useMemo(() => readListState(params, { pageSize, sort }), [params, pageSize, sort]);

  const change = useCallback(
    (next: Partial<ListState>, options?: { replace?: boolean }) => {
      setParams(
        (current) => {
          const known = { pageSize, sort };
          return writeListState(applyChange(readListState(current, known), next), known, current);
        },
        { replace: options?.replace },
      );
    },
    [setParams, pageSize, sort],
  );

  const clearFilters = useCallback(() => change({ search: "", filter: "", quick: [] }), [change]);
  return { state, change, clearFilters };
}
