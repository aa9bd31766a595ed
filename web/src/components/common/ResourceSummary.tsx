// The top card of a project or task page: preview, name (renamed in place), number, status, who
// made it and when, the Actions menu on the right, and the page's facts underneath.
import { CalendarOutlined, UserOutlined } from "@ant-design/icons";
import { App, Card, Descriptions, Flex, Space, Tag, Typography } from "antd";
import type { DescriptionsProps } from "antd";
import type { ReactNode } from "react";
import type { BasicUser } from "../../api/types";
import { formatDate, STATUS_COLORS } from "../../pages/tasks/taskFacts";
import { PreviewImage } from "./PreviewImage";

interface ResourceSummaryProps {
  /** Names the preview's address (/api/{noun}s/{id}/preview), the name's test id and the rename texts. */
  noun: "project" | "task";
  id: number;
  name: string;
  status: string;
  owner: BasicUser | null | undefined;
  /** "Owned by", "Created by". */
  ownerVerb: string;
  createdDate: string;
  /** Changes when the preview may have changed, so the browser fetches it again. */
  previewVersion?: string;
  /** Called with the new name, trimmed, only when it is not empty and differs from `name`. */
  onRename: (name: string) => void;
  /** After the owner and the date, e.g. when it was last updated. */
  moreFacts?: ReactNode;
  actions: ReactNode;
  items: DescriptionsProps["items"];
}

export function ResourceSummary(props: ResourceSummaryProps) {
  const { noun, id, name, status, owner, ownerVerb, createdDate, previewVersion, onRename, moreFacts } = props;
  const { message } = App.useApp();

  function rename(typed: string) {
    const next = typed.trim();
    if (!next) {
      message.warning(`A ${noun} needs a name.`);
      return;
    }
    if (next !== name) onRename(next);
  }

  return (
    <Card>
      <Flex gap={24} align="flex-start" wrap>
        <PreviewImage
          src={`/api/${noun}s/${id}/preview`}
          alt={`Preview of ${name}`}
          width={240}
          height={160}
          version={previewVersion}
          framed
        />
        <Flex vertical gap={16} style={{ flex: 1, minWidth: 320 }}>
          <Flex justify="space-between" align="flex-start" gap={16}>
            <div style={{ minWidth: 0 }}>
              <Typography.Title
                level={3}
                style={{ margin: 0 }}
                editable={{ onChange: rename, tooltip: `Rename the ${noun}`, triggerType: ["icon"] }}
                data-testid={`${noun}-name`}
              >
                {name}
              </Typography.Title>
              <Space size={8} wrap style={{ marginTop: 6 }}>
                <Tag>#{id}</Tag>
                <Tag color={STATUS_COLORS[status] ?? "default"}>{status}</Tag>
                <Typography.Text type="secondary">
                  <UserOutlined /> {ownerVerb} {owner?.username ?? "a deleted user"}
                </Typography.Text>
                <Typography.Text type="secondary">
                  <CalendarOutlined /> {formatDate(createdDate)}
                </Typography.Text>
                {moreFacts}
              </Space>
            </div>
            {props.actions}
          </Flex>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={props.items} />
        </Flex>
      </Flex>
    </Card>
  );
}
