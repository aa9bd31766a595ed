// Create a project: name, labels (constructor, raw, skeletons) and the issue tracker; then
// "Submit & Open" (the project page) or "Submit & Continue" (a fresh form).
import { ArrowLeftOutlined, CheckOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Collapse, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { Project } from "../../api/types";
import type { LabelDraft } from "../../components/labels/labelDraft";
import { createRequests } from "../../components/labels/labelRequests";
import { LabelsEditor } from "../../components/labels/LabelsEditor";

function trackerProblem(url: string): string | null {
  if (!url.trim()) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? null : "Use an http(s) address.";
  } catch {
    return "Use an http(s) address.";
  }
}

export function CreateProjectPage() {
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [labels, setLabels] = useState<LabelDraft[]>([]);
  const [bugTracker, setBugTracker] = useState("");
  const [attempted, setAttempted] = useState(false);
  const [editingLabel, setEditingLabel] = useState(false);
  const [saving, setSaving] = useState(false);
  const [generation, setGeneration] = useState(0);

  const nameProblem = name.trim() ? null : "Give the project a name.";
  const labelsProblem = editingLabel ? "Finish the open label first: press Done or Cancel." : null;
  const tracker = trackerProblem(bugTracker);

  const submit = async (then: "open" | "continue") => {
    setAttempted(true);
    if (nameProblem || labelsProblem || tracker) {
      message.error(nameProblem ?? labelsProblem ?? tracker);
      return;
    }
    setSaving(true);
    try {
      // The schema documents the 201 body loosely; it is the ProjectRead.
      const project = (await unwrap(
        api.POST("/api/projects", {
          body: { name: name.trim(), labels: createRequests(labels), bug_tracker: bugTracker.trim() },
        }),
      )) as Project;
      await queryClient.invalidateQueries({ queryKey: ["projects"] });
      if (then === "open") {
        message.success(`Project "${project.name}" created.`);
        navigate(`/projects/${project.id}`);
        return;
      }
      notification.success({
        title: `Project "${project.name}" created`,
        // Notifications render outside the router, so the link navigates by hand.
        description: (
          <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/projects/${project.id}`)}>
            Open project #{project.id}
          </Button>
        ),
      });
      setName("");
      setLabels([]);
      setEditingLabel(false);
      setBugTracker("");
      setAttempted(false);
      setGeneration((n) => n + 1);
    } catch (error) {
      notification.error({ title: "The project was not created", description: describeError(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="page" data-testid="create-project-page">
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <div>
          <Link to="/projects">
            <ArrowLeftOutlined /> Projects
          </Link>
          <Typography.Title level={3} style={{ margin: "8px 0 0" }}>
            Create a new project
          </Typography.Title>
        </div>
        <Form layout="vertical" component="div" disabled={saving}>
          <Card title="Basic configuration" style={{ marginBottom: 16 }}>
            <Form.Item
              label="Name"
              htmlFor="project-name"
              required
              validateStatus={attempted && nameProblem ? "error" : undefined}
              help={attempted ? nameProblem : undefined}
            >
              <Input
                id="project-name"
                placeholder="Project name"
                maxLength={256}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </Form.Item>
            <Form.Item
              label="Labels"
              style={{ marginBottom: 0 }}
              validateStatus={attempted && labelsProblem ? "error" : undefined}
              help={attempted ? labelsProblem : undefined}
            >
              <LabelsEditor key={generation} value={labels} onChange={setLabels} onEditingChange={setEditingLabel} disabled={saving} />
            </Form.Item>
          </Card>
          <Collapse
            style={{ background: "#fff" }}
            items={[
              {
                key: "advanced",
                label: "Advanced configuration",
                children: (
                  <Form.Item
                    label="Issue tracker"
                    htmlFor="project-bug-tracker"
                    validateStatus={tracker ? "error" : undefined}
                    help={tracker}
                    style={{ marginBottom: 0 }}
                  >
                    <Input
                      id="project-bug-tracker"
                      placeholder="https://issues.example.com/PROJ"
                      value={bugTracker}
                      onChange={(e) => setBugTracker(e.target.value)}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Form>
        <Space>
          <Button type="primary" size="large" icon={<CheckOutlined />} loading={saving} onClick={() => void submit("open")}>
            Submit &amp; Open
          </Button>
          <Button size="large" icon={<PlusOutlined />} disabled={saving} onClick={() => void submit("continue")}>
            Submit &amp; Continue
          </Button>
        </Space>
      </Space>
    </div>
  );
}
