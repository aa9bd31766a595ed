// Page and page size of a list, both kept in the URL.
import { Pagination } from "antd";
import { PAGE_SIZES } from "./listState";
import type { ListStateControls } from "./useListState";
import "./listing.css";

interface ListPaginationProps {
  controls: ListStateControls;
  total: number;
  noun: { one: string; many: string };
}

export function ListPagination({ controls, total, noun }: ListPaginationProps) {
  const { state, change } = controls;
  if (total === 0) return null;
  const sizes = [...new Set([...PAGE_SIZES, state.pageSize])].sort((a, b) => a - b);
  return (
    <div className="list-pagination" data-testid="list-pagination">
      <Pagination
        current={state.page}
        pageSize={state.pageSize}
        total={total}
        showSizeChanger
        pageSizeOptions={sizes}
        showTotal={(count, [from, to]) => `${from}–${to} of ${count} ${count === 1 ? noun.one : noun.many}`}
        onChange={(page, pageSize) => change(pageSize !== state.pageSize ? { pageSize } : { page })}
      />
    </div>
  );
}
