// A card's label picker. Until it is used it is a plain button that looks like a small antd
// Select; a click (or Enter) puts the real Select in its place, already open. Cards mount whenever
// the list scrolls or the frame changes, and an antd Select costs about 3 ms to mount: the
// selection figure of bench/editor_render spent a third of its time mounting them.
import { DownOutlined } from "@ant-design/icons";
import { Select } from "antd";
import { useState, type MouseEvent } from "react";

export interface LabelSelectProps {
  value: number;
  options: readonly { value: number; label: string }[];
  disabled: boolean;
  onChange: (labelId: number) => void;
}

export function LabelSelect({ value, options, disabled, onChange }: LabelSelectProps) {
  const [active, setActive] = useState(false);
  const stop = (event: MouseEvent) => event.stopPropagation();
  if (active) {
    return (
      <Select
        size="small"
        className="editor-object-label"
        aria-label="Label"
        value={value}
        disabled={disabled}
        defaultOpen
        autoFocus
        onClick={stop}
        onChange={onChange}
        options={[...options]}
      />
    );
  }
  const name = options.find((option) => option.value === value)?.label ?? `#${value}`;
  return (
    <button
      type="button"
      className="editor-object-label editor-label-trigger"
      aria-label="Label"
      aria-haspopup="listbox"
      disabled={disabled}
      onClick={(event) => {
        stop(event);
        setActive(true);
      }}
    >
      <span className="editor-label-trigger-text">{name}</span>
      <DownOutlined className="editor-label-trigger-arrow" />
    </button>
  );
}
