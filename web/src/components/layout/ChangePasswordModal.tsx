// "Change password": the current password and the new one twice → POST /api/auth/password/change.
import { LockOutlined } from "@ant-design/icons";
import { Alert, App, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../pages/auth/accountRules";
import { formErrorsOf } from "../../pages/auth/formErrors";

interface PasswordChange {
  old_password: string;
  new_password1: string;
  new_password2: string;
}

const SERVER_FIELDS: Record<string, keyof PasswordChange> = {
  old_password: "old_password",
  new_password1: "new_password1",
  new_password2: "new_password2",
};

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<PasswordChange>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async (values: PasswordChange) => {
    setSubmitting(true);
    setError(null);
    try {
      await unwrap(api.POST("/api/auth/password/change", { body: values }));
      message.success("Your password has been changed.");
      close();
    } catch (caught) {
      const { fields, general } = formErrorsOf(caught, SERVER_FIELDS);
      form.setFields(fields);
      setError(general);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={
        <Space>
          <LockOutlined />
          Change password
        </Space>
      }
      okText="Change password"
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={submitting}
      destroyOnHidden
      data-testid="change-password-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="change-password" layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          label="Current password"
          name="old_password"
          rules={[{ required: true, message: "Enter your current password." }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          label="New password"
          name="new_password1"
          validateFirst
          hasFeedback
          rules={[
            { required: true, message: "Choose a new password." },
            { min: PASSWORD_MIN_LENGTH, message: `At least ${PASSWORD_MIN_LENGTH} characters.` },
            { max: PASSWORD_MAX_LENGTH },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="Confirm new password"
          name="new_password2"
          dependencies={["new_password1"]}
          validateFirst
          hasFeedback
          rules={[
            { required: true, message: "Repeat the new password." },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue("new_password1")
                  ? Promise.resolve()
                  : Promise.reject(new Error("The two passwords differ.")),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
