// The actions of a task, in menu order. "Backup task" and "Automatic annotation" join this list
// in their own issues: one descriptor each (and a dialog when they need one).
import { DeleteOutlined, ExportOutlined, FolderOpenOutlined, SwapOutlined, UploadOutlined } from "@ant-design/icons";
import type { Task } from "../../api/types";
import type { ActionDescriptor, ActionDialogProps } from "./actionDescriptors";
import type { DatasetTarget } from "./datasetTarget";
import { DeleteDialog } from "./DeleteDialog";
import { ExportDatasetModal } from "./ExportDatasetModal";
import { ImportDatasetModal } from "./ImportDatasetModal";
import { MoveToProjectModal } from "./MoveToProjectModal";

export function taskDatasetTarget(task: Task): DatasetTarget {
  // A task without data has no dimension of its own yet.
  return { kind: "task", id: task.id, name: task.name, dimension: task.size ? task.dimension : null };
}

function ExportTaskDialog({ target, open, onClose }: ActionDialogProps<Task>) {
  return <ExportDatasetModal target={taskDatasetTarget(target)} open={open} onClose={onClose} />;
}

function UploadAnnotationsDialog({ target, open, onClose, onChanged }: ActionDialogProps<Task>) {
  return <ImportDatasetModal target={taskDatasetTarget(target)} open={open} onClose={onClose} onImported={onChanged} />;
}

function MoveTaskDialog({ target, open, onClose, onChanged }: ActionDialogProps<Task>) {
  return <MoveToProjectModal task={target} open={open} onClose={onClose} onMoved={onChanged} />;
}

function DeleteTaskDialog({ target, open, onClose, onDeleted }: ActionDialogProps<Task>) {
  return <DeleteDialog kind="task" id={target.id} name={target.name} open={open} onClose={onClose} onDeleted={onDeleted} />;
}

const NO_DATA = "The task has no data yet.";

export const TASK_ACTIONS: ActionDescriptor<Task>[] = [
  {
    key: "open",
    label: "Open",
    icon: <FolderOpenOutlined />,
    visible: (_, here) => !here.onOwnPage,
    run: ({ target, navigate }) => navigate(`/tasks/${target.id}`),
  },
  {
    key: "export",
    label: "Export task dataset",
    icon: <ExportOutlined />,
    disabledReason: (task) => (task.size ? null : NO_DATA),
    Dialog: ExportTaskDialog,
  },
  {
    key: "upload",
    label: "Upload annotations",
    icon: <UploadOutlined />,
    disabledReason: (task) => (task.size ? null : NO_DATA),
    Dialog: UploadAnnotationsDialog,
  },
  {
    key: "move",
    label: "Move to project",
    icon: <SwapOutlined />,
    Dialog: MoveTaskDialog,
  },
  { key: "delete", label: "Delete", icon: <DeleteOutlined />, danger: true, Dialog: DeleteTaskDialog },
];
