// Placeholder until this page is written in this session.
export function JobsPage() {
  return <div className="page">JobsPage</div>;
}
