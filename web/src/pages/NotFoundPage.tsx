import { NotFoundResult } from "../components/common/NotFoundResult";

export function NotFoundPage() {
  return (
    <NotFoundResult
      title="Page not found"
      subTitle="There is nothing at this address."
      backTo="/tasks"
      backLabel="Go to tasks"
    />
  );
}
