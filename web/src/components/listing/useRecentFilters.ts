// The Recent filters of one list, read from and written to localStorage.
import { useCallback, useState } from "react";
import { pushRecent, readRecent, recentFiltersKey, writeRecent } from "../filters/recentFilters";

export function useRecentFilters(list: string): { recent: string[]; remember: (filter: string) => void } {
  const key = recentFiltersKey(list);
  const [recent, setRecent] = useState(() => readRecent(localStorage, key));
  const remember = useCallback(
    (filter: string) => {
      setRecent((current) => {
        const next = pushRecent(current, filter);
        writeRecent(localStorage, key, next);
        return next;
      });
    },
    [key],
  );
  return { recent, remember };
}
