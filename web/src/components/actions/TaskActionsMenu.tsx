// The Actions menu of a task (task page, task lists, project page).
import { useLocation, useNavigate } from "react-router";
import type { Task } from "../../api/types";
import { ActionsMenu } from "./ActionsMenu";
import { TASK_ACTIONS } from "./taskActions";

export interface TaskActionsMenuProps {
  task: Task;
  /** Called after an action changed or deleted the task, so lists can refresh. */
  onChanged?: () => void;
  /** Called after the task was deleted; by default the task's own page goes back to /tasks. */
  onDeleted?: () => void;
}

export function TaskActionsMenu({ task, onChanged, onDeleted }: TaskActionsMenuProps) {
  const location = useLocation();
  const navigate = useNavigate();
  const onOwnPage = location.pathname === `/tasks/${task.id}`;
  return (
    <ActionsMenu
      actions={TASK_ACTIONS}
      target={task}
      onOwnPage={onOwnPage}
      onChanged={() => onChanged?.()}
      onDeleted={() => {
        if (onDeleted) onDeleted();
        else if (onOwnPage) void navigate("/tasks");
        else onChanged?.();
      }}
      testId="task-actions"
    />
  );
}
