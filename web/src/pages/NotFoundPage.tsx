import { Button, Result } from "antd";
import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="Page not found"
      subTitle="There is nothing at this address."
      extra={
        <Link to="/tasks">
          <Button type="primary">Go to tasks</Button>
        </Link>
      }
    />
  );
}
