// The frame every list page shares: title with count and main action, the toolbar (search, sort,
// filters), the items or their loading/error/empty states, and pagination, all driven by the URL.
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Page } from "../../api/types";
import { ListBody } from "./ListBody";
import { ListHeader } from "./ListHeader";
import { ListPagination } from "./ListPagination";
import type { ListConfig } from "./listConfig";
import { hasActiveFilters } from "./listState";
import { ListToolbar } from "./ListToolbar";
import type { ListStateControls } from "./useListState";

interface ListPageProps<Item> {
  title: string;
  testId: string;
  config: ListConfig;
  controls: ListStateControls;
  list: UseQueryResult<Page<Item>>;
  /** The page's main action, at the right of the title. */
  action?: ReactNode;
  /** A narrowing that is not a filter of the toolbar (a project chosen by a link), shown under it;
   * while there is one, an empty list says "nothing matches" rather than "nothing yet". */
  scope?: ReactNode;
  /** Shown in the "nothing yet" state, e.g. a create button. */
  emptyAction: ReactNode;
  skeleton: ReactNode;
  children: (items: Item[]) => ReactNode;
}

export function ListPage<Item>({ config, controls, list, scope, ...props }: ListPageProps<Item>) {
  const page = list.data;
  return (
    <div className="page" data-testid={props.testId}>
      <ListHeader title={props.title} count={page?.count} action={props.action} />
      <ListToolbar config={config} controls={controls} />
      {scope}
      <ListBody
        noun={config.noun}
        pending={list.isPending}
        refreshing={list.isFetching && list.isPlaceholderData}
        error={list.error}
        onRetry={() => void list.refetch()}
        isEmpty={(page?.results.length ?? 0) === 0}
        filtered={hasActiveFilters(controls.state) || Boolean(scope)}
        onClearFilters={controls.clearFilters}
        emptyAction={props.emptyAction}
        skeleton={props.skeleton}
      >
        {props.children(page?.results ?? [])}
      </ListBody>
      <ListPagination controls={controls} total={page?.count ?? 0} noun={config.noun} />
    </div>
  );
}
