// Sign in with a username or e-mail and a password; then back to the page that asked for it.
import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Spin } from "antd";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { useSession } from "../../lib/session";
import { AuthLayout } from "./AuthLayout";
import { formErrorsOf } from "./formErrors";
import { safeNext } from "./redirect";

interface Credentials {
  username: string;
  password: string;
}

const SERVER_FIELDS: Record<string, keyof Credentials> = {
  username: "username",
  email: "username",
  password: "password",
};

export function LoginPage() {
  const { user, loading, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get("next"));

  if (loading) return <Spin fullscreen />;
  if (user && !submitting) return <Navigate to={next} replace />;

  const submit = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate(next, { replace: true });
    } catch (caught) {
      const { fields, general } = formErrorsOf(caught, SERVER_FIELDS);
      form.setFields(fields);
      setError(general);
      setSubmitting(false);
    }
  };

  const registerLink = params.get("next") ? `/auth/register?next=${encodeURIComponent(next)}` : "/auth/register";
  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back. Sign in to continue to your projects and tasks."
      footer={
        <>
          New to Contour? <Link to={registerLink}>Create an account</Link>
        </>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 24 }} data-testid="login-error" />}
      <Form form={form} name="login" layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting}>
        <Form.Item
          label="Username or e-mail"
          name="username"
          rules={[{ required: true, whitespace: true, message: "Enter your username or e-mail." }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item label="Password" name="password" rules={[{ required: true, message: "Enter your password." }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0, marginTop: 8 }}>
          <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
            Sign in
          </Button>
        </Form.Item>
      </Form>
    </AuthLayout>
  );
}
