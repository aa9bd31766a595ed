// Every page of the app and where it lives; pages behind RequireUser need a signed-in user.
import { Spin } from "antd";
import { lazy, Suspense, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { AppLayout } from "./components/layout/AppLayout";
import { useSession } from "./lib/session";
import { NotFoundPage } from "./pages/NotFoundPage";

// Each page is its own chunk: the first visit loads the shell and the page it opens.
const LoginPage = lazy(() => import("./pages/auth/LoginPage").then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import("./pages/auth/RegisterPage").then((m) => ({ default: m.RegisterPage })));
const JobsPage = lazy(() => import("./pages/jobs/JobsPage").then((m) => ({ default: m.JobsPage })));
const CreateProjectPage = lazy(() => import("./pages/projects/CreateProjectPage").then((m) => ({ default: m.CreateProjectPage })));
const ProjectPage = lazy(() => import("./pages/projects/ProjectPage").then((m) => ({ default: m.ProjectPage })));
const ProjectsPage = lazy(() => import("./pages/projects/ProjectsPage").then((m) => ({ default: m.ProjectsPage })));
const RequestsPage = lazy(() => import("./pages/requests/RequestsPage").then((m) => ({ default: m.RequestsPage })));
const CreateTaskPage = lazy(() => import("./pages/tasks/CreateTaskPage").then((m) => ({ default: m.CreateTaskPage })));
const TaskPage = lazy(() => import("./pages/tasks/TaskPage").then((m) => ({ default: m.TaskPage })));
const TasksPage = lazy(() => import("./pages/tasks/TasksPage").then((m) => ({ default: m.TasksPage })));
const EditorPage = lazy(() => import("./editor/view/EditorPage").then((m) => ({ default: m.EditorPage })));

function RequireUser({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin fullscreen />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/auth/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Spin fullscreen />}>
      <AppRouteTable />
    </Suspense>
  );
}

function AppRouteTable() {
  return (
    <Routes>
      <Route path="/auth/login" element={<LoginPage />} />
      <Route path="/auth/register" element={<RegisterPage />} />
      <Route
        element={
          <RequireUser>
            <AppLayout />
          </RequireUser>
        }
      >
        <Route index element={<Navigate to="/tasks" replace />} />
        <Route path="/projects" element={<ProjectsPage />} />
        <Route path="/projects/create" element={<CreateProjectPage />} />
        <Route path="/projects/:projectId" element={<ProjectPage />} />
        <Route path="/tasks" element={<TasksPage />} />
        <Route path="/tasks/create" element={<CreateTaskPage />} />
        <Route path="/tasks/:taskId" element={<TaskPage />} />
        <Route path="/tasks/:taskId/jobs/:jobId" element={<EditorPage />} />
        <Route path="/jobs" element={<JobsPage />} />
        <Route path="/requests" element={<RequestsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
