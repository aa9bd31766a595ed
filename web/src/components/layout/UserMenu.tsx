import { UserOutlined } from "@ant-design/icons";
import { App, Avatar, Dropdown, Space } from "antd";
import { useNavigate } from "react-router";
import { describeError } from "../../api/errors";
import { useSession } from "../../lib/session";

export function UserMenu() {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <Dropdown
      menu={{
        items: [{ key: "logout", label: "Sign out" }],
        onClick: async ({ key }) => {
          if (key === "logout") {
            try {
              await signOut();
              navigate("/auth/login");
            } catch (error) {
              message.error(describeError(error));
            }
          }
        },
      }}
    >
      <Space style={{ color: "#fff", cursor: "pointer" }} data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} />
        {user?.username}
      </Space>
    </Dropdown>
  );
}
