// The Projects page: a grid of project cards, searched, sorted and filtered through the URL.
import { DownOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Dropdown, Space } from "antd";
import { useNavigate } from "react-router";
import { api, unwrap } from "../../api/client";
import type { Page, Project } from "../../api/types";
import { CardGrid, CardGridSkeleton } from "../../components/listing/CardGrid";
import { LinkButton } from "../../components/listing/LinkButton";
import { ListPage } from "../../components/listing/ListPage";
import type { ServerListQuery } from "../../components/listing/listState";
import { useListQuery } from "../../components/listing/useListQuery";
import { useListState } from "../../components/listing/useListState";
import { ProjectCard } from "./ProjectCard";
import { PROJECT_LIST } from "./projectListConfig";

function fetchProjects(query: ServerListQuery): Promise<Page<Project>> {
  return unwrap(api.GET("/api/projects", { params: { query } }));
}

/** "Create new project", with a menu for the other ways to start one (backups join it later). */
function CreateProjectButton() {
  const navigate = useNavigate();
  return (
    <Space.Compact>
      <LinkButton to="/projects/create" type="primary" icon={<PlusOutlined />} data-testid="create-project">
        Create new project
      </LinkButton>
      <Dropdown
        trigger={["click"]}
        placement="bottomRight"
        menu={{
          items: [{ key: "create", icon: <PlusOutlined />, label: "Create a new project" }],
          onClick: ({ key }) => {
            if (key === "create") navigate("/projects/create");
          },
        }}
      >
        <Button type="primary" icon={<DownOutlined />} aria-label="More ways to create a project" />
      </Dropdown>
    </Space.Compact>
  );
}

export function ProjectsPage() {
  const controls = useListState(PROJECT_LIST.defaults);
  const projects = useListQuery(PROJECT_LIST, controls, fetchProjects);
  const refetch = () => void projects.refetch();

  return (
    <ListPage
      title="Projects"
      testId="projects-page"
      config={PROJECT_LIST}
      controls={controls}
      list={projects}
      action={<CreateProjectButton />}
      emptyAction={
        <LinkButton to="/projects/create" type="primary" icon={<PlusOutlined />}>
          Create a project
        </LinkButton>
      }
      skeleton={<CardGridSkeleton coverHeight={150} titleWidth="60%" rows={2} />}
    >
      {(items) => (
        <CardGrid
          items={items}
          testId="project-list"
          renderCard={(project) => <ProjectCard project={project} onChanged={refetch} />}
        />
      )}
    </ListPage>
  );
}
