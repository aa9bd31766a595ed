// Download a finished export's file; cancel a request that is still queued or running.
import { DownloadOutlined, StopOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Popconfirm, Space } from "antd";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { BackgroundRequest } from "../../api/types";
import { canCancel, cancelPending, downloadHref } from "./requestRows";

export const REQUESTS_KEY = ["requests"] as const;

export function RequestActions({ request }: { request: BackgroundRequest }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/requests/{request_id}/cancel", { params: { path: { request_id: request.id } } })),
    onSuccess: () => message.success("Cancellation requested."),
    onError: (error) => message.error(describeError(error)),
    onSettled: () => client.invalidateQueries({ queryKey: REQUESTS_KEY }),
  });

  return (
    <Space>
      {request.result_url && (
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          href={downloadHref(request.result_url, window.location.origin)}
          download
        >
          Download
        </Button>
      )}
      {canCancel(request) && (
        <Popconfirm
          title="Cancel this request?"
          description="Work done so far is discarded."
          okText="Cancel request"
          okButtonProps={{ danger: true }}
          cancelText="Keep it"
          onConfirm={() => cancel.mutateAsync().catch(() => undefined)}
        >
          <Button danger icon={<StopOutlined />} loading={cancel.isPending}>
            Cancel
          </Button>
        </Popconfirm>
      )}
      {cancelPending(request) && (
        <Button disabled icon={<StopOutlined />}>
          Cancelling…
        </Button>
      )}
    </Space>
  );
}
