// "Change password": the current password and the new one twice → POST /api/auth/password/change.
// The server ends the user's other sessions and API key but keeps personal access tokens, so the
// dialog warns about those that still work.
import { LockOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Form, Input } from "antd";
import { api, requestJson, unwrap } from "../../api/client";
import type { AccessToken, Page } from "../../api/types";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../pages/auth/accountRules";
import { FormModal } from "../common/FormModal";
import { useServerSubmit } from "../common/useServerSubmit";
import { accessTokenWarning } from "./accessTokenWarning";

interface PasswordChange {
  old_password: string;
  new_password1: string;
  new_password2: string;
}

// More tokens than anyone keeps; the warning names a few and counts the rest.
const TOKENS_FETCHED = 100;

async function fetchAccessTokens(): Promise<Page<AccessToken>> {
  return requestJson<Page<AccessToken>>(`/api/auth/access_tokens?page_size=${TOKENS_FETCHED}&sort=-created_date`);
}

const SERVER_FIELDS: Record<string, keyof PasswordChange> = {
  old_password: "old_password",
  new_password1: "new_password1",
  new_password2: "new_password2",
};

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<PasswordChange>();
  const { message } = App.useApp();
  const { error, submitting, submit, reset } = useServerSubmit(form, SERVER_FIELDS);
  const tokens = useQuery({ queryKey: ["auth", "access_tokens"], queryFn: fetchAccessTokens, enabled: open });
  const warning = tokens.data ? accessTokenWarning(tokens.data.results, new Date()) : null;

  const close = () => {
    reset();
    onClose();
  };

  const change = async (values: PasswordChange) => {
    if (await submit(() => unwrap(api.POST("/api/auth/password/change", { body: values })))) {
      message.success("Your password has been changed. Your other sessions have been signed out.");
      close();
    }
  };

  return (
    <FormModal
      open={open}
      icon={<LockOutlined />}
      title="Change password"
      okText="Change password"
      testId="change-password-modal"
      form={form}
      submitting={submitting}
      error={error}
      onCancel={close}
      intro={
        warning && (
          <Alert
            type="warning"
            showIcon
            title={warning}
            style={{ marginBottom: 16 }}
            data-testid="access-token-warning"
          />
        )
      }
    >
      <Form form={form} name="change-password" layout="vertical" requiredMark={false} onFinish={change}>
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
    </FormModal>
  );
}
