// The options of the label selects (controls sidebar, drawing options): every label with its
// swatch, those the tool does not take greyed out with the reason as their tooltip.
import { Tooltip, Typography } from "antd";
import type { Label } from "../../api/types";
import { whyNotFor } from "./labelChoice";
import type { Tool } from "./tools";

export interface LabelOption {
  value: number;
  label: React.ReactNode;
  disabled: boolean;
}

/** `hotkeys`: show each label's number key (1…9, 0) after its name. */
export function labelOptions(labels: readonly Label[], tool: Tool, hotkeys: boolean): LabelOption[] {
  return labels.map((label, index) => {
    const why = whyNotFor(label, tool);
    const content = (
      <span className="editor-label-option" data-testid={`label-option-${label.id}`}>
        <span className="editor-swatch" style={{ background: label.color }} />
        {label.name}
        {why !== null && <Typography.Text type="secondary">({label.type})</Typography.Text>}
        {hotkeys && index < 10 && <Typography.Text type="secondary">{(index + 1) % 10}</Typography.Text>}
      </span>
    );
    return {
      value: label.id,
      disabled: why !== null,
      label:
        why === null ? content : (
          <Tooltip placement="right" title={why}>
            {content}
          </Tooltip>
        ),
    };
  });
}
