// A page's resource could not be loaded for a reason worth retrying (server down, 500…): the
// error in words and a Retry button.
import { Alert, Button } from "antd";
import { describeError } from "../../api/errors";

export function LoadFailedAlert({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={describeError(error)}
      action={<Button onClick={onRetry}>Retry</Button>}
    />
  );
}
