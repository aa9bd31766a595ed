/**
 * The job entries of the editor's Menu: upload annotations, export the job dataset, remove
 * annotations, change the job state, finish the job, open the task. Returns the menu items, the
 * click handler (true when the key was one of these) and the dialogs to render.
 */
import { App, type MenuProps } from "antd";
import { useMemo, useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import { requestJson } from "../../../api/client";
import { describeError } from "../../../api/errors";
import type { Job } from "../../../api/types";
import { ExportDatasetModal } from "../../../components/actions/ExportDatasetModal";
import { ImportDatasetModal } from "../../../components/actions/ImportDatasetModal";
import type { DatasetTarget } from "../../../components/actions/datasetTarget";
import { hasUnsavedChanges } from "../../engine/document/changes";
import type { EditorStore } from "../../engine/document/editorStore";
import { removeAnnotations, type RemoveAnnotationsOptions } from "../../engine/document/removeAnnotations";
import type { ServerLabeledData } from "../../engine/document/serverFormat";
import type { JobFrames } from "../../engine/frames/meta";
import { RemoveAnnotationsModal } from "./RemoveAnnotationsModal";

export const JOB_STATES = ["new", "in progress", "rejected", "completed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobMenuInput {
  store: EditorStore;
  job: Job;
  setJob: (job: Job) => void;
  frames: JobFrames;
  /** Saves the unsaved changes (does nothing when there are none). */
  save: () => Promise<void>;
}

export interface JobMenu {
  items: NonNullable<MenuProps["items"]>;
  /** Runs a job entry; false for keys that are not job entries. */
  onClick: (key: string) => boolean;
  dialogs: ReactNode;
}

type Dialog = "upload" | "export" | "remove" | null;

export function useJobMenu({ store, job, setJob, frames, save }: JobMenuInput): JobMenu {
  const { message, modal, notification } = App.useApp();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const target: DatasetTarget = { kind: "job", id: job.id, name: job.task_name ?? `task #${job.task_id}`, dimension: job.dimension };

  const patchJob = async (changes: Partial<Pick<Job, "state" | "stage">>, done: string) => {
    try {
      const updated = await requestJson<Job>(`/api/jobs/${job.id}`, { method: "PATCH", body: JSON.stringify(changes) });
      setJob(updated);
      message.success(done);
    } catch (error) {
      notification.error({ message: "The job could not be changed", description: describeError(error) });
    }
  };

  // CVAT's "Finish the job" (its docs: "Saves annotations and sets job state to Completed"); the stage stays.
  const finish = () => {
    modal.confirm({
      title: "Finish the job?",
      content: "The annotations are saved, and the job's state becomes completed.",
      okText: "Finish",
      okButtonProps: { "data-testid": "finish-job-ok" },
      onOk: async () => {
        await save();
        if (hasUnsavedChanges(store.getState())) return; // the save failed and said why
        await patchJob({ state: "completed" }, "The job is finished");
      },
    });
  };

  const reloadAnnotations = async () => {
    try {
      store.load(await requestJson<ServerLabeledData>(`/api/jobs/${job.id}/annotations`));
      message.success("Annotations reloaded");
    } catch (error) {
      notification.error({ message: "The annotations could not be reloaded", description: describeError(error) });
    }
  };

  const openUpload = () => {
    if (!hasUnsavedChanges(store.getState())) {
      setDialog("upload");
      return;
    }
    modal.confirm({
      title: "Unsaved changes",
      content: "Uploading annotations reloads the job's annotations, so your unsaved changes would be lost. Save them first?",
      okText: "Save and continue",
      cancelText: "Cancel",
      onOk: async () => {
        await save();
        if (!hasUnsavedChanges(store.getState())) setDialog("upload");
      },
    });
  };

  const remove = (options: RemoveAnnotationsOptions) => {
    const plan = removeAnnotations(store, options);
    const count = plan.deleted.length + plan.trimmed.length;
    if (count === 0) message.info("There were no annotations to remove.");
    else message.success(`${plan.deleted.length} removed${plan.trimmed.length ? `, ${plan.trimmed.length} tracks trimmed` : ""}. Save to store it, or undo.`);
  };

  const items = useMemo<NonNullable<MenuProps["items"]>>(() => [
    {
      type: "group",
      key: "job-group",
      label: "Job",
      children: [
        { key: "job:upload", label: <span data-testid="menu-upload-annotations">Upload annotations</span> },
        { key: "job:export", label: <span data-testid="menu-export-dataset">Export job dataset</span> },
        { key: "job:remove", label: <span data-testid="menu-remove-annotations">Remove annotations</span> },
        { key: "job:task", label: <span data-testid="menu-open-task">Open the task</span> },
        {
          key: "job:state",
          label: <span data-testid="menu-job-state">Change job state</span>,
          children: JOB_STATES.map((state) => ({
            key: `job:state:${state}`,
            label: <span data-testid={`menu-job-state-${state.replace(" ", "-")}`}>{state === job.state ? `${state} ✓` : state}</span>,
            disabled: state === job.state,
          })),
        },
        { key: "job:finish", label: <span data-testid="menu-finish-job">Finish the job</span> },
      ],
    },
  ], [job.state]);

  const onClick = (key: string): boolean => {
    if (!key.startsWith("job:")) return false;
    if (key === "job:upload") openUpload();
    else if (key === "job:export") setDialog("export");
    else if (key === "job:remove") setDialog("remove");
    else if (key === "job:task") navigate(`/tasks/${job.task_id}`);
    else if (key === "job:finish") finish();
    else if (key.startsWith("job:state:")) void patchJob({ state: key.slice("job:state:".length) }, "Job state changed");
    return true;
  };

  const dialogs = (
    <>
      <ImportDatasetModal target={target} open={dialog === "upload"} onClose={() => setDialog(null)} onImported={() => void reloadAnnotations()} />
      <ExportDatasetModal target={target} open={dialog === "export"} onClose={() => setDialog(null)} />
      <RemoveAnnotationsModal
        open={dialog === "remove"}
        startFrame={frames.startFrame}
        stopFrame={frames.stopFrame}
        onRemove={remove}
        onClose={() => setDialog(null)}
      />
    </>
  );
  return { items, onClick, dialogs };
}
