// Create an account (POST /api/auth/register), then sign straight in.
import { LockOutlined, MailOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Col, Form, Input, Row, Spin } from "antd";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { useSession } from "../../lib/session";
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from "./accountRules";
import { AuthLayout } from "./AuthLayout";
import { formErrorsOf } from "./formErrors";
import { safeNext } from "./redirect";

interface Registration {
  username: string;
  first_name?: string;
  last_name?: string;
  email: string;
  password: string;
  confirm: string;
}

// The server's field names → this form's.
const SERVER_FIELDS: Record<string, keyof Registration> = {
  username: "username",
  first_name: "first_name",
  last_name: "last_name",
  email: "email",
  password1: "password",
  password2: "confirm",
};

export function RegisterPage() {
  const { user, loading, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<Registration>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get("next"));

  if (loading) return <Spin fullscreen />;
  if (user && !submitting) return <Navigate to={next} replace />;

  const submit = async (values: Registration) => {
    setSubmitting(true);
    setError(null);
    const username = values.username.trim();
    try {
      await unwrap(
        api.POST("/api/auth/register", {
          body: {
            username,
            email: values.email.trim(),
            first_name: values.first_name?.trim() ?? "",
            last_name: values.last_name?.trim() ?? "",
            password1: values.password,
            password2: values.confirm,
          },
        }),
      );
    } catch (caught) {
      const { fields, general } = formErrorsOf(caught, SERVER_FIELDS);
      form.setFields(fields);
      setError(general);
      setSubmitting(false);
      return;
    }
    try {
      await signIn(username, values.password);
      navigate(next, { replace: true });
    } catch (caught) {
      // The account exists; only signing in failed. Send them to sign in by hand.
      setSubmitting(false);
      setError(`Your account was created, but signing in failed: ${formErrorsOf(caught, {}).general}`);
    }
  };

  return (
    <AuthLayout
      title="Create an account"
      subtitle="Set up your Contour account to start annotating."
      footer={
        <>
          Already have an account? <Link to="/auth/login">Sign in</Link>
        </>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 24 }} data-testid="register-error" />}
      <Form
        form={form}
        name="register"
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        disabled={submitting}
      >
        <Form.Item
          label="Username"
          name="username"
          validateFirst
          rules={[
            { required: true, whitespace: true, message: "Choose a username." },
            { min: USERNAME_MIN_LENGTH, message: `At least ${USERNAME_MIN_LENGTH} characters.` },
            { max: USERNAME_MAX_LENGTH, message: `At most ${USERNAME_MAX_LENGTH} characters.` },
            { pattern: USERNAME_PATTERN, message: "Letters, digits and @ . + - _ only." },
          ]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="First name" name="first_name" rules={[{ max: NAME_MAX_LENGTH }]}>
              <Input autoComplete="given-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="Last name" name="last_name" rules={[{ max: NAME_MAX_LENGTH }]}>
              <Input autoComplete="family-name" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="E-mail"
          name="email"
          validateFirst
          rules={[
            { required: true, whitespace: true, message: "Enter your e-mail address." },
            { type: "email", message: "Enter a valid e-mail address." },
            { max: EMAIL_MAX_LENGTH },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="email" />
        </Form.Item>
        <Form.Item
          label="Password"
          name="password"
          validateFirst
          hasFeedback
          rules={[
            { required: true, message: "Choose a password." },
            { min: PASSWORD_MIN_LENGTH, message: `At least ${PASSWORD_MIN_LENGTH} characters.` },
            { max: PASSWORD_MAX_LENGTH },
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="Confirm password"
          name="confirm"
          dependencies={["password"]}
          validateFirst
          hasFeedback
          rules={[
            { required: true, message: "Repeat the password." },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue("password")
                  ? Promise.resolve()
                  : Promise.reject(new Error("The two passwords differ.")),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0, marginTop: 8 }}>
          <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
            Create account
          </Button>
        </Form.Item>
      </Form>
    </AuthLayout>
  );
}
