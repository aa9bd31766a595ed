// Steady props for memoised components: a component that skips a render must not keep calling the
// callbacks of the render it skipped. Each function of the object is replaced by a stand-in that
// calls the latest render's version, and the object itself changes only when one of its other
// values does. The top bar and the controls then skip the renders that a drag (one document
// change per pointer move) gives the workspace (bench/editor_render's drag).
import { useRef } from "react";

type AnyFunction = (...args: never[]) => unknown;

/** `value` with stable stand-ins for its functions; the same object while its other values are unchanged (Object.is). */
export function useSteady<T extends object>(value: T): T {
  const latest = useRef(value);
  latest.current = value;
  const standIns = useRef(new Map<string, AnyFunction>());
  const previous = useRef<T | null>(null);
  return steadyObject(value, latest, standIns.current, previous);
}

/** The hook's work, without React (tested on its own). */
export function steadyObject<T extends object>(
  value: T,
  latest: { readonly current: T },
  standIns: Map<string, AnyFunction>,
  previous: { current: T | null },
): T {
  const next: Record<string, unknown> = {};
  let same = previous.current !== null && Object.keys(previous.current).length === Object.keys(value).length;
  for (const [key, field] of Object.entries(value)) {
    let steadyField: unknown = field;
    if (typeof field === "function") {
      let standIn = standIns.get(key);
      if (standIn === undefined) {
        standIn = (...args: never[]) => (latest.current as Record<string, AnyFunction>)[key]!(...args);
        standIns.set(key, standIn);
      }
      steadyField = standIn;
    }
    next[key] = steadyField;
    if (same && !Object.is((previous.current as Record<string, unknown>)[key], steadyField)) same = false;
  }
  if (same) return previous.current!;
  previous.current = next as T;
  return previous.current;
}
