/**
 * Crash recovery for the editor: on opening a job, offers to restore the unsaved changes the
 * browser kept (IndexedDB) from an earlier session; from then on keeps the current unsaved
 * changes there after every edit. Drafts are the signed-in user's own (userDraftStore), so
 * people sharing a browser never restore each other's work. Browsers without IndexedDB (some
 * private modes) go without.
 */
import type { App } from "antd";
import dayjs from "dayjs";
import { useEffect } from "react";
import { describeError } from "../../api/errors";
import { restoreDraft, type AnnotationDraft, type DraftStore } from "../engine/document/drafts";
import type { EditorStore } from "../engine/document/editorStore";
import { useSession } from "../../lib/session";
import { keepDrafts, type DraftKeeper } from "./draftKeeper";
import { createUserDraftStore } from "./userDraftStore";

type Feedback = Pick<ReturnType<typeof App.useApp>, "modal" | "message" | "notification">;

function restoredSummary(draft: AnnotationDraft): string {
  const parts = [
    [draft.created.length, "new"],
    [draft.updated.length, "changed"],
    [draft.deleted.length, "deleted"],
  ] as const;
  return parts
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${count} ${what}`)
    .join(", ");
}

export function useDraftRecovery(store: EditorStore, jobId: number, feedback: Feedback): void {
  const { modal, message, notification } = feedback;
  const userId = useSession().user?.id ?? null;
  useEffect(() => {
    if (typeof indexedDB === "undefined" || userId === null) return;
    const drafts: DraftStore & { close(): Promise<void> } = createUserDraftStore({ factory: indexedDB, userId });
    let keeper: DraftKeeper | null = null;
    let prompt: { destroy: () => void } | null = null;
    let active = true;
    let warned = false;

    const startKeeping = () => {
      if (!active) return;
      keeper = keepDrafts(store, drafts, jobId, {
        onError: (error) => {
          if (warned) return;
          warned = true;
          notification.warning({
            message: "Unsaved changes cannot be kept in this browser",
            description: `Save often: ${describeError(error)}`,
          });
        },
      });
    };

    drafts
      .load(jobId)
      .then((draft) => {
        if (!active) return;
        if (draft === null) {
          startKeeping();
          return;
        }
        prompt = modal.confirm({
          title: "Restore unsaved changes?",
          content: `This job has changes from ${dayjs(draft.savedAt).format("D MMM YYYY, HH:mm")} that were never saved (${restoredSummary(draft)}).`,
          okText: "Restore",
          cancelText: "Discard",
          onOk: () => {
            const report = restoreDraft(store, draft);
            if (report.serverChangedSince) {
              message.warning("The job changed on the server since; check the restored objects before saving.");
            } else {
              message.success("Unsaved changes restored");
            }
            startKeeping();
          },
          onCancel: () => {
            void drafts.clear(jobId);
            startKeeping();
          },
        });
      })
      .catch(() => startKeeping());

    // Closing the tab inside the debounce window would lose the last edit: write it at once.
    const flushNow = () => void keeper?.flush();
    window.addEventListener("pagehide", flushNow);

    return () => {
      window.removeEventListener("pagehide", flushNow);
      active = false;
      prompt?.destroy();
      const current = keeper;
      keeper = null;
      const written = current?.flush() ?? Promise.resolve();
      current?.dispose();
      void written.finally(() => drafts.close());
    };
  }, [store, jobId, userId, modal, message, notification]);
}
