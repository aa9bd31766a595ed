import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { AppRoutes } from "./routes";
import { SessionProvider } from "./lib/session";
import { theme } from "./theme";
import "./global.css";

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
});

function Root() {
  return (
    // Inside the router, so links in messages and notifications work.
    <AntApp>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </AntApp>
  );
}

// A data router (for useBlocker: the editor asks before in-app navigation loses unsaved work);
// the pages stay declared as <Routes> in routes.tsx, under one catch-all route.
const router = createBrowserRouter([{ path: "*", element: <Root /> }]);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ConfigProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConfigProvider>
  </StrictMode>,
);
