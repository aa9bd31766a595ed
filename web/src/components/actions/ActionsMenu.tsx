// The Actions dropdown of a task or project, driven by its descriptors; each dialog is mounted the
// first time it is opened and then kept, so work it started (an export) is followed to its end.
import { DownOutlined, MoreOutlined } from "@ant-design/icons";
import { Button, Dropdown, type MenuProps } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { shownActions, type ActionDescriptor } from "./actionDescriptors";

export interface ActionsMenuProps<T> {
  actions: ActionDescriptor<T>[];
  target: T;
  onOwnPage: boolean;
  onChanged: () => void;
  onDeleted: () => void;
  testId: string;
}

export function ActionsMenu<T>({ actions, target, onOwnPage, onChanged, onDeleted, testId }: ActionsMenuProps<T>) {
  const navigate = useNavigate();
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [mounted, setMounted] = useState<ReadonlySet<string>>(new Set());
  const shown = shownActions(actions, target, onOwnPage);

  const items: MenuProps["items"] = shown.map(({ action, disabledReason }) => ({
    key: action.key,
    label: disabledReason ? <span title={disabledReason}>{action.label}</span> : action.label,
    icon: action.icon,
    danger: action.danger,
    disabled: disabledReason !== null,
  }));

  function choose(key: string) {
    const action = actions.find((a) => a.key === key);
    if (!action) return;
    if (action.Dialog) {
      setMounted((keys) => new Set(keys).add(key));
      setOpenKey(key);
    } else {
      action.run?.({ target, navigate: (to) => void navigate(to), onChanged, onDeleted });
    }
  }

  // Menus sit on clickable cards; clicks in the menu and its dialogs (portals bubble through
  // React's tree) must not reach the card.
  return (
    <span onClick={(event) => event.stopPropagation()} style={{ display: "inline-flex" }}>
      <Dropdown
        trigger={["click"]}
        menu={{
          items,
          onClick: ({ key }) => choose(key),
        }}
      >
        <Button
          data-testid={testId}
          icon={onOwnPage ? <DownOutlined /> : <MoreOutlined />}
          iconPlacement="end"
        >
          Actions
        </Button>
      </Dropdown>
      {actions.map(({ key, Dialog }) =>
        Dialog && mounted.has(key) ? (
          <Dialog
            key={key}
            target={target}
            open={openKey === key}
            onClose={() => setOpenKey(null)}
            onChanged={onChanged}
            onDeleted={onDeleted}
          />
        ) : null,
      )}
    </span>
  );
}
