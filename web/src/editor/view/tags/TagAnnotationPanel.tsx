// The right column of the tag annotation workspace: a button per tag label that adds its tag to
// the frame (with the number key the label was given), "Automatically go to the next frame", the
// frame's tags with a remove button each, and the table that gives labels their keys.
import { CheckOutlined, CloseOutlined, LockOutlined } from "@ant-design/icons";
import { Button, Checkbox, Select, Tooltip, Typography } from "antd";
import { memo } from "react";
import { LABEL_SLOTS, type LabelSlot } from "../../engine/actions/defaultShortcuts";
import type { ClientId } from "../../engine/document/model";
import { hotkeyOf, type TagHotkeys } from "../../engine/tags/tagHotkeys";
import { FALLBACK_COLOR } from "../colors";

export interface TagPanelLabel {
  readonly id: number;
  readonly name: string;
  readonly color: string;
}

export interface TagPanelTag {
  readonly clientId: ClientId;
  readonly label: TagPanelLabel;
  readonly locked: boolean;
}

export interface TagAnnotationPanelProps {
  frame: number;
  /** The job's tag labels (type tag or any), in order. */
  labels: readonly TagPanelLabel[];
  /** The frame's tags, every one (an object filter does not hide them here). */
  tags: readonly TagPanelTag[];
  hotkeys: TagHotkeys;
  /** How each key is shown: its current binding ("3", or what the user rebound it to). */
  keyLabels: ReadonlyMap<LabelSlot, string>;
  hotkeysAreDefault: boolean;
  autoNext: boolean;
  onAdd: (labelId: number) => void;
  onRemove: (clientId: ClientId) => void;
  onAutoNextChange: (on: boolean) => void;
  onHotkeyChange: (labelId: number, slot: LabelSlot | null) => void;
  onResetHotkeys: () => void;
}

const NO_KEY = "none";

function Swatch({ color }: { color: string }) {
  return <span className="editor-tag-swatch" style={{ background: color || FALLBACK_COLOR }} aria-hidden />;
}

export const TagAnnotationPanel = memo(function TagAnnotationPanel(props: TagAnnotationPanelProps) {
  const { labels, tags, hotkeys, keyLabels } = props;
  const onFrame = new Set(tags.map((tag) => tag.label.id));
  const keyOf = (labelId: number) => {
    const slot = hotkeyOf(hotkeys, labelId);
    return slot === undefined ? undefined : keyLabels.get(slot);
  };
  const keyOptions = [
    { value: NO_KEY, label: "No key" },
    ...LABEL_SLOTS.map((slot) => ({ value: String(slot), label: keyLabels.get(slot) ?? `${slot} (unbound)` })),
  ];

  return (
    <aside className="editor-tags editor-sidebar" data-testid="tag-panel" aria-label="Tag annotation">
      <section className="editor-tags-section">
        <Typography.Title level={5} className="editor-tags-title">
          Tag frame {props.frame}
        </Typography.Title>
        {labels.length === 0 ? (
          <Typography.Text type="secondary" data-testid="tag-no-labels">
            The job has no label for tags: a label of type “tag” or “any” is needed.
          </Typography.Text>
        ) : (
          <div className="editor-tag-buttons">
            {labels.map((label) => {
              const key = keyOf(label.id);
              const has = onFrame.has(label.id);
              return (
                <Tooltip key={label.id} title={`Add the tag “${label.name}”${key ? ` (${key})` : ""}`}>
                  <Button
                    className="editor-tag-button"
                    data-testid="tag-add"
                    data-label-name={label.name}
                    aria-pressed={has}
                    onClick={() => props.onAdd(label.id)}
                    icon={has ? <CheckOutlined /> : <Swatch color={label.color} />}
                  >
                    <span className="editor-tag-button-name">{label.name}</span>
                    {key && (
                      <Typography.Text keyboard className="editor-tag-key">
                        {key}
                      </Typography.Text>
                    )}
                  </Button>
                </Tooltip>
              );
            })}
          </div>
        )}
        <Checkbox
          className="editor-tags-auto-next"
          data-testid="tag-auto-next"
          checked={props.autoNext}
          onChange={(event) => props.onAutoNextChange(event.target.checked)}
        >
          Automatically go to the next frame
        </Checkbox>
      </section>

      <section className="editor-tags-section">
        <Typography.Text type="secondary" className="editor-tags-caption">
          Tags on this frame
        </Typography.Text>
        {tags.length === 0 ? (
          <Typography.Text type="secondary" data-testid="frame-tags-empty">
            None yet.
          </Typography.Text>
        ) : (
          <ul className="editor-frame-tags" data-testid="frame-tags">
            {tags.map((tag) => (
              <li key={tag.clientId} className="editor-frame-tag" data-testid="frame-tag" data-label-name={tag.label.name}>
                <Swatch color={tag.label.color} />
                <span className="editor-frame-tag-name">{tag.label.name}</span>
                {tag.locked && <LockOutlined aria-label="Locked" />}
                <Tooltip title={tag.locked ? "Locked: unlock it in the standard workspace first" : "Remove the tag"}>
                  <Button
                    size="small"
                    type="text"
                    icon={<CloseOutlined />}
                    aria-label={`Remove the tag ${tag.label.name}`}
                    data-testid="frame-tag-remove"
                    disabled={tag.locked}
                    onClick={() => props.onRemove(tag.clientId)}
                  />
                </Tooltip>
              </li>
            ))}
          </ul>
        )}
      </section>

      {labels.length > 0 && (
        <section className="editor-tags-section">
          <Typography.Text type="secondary" className="editor-tags-caption">
            Keys
          </Typography.Text>
          <ul className="editor-tag-hotkeys">
            {labels.map((label) => {
              const slot = hotkeyOf(hotkeys, label.id);
              return (
                <li key={label.id} className="editor-tag-hotkey">
                  <Swatch color={label.color} />
                  <Typography.Text className="editor-tag-hotkey-name" ellipsis title={label.name}>
                    {label.name}
                  </Typography.Text>
                  <Select
                    size="small"
                    className="editor-tag-hotkey-select"
                    data-testid="tag-hotkey"
                    data-label-name={label.name}
                    aria-label={`Key of ${label.name}`}
                    value={slot === undefined ? NO_KEY : String(slot)}
                    options={keyOptions}
                    popupMatchSelectWidth={false}
                    onChange={(value: string) => {
                      props.onHotkeyChange(label.id, value === NO_KEY ? null : (Number(value) as LabelSlot));
                      // Focus back to the workspace: the keys work at once, not typed into the list.
                      (window.document.activeElement as HTMLElement | null)?.blur();
                    }}
                  />
                </li>
              );
            })}
          </ul>
          <Button size="small" data-testid="tag-hotkeys-reset" disabled={props.hotkeysAreDefault} onClick={props.onResetHotkeys}>
            Reset keys
          </Button>
        </section>
      )}
    </aside>
  );
});
