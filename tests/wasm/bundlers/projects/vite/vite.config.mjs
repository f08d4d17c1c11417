// The one setting the package needs in Vite: keep it out of the dev server's
// dependency pre-bundling, which would move web/index.js away from its .wasm.
import { defineConfig } from "vite";

export default defineConfig({
  optimizeDeps: { exclude: ["peixun"] },
  build: {
    target: "es2022",
    // Two pages: the full engine (index.html) and the trainee's (trainee.html).
    rollupOptions: { input: ["index.html", "trainee.html"].map((f) => new URL(f, import.meta.url).pathname) },
  },
  logLevel: "warn",
});
