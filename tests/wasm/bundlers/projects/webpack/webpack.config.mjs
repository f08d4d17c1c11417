// webpack 5 with nothing set for the package: the exports map gives the
// browser entry, and webpack emits its new URL(…, import.meta.url) .wasm.
import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  context: fileURLToPath(new URL(".", import.meta.url)),
  entry: "./src/main.js",
  output: { path: fileURLToPath(new URL("./dist", import.meta.url)), filename: "main.js", clean: true },
  performance: { hints: false },
};
