// Placeholder until this page is written in this session.
export function TaskPage() {
  return <div className="page">TaskPage</div>;
}
