// A searchable choice of a user (assignees of jobs, tasks, projects), from GET /api/users?search=.
import { UserOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Select, Space } from "antd";
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import type { BasicUser } from "../../api/types";
import { useDebounced } from "./useDebounced";

export interface UserSelectProps {
  /** The user chosen now; shown even when a search does not list them. */
  value: BasicUser | null;
  onChange: (user: BasicUser | null) => void;
  placeholder?: string;
  disabled?: boolean;
  loading?: boolean;
  testId?: string;
  width?: number | string;
}

export function userDisplayName(user: Pick<BasicUser, "username" | "first_name" | "last_name">): string {
  const full = `${user.first_name ?? ""} ${user.last_name ?? ""}`.trim();
  return full ? `${user.username} (${full})` : user.username;
}

export function UserSelect({ value, onChange, placeholder = "Select a user", disabled, loading, testId, width = 200 }: UserSelectProps) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const term = useDebounced(search, 250);
  const users = useQuery({
    queryKey: ["users", "choices", term],
    enabled: open,
    staleTime: 30_000,
    queryFn: () => unwrap(api.GET("/api/users", { params: { query: { search: term || undefined, page_size: 20, sort: "username" } } })),
  });

  const listed: BasicUser[] = users.data?.results ?? [];
  const choices = value && !listed.some((u) => u.id === value.id) ? [value, ...listed] : listed;

  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      open={open}
      onOpenChange={setOpen}
      value={value?.id}
      placeholder={
        <Space size={4}>
          <UserOutlined />
          {placeholder}
        </Space>
      }
      disabled={disabled}
      loading={loading || users.isFetching}
      style={{ width }}
      popupMatchSelectWidth={false}
      onChange={(id) => onChange(id === undefined ? null : (choices.find((u) => u.id === id) ?? null))}
      options={choices.map((user) => ({ value: user.id, label: userDisplayName(user) }))}
      notFoundContent={users.isFetching ? "Searching…" : "No users found"}
      data-testid={testId}
    />
  );
}
