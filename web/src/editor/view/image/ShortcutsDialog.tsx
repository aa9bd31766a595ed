// F1: every editor action with the keys that run it now (the user's overrides included), grouped
// as in Settings → Shortcuts, with a search over names and keys.
import { Input, Modal, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { shortcutGroups } from "../../../components/layout/shortcutRows";
import type { Keymap } from "../../engine/actions/keymap";
import type { ActionSpec } from "../../engine/actions/registry";
import { SCOPE_LABELS } from "../../engine/actions/scopes";

export interface ShortcutsDialogProps {
  open: boolean;
  onClose: () => void;
  actions: readonly ActionSpec[];
  keymap: Keymap;
}

export function ShortcutsDialog({ open, onClose, actions, keymap }: ShortcutsDialogProps) {
  const [query, setQuery] = useState("");
  const groups = useMemo(() => shortcutGroups(actions, keymap, query), [actions, keymap, query]);
  return (
    <Modal open={open} onCancel={onClose} footer={null} width={640} title="Keyboard shortcuts" data-testid="shortcuts-dialog">
      <Input.Search
        allowClear
        placeholder="Search actions or keys"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        data-testid="shortcuts-search"
        style={{ marginBottom: 12 }}
      />
      <div className="editor-shortcuts-list">
        {groups.map((group) => (
          <section key={group.group}>
            <Typography.Title level={5} style={{ marginTop: 8 }}>
              {group.group}
            </Typography.Title>
            <Table
              size="small"
              pagination={false}
              showHeader={false}
              rowKey="id"
              dataSource={group.rows}
              onRow={(row) => ({ "data-testid": `shortcut-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: "label", dataIndex: "label", render: (label: string) => label },
                {
                  key: "scope",
                  dataIndex: "scope",
                  width: 170,
                  render: (scope: keyof typeof SCOPE_LABELS) => <Typography.Text type="secondary">{SCOPE_LABELS[scope]}</Typography.Text>,
                },
                {
                  key: "keys",
                  dataIndex: "keys",
                  width: 170,
                  render: (keys: string[]) =>
                    keys.length > 0 ? keys.map((key) => <Tag key={key}>{key}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>,
                },
              ]}
            />
          </section>
        ))}
      </div>
    </Modal>
  );
}
