// Dates as lists show them: a calendar day, and "3 hours ago".
import dayjs from "dayjs";
import relativeTime from "dayjs/plugin/relativeTime";

dayjs.extend(relativeTime);

export function formatDay(iso: string): string {
  return dayjs(iso).format("MMM D, YYYY");
}

export function formatMoment(iso: string): string {
  return dayjs(iso).format("MMM D, YYYY HH:mm");
}

export function fromNow(iso: string): string {
  return dayjs(iso).fromNow();
}
