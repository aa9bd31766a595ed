// The actions of a project, in menu order (backup joins in its own issue as one more descriptor).
import { DeleteOutlined, ExportOutlined, FolderOpenOutlined, ImportOutlined } from "@ant-design/icons";
import type { Project } from "../../api/types";
import type { ActionDescriptor, ActionDialogProps } from "./actionDescriptors";
import type { DatasetTarget } from "./datasetTarget";
import { DeleteDialog } from "./DeleteDialog";
import { ExportDatasetModal } from "./ExportDatasetModal";
import { ImportDatasetModal } from "./ImportDatasetModal";

export function projectDatasetTarget(project: Project): DatasetTarget {
  return { kind: "project", id: project.id, name: project.name, dimension: project.dimension };
}

function ExportProjectDialog({ target, open, onClose }: ActionDialogProps<Project>) {
  return <ExportDatasetModal target={projectDatasetTarget(target)} open={open} onClose={onClose} />;
}

function ImportProjectDialog({ target, open, onClose, onChanged }: ActionDialogProps<Project>) {
  return <ImportDatasetModal target={projectDatasetTarget(target)} open={open} onClose={onClose} onImported={onChanged} />;
}

function DeleteProjectDialog({ target, open, onClose, onDeleted }: ActionDialogProps<Project>) {
  return (
    <DeleteDialog kind="project" id={target.id} name={target.name} open={open} onClose={onClose} onDeleted={onDeleted} />
  );
}

export const PROJECT_ACTIONS: ActionDescriptor<Project>[] = [
  {
    key: "open",
    label: "Open",
    icon: <FolderOpenOutlined />,
    visible: (_, here) => !here.onOwnPage,
    run: ({ target, navigate }) => navigate(`/projects/${target.id}`),
  },
  { key: "export", label: "Export dataset", icon: <ExportOutlined />, Dialog: ExportProjectDialog },
  { key: "import", label: "Import dataset", icon: <ImportOutlined />, Dialog: ImportProjectDialog },
  { key: "delete", label: "Delete", icon: <DeleteOutlined />, danger: true, Dialog: DeleteProjectDialog },
];
