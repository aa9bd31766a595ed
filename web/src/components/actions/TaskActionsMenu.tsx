// Placeholder (being rewritten this session): the Actions menu of a task.
import { Button, Dropdown } from "antd";
import { useNavigate } from "react-router";
import type { Task } from "../../api/types";

export interface TaskActionsMenuProps {
  task: Task;
  /** Called after an action changed or deleted the task, so lists can refresh. */
  onChanged?: () => void;
}

export function TaskActionsMenu({ task }: TaskActionsMenuProps) {
  const navigate = useNavigate();
  return (
    <Dropdown
      menu={{ items: [{ key: "open", label: "Open" }], onClick: () => navigate(`/tasks/${task.id}`) }}
    >
      <Button data-testid="task-actions">Actions</Button>
    </Dropdown>
  );
}
