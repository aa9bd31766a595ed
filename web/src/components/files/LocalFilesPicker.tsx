// "My computer": a drop zone for files and folders, file and folder pickers, the chosen files
// with their total size, and an optional manifest.
import { DeleteOutlined, FileOutlined, FolderOpenOutlined, InboxOutlined, ProfileOutlined } from "@ant-design/icons";
import { App, Button, Flex, List, Tag, Typography } from "antd";
import { useRef, useState, type DragEvent } from "react";
import { addFiles, displayPath, formatBytes, isManifestName, totalSize } from "./fileSelection";
import { droppedFiles, toLocalFile, withoutHiddenFiles, type LocalFile } from "./localFiles";

interface LocalFilesPickerProps {
  files: LocalFile[];
  manifest: LocalFile | null;
  onChange: (files: LocalFile[], manifest: LocalFile | null) => void;
  disabled?: boolean;
}

const SHOWN = 200;

export function LocalFilesPicker({ files, manifest, onChange, disabled }: LocalFilesPickerProps) {
  const { message } = App.useApp();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const manifestInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const add = (added: LocalFile[]) => {
    const media = withoutHiddenFiles(added);
    // A manifest found among the files is taken as the manifest.
    const manifests = media.filter((f) => isManifestName(f.name));
    const nextManifest = manifests[0] ?? manifest;
    if (manifests.length > 1) message.warning("Only one manifest can be used; the first one found was kept.");
    onChange(addFiles(files, media.filter((f) => !isManifestName(f.name))), nextManifest);
  };

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    try {
      add(await droppedFiles(event.dataTransfer));
    } catch (error) {
      message.error(`The dropped files could not be read: ${(error as Error).message}`);
    }
  };

  const fromInput = (input: HTMLInputElement) => {
    add([...(input.files ?? [])].map((f) => toLocalFile(f)));
    input.value = "";
  };

  return (
    <Flex vertical gap={12}>
      <div
        className={`files-drop${over ? " is-over" : ""}${disabled ? " is-disabled" : ""}`}
        data-testid="files-drop-zone"
        role="button"
        tabIndex={0}
        onClick={() => !disabled && filesInput.current?.click()}
        onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && !disabled && filesInput.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <InboxOutlined className="files-drop-icon" />
        <Typography.Text strong>Click or drag files and folders here</Typography.Text>
        <Typography.Text type="secondary">
          Images, a video, archives (zip, tar), point clouds; a manifest.jsonl is recognised.
        </Typography.Text>
      </div>
      <input
        ref={filesInput}
        type="file"
        multiple
        style={{ display: "none" }}
        data-testid="local-files-input"
        onChange={(e) => fromInput(e.target)}
      />
      <input
        ref={(node) => {
          folderInput.current = node;
          // React does not know the attribute, so it is set on the element itself.
          node?.setAttribute("webkitdirectory", "");
        }}
        type="file"
        multiple
        style={{ display: "none" }}
        data-testid="local-folder-input"
        onChange={(e) => fromInput(e.target)}
      />
      <input
        ref={manifestInput}
        type="file"
        accept=".jsonl"
        style={{ display: "none" }}
        data-testid="manifest-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onChange(files, toLocalFile(file));
          e.target.value = "";
        }}
      />
      <Flex gap={8} wrap align="center">
        <Button icon={<FileOutlined />} disabled={disabled} onClick={() => filesInput.current?.click()}>
          Choose files
        </Button>
        <Button icon={<FolderOpenOutlined />} disabled={disabled} onClick={() => folderInput.current?.click()}>
          Choose a folder
        </Button>
        <Button icon={<ProfileOutlined />} disabled={disabled} onClick={() => manifestInput.current?.click()}>
          {manifest ? "Replace manifest" : "Add a manifest"}
        </Button>
        {manifest && (
          <Tag closable={!disabled} onClose={() => onChange(files, null)} icon={<ProfileOutlined />} data-testid="manifest-tag">
            {manifest.name}
          </Tag>
        )}
        <span style={{ flex: 1 }} />
        {files.length > 0 && (
          <>
            <Typography.Text type="secondary" data-testid="local-files-summary">
              {files.length} file{files.length === 1 ? "" : "s"} · {formatBytes(totalSize(files))}
            </Typography.Text>
            <Button type="link" danger disabled={disabled} onClick={() => onChange([], manifest)}>
              Remove all
            </Button>
          </>
        )}
      </Flex>
      {files.length > 0 && (
        <List
          size="small"
          bordered
          className="files-list"
          dataSource={files.slice(0, SHOWN)}
          footer={
            files.length > SHOWN ? (
              <Typography.Text type="secondary">… and {files.length - SHOWN} more files</Typography.Text>
            ) : undefined
          }
          renderItem={(file) => (
            <List.Item
              actions={[
                <Button
                  key="remove"
                  type="text"
                  size="small"
                  danger
                  disabled={disabled}
                  icon={<DeleteOutlined />}
                  aria-label={`Remove ${displayPath(file)}`}
                  onClick={() => onChange(files.filter((f) => f !== file), manifest)}
                />,
              ]}
            >
              <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
                <FileOutlined style={{ marginRight: 8, color: "#8c8c8c" }} />
                {displayPath(file)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 16 }}>
                {formatBytes(file.size)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
