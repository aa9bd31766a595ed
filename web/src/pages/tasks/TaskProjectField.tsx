// The project of a new task: a searchable list of the user's projects.
import { ProjectOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Select, Space } from "antd";
import { useEffect, useState } from "react";
import { api, unwrap } from "../../api/client";
import type { Project } from "../../api/types";
import { useDebounced } from "../../components/common/useDebounced";

interface TaskProjectFieldProps {
  value: number | null;
  onChange: (project: Project | null) => void;
  disabled?: boolean;
}

export function TaskProjectField({ value, onChange, disabled }: TaskProjectFieldProps) {
  const [search, setSearch] = useState("");
  const term = useDebounced(search, 250);
  const projects = useQuery({
    queryKey: ["projects", "task-create-choices", term],
    queryFn: () =>
      unwrap(api.GET("/api/projects", { params: { query: { search: term || undefined, page_size: 20, sort: "-id" } } })),
  });
  const chosen = useQuery({
    queryKey: ["project", value],
    enabled: value !== null,
    queryFn: () => unwrap(api.GET("/api/projects/{project_id}", { params: { path: { project_id: value! } } })),
  });
  const found: Project[] = projects.data?.results ?? [];
  const options = [...found];
  if (chosen.data && !found.some((p) => p.id === chosen.data.id)) options.unshift(chosen.data);

  // A project named in the address is reported up once it has loaded (its labels are needed).
  useEffect(() => {
    if (chosen.data) onChange(chosen.data);
  }, [chosen.data?.id]);

  return (
    <Select
      aria-label="Project"
      data-testid="task-project-select"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      disabled={disabled}
      placeholder="No project: the task has its own labels"
      loading={projects.isFetching}
      notFoundContent={projects.isFetching ? "Searching…" : "No projects found"}
      value={value ?? undefined}
      onChange={(id?: number) => onChange(options.find((p) => p.id === id) ?? null)}
      options={options.map((p) => ({
        value: p.id,
        label: (
          <Space size={6}>
            <ProjectOutlined />
            {p.name}
            <span style={{ color: "rgba(0,0,0,0.45)" }}>#{p.id}</span>
          </Space>
        ),
        searchText: p.name,
      }))}
    />
  );
}
