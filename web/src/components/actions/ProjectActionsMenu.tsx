// The Actions menu of a project (project page, projects list).
import { useLocation, useNavigate } from "react-router";
import type { Project } from "../../api/types";
import { ActionsMenu } from "./ActionsMenu";
import { PROJECT_ACTIONS } from "./projectActions";

export interface ProjectActionsMenuProps {
  project: Project;
  /** Called after an action changed or deleted the project, so lists can refresh. */
  onChanged?: () => void;
  /** Called after the project was deleted; by default its own page goes back to /projects. */
  onDeleted?: () => void;
}

export function ProjectActionsMenu({ project, onChanged, onDeleted }: ProjectActionsMenuProps) {
  const location = useLocation();
  const navigate = useNavigate();
  const onOwnPage = location.pathname === `/projects/${project.id}`;
  return (
    <ActionsMenu
      actions={PROJECT_ACTIONS}
      target={project}
      onOwnPage={onOwnPage}
      onChanged={() => onChanged?.()}
      onDeleted={() => {
        if (onDeleted) onDeleted();
        else if (onOwnPage) void navigate("/projects");
        else onChanged?.();
      }}
      testId="project-actions"
    />
  );
}
