// Placeholder until this page is written in this session.
export function LoginPage() {
  return <div className="page">LoginPage</div>;
}
