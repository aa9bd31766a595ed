// Placeholder until this page is written in this session.
export function RegisterPage() {
  return <div className="page">RegisterPage</div>;
}
