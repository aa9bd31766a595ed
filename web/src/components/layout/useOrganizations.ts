// The organizations the signed-in user belongs to (what the switcher lists).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, unwrap } from "../../api/client";
import type { Organization } from "../../api/types";
import { useSession } from "../../lib/session";

// Under "users" so that switching organizations, which drops every other query, keeps the list:
// it depends on who is signed in, not on the workspace they are in.
export const MY_ORGANIZATIONS_KEY = ["users", "self", "organizations"] as const;
const PAGE_SIZE = 100;

async function fetchOrganizations(): Promise<Organization[]> {
  const page = await unwrap(
    api.GET("/api/organizations", { params: { query: { page_size: PAGE_SIZE, sort: "name" } } }),
  );
  return page.results;
}

export function useMyOrganizations() {
  const { user } = useSession();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: MY_ORGANIZATIONS_KEY,
    queryFn: fetchOrganizations,
    enabled: user !== null,
    staleTime: 60_000,
  });
  const refresh = useCallback(() => client.invalidateQueries({ queryKey: MY_ORGANIZATIONS_KEY }), [client]);
  /** Lists a just-created organization at once, then checks the list with the server. */
  const add = useCallback(
    (organization: Organization) => {
      client.setQueryData<Organization[]>(MY_ORGANIZATIONS_KEY, (list = []) => [
        ...list.filter((o) => o.id !== organization.id),
        organization,
      ]);
      void refresh();
    },
    [client, refresh],
  );
  return { ...query, refresh, add };
}
