// The job editor page (/tasks/:taskId/jobs/:jobId): loads the job, its frames' meta, labels and
// annotations, then opens the workspace; shows progress while loading and the error in words.
import { Alert, Button, Result, Spin } from "antd";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { describeError } from "../../api/errors";
import { loadEditorData } from "./editorData";
import { EditorWorkspace } from "./EditorWorkspace";

export function EditorPage() {
  const { taskId, jobId } = useParams();
  const id = Number(jobId);
  const valid = Number.isSafeInteger(id) && id > 0;
  const query = useQuery({
    queryKey: ["editor", id],
    queryFn: () => loadEditorData(id),
    enabled: valid,
    // The editor owns its copy from here on; refetching would overwrite unsaved work.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });

  if (!valid) return <Result status="404" title="No such job" extra={<Link to="/jobs">All jobs</Link>} />;
  if (query.isPending) {
    return (
      <div className="page" data-testid="editor-loading">
        <Spin size="large" tip="Opening the job…">
          <div style={{ height: 240 }} />
        </Spin>
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="page">
        <Alert
          type="error"
          showIcon
          message="The job could not be opened"
          description={describeError(query.error)}
          action={
            <Button size="small" onClick={() => void query.refetch()}>
              Retry
            </Button>
          }
        />
        {taskId && (
          <p style={{ marginTop: 16 }}>
            <Link to={`/tasks/${taskId}`}>Back to the task</Link>
          </p>
        )}
      </div>
    );
  }
  return <EditorWorkspace key={id} data={query.data} />;
}
