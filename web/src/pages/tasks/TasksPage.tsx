// Placeholder until this page is written in this session.
export function TasksPage() {
  return <div className="page">TasksPage</div>;
}
