// Who is signed in: the current user from the server, sign-in/out, and the chosen organization.
import { hashKey, useQuery, useQueryClient, type Query } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { api, currentOrganization, setCurrentOrganization, unwrap } from "../api/client";
import { ApiError } from "../api/errors";
import type { User } from "../api/types";

interface Session {
  user: User | null;
  loading: boolean;
  organization: string;
  switchOrganization: (slug: string) => void;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
export const SELF_KEY = ["users", "self"] as const;
const notSelf = (query: Query) => query.queryHash !== hashKey(SELF_KEY);

async function fetchSelf(): Promise<User | null> {
  try {
    return await unwrap(api.GET("/api/users/self"));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const self = useQuery({ queryKey: SELF_KEY, queryFn: fetchSelf, staleTime: 60_000, retry: false });
  const [organization, setOrganization] = useState(currentOrganization());

  const refresh = useCallback(async () => {
    await client.invalidateQueries({ queryKey: SELF_KEY });
  }, [client]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      await unwrap(api.POST("/api/auth/login", { body: { username, password } }));
      // Updated in place, not cleared: the observer above stays bound to this query, and would
      // keep showing "nobody" if the cache dropped it for a new one.
      client.removeQueries({ predicate: notSelf });
      client.setQueryData(SELF_KEY, await fetchSelf());
    },
    [client],
  );

  const signOut = useCallback(async () => {
    await unwrap(api.POST("/api/auth/logout"));
    setCurrentOrganization("");
    setOrganization("");
    client.removeQueries({ predicate: notSelf });
    client.setQueryData(SELF_KEY, null);
  }, [client]);

  const switchOrganization = useCallback(
    (slug: string) => {
      setCurrentOrganization(slug);
      setOrganization(slug);
      // Everything listed so far belonged to the previous workspace.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== SELF_KEY[0] });
    },
    [client],
  );

  const value = useMemo<Session>(
    () => ({
      user: self.data ?? null,
      loading: self.isPending,
      organization,
      switchOrganization,
      signIn,
      signOut,
      refresh,
    }),
    [self.data, self.isPending, organization, switchOrganization, signIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** The signed-in user; only for pages behind RequireUser. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error("useUser without a signed-in user");
  return user;
}
