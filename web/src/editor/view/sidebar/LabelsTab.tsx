// The Labels tab: every label with its colour and hotkey (1…9, 0 in order); a click makes it the
// drawing label; lock / hide act on all of the label's objects in the job (CVAT's behaviour).
import { EyeInvisibleOutlined, EyeOutlined, LockOutlined, UnlockOutlined } from "@ant-design/icons";
import { Button, Tooltip, Typography } from "antd";
import { useMemo } from "react";
import type { Label } from "../../../api/types";
import { LABEL_SLOTS } from "../../engine/actions/defaultShortcuts";
import { allObjects, viewFlagsOf, type AnnotationDocument } from "../../engine/document/model";
import { FALLBACK_COLOR } from "../colors";

export interface LabelsTabProps {
  labels: readonly Label[];
  document: AnnotationDocument;
  labelId: number | null;
  onLabelChange: (labelId: number) => void;
  onToggleFlag: (labelId: number, flag: "locked" | "hidden") => void;
}

interface LabelState {
  count: number;
  locked: number;
  hidden: number;
}

export function LabelsTab({ labels, document, labelId, onLabelChange, onToggleFlag }: LabelsTabProps) {
  // Only while the tab is open: a pass over the job's objects per change.
  const states = useMemo(() => {
    const byLabel = new Map<number, LabelState>();
    for (const object of allObjects(document)) {
      const state = byLabel.get(object.labelId) ?? { count: 0, locked: 0, hidden: 0 };
      const flags = viewFlagsOf(document, object.clientId);
      byLabel.set(object.labelId, {
        count: state.count + 1,
        locked: state.locked + (flags.locked ? 1 : 0),
        hidden: state.hidden + (flags.hidden ? 1 : 0),
      });
    }
    return byLabel;
  }, [document]);

  return (
    <ul className="editor-labels" data-testid="labels-list">
      {labels.map((label, index) => {
        const state = states.get(label.id) ?? { count: 0, locked: 0, hidden: 0 };
        const locked = state.count > 0 && state.locked === state.count;
        const hidden = state.count > 0 && state.hidden === state.count;
        const slot = LABEL_SLOTS[index];
        return (
          <li
            key={label.id}
            data-testid="label-item"
            data-label-id={label.id}
            className={`editor-label${label.id === labelId ? " editor-label-current" : ""}`}
            onClick={() => onLabelChange(label.id)}
            title="Draw with this label"
          >
            <span className="editor-label-swatch" style={{ background: label.color || FALLBACK_COLOR }} />
            <Typography.Text className="editor-label-name" ellipsis>
              {label.name}
            </Typography.Text>
            {slot !== undefined && (
              <Typography.Text keyboard className="editor-label-hotkey">
                {slot}
              </Typography.Text>
            )}
            <Tooltip title={locked ? "Unlock the label's objects" : "Lock the label's objects"}>
              <Button
                size="small"
                type={locked ? "primary" : "text"}
                aria-label={locked ? `Unlock ${label.name}` : `Lock ${label.name}`}
                aria-pressed={locked}
                data-testid="label-lock"
                icon={locked ? <LockOutlined /> : <UnlockOutlined />}
                disabled={state.count === 0}
                onClick={(event) => {
                  event.stopPropagation();
                  onToggleFlag(label.id, "locked");
                }}
              />
            </Tooltip>
            <Tooltip title={hidden ? "Show the label's objects" : "Hide the label's objects"}>
              <Button
                size="small"
                type={hidden ? "primary" : "text"}
                aria-label={hidden ? `Show ${label.name}` : `Hide ${label.name}`}
                aria-pressed={hidden}
                data-testid="label-hide"
                icon={hidden ? <EyeInvisibleOutlined /> : <EyeOutlined />}
                disabled={state.count === 0}
                onClick={(event) => {
                  event.stopPropagation();
                  onToggleFlag(label.id, "hidden");
                }}
              />
            </Tooltip>
          </li>
        );
      })}
    </ul>
  );
}
