/**
 * The image settings of this browser, kept in localStorage: they are about the screen and the
 * eyes in front of it rather than the job, so they follow the browser, not the account.
 */
import { useCallback, useState } from "react";
import { DEFAULT_IMAGE_SETTINGS, parseImageSettings, type ImageSettings } from "./imageSettings";

export const IMAGE_SETTINGS_KEY = "contour.editor.imageSettings";

function read(): ImageSettings {
  try {
    const raw = window.localStorage.getItem(IMAGE_SETTINGS_KEY);
    return raw === null ? DEFAULT_IMAGE_SETTINGS : parseImageSettings(JSON.parse(raw));
  } catch {
    return DEFAULT_IMAGE_SETTINGS; // unreadable or unavailable storage: start neutral
  }
}

export function useImageSettings(): [ImageSettings, (next: ImageSettings) => void] {
  const [settings, setSettings] = useState(read);
  const update = useCallback((next: ImageSettings) => {
    setSettings(next);
    try {
      window.localStorage.setItem(IMAGE_SETTINGS_KEY, JSON.stringify(next));
    } catch {
      // A full or disabled storage only loses the memory of the values, not the values now.
    }
  }, []);
  return [settings, update];
}
