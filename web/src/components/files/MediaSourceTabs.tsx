// Where a task's media come from: My computer, Connected file share or Remote sources.
import { CloudServerOutlined, DesktopOutlined, GlobalOutlined } from "@ant-design/icons";
import { Tabs } from "antd";
import type { MediaSelection, MediaSource } from "./fileSelection";
import type { LocalFile } from "./localFiles";
import { LocalFilesPicker } from "./LocalFilesPicker";
import { RemoteSourcesInput } from "./RemoteSourcesInput";
import { ShareBrowser } from "./ShareBrowser";
import "./files.css";

export type TaskMediaSelection = MediaSelection<LocalFile>;

interface MediaSourceTabsProps {
  value: TaskMediaSelection;
  onChange: (next: TaskMediaSelection) => void;
  disabled?: boolean;
}

export function MediaSourceTabs({ value, onChange, disabled }: MediaSourceTabsProps) {
  return (
    <Tabs
      activeKey={value.source}
      onChange={(source) => onChange({ ...value, source: source as MediaSource })}
      type="card"
      items={[
        {
          key: "local",
          label: "My computer",
          icon: <DesktopOutlined />,
          children: (
            <LocalFilesPicker
              files={value.localFiles}
              manifest={value.manifest}
              disabled={disabled}
              onChange={(localFiles, manifest) => onChange({ ...value, localFiles, manifest })}
            />
          ),
        },
        {
          key: "share",
          label: "Connected file share",
          icon: <CloudServerOutlined />,
          children: (
            <ShareBrowser
              checked={value.sharePaths}
              disabled={disabled}
              onChange={(sharePaths) => onChange({ ...value, sharePaths })}
            />
          ),
        },
        {
          key: "remote",
          label: "Remote sources",
          icon: <GlobalOutlined />,
          children: (
            <RemoteSourcesInput
              value={value.remoteText}
              disabled={disabled}
              onChange={(remoteText) => onChange({ ...value, remoteText })}
            />
          ),
        },
      ]}
    />
  );
}
