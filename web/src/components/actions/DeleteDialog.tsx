// The confirmation before deleting a task or project, and the deletion itself.
import { DeleteOutlined } from "@ant-design/icons";
import { Alert, App, Modal, Typography } from "antd";
import { useState } from "react";
import { request } from "../../api/client";
import { describeError } from "../../api/errors";

export interface DeleteDialogProps {
  kind: "task" | "project";
  id: number;
  name: string;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

const CONSEQUENCES = {
  task: "Its jobs, annotations and media are removed for good.",
  project: "Its tasks, with their jobs, annotations and media, are removed for good.",
};

export function DeleteDialog({ kind, id, name, open, onClose, onDeleted }: DeleteDialogProps) {
  const { message } = App.useApp();
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setDeleting(true);
    setError(null);
    try {
      await request(`/api/${kind}s/${id}`, { method: "DELETE" });
      message.success(`The ${kind} #${id} was deleted.`);
      onClose();
      onDeleted();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setDeleting(false);
    }
  }

  return (
    <Modal
      open={open}
      title={`Delete the ${kind}?`}
      okText="Delete"
      okButtonProps={{ danger: true, icon: <DeleteOutlined />, loading: deleting }}
      onOk={remove}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        The {kind} <Typography.Text strong>#{id} “{name}”</Typography.Text> will be deleted. {CONSEQUENCES[kind]}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
