// "Not found" answers: a page at an unknown address, or a project or task the user cannot see.
import { Button, Result } from "antd";
import { Link } from "react-router";

interface NotFoundResultProps {
  title: string;
  subTitle: string;
  backTo: string;
  backLabel: string;
}

export function NotFoundResult({ title, subTitle, backTo, backLabel }: NotFoundResultProps) {
  return (
    <Result
      status="404"
      title={title}
      subTitle={subTitle}
      extra={
        <Link to={backTo}>
          <Button type="primary">{backLabel}</Button>
        </Link>
      }
    />
  );
}

/** A whole page saying the resource is not there, with the way back to its list. */
export function ResourceNotFound({ title, backTo, backLabel }: Omit<NotFoundResultProps, "subTitle">) {
  return (
    <div className="page">
      <NotFoundResult
        title={title}
        subTitle="It may have been deleted, or it belongs to a workspace you are not in."
        backTo={backTo}
        backLabel={backLabel}
      />
    </div>
  );
}
