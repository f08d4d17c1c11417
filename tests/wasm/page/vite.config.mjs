import { defineConfig } from "vite";

export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  logLevel: "warn",
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
});
