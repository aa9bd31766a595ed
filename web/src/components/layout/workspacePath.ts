// Where to stay after switching organizations: lists reload in place, but an object page (a task,
// a project) belongs to the workspace just left, so it gives way to its section's list.

export function pathAfterSwitch(pathname: string, search: string): string {
  const [section, second] = pathname.split("/").filter(Boolean);
  if (!section) return "/tasks";
  if (second && second !== "create") return `/${section}`;
  return pathname + search;
}
