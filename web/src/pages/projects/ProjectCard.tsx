// One project in the Projects grid: preview, name, owner, last update, task count, actions.
import { ClockCircleOutlined, ProfileOutlined, UserOutlined } from "@ant-design/icons";
import { Card, Flex } from "antd";
import { Link, useNavigate } from "react-router";
import type { Project } from "../../api/types";
import { ProjectActionsMenu } from "../../components/actions/ProjectActionsMenu";
import { formatMoment, fromNow } from "../../components/listing/dates";
import { PreviewImage } from "../../components/common/PreviewImage";
import { StatusTag } from "../../components/listing/StatusTags";
import "../../components/listing/listing.css";

export function ProjectCard({ project, onChanged }: { project: Project; onChanged: () => void }) {
  const navigate = useNavigate();
  const tasks = project.tasks.count;
  return (
    <Card
      className="list-card"
      hoverable
      data-testid="project-card"
      data-project-id={project.id}
      cover={
        <PreviewImage
          src={tasks > 0 ? `/api/projects/${project.id}/preview` : undefined}
          alt={project.name}
          height={150}
        />
      }
      onClick={() => navigate(`/projects/${project.id}`)}
      styles={{ body: { padding: 14 } }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Link
          to={`/projects/${project.id}`}
          className="list-card-title"
          data-testid="project-name"
          onClick={(event) => event.stopPropagation()}
        >
          {project.name}
        </Link>
        <StatusTag status={project.status} />
      </Flex>
      <div className="list-card-meta">
        <div>
          <UserOutlined /> {project.owner?.username ?? "a deleted user"}
        </div>
        <div title={formatMoment(project.updated_date)}>
          <ClockCircleOutlined /> Last updated {fromNow(project.updated_date)}
        </div>
      </div>
      <Flex justify="space-between" align="center" style={{ marginTop: 10 }}>
        <span className="list-card-meta list-card-count" data-testid="project-task-count">
          <ProfileOutlined /> {tasks} {tasks === 1 ? "task" : "tasks"}
        </span>
        {/* Menu clicks (even through the portal) must not open the project. */}
        <div onClick={(event) => event.stopPropagation()}>
          <ProjectActionsMenu project={project} onChanged={onChanged} />
        </div>
      </Flex>
    </Card>
  );
}
