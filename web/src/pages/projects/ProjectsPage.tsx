// The Projects page: a grid of project cards, searched, sorted and filtered through the URL.
import { DownOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, Dropdown, Row, Skeleton, Space } from "antd";
import { useNavigate } from "react-router";
import { api, unwrap } from "../../api/client";
import type { Page, Project } from "../../api/types";
import { LinkButton } from "../../components/listing/LinkButton";
import { ListBody } from "../../components/listing/ListBody";
import { ListHeader } from "../../components/listing/ListHeader";
import { ListPagination } from "../../components/listing/ListPagination";
import { hasActiveFilters, type ServerListQuery } from "../../components/listing/listState";
import { ListToolbar } from "../../components/listing/ListToolbar";
import { useListQuery } from "../../components/listing/useListQuery";
import { useListState } from "../../components/listing/useListState";
import { ProjectCard } from "./ProjectCard";
import { PROJECT_LIST } from "./projectListConfig";

const GRID = { xs: 24, sm: 12, md: 8, xl: 6 };

function fetchProjects(query: ServerListQuery): Promise<Page<Project>> {
  return unwrap(api.GET("/api/projects", { params: { query } }));
}

function ProjectSkeletons() {
  return (
    <Row gutter={[16, 16]} data-testid="list-loading">
      {Array.from({ length: 8 }, (_, key) => (
        <Col key={key} {...GRID}>
          <Card cover={<Skeleton.Node active style={{ width: "100%", height: 150 }} />}>
            <Skeleton active title={{ width: "60%" }} paragraph={{ rows: 2 }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
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
  const page = projects.data;
  const refetch = () => void projects.refetch();

  return (
    <div className="page" data-testid="projects-page">
      <ListHeader title="Projects" count={page?.count} action={<CreateProjectButton />} />
      <ListToolbar config={PROJECT_LIST} controls={controls} />
      <ListBody
        noun={PROJECT_LIST.noun}
        pending={projects.isPending}
        refreshing={projects.isFetching && projects.isPlaceholderData}
        error={projects.error}
        onRetry={refetch}
        isEmpty={(page?.results.length ?? 0) === 0}
        filtered={hasActiveFilters(controls.state)}
        onClearFilters={controls.clearFilters}
        emptyAction={
          <LinkButton to="/projects/create" type="primary" icon={<PlusOutlined />}>
            Create a project
          </LinkButton>
        }
        skeleton={<ProjectSkeletons />}
      >
        <Row gutter={[16, 16]} data-testid="project-list">
          {page?.results.map((project) => (
            <Col key={project.id} {...GRID}>
              <ProjectCard project={project} onChanged={refetch} />
            </Col>
          ))}
        </Row>
      </ListBody>
      <ListPagination controls={controls} total={page?.count ?? 0} noun={PROJECT_LIST.noun} />
    </div>
  );
}
