// Placeholder until this page is written in this session.
export function CreateTaskPage() {
  return <div className="page">CreateTaskPage</div>;
}
