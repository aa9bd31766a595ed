// The viewport (zoom, pan, rotation) in a store of its own rather than the workspace's state:
// panning changes it on every pointer move, and only the canvas (and what it draws) follows it.
// The workspace re-rendering its top bar and sidebars on each move cost panning about a third of
// its frames (bench/editor_render).
import { useState, type Dispatch, type SetStateAction } from "react";
import { useStore } from "zustand";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Viewport } from "../engine/geometry/viewport";

export interface ViewportState {
  readonly store: StoreApi<Viewport | null>;
  /** As a React state setter: a value, or a function of the current one. */
  readonly set: Dispatch<SetStateAction<Viewport | null>>;
}

/** One viewport state for the life of a workspace. */
export function useViewportState(): ViewportState {
  const [state] = useState<ViewportState>(() => {
    const store = createStore<Viewport | null>(() => null);
    const set: ViewportState["set"] = (next) =>
      store.setState(typeof next === "function" ? next(store.getState()) : next, true);
    return { store, set };
  });
  return state;
}

/** The current viewport; re-renders the caller when it changes. */
export function useViewport(state: ViewportState): Viewport | null {
  return useStore(state.store);
}

/** One derived value of the viewport; re-renders the caller only when that value changes. */
export function useViewportValue<T>(state: ViewportState, select: (viewport: Viewport | null) => T): T {
  return useStore(state.store, select);
}
