// Small rules of the task and project pages: issue tracker addresses, job progress, subsets, dates.
import dayjs from "dayjs";

export function formatDate(iso: string): string {
  return dayjs(iso).format("MMM D, YYYY HH:mm");
}

/** Why this is not an issue tracker address (http or https), or null when it is; empty clears it. */
export function trackerUrlProblem(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full address, such as https://tracker.example.com/issues/1.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "The address must start with http:// or https://.";
  return null;
}

export interface JobsSummary {
  count: number;
  completed: number | null;
  validation: number | null;
}

export function jobsProgress(jobs: JobsSummary): { percent: number; text: string } {
  const completed = jobs.completed ?? 0;
  if (jobs.count === 0) return { percent: 0, text: "No jobs yet" };
  return {
    percent: Math.round((completed / jobs.count) * 100),
    text: `${completed} of ${jobs.count} job${jobs.count === 1 ? "" : "s"} completed`,
  };
}

const USUAL_SUBSETS = ["Train", "Test", "Validation"];

/** The subsets offered for a task in a project: the usual three, then those the project uses. */
export function subsetChoices(projectSubsets: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const subset of [...USUAL_SUBSETS, ...projectSubsets]) {
    const key = subset.toLowerCase();
    if (subset && !seen.has(key)) {
      seen.add(key);
      out.push(subset);
    }
  }
  return out;
}

export const STATUS_COLORS: Record<string, string> = {
  annotation: "blue",
  validation: "gold",
  completed: "green",
};
