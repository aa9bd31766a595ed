// Every page of the app and where it lives; pages behind RequireUser need a signed-in user.
import { Spin } from "antd";
import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { AppLayout } from "./components/layout/AppLayout";
import { useSession } from "./lib/session";
import { NotFoundPage } from "./pages/NotFoundPage";
import { LoginPage } from "./pages/auth/LoginPage";
import { RegisterPage } from "./pages/auth/RegisterPage";
import { JobsPage } from "./pages/jobs/JobsPage";
import { CreateProjectPage } from "./pages/projects/CreateProjectPage";
import { ProjectPage } from "./pages/projects/ProjectPage";
import { ProjectsPage } from "./pages/projects/ProjectsPage";
import { RequestsPage } from "./pages/requests/RequestsPage";
import { CreateTaskPage } from "./pages/tasks/CreateTaskPage";
import { TaskPage } from "./pages/tasks/TaskPage";
import { TasksPage } from "./pages/tasks/TasksPage";

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
        <Route path="/jobs" element={<JobsPage />} />
        <Route path="/requests" element={<RequestsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
