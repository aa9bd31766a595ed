// The row above a list: search, sorting, quick filters, the filter builder and Recent filters,
// then the active filters as removable tags.
import { ClearOutlined, DownOutlined, FilterOutlined, HistoryOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { Badge, Button, Checkbox, Dropdown, Input, Space, Tag, Tooltip } from "antd";
import { useEffect, useState } from "react";
import { describeFilter } from "../filters/describeFilter";
import { fromFilterText } from "../filters/filterLogic";
import { FilterModal } from "../filters/FilterModal";
import { countCompleteRules } from "../filters/filterTree";
import type { FilterField } from "../filters/filterFields";
import type { ListConfig } from "./listConfig";
import { hasActiveFilters } from "./listState";
import { SortControl } from "./SortControl";
import type { ListStateControls } from "./useListState";
import { useRecentFilters } from "./useRecentFilters";
import "./listing.css";

/** A filter text in words; hand-written filters the builder cannot read are shown as they are. */
function filterInWords(filter: string, fields: readonly FilterField[]): string {
  try {
    return describeFilter(fromFilterText(filter, fields), fields) || filter;
  } catch {
    return filter;
  }
}

function filterRuleCount(filter: string, fields: readonly FilterField[]): number {
  try {
    return countCompleteRules(fromFilterText(filter, fields));
  } catch {
    return filter ? 1 : 0;
  }
}

function SearchBox({ value, onSearch, placeholder }: { value: string; onSearch: (text: string) => void; placeholder: string }) {
  const [text, setText] = useState(value);
  // Back/forward and "clear filters" change the URL's search under the box.
  useEffect(() => setText(value), [value]);
  return (
    <Input.Search
      className="list-search"
      data-testid="list-search"
      allowClear
      placeholder={placeholder}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(next) => onSearch(next.trim())}
      enterButton
    />
  );
}

interface ListToolbarProps {
  config: ListConfig;
  controls: ListStateControls;
}

export function ListToolbar({ config, controls }: ListToolbarProps) {
  const { state, change, clearFilters } = controls;
  const [builderOpen, setBuilderOpen] = useState(false);
  const { recent, remember } = useRecentFilters(config.resource);
  const rules = filterRuleCount(state.filter, config.filterFields);

  const applyFilter = (filter: string) => {
    if (filter) remember(filter);
    change({ filter });
  };
  const toggleQuick = (key: string) => {
    const quick = state.quick.includes(key) ? state.quick.filter((k) => k !== key) : [...state.quick, key];
    change({ quick });
  };

  return (
    <>
      <div className="list-toolbar" data-testid="list-toolbar">
        <SearchBox value={state.search} placeholder={config.searchPlaceholder} onSearch={(search) => change({ search })} />
        <SortControl
          fields={config.sortFields}
          value={state.sort}
          defaultValue={config.defaults.sort}
          onChange={(sort) => change({ sort })}
        />
        <Dropdown
          trigger={["click"]}
          menu={{
            selectable: true,
            multiple: true,
            selectedKeys: state.quick,
            items: config.quickFilters.map((filter) => ({
              key: filter.key,
              // A visual check mark only: the menu item's click does the toggling.
              label: (
                <Checkbox checked={state.quick.includes(filter.key)} style={{ pointerEvents: "none" }}>
                  {filter.label}
                </Checkbox>
              ),
            })),
            onClick: ({ key }) => toggleQuick(key),
          }}
        >
          <Button icon={<ThunderboltOutlined />} data-testid="quick-filters">
            <Space size={4}>
              Quick filters
              {state.quick.length > 0 && <Badge count={state.quick.length} size="small" color="#1f6feb" />}
              <DownOutlined style={{ fontSize: 10 }} />
            </Space>
          </Button>
        </Dropdown>
        <Space.Compact>
          <Button
            icon={<FilterOutlined />}
            type={rules ? "primary" : "default"}
            ghost={rules > 0}
            onClick={() => setBuilderOpen(true)}
            data-testid="filter-button"
          >
            {rules ? `Filter (${rules})` : "Filter"}
          </Button>
          <Dropdown
            trigger={["click"]}
            disabled={recent.length === 0}
            menu={{
              items: [
                { type: "group", label: "Recent filters", key: "title" },
                ...recent.map((filter, index) => ({
                  key: String(index),
                  label: <span className="recent-filter">{filterInWords(filter, config.filterFields)}</span>,
                })),
              ],
              onClick: ({ key }) => {
                const filter = recent[Number(key)];
                if (filter !== undefined) applyFilter(filter);
              },
            }}
          >
            <Tooltip title={recent.length ? "Recent filters" : "No recent filters yet"}>
              <Button icon={<HistoryOutlined />} aria-label="Recent filters" data-testid="recent-filters" />
            </Tooltip>
          </Dropdown>
        </Space.Compact>
        {hasActiveFilters(state) && (
          <Button type="link" icon={<ClearOutlined />} onClick={clearFilters} data-testid="clear-filters">
            Clear filters
          </Button>
        )}
      </div>
      <ActiveFilters config={config} controls={controls} />
      <FilterModal
        open={builderOpen}
        fields={config.filterFields}
        value={state.filter}
        onApply={applyFilter}
        onClose={() => setBuilderOpen(false)}
      />
    </>
  );
}

function ActiveFilters({ config, controls }: ListToolbarProps) {
  const { state, change } = controls;
  if (!hasActiveFilters(state)) return null;
  return (
    <div className="list-active-filters" data-testid="active-filters">
      {state.search && (
        <Tag closable onClose={() => change({ search: "" })} color="blue">
          Search: {state.search}
        </Tag>
      )}
      {config.quickFilters
        .filter((filter) => state.quick.includes(filter.key))
        .map((filter) => (
          <Tag
            key={filter.key}
            closable
            color="purple"
            onClose={() => change({ quick: state.quick.filter((key) => key !== filter.key) })}
          >
            {filter.label}
          </Tag>
        ))}
      {state.filter && (
        <Tag closable color="geekblue" onClose={() => change({ filter: "" })} data-testid="active-filter">
          Filter: {filterInWords(state.filter, config.filterFields)}
        </Tag>
      )}
    </div>
  );
}
