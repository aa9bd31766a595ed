// The header's account menu: who is signed in, Settings (also F2), Change password, Sign out.
import { LockOutlined, LogoutOutlined, SettingOutlined } from "@ant-design/icons";
import { App, Avatar, Dropdown, Space, Typography, type MenuProps } from "antd";
import { useEffect, useState } from "react";
import { describeError } from "../../api/errors";
import type { User } from "../../api/types";
import { useSession } from "../../lib/session";
import { ChangePasswordModal } from "./ChangePasswordModal";
import { SettingsModal } from "./SettingsModal";
import { useSettingsModal } from "./SettingsModalStore";

function initialsOf(user: User): string {
  const fromNames = `${user.first_name.trim().charAt(0)}${user.last_name.trim().charAt(0)}`;
  return (fromNames || user.username.slice(0, 2)).toUpperCase();
}

function fullNameOf(user: User): string {
  return `${user.first_name} ${user.last_name}`.trim();
}

export function UserMenu() {
  const { user, signOut } = useSession();
  const { message } = App.useApp();
  const settingsOpen = useSettingsModal((state) => state.open);
  const setSettingsOpen = useSettingsModal((state) => state.setOpen);
  const [passwordOpen, setPasswordOpen] = useState(false);

  // F2 opens and closes Settings anywhere in the app, as in CVAT.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "F2" || event.repeat || useSettingsModal.getState().keysOwnedByPage) return;
      event.preventDefault();
      useSettingsModal.getState().toggle();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (!user) return null;
  const fullName = fullNameOf(user);

  const items: MenuProps["items"] = [
    {
      key: "who",
      type: "group",
      label: (
        <div style={{ lineHeight: 1.4, paddingBlock: 4 }} data-testid="user-menu-identity">
          <Typography.Text strong>{fullName || user.username}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.email || `@${user.username}`}
          </Typography.Text>
        </div>
      ),
    },
    { type: "divider" },
    { key: "settings", icon: <SettingOutlined />, label: "Settings", extra: "F2" },
    { key: "password", icon: <LockOutlined />, label: "Change password" },
    { type: "divider" },
    { key: "logout", icon: <LogoutOutlined />, label: "Sign out" },
  ];

  const onClick: MenuProps["onClick"] = async ({ key }) => {
    if (key === "settings") setSettingsOpen(true);
    else if (key === "password") setPasswordOpen(true);
    else if (key === "logout") {
      try {
        // The signed-in routes send a signed-out visitor to the sign-in page by themselves; going
        // there first would meet the session before it heard of the sign-out, and bounce back.
        await signOut();
      } catch (error) {
        message.error(describeError(error));
      }
    }
  };

  return (
    <>
      <Dropdown trigger={["click"]} menu={{ items, onClick }} placement="bottomRight">
        <Space style={{ color: "#fff", cursor: "pointer" }} data-testid="user-menu" role="button" tabIndex={0}>
          <Avatar size="small" style={{ background: "#1f6feb", fontSize: 11 }}>
            {initialsOf(user)}
          </Avatar>
          {user.username}
        </Space>
      </Dropdown>
      <SettingsModal open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </>
  );
}
