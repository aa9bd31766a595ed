// Placeholder (being rewritten this session): the Actions menu of a project.
import { Button, Dropdown } from "antd";
import { useNavigate } from "react-router";
import type { Project } from "../../api/types";

export interface ProjectActionsMenuProps {
  project: Project;
  /** Called after an action changed or deleted the project, so lists can refresh. */
  onChanged?: () => void;
}

export function ProjectActionsMenu({ project }: ProjectActionsMenuProps) {
  const navigate = useNavigate();
  return (
    <Dropdown
      menu={{ items: [{ key: "open", label: "Open" }], onClick: () => navigate(`/projects/${project.id}`) }}
    >
      <Button data-testid="project-actions">Actions</Button>
    </Dropdown>
  );
}
