// The Shortcuts tab of the Settings dialog: every editor action by group, with a search box. Click
// a row's keys and press a combo to rebind it; a key another action holds asks first. The
// overrides are the form's "shortcuts" field, saved with the other tabs.
import { ExclamationCircleOutlined, SearchOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Form, Input, Space, Tag, Tooltip, Typography, theme } from "antd";
import { useMemo, useState, type KeyboardEvent } from "react";
import {
  DEFAULT_SHORTCUTS,
  SCOPE_LABELS,
  buildKeymap,
  conflictsFor,
  detectPlatform,
  rebind,
  resetAllShortcuts,
  resetShortcut,
  takeOver,
  type ActionSpec,
  type Conflict,
  type Platform,
} from "../../editor/engine/actions";
import type { ShortcutSettings } from "../../lib/settings";
import { conflictingActions, describeConflict, keyPressOutcome, shortcutGroups, type ShortcutRow } from "./shortcutRows";

const ACTIONS_BY_ID = new Map<string, ActionSpec>(DEFAULT_SHORTCUTS.map((action) => [action.id, action]));
const labelOf = (actionId: string) => ACTIONS_BY_ID.get(actionId)?.label ?? actionId;

/** A rebinding that waits for the user's answer because its key is taken. */
interface PendingBinding {
  actionId: string;
  keys: string[];
  conflicts: Conflict[];
}

export function ShortcutsSettingsTab() {
  return (
    <Form.Item name="shortcuts" noStyle>
      <ShortcutsEditor />
    </Form.Item>
  );
}

interface ShortcutsEditorProps {
  /** The user's overrides (action id → key sequences); Form.Item passes them in. */
  value?: ShortcutSettings;
  onChange?: (next: ShortcutSettings) => void;
}

function ShortcutsEditor({ value, onChange }: ShortcutsEditorProps) {
  const overrides = useMemo(() => value ?? {}, [value]);
  const platform = useMemo<Platform>(() => detectPlatform(globalThis.navigator), []);
  const keymap = useMemo(() => buildKeymap(DEFAULT_SHORTCUTS, overrides, platform), [overrides, platform]);
  const [query, setQuery] = useState("");
  const [recordingId, setRecordingId] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingBinding | null>(null);
  const groups = useMemo(() => shortcutGroups(DEFAULT_SHORTCUTS, keymap, query), [keymap, query]);
  const changedCount = Object.keys(overrides).length;
  const { token } = theme.useToken();

  const change = (next: ShortcutSettings) => onChange?.(next);

  const startRecording = (actionId: string) => {
    setPending(null);
    setRecordingId(actionId);
  };

  const bind = (actionId: string, keys: string[]) => {
    setRecordingId(null);
    const action = ACTIONS_BY_ID.get(actionId);
    if (!action) return;
    const current = keymap.entries.get(actionId)?.keys ?? [];
    if (keys.length === current.length && keys.every((key, index) => key === current[index])) return;
    const conflicts = conflictsFor(keymap, actionId, keys);
    if (conflicts.length > 0) setPending({ actionId, keys, conflicts });
    else change(rebind(overrides, action, keys));
  };

  const useHere = () => {
    const action = pending && ACTIONS_BY_ID.get(pending.actionId);
    if (!pending || !action) return;
    change(takeOver(overrides, DEFAULT_SHORTCUTS, action, pending.keys, platform));
    setPending(null);
  };

  const resetOne = (actionId: string) => {
    if (pending?.actionId === actionId) setPending(null);
    change(resetShortcut(overrides, actionId));
  };

  const resetAll = () => {
    setPending(null);
    setRecordingId(null);
    change(resetAllShortcuts());
  };

  return (
    <div data-testid="shortcuts-settings">
      {/* The search stays in reach while the list scrolls under it. */}
      <div style={{ position: "sticky", top: 0, zIndex: 2, background: token.colorBgElevated, paddingBottom: 8 }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          Click an action&apos;s keys, then press the new combination. Esc cancels, Backspace leaves the action
          without a key.
        </Typography.Paragraph>
        <div style={{ display: "flex", gap: 8, marginBottom: 8 }}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="Search actions or keys"
            aria-label="Search shortcuts"
            value={query}
            onChange={(event) => {
              setPending(null);
              setQuery(event.target.value);
            }}
          />
          <Button icon={<UndoOutlined />} disabled={changedCount === 0} onClick={resetAll}>
            Reset all to defaults
          </Button>
        </div>
        <Typography.Text type="secondary" data-testid="shortcuts-changed-count">
          {changedCount === 0
            ? "All shortcuts are the defaults."
            : `${changedCount} ${changedCount === 1 ? "shortcut differs" : "shortcuts differ"} from the defaults.`}
        </Typography.Text>
      </div>
      {groups.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={`No action or key matches “${query.trim()}”.`}
          style={{ marginBlock: 32 }}
        />
      ) : (
        groups.map(({ group, rows }) => (
          <section key={group} aria-label={group}>
            <Typography.Title level={5} style={{ marginTop: 12, marginBottom: 4 }}>
              {group}
            </Typography.Title>
            {rows.map((row) => (
              <ShortcutRowView
                key={row.id}
                row={row}
                platform={platform}
                recording={recordingId === row.id}
                pending={pending?.actionId === row.id ? pending : null}
                onStartRecording={() => startRecording(row.id)}
                onStopRecording={() => setRecordingId((id) => (id === row.id ? null : id))}
                onBind={(keys) => bind(row.id, keys)}
                onUseHere={useHere}
                onCancelPending={() => setPending(null)}
                onReset={() => resetOne(row.id)}
              />
            ))}
          </section>
        ))
      )}
    </div>
  );
}

