// Placeholder until this page is written in this session.
export function RequestsPage() {
  return <div className="page">RequestsPage</div>;
}
