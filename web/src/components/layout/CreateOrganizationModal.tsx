// "Create organization": name, slug (suggested from the name), description → POST /api/organizations.
import { TeamOutlined } from "@ant-design/icons";
import { Alert, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import type { Organization } from "../../api/types";
import {
  ORG_NAME_MAX_LENGTH,
  ORG_SLUG_MAX_LENGTH,
  ORG_SLUG_PATTERN,
  slugFromName,
} from "../../pages/auth/accountRules";
import { formErrorsOf } from "../../pages/auth/formErrors";

interface NewOrganization {
  name: string;
  slug: string;
  description?: string;
}

const SERVER_FIELDS: Record<string, keyof NewOrganization> = { name: "name", slug: "slug", description: "description" };

interface CreateOrganizationModalProps {
  open: boolean;
  onClose: () => void;
  onCreated: (organization: Organization) => void;
}

export function CreateOrganizationModal({ open, onClose, onCreated }: CreateOrganizationModalProps) {
  const [form] = Form.useForm<NewOrganization>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // The slug follows the name until the user types one of their own.
  const [slugEdited, setSlugEdited] = useState(false);

  const close = () => {
    form.resetFields();
    setError(null);
    setSlugEdited(false);
    onClose();
  };

  const submit = async (values: NewOrganization) => {
    setSubmitting(true);
    setError(null);
    try {
      // The schema also lists FastAPI's default 200 (untyped) beside the documented 201.
      const organization = (await unwrap(
        api.POST("/api/organizations", {
          body: { name: values.name.trim(), slug: values.slug.trim(), description: values.description?.trim() ?? "" },
        }),
      )) as Organization;
      form.resetFields();
      setSlugEdited(false);
      onCreated(organization);
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
          <TeamOutlined />
          Create organization
        </Space>
      }
      okText="Create"
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={submitting}
      destroyOnHidden
      data-testid="create-organization-modal"
    >
      <p style={{ color: "rgba(0, 0, 0, 0.55)", marginTop: 0 }}>
        An organization is a shared workspace: its projects and tasks are visible to the members you invite.
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        name="create-organization"
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        onValuesChange={(changed: Partial<NewOrganization>) => {
          if (changed.slug !== undefined) setSlugEdited(true);
          if (changed.name !== undefined && !slugEdited) form.setFieldValue("slug", slugFromName(changed.name));
        }}
      >
        <Form.Item
          label="Name"
          name="name"
          rules={[
            { required: true, whitespace: true, message: "Give the organization a name." },
            { max: ORG_NAME_MAX_LENGTH, message: `At most ${ORG_NAME_MAX_LENGTH} characters.` },
          ]}
        >
          <Input autoFocus placeholder="Acme Vision Lab" />
        </Form.Item>
        <Form.Item
          label="Short name"
          name="slug"
          extra="Identifies the organization in links and API calls; letters, digits, - and _."
          validateFirst
          rules={[
            { required: true, message: "Choose a short name." },
            { max: ORG_SLUG_MAX_LENGTH, message: `At most ${ORG_SLUG_MAX_LENGTH} characters.` },
            { pattern: ORG_SLUG_PATTERN, message: "Letters, digits, - and _ only." },
          ]}
        >
          <Input placeholder="acme" />
        </Form.Item>
        <Form.Item label="Description" name="description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
