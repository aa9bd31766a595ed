import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// `npm run dev` proxies the API to a server started with `contour serve` (default port 8080).
const api = process.env.CONTOUR_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: {
    // Hashed names under assets/ are what the server caches for a year.
    assetsDir: "assets",
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { "/api": api } },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
