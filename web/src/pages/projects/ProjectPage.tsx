// The project page (/projects/:projectId): name, owner, assignee, issue tracker, Actions, the
// project's labels and its tasks.
import { CalendarOutlined, UserOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Flex, Result, Skeleton, Space, Tag, Typography } from "antd";
import type { DescriptionsProps } from "antd";
import { useCallback } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { ApiError, describeError } from "../../api/errors";
import type { Project } from "../../api/types";
import { ProjectActionsMenu } from "../../components/actions/ProjectActionsMenu";
import { UserSelect } from "../../components/common/UserSelect";
import { LabelsSection } from "../../components/labels/LabelsSection";
import { IssueTrackerField } from "../tasks/IssueTrackerField";
import { PreviewImage } from "../../components/common/PreviewImage";
import { formatDate, STATUS_COLORS } from "../tasks/taskFacts";
import { ProjectTasks, projectTasksKey } from "./ProjectTasks";
import { projectQueryKey, usePatchProject } from "./usePatchProject";

export function ProjectPage() {
  const projectId = Number(useParams().projectId);
  const client = useQueryClient();
  const valid = Number.isInteger(projectId) && projectId > 0;
  const project = useQuery({
    queryKey: projectQueryKey(projectId),
    enabled: valid,
    queryFn: () => unwrap(api.GET("/api/projects/{project_id}", { params: { path: { project_id: projectId } } })),
  });

  const refresh = useCallback(() => {
    void client.invalidateQueries({ queryKey: projectQueryKey(projectId) });
    void client.invalidateQueries({ queryKey: projectTasksKey(projectId) });
    void client.invalidateQueries({ queryKey: ["labels"] });
  }, [client, projectId]);

  if (!valid || (project.error instanceof ApiError && [403, 404].includes(project.error.status))) {
    return (
      <div className="page">
        <Result
          status="404"
          title="Project not found"
          subTitle="It may have been deleted, or it belongs to a workspace you are not in."
          extra={
            <Link to="/projects">
              <Button type="primary">Back to projects</Button>
            </Link>
          }
        />
      </div>
    );
  }

  return (
    <div className="page" data-testid="project-page">
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[{ title: <Link to="/projects">Projects</Link> }, { title: `Project #${projectId}` }]}
      />
      {project.isError && (
        <Alert
          type="error"
          showIcon
          title="The project could not be loaded"
          description={describeError(project.error)}
          action={<Button onClick={() => void project.refetch()}>Retry</Button>}
        />
      )}
      {project.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      )}
      {project.data && (
        <Flex vertical gap={24}>
          <ProjectSummary project={project.data} onChanged={refresh} />
          <Card title="Labels">
            <LabelsSection kind="project" id={project.data.id} />
          </Card>
          <ProjectTasks projectId={project.data.id} onChanged={refresh} />
        </Flex>
      )}
    </div>
  );
}

function ProjectSummary({ project, onChanged }: { project: Project; onChanged: () => void }) {
  const { message } = App.useApp();
  const save = usePatchProject(project.id);

  function rename(name: string) {
    const next = name.trim();
    if (!next) {
      message.warning("A project needs a name.");
      return;
    }
    if (next !== project.name) void save({ name: next }, `Project renamed to “${next}”.`);
  }

  const items: DescriptionsProps["items"] = [
    {
      key: "assignee",
      label: "Assignee",
      children: (
        <UserSelect
          value={project.assignee}
          onChange={(user) =>
            void save({ assignee_id: user?.id ?? null }, user ? `Project assigned to ${user.username}.` : "Project unassigned.")
          }
          placeholder="Assign"
          testId="project-assignee"
        />
      ),
    },
    { key: "tasks", label: "Tasks", children: project.tasks.count },
    { key: "dimension", label: "Dimension", children: project.dimension ? project.dimension.toUpperCase() : "—" },
    {
      key: "tracker",
      label: "Issue tracker",
      children: (
        <IssueTrackerField
          value={project.bug_tracker}
          onSave={(bug_tracker) => save({ bug_tracker }, bug_tracker ? "Issue tracker saved." : "Issue tracker removed.")}
        />
      ),
    },
    {
      key: "subsets",
      label: "Subsets",
      children: project.task_subsets.length ? (
        <Space size={4} wrap>
          {project.task_subsets.map((subset) => (
            <Tag key={subset}>{subset}</Tag>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">None</Typography.Text>
      ),
    },
  ];

  return (
    <Card>
      <Flex gap={24} align="flex-start" wrap>
        <PreviewImage
          src={`/api/projects/${project.id}/preview`}
          alt={`Preview of ${project.name}`}
          width={240}
          height={160}
          framed
          version={String(project.tasks.count)}
        />
        <Flex vertical gap={16} style={{ flex: 1, minWidth: 320 }}>
          <Flex justify="space-between" align="flex-start" gap={16}>
            <div style={{ minWidth: 0 }}>
              <Typography.Title
                level={3}
                style={{ margin: 0 }}
                editable={{ onChange: rename, tooltip: "Rename the project", triggerType: ["icon"] }}
                data-testid="project-name"
              >
                {project.name}
              </Typography.Title>
              <Space size={8} wrap style={{ marginTop: 6 }}>
                <Tag>#{project.id}</Tag>
                <Tag color={STATUS_COLORS[project.status] ?? "default"}>{project.status}</Tag>
                <Typography.Text type="secondary">
                  <UserOutlined /> Owned by {project.owner?.username ?? "a deleted user"}
                </Typography.Text>
                <Typography.Text type="secondary">
                  <CalendarOutlined /> {formatDate(project.created_date)}
                </Typography.Text>
              </Space>
            </div>
            <ProjectActionsMenu project={project} onChanged={onChanged} />
          </Flex>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
        </Flex>
      </Flex>
    </Card>
  );
}
