// The project page (/projects/:projectId): name, owner, assignee, issue tracker, Actions, the
// project's labels and its tasks.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Breadcrumb, Card, Flex, Skeleton, Space, Tag, Typography } from "antd";
import type { DescriptionsProps } from "antd";
import { useCallback } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import type { Project } from "../../api/types";
import { ProjectActionsMenu } from "../../components/actions/ProjectActionsMenu";
import { LoadFailedAlert } from "../../components/common/LoadFailedAlert";
import { isNotFound } from "../../components/common/notFound";
import { ResourceNotFound } from "../../components/common/NotFoundResult";
import { assigneeFact, issueTrackerFact } from "../../components/common/resourceFacts";
import { ResourceSummary } from "../../components/common/ResourceSummary";
import { LabelsSection } from "../../components/labels/LabelsSection";
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

  if (!valid || isNotFound(project.error)) {
    return <ResourceNotFound title="Project not found" backTo="/projects" backLabel="Back to projects" />;
  }

  return (
    <div className="page" data-testid="project-page">
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[{ title: <Link to="/projects">Projects</Link> }, { title: `Project #${projectId}` }]}
      />
      {project.isError && (
        <LoadFailedAlert
          title="The project could not be loaded"
          error={project.error}
          onRetry={() => void project.refetch()}
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
  const save = usePatchProject(project.id);

  const items: DescriptionsProps["items"] = [
    assigneeFact("project", project.assignee, save),
    { key: "tasks", label: "Tasks", children: project.tasks.count },
    { key: "dimension", label: "Dimension", children: project.dimension ? project.dimension.toUpperCase() : "—" },
    issueTrackerFact(project.bug_tracker, save),
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
    <ResourceSummary
      noun="project"
      id={project.id}
      name={project.name}
      status={project.status}
      owner={project.owner}
      ownerVerb="Owned by"
      createdDate={project.created_date}
      previewVersion={String(project.tasks.count)}
      onRename={(name) => void save({ name }, `Project renamed to “${name}”.`)}
      actions={<ProjectActionsMenu project={project} onChanged={onChanged} />}
      items={items}
    />
  );
}
