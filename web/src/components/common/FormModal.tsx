// A dialog around one form that is sent to the server: icon and title, the server's error above
// the fields, OK submits the form and spins while the request runs.
import { Alert, Modal, Space, type FormInstance } from "antd";
import type { ReactNode } from "react";

interface FormModalProps {
  open: boolean;
  icon: ReactNode;
  title: string;
  okText: string;
  testId: string;
  form: FormInstance;
  submitting: boolean;
  error: string | null;
  onCancel: () => void;
  /** A line above the form saying what the dialog is for. */
  intro?: ReactNode;
  children: ReactNode;
}

export function FormModal({ form, submitting, error, intro, ...props }: FormModalProps) {
  return (
    <Modal
      open={props.open}
      title={
        <Space>
          {props.icon}
          {props.title}
        </Space>
      }
      okText={props.okText}
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      confirmLoading={submitting}
      destroyOnHidden
      data-testid={props.testId}
    >
      {intro}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {props.children}
    </Modal>
  );
}
