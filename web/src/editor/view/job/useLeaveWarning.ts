/**
 * Asks before leaving the editor through a link inside the app while changes are unsaved
 * (react-router's blocker; reloads and other sites are the `beforeunload` warning's job).
 */
import { App } from "antd";
import { useEffect } from "react";
import { useBlocker } from "react-router";

export function useLeaveWarning(unsaved: boolean): void {
  const { modal } = App.useApp();
  // Moving within the job (?frame=…) is not leaving it.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    const prompt = modal.confirm({
      title: "Leave the job with unsaved changes?",
      content: "Your changes are kept in this browser and offered again when you reopen the job, but they are not saved on the server.",
      okText: "Leave",
      okButtonProps: { danger: true, "data-testid": "leave-job-ok" },
      cancelText: "Stay",
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
    return () => prompt.destroy();
  }, [blocker, modal]);
}
