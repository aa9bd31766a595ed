// Search a frame by its file name: matches as you type (engine frame search), Enter or a click
// goes to the best one.
import { SearchOutlined } from "@ant-design/icons";
import { AutoComplete, Input } from "antd";
import { useMemo, useState } from "react";
import type { FrameNameMatch } from "../../engine/frames/frameSearch";

export interface FrameNameSearchProps {
  search: (query: string) => FrameNameMatch[];
  onGo: (frame: number) => void;
}

export function FrameNameSearch({ search, onGo }: FrameNameSearchProps) {
  const [query, setQuery] = useState("");
  const matches = useMemo(() => search(query), [search, query]);
  const go = (frame: number) => {
    onGo(frame);
    setQuery("");
    // Give the keys back to the editor.
    (window.document.activeElement as HTMLElement | null)?.blur();
  };
  return (
    <AutoComplete
      className="editor-name-search"
      value={query}
      onChange={setQuery}
      options={matches.map((match) => ({ value: String(match.frame), label: <span data-testid="frame-search-option">{match.name} <span className="editor-name-search-frame">#{match.frame}</span></span> }))}
      onSelect={(value: string) => go(Number(value))}
      popupMatchSelectWidth={320}
      data-testid="frame-search"
    >
      <Input
        size="small"
        allowClear
        prefix={<SearchOutlined />}
        placeholder="Find by name"
        aria-label="Search frame by name"
        data-testid="frame-search-input"
        onPressEnter={(event) => {
          // With the list open and an option active, AutoComplete selects it itself.
          const best = matches[0];
          if (best && !event.defaultPrevented) go(best.frame);
        }}
      />
    </AutoComplete>
  );
}
