// Facts a project and a task both show and edit in place on their page (who is assigned, the
// issue tracker address), as items of the page's Descriptions, saved with the page's `save`.
import type { DescriptionsProps } from "antd";
import type { BasicUser } from "../../api/types";
import { IssueTrackerField } from "../../pages/tasks/IssueTrackerField";
import type { SaveAndTell } from "./useSaveAndTell";
import { UserSelect } from "./UserSelect";

type DescriptionItem = NonNullable<DescriptionsProps["items"]>[number];

/** The part of a project's or a task's PATCH body these facts write. */
interface SharedPatch {
  assignee_id?: number | null;
  bug_tracker?: string | null;
}

export function assigneeFact(
  noun: "project" | "task",
  assignee: BasicUser | null,
  save: SaveAndTell<SharedPatch>,
): DescriptionItem {
  const Noun = noun === "project" ? "Project" : "Task";
  return {
    key: "assignee",
    label: "Assignee",
    children: (
      <UserSelect
        value={assignee}
        onChange={(user) =>
          void save({ assignee_id: user?.id ?? null }, user ? `${Noun} assigned to ${user.username}.` : `${Noun} unassigned.`)
        }
        placeholder="Assign"
        testId={`${noun}-assignee`}
      />
    ),
  };
}

export function issueTrackerFact(bugTracker: string, save: SaveAndTell<SharedPatch>): DescriptionItem {
  return {
    key: "tracker",
    label: "Issue tracker",
    children: (
      <IssueTrackerField
        value={bugTracker}
        onSave={(bug_tracker) => save({ bug_tracker }, bug_tracker ? "Issue tracker saved." : "Issue tracker removed.")}
      />
    ),
  };
}
