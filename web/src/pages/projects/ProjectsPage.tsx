// Placeholder until this page is written in this session.
export function ProjectsPage() {
  return <div className="page">ProjectsPage</div>;
}
