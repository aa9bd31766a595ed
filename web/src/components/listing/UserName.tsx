// A user shown by username with a small avatar, or a quiet placeholder when nobody is set.
import { UserOutlined } from "@ant-design/icons";
import { Avatar, Space, Typography } from "antd";
import type { BasicUser } from "../../api/types";

export function UserName({ user, empty = "Nobody" }: { user: BasicUser | null | undefined; empty?: string }) {
  if (!user) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  const full = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return (
    <Space size={6} title={full || user.username}>
      <Avatar size={20} icon={<UserOutlined />} style={{ background: "#8c9bb0" }} />
      <span>{user.username}</span>
    </Space>
  );
}
