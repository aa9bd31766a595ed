// "Create organization": name, slug (suggested from the name), description → POST /api/organizations.
import { TeamOutlined } from "@ant-design/icons";
import { Form, Input } from "antd";
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import type { Organization } from "../../api/types";
import {
  ORG_NAME_MAX_LENGTH,
  ORG_SLUG_MAX_LENGTH,
  ORG_SLUG_PATTERN,
  slugFromName,
} from "../../pages/auth/accountRules";
import { FormModal } from "../common/FormModal";
import { useServerSubmit } from "../common/useServerSubmit";

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
  const { error, submitting, submit, reset } = useServerSubmit(form, SERVER_FIELDS);
  // The slug follows the name until the user types one of their own.
  const [slugEdited, setSlugEdited] = useState(false);

  const startOver = () => {
    reset();
    setSlugEdited(false);
  };

  const close = () => {
    startOver();
    onClose();
  };

  const create = async (values: NewOrganization) => {
    const body = { name: values.name.trim(), slug: values.slug.trim(), description: values.description?.trim() ?? "" };
    // The schema also lists FastAPI's default 200 (untyped) beside the documented 201.
    const created = await submit(() => unwrap(api.POST("/api/organizations", { body })) as Promise<Organization>);
    if (created) {
      startOver();
      onCreated(created.answer);
    }
  };

  return (
    <FormModal
      open={open}
      icon={<TeamOutlined />}
      title="Create organization"
      okText="Create"
      testId="create-organization-modal"
      form={form}
      submitting={submitting}
      error={error}
      onCancel={close}
      intro={
        <p style={{ color: "rgba(0, 0, 0, 0.55)", marginTop: 0 }}>
          An organization is a shared workspace: its projects and tasks are visible to the members you invite.
        </p>
      }
    >
      <Form
        form={form}
        name="create-organization"
        layout="vertical"
        requiredMark="optional"
        onFinish={create}
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
    </FormModal>
  );
}
