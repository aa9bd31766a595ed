// "Export dataset": choose a format, with or without images, an optional file name; the export
// runs on the server as a background request whose progress is shown here, then downloads.
import { CloudDownloadOutlined, ExportOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { requestJson } from "../../api/client";
import { describeError } from "../../api/errors";
import { downloadFile } from "../requests/downloadFile";
import { isFinal, isRunning } from "../requests/requestProgress";
import { RequestProgressView } from "../requests/RequestProgressView";
import { useFollowRequest } from "../requests/useFollowRequest";
import { defaultFormat, exportQuery, formatOptions, formatsFor } from "./datasetFormats";
import { exportPath, targetTitle, type DatasetTarget } from "./datasetTarget";
import { useDatasetFormats } from "./useDatasetFormats";

export interface ExportDatasetModalProps {
  target: DatasetTarget;
  open: boolean;
  onClose: () => void;
}

interface ExportForm {
  format?: string;
  saveImages: boolean;
  fileName: string;
}

export function ExportDatasetModal({ target, open, onClose }: ExportDatasetModalProps) {
  const { notification, message } = App.useApp();
  const formats = useDatasetFormats();
  const followed = useFollowRequest();
  const [form] = Form.useForm<ExportForm>();
  const [starting, setStarting] = useState(false);
  const { state } = followed;
  const busy = starting || isRunning(state.phase);

  const exporters = useMemo(
    () => formatsFor(formats.data?.exporters ?? [], target.dimension),
    [formats.data, target.dimension],
  );

  useEffect(() => {
    if (open && !form.getFieldValue("format")) form.setFieldValue("format", defaultFormat(exporters, "export"));
  }, [open, exporters, form]);

  async function start(values: ExportForm) {
    if (!values.format) return;
    setStarting(true);
    let rqId: string;
    try {
      const query = new URLSearchParams(exportQuery(values.format, values.saveImages, values.fileName));
      ({ rq_id: rqId } = await requestJson<{ rq_id: string }>(`${exportPath(target)}?${query}`, { method: "POST" }));
    } catch (error) {
      followed.fail(error);
      return;
    } finally {
      setStarting(false);
    }
    const outcome = await followed.follow(rqId);
    const url = outcome.request?.result_url;
    if (outcome.phase === "finished" && url) {
      downloadFile(url);
      notification.success({
        title: "Dataset exported",
        description: `${targetTitle(target)} in ${values.format} is downloading.`,
      });
    } else if (outcome.phase === "failed") {
      notification.error({ title: "Export failed", description: outcome.message });
    }
  }

  async function cancel() {
    try {
      await followed.cancel();
      message.info("Cancelling the export…");
    } catch (error) {
      message.error(describeError(error));
    }
  }

  // A finished (or failed) export belongs to the options it ran with: once any of them changes,
  // "Download again" would fetch the old file, so the dialog offers a new export instead.
  function optionsChanged() {
    if (isFinal(state.phase)) followed.reset();
  }

  function close() {
    // A running export goes on in the background; it stays on the Requests page.
    if (!busy) followed.reset();
    onClose();
  }

  const finishedUrl = state.phase === "finished" ? state.request?.result_url : null;
  const footer = [
    busy && state.request && (
      <Button key="cancel-export" danger onClick={cancel} data-testid="cancel-export">
        Cancel export
      </Button>
    ),
    <Button key="close" onClick={close}>
      {busy ? "Hide" : "Close"}
    </Button>,
    finishedUrl ? (
      <Button
        key="download"
        type="primary"
        icon={<CloudDownloadOutlined />}
        onClick={() => downloadFile(finishedUrl)}
        data-testid="download-again"
      >
        Download again
      </Button>
    ) : (
      <Button
        key="export"
        type="primary"
        icon={<ExportOutlined />}
        loading={busy}
        disabled={exporters.length === 0}
        onClick={() => form.submit()}
        data-testid="start-export"
      >
        {state.phase === "failed" || state.phase === "cancelled" ? "Try again" : "Export"}
      </Button>
    ),
  ];

  return (
    <Modal
      open={open}
      title={`Export ${target.kind} dataset`}
      onCancel={close}
      footer={footer}
      mask={{ closable: !busy }}
    >
      <Typography.Paragraph type="secondary">{targetTitle(target)}</Typography.Paragraph>
      {formats.isError && <Alert type="error" showIcon title={describeError(formats.error)} style={{ marginBottom: 16 }} />}
      <Form<ExportForm>
        form={form}
        layout="vertical"
        initialValues={{ saveImages: false, fileName: "" }}
        onFinish={start}
        onValuesChange={optionsChanged}
        disabled={busy}
      >
        <Form.Item name="format" label="Export format" rules={[{ required: true, message: "Choose a format." }]}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            loading={formats.isPending}
            options={formatOptions(exporters)}
            placeholder="Choose a format"
            data-testid="export-format"
          />
        </Form.Item>
        <Form.Item name="saveImages" label="Save images" valuePropName="checked" extra="Include the media files in the archive.">
          <Switch data-testid="export-save-images" />
        </Form.Item>
        <Form.Item name="fileName" label="Custom name" extra="Leave empty for the server's name (kind, name, date and format).">
          <Input placeholder="e.g. my-dataset.zip" allowClear data-testid="export-file-name" />
        </Form.Item>
      </Form>
      <Space orientation="vertical" style={{ width: "100%" }}>
        <RequestProgressView state={state} />
      </Space>
    </Modal>
  );
}
