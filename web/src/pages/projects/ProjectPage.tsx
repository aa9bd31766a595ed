// Placeholder until this page is written in this session.
export function ProjectPage() {
  return <div className="page">ProjectPage</div>;
}
