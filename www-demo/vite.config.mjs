// Three pages, built into dist/ and served by the verifier at /demo/
// (www_dir in examples/server/demo.toml). Relative asset URLs, so the same
// build works under /demo/ and from any other prefix.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "./",
  logLevel: "warn",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: {
        index: here("index.html"),
        trainee: here("trainee.html"),
        portal: here("portal.html"),
      },
    },
  },
});
