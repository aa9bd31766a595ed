// The frame around every signed-in page: the header with navigation, the workspace and the user's menu.
import { Divider, Layout, Menu, Spin } from "antd";
import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { useSession } from "../../lib/session";
import { OrganizationSwitcher } from "./OrganizationSwitcher";
import { UserMenu } from "./UserMenu";

const SECTIONS = [
  { key: "projects", label: "Projects" },
  { key: "tasks", label: "Tasks" },
  { key: "jobs", label: "Jobs" },
  { key: "requests", label: "Requests" },
];

export function AppLayout() {
  const location = useLocation();
  const { organization } = useSession();
  const section = location.pathname.split("/")[1] ?? "";
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", gap: 24 }}>
        <Link to="/tasks" style={{ color: "#fff", fontWeight: 700, fontSize: 18, letterSpacing: 0.5 }}>
          <img src="/favicon.svg" alt="" width={24} height={24} style={{ verticalAlign: -6, marginRight: 8 }} />
          Contour
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[section]}
          style={{ flex: 1, minWidth: 0, background: "transparent" }}
          items={SECTIONS.map((s) => ({ key: s.key, label: <Link to={`/${s.key}`}>{s.label}</Link> }))}
        />
        <OrganizationSwitcher />
        <Divider orientation="vertical" style={{ borderColor: "rgba(255, 255, 255, 0.2)", marginInline: -8 }} />
        <UserMenu />
      </Layout.Header>
      <Layout.Content>
        {/* A new workspace remounts the page, so everything it shows is fetched for that workspace. */}
        <Suspense fallback={<Spin size="large" style={{ display: "block", margin: "120px auto" }} />}>
          <Outlet key={organization || "personal"} />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
