// Placeholder until this page is written in this session.
export function CreateProjectPage() {
  return <div className="page">CreateProjectPage</div>;
}
