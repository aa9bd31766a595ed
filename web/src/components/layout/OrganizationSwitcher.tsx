// The header's workspace picker: the personal workspace or one of the user's organizations.
import {
  CheckOutlined,
  DownOutlined,
  LoadingOutlined,
  PlusOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { App, Button, Dropdown, Typography, type MenuProps } from "antd";
import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { describeError } from "../../api/errors";
import type { Organization } from "../../api/types";
import { useSession } from "../../lib/session";
import { CreateOrganizationModal } from "./CreateOrganizationModal";
import { useMyOrganizations } from "./useOrganizations";
import { pathAfterSwitch } from "./workspacePath";

const PERSONAL = "personal";
const CREATE = "create";
const ORG_PREFIX = "org:";

function organizationLabel(organization: Organization) {
  return organization.name || organization.slug;
}

export function OrganizationSwitcher() {
  const { organization: slug, switchOrganization } = useSession();
  const organizations = useMyOrganizations();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const current = organizations.data?.find((o) => o.slug === slug);

  // A workspace the user has left (or that was deleted) would make every request fail.
  // Judged on a settled list only: one fetched before the organization was created lacks it too.
  const gone = slug !== "" && organizations.isSuccess && !organizations.isFetching && !current;
  useEffect(() => {
    if (!gone) return;
    switchOrganization("");
    message.warning(`You are not a member of "${slug}" any more; you are back in your personal workspace.`);
  }, [gone, slug, switchOrganization, message]);

  const choose = (next: string) => {
    if (next === slug) return;
    switchOrganization(next);
    navigate(pathAfterSwitch(location.pathname, location.search), { replace: true });
  };

  const check = (selected: boolean) => (selected ? <CheckOutlined style={{ marginLeft: 12 }} /> : null);
  const organizationItems: MenuProps["items"] = organizations.isError
    ? [{ key: "error", disabled: true, label: `Cannot list organizations: ${describeError(organizations.error)}` }]
    : (organizations.data ?? []).map((o) => ({
        key: ORG_PREFIX + o.slug,
        icon: <TeamOutlined />,
        label: (
          <span data-testid={`organization-${o.slug}`}>
            {organizationLabel(o)}{" "}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.slug}
            </Typography.Text>
          </span>
        ),
        extra: check(o.slug === slug),
      }));
  const items: MenuProps["items"] = [
    {
      key: "workspaces",
      type: "group",
      label: "Workspace",
      children: [
        { key: PERSONAL, icon: <UserOutlined />, label: "Personal workspace", extra: check(slug === "") },
        ...(organizationItems ?? []),
      ],
    },
    { type: "divider" },
    { key: CREATE, icon: <PlusOutlined />, label: "Create organization" },
  ];

  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === CREATE) setCreating(true);
    else if (key === PERSONAL) choose("");
    else if (key.startsWith(ORG_PREFIX)) choose(key.slice(ORG_PREFIX.length));
  };

  const label = slug === "" ? "Personal workspace" : current ? organizationLabel(current) : slug;
  return (
    <>
      <Dropdown
        trigger={["click"]}
        menu={{ items, onClick, selectable: true, selectedKeys: [slug === "" ? PERSONAL : ORG_PREFIX + slug] }}
        onOpenChange={(open) => {
          if (open) void organizations.refresh();
        }}
      >
        <Button
          type="text"
          data-testid="organization-switcher"
          icon={organizations.isPending ? <LoadingOutlined /> : slug === "" ? <UserOutlined /> : <TeamOutlined />}
          style={{ color: "#fff", maxWidth: 260 }}
        >
          <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{label}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <CreateOrganizationModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(organization) => {
          setCreating(false);
          organizations.add(organization);
          choose(organization.slug);
          message.success(`Organization "${organizationLabel(organization)}" created; you are now working in it.`);
        }}
      />
    </>
  );
}
