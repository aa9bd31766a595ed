// The progress of a followed request inside a dialog: a bar, the status line, the outcome.
import { Alert, Flex, Progress, Typography } from "antd";
import { progressStatus, type FollowState } from "./requestProgress";

export function RequestProgressView({ state }: { state: FollowState }) {
  if (state.phase === "idle") return null;
  if (state.phase === "failed") {
    return <Alert type="error" showIcon title="The operation failed" description={state.message} data-testid="request-error" />;
  }
  if (state.phase === "cancelled") {
    return <Alert type="warning" showIcon title="Cancelled" description={state.message} />;
  }
  return (
    <Flex vertical gap={4} data-testid="request-progress">
      <Progress percent={state.percent} status={progressStatus(state.phase)} />
      <Typography.Text type="secondary">
        {state.phase === "finished" ? "Done." : state.message}
      </Typography.Text>
    </Flex>
  );
}
