// "Remote sources": URLs of media the server downloads, one per line.
import { Alert, Flex, Input, Typography } from "antd";
import { parseRemoteUrls } from "./fileSelection";

interface RemoteSourcesInputProps {
  value: string;
  onChange: (text: string) => void;
  disabled?: boolean;
}

export function RemoteSourcesInput({ value, onChange, disabled }: RemoteSourcesInputProps) {
  const { urls, invalid } = parseRemoteUrls(value);
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        aria-label="Remote URLs"
        data-testid="remote-urls-input"
        placeholder={"https://example.com/images/0001.jpg\nhttps://example.com/images/0002.jpg"}
        autoSize={{ minRows: 5, maxRows: 14 }}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
      <Typography.Text type="secondary">
        One http(s) address per line. The server downloads the files; private network addresses are refused
        unless the server allows them. {urls.length > 0 && `${urls.length} URL${urls.length === 1 ? "" : "s"}.`}
      </Typography.Text>
      {invalid.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`Not http(s) addresses: ${invalid.slice(0, 3).join(", ")}${invalid.length > 3 ? " …" : ""}`}
        />
      )}
    </Flex>
  );
}