interface ShortcutRowViewProps {
  row: ShortcutRow;
  platform: Platform;
  recording: boolean;
  pending: PendingBinding | null;
  onStartRecording: () => void;
  onStopRecording: () => void;
  onBind: (keys: string[]) => void;
  onUseHere: () => void;
  onCancelPending: () => void;
  onReset: () => void;
}

function ShortcutRowView(props: ShortcutRowViewProps) {
  const { row, platform, recording, pending, onStartRecording, onStopRecording, onBind, onReset } = props;
  const { token } = theme.useToken();
  const scopeNote = row.scope === "canvas" ? null : SCOPE_LABELS[row.scope];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!recording) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onStartRecording();
      }
      return;
    }
    // While recording, every key belongs to the field: not to the dialog (Esc closes it), not to
    // the app (F2 toggles Settings), not to the browser (Ctrl+S saves the page).
    event.preventDefault();
    event.stopPropagation();
    const outcome = keyPressOutcome(event.nativeEvent, platform);
    if (outcome.kind === "cancel") onStopRecording();
    else if (outcome.kind === "clear") onBind([]);
    else if (outcome.kind === "record") onBind([outcome.key]);
  };

  return (
    <div
      data-testid={`shortcut-row-${row.id}`}
      style={{ paddingBlock: 6, borderBottom: `1px solid ${token.colorSplit}` }}
    >
      <div style={{ display: "flex", alignItems: "center", gap: 12 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong={!row.isDefault}>{row.label}</Typography.Text>
          {!row.isDefault && (
            <Tag color="blue" bordered={false} style={{ marginInlineStart: 8 }}>
              Changed
            </Tag>
          )}
          {scopeNote && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {scopeNote}
              </Typography.Text>
            </div>
          )}
        </div>
        <div
          role="button"
          tabIndex={0}
          aria-label={`Keys for ${row.label}`}
          aria-pressed={recording}
          data-testid={`shortcut-keys-${row.id}`}
          onClick={onStartRecording}
          onKeyDown={onKeyDown}
          onBlur={onStopRecording}
          style={{
            width: 230,
            minHeight: 32,
            display: "flex",
            flexWrap: "wrap",
            alignItems: "center",
            gap: 4,
            paddingInline: 8,
            paddingBlock: 3,
            cursor: "pointer",
            borderRadius: token.borderRadius,
            border: `1px solid ${recording ? token.colorPrimary : token.colorBorder}`,
            boxShadow: recording ? `0 0 0 2px ${token.colorPrimaryBg}` : undefined,
            background: token.colorBgContainer,
            outline: "none",
          }}
        >
          {recording ? (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }} aria-live="polite">
              Press a key combination…
            </Typography.Text>
          ) : row.keys.length === 0 ? (
            <Typography.Text type="secondary" italic>
              Not set
            </Typography.Text>
          ) : (
            row.keys.map((key) => (
              <Typography.Text key={key} keyboard style={{ marginInlineEnd: 0 }}>
                {key}
              </Typography.Text>
            ))
          )}
        </div>
        <Tooltip title={row.isDefault ? "Already the default" : "Reset to the default"}>
          <Button
            type="text"
            icon={<UndoOutlined />}
            aria-label={`Reset ${row.label}`}
            data-testid={`shortcut-reset-${row.id}`}
            disabled={row.isDefault}
            onClick={onReset}
          />
        </Tooltip>
      </div>
      {pending && <ConflictWarning pending={pending} onUseHere={props.onUseHere} onCancel={props.onCancelPending} />}
    </div>
  );
}

function ConflictWarning({
  pending,
  onUseHere,
  onCancel,
}: {
  pending: PendingBinding;
  onUseHere: () => void;
  onCancel: () => void;
}) {
  const holders = conflictingActions(pending.conflicts).map(labelOf);
  const sentences = [...new Set(pending.conflicts.map((conflict) => describeConflict(conflict, labelOf)))];
  return (
    <Alert
      type="warning"
      showIcon
      icon={<ExclamationCircleOutlined />}
      data-testid="shortcut-conflict"
      style={{ marginTop: 8 }}
      title={sentences.join(" ")}
      description={`“Use it here” takes the key away from ${holders.map((name) => `“${name}”`).join(", ")}.`}
      action={
        <Space orientation="vertical" size={4}>
          <Button size="small" type="primary" onClick={onUseHere}>
            Use it here
          </Button>
          <Button size="small" onClick={onCancel} block>
            Cancel
          </Button>
        </Space>
      }
    />
  );
}
