/** The Appearance panel's state, kept in localStorage so a reload keeps it. */
import { useEffect, useMemo, useState } from "react";
import { canvasAppearance, loadAppearance, saveAppearance, type Appearance } from "../appearance";

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled by the browser's settings
  }
}

export function usePersistentAppearance() {
  const [appearance, setAppearance] = useState<Appearance>(() => loadAppearance(storage()));
  useEffect(() => saveAppearance(storage(), appearance), [appearance]);
  // What the canvas draws with (the bitmap view overrides opacities), stable between renders.
  const shown = useMemo(() => canvasAppearance(appearance), [appearance]);
  return { appearance, setAppearance, canvasAppearance: shown };
}
