// "Upload annotations" (task) and "Import dataset" (project): a format, one file dropped or
// picked, the server's options; the file is uploaded with progress (big files by TUS, with a
// Cancel upload button), then the import request is followed to its end.
import { ImportOutlined, InboxOutlined, StopOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form, Modal, Radio, Select, Switch, Typography, Upload } from "antd";
import type { UploadFile } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { describeError } from "../../api/errors";
import { uploadImportFile } from "../../lib/upload/importUpload";
import { isCancelled } from "../../lib/upload/uploadProtocol";
import { isRunning } from "../requests/requestProgress";
import { RequestProgressView } from "../requests/RequestProgressView";
import { useFollowRequest } from "../requests/useFollowRequest";
import { acceptFor, defaultFormat, fileMismatch, formatOptions, formatsFor } from "./datasetFormats";
import { importEndpoint, targetTitle, type DatasetTarget } from "./datasetTarget";
import { useDatasetFormats } from "./useDatasetFormats";

export interface ImportDatasetModalProps {
  target: DatasetTarget;
  open: boolean;
  onClose: () => void;
  /** Called once the import has finished, so pages can show what it created. */
  onImported?: () => void;
}

type ImportMode = "replace" | "append";

interface ImportForm {
  format?: string;
  importMode: ImportMode;
  convMaskToPoly: boolean;
}

export function ImportDatasetModal({ target, open, onClose, onImported }: ImportDatasetModalProps) {
  const { message, modal, notification } = App.useApp();
  const formats = useDatasetFormats();
  const followed = useFollowRequest();
  const [form] = Form.useForm<ImportForm>();
  const [file, setFile] = useState<File | null>(null);
  const [askedForFile, setAskedForFile] = useState(false);
  const [starting, setStarting] = useState(false);
  const uploadAbort = useRef<AbortController | null>(null);
  const { state } = followed;
  const busy = starting || isRunning(state.phase);
  // Jobs take annotations like tasks do.
  const isTask = target.kind !== "project";
  const noun = isTask ? "annotations" : "dataset";

  const importers = useMemo(
    () => formatsFor(formats.data?.importers ?? [], target.dimension),
    [formats.data, target.dimension],
  );
  const formatName = Form.useWatch("format", form);
  const chosenFormat = importers.find((f) => f.name === formatName);

  useEffect(() => {
    if (open && !form.getFieldValue("format")) form.setFieldValue("format", defaultFormat(importers, "import"));
  }, [open, importers, form]);

  const fileError = file ? fileMismatch(file.name, chosenFormat) : askedForFile ? "Choose a file to upload." : null;

  function confirmReplacement(): Promise<boolean> {
    return new Promise((resolve) => {
      modal.confirm({
        title: `Replace the ${target.kind}'s annotations?`,
        content: `Every annotation of this ${target.kind} is deleted and replaced by the uploaded ones.`,
        okText: "Replace",
        okButtonProps: { danger: true },
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  }

  async function start(values: ImportForm) {
    if (!values.format) return;
    if (!file) {
      setAskedForFile(true);
      return;
    }
    if (fileMismatch(file.name, chosenFormat)) return;
    if (isTask && values.importMode === "replace" && !(await confirmReplacement())) return;

    const { path, field } = importEndpoint(target);
    const query: Record<string, string> = {
      format: values.format,
      conv_mask_to_poly: values.convMaskToPoly ? "true" : "false",
      ...(isTask ? { import_mode: values.importMode } : {}),
    };

    setStarting(true);
    followed.showUpload(0, file.size);
    const abort = new AbortController();
    uploadAbort.current = abort;
    let rqId: string;
    try {
      rqId = await uploadImportFile({ path, field, query, file, onProgress: followed.showUpload, signal: abort.signal });
    } catch (error) {
      if (isCancelled(error)) {
        followed.reset();
        message.info("The upload was cancelled.");
      } else {
        followed.fail(error);
      }
      return;
    } finally {
      setStarting(false);
      uploadAbort.current = null;
    }
    const outcome = await followed.follow(rqId);
    if (outcome.phase === "finished") {
      notification.success({
        title: isTask ? "Annotations uploaded" : "Dataset imported",
        description: `${file.name} was imported into ${targetTitle(target)}.`,
      });
      onImported?.();
    } else if (outcome.phase === "failed") {
      notification.error({ title: "Import failed", description: outcome.message });
    }
  }

  function close() {
    if (!busy) {
      followed.reset();
      setFile(null);
      setAskedForFile(false);
    }
    onClose();
  }

  const done = state.phase === "finished";
  const footer = [
    state.phase === "uploading" && (
      <Button key="cancel-upload" icon={<StopOutlined />} onClick={() => uploadAbort.current?.abort()} data-testid="cancel-upload">
        Cancel upload
      </Button>
    ),
    <Button key="close" onClick={close}>
      {busy ? "Hide" : "Close"}
    </Button>,
    !done && (
      <Button
        key="import"
        type="primary"
        icon={<ImportOutlined />}
        loading={busy}
        disabled={importers.length === 0}
        onClick={() => form.submit()}
        data-testid="start-import"
      >
        {state.phase === "failed" || state.phase === "cancelled" ? "Try again" : isTask ? "Upload" : "Import"}
      </Button>
    ),
  ];

  const fileList: UploadFile[] = file ? [{ uid: "chosen", name: file.name, size: file.size, status: "done" }] : [];

  return (
    <Modal
      open={open}
      title={isTask ? "Upload annotations" : "Import dataset"}
      onCancel={close}
      footer={footer}
      mask={{ closable: !busy }}
    >
      <Typography.Paragraph type="secondary">{targetTitle(target)}</Typography.Paragraph>
      {formats.isError && <Alert type="error" showIcon title={describeError(formats.error)} style={{ marginBottom: 16 }} />}
      {!isTask && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="The dataset's images become new tasks of this project, one per subset; the project takes the dataset's labels if it has none."
        />
      )}
      <Form<ImportForm>
        form={form}
        layout="vertical"
        initialValues={{ importMode: "replace", convMaskToPoly: true }}
        onFinish={start}
        disabled={busy || done}
      >
        <Form.Item name="format" label="Import format" rules={[{ required: true, message: "Choose a format." }]}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            loading={formats.isPending}
            options={formatOptions(importers)}
            placeholder="Choose a format"
          />
        </Form.Item>
        {isTask && (
          <Form.Item name="importMode" label="Existing annotations">
            <Radio.Group
              options={[
                { value: "replace", label: "Replace them" },
                { value: "append", label: "Keep them and add the uploaded ones" },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="convMaskToPoly"
          label="Convert masks to polygons"
          valuePropName="checked"
          extra="Off keeps masks as masks."
        >
          <Switch />
        </Form.Item>
        <Form.Item
          label={`${noun[0]!.toUpperCase()}${noun.slice(1)} file`}
          required
          validateStatus={fileError ? "error" : undefined}
          help={fileError ?? undefined}
        >
          <Upload.Dragger
            accept={acceptFor(chosenFormat)}
            maxCount={1}
            fileList={fileList}
            beforeUpload={(picked) => {
              setFile(picked);
              return false; // we upload ourselves, with the query the server needs
            }}
            onRemove={() => setFile(null)}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">Drop the {noun} file here, or click to choose it</p>
            <p className="ant-upload-hint">
              {chosenFormat ? `${chosenFormat.name}: ${chosenFormat.ext} files` : "Choose a format first"}
            </p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      <RequestProgressView state={state} />
    </Modal>
  );
}
