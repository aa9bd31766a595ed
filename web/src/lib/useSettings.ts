// The signed-in user's settings from the server (GET/PATCH /api/users/self/settings), with defaults.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, unwrap } from "../api/client";
import { useSession } from "./session";
import {
  DEFAULT_SETTINGS,
  resolveSettings,
  toMergePatch,
  type SettingsPatch,
  type StoredSettings,
  type UserSettings,
} from "./settings";

// Under "users" so that switching organizations (which drops every other query) keeps it:
// settings belong to the person, not to the workspace.
export const SETTINGS_KEY = ["users", "self", "settings"] as const;

async function fetchSettings(): Promise<StoredSettings> {
  return unwrap(api.GET("/api/users/self/settings"));
}

export interface SettingsState {
  /** Defaults merged with what the user saved; the defaults alone until the server answers. */
  settings: UserSettings;
  loading: boolean;
  /** Why the settings could not be loaded, if they could not. */
  error: unknown;
  /** Saves `changes` (a merge of the keys given) and resolves with the settings now in effect. */
  save: (changes: SettingsPatch) => Promise<UserSettings>;
  saving: boolean;
}

export function useSettings(): SettingsState {
  const { user } = useSession();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: fetchSettings,
    enabled: user !== null,
    staleTime: 5 * 60_000,
    select: resolveSettings,
  });
  const mutation = useMutation({
    mutationFn: (changes: SettingsPatch) =>
      unwrap(api.PATCH("/api/users/self/settings", { body: toMergePatch(changes) })),
    onSuccess: (stored) => client.setQueryData(SETTINGS_KEY, stored),
  });
  const { mutateAsync } = mutation;
  const save = useCallback(
    async (changes: SettingsPatch) => resolveSettings(await mutateAsync(changes)),
    [mutateAsync],
  );
  return {
    settings: query.data ?? DEFAULT_SETTINGS,
    loading: query.isPending && user !== null,
    error: query.error,
    save,
    saving: mutation.isPending,
  };
}
