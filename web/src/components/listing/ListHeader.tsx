// A list page's title with its count, and the page's main action on the right.
import { Badge, Typography } from "antd";
import type { ReactNode } from "react";
import "./listing.css";

export function ListHeader({ title, count, action }: { title: string; count?: number; action?: ReactNode }) {
  return (
    <div className="list-header">
      <Typography.Title level={3}>
        {title}{" "}
        {count !== undefined && <Badge count={count} showZero overflowCount={99999} color="#8c9bb0" />}
      </Typography.Title>
      {action}
    </div>
  );
}
