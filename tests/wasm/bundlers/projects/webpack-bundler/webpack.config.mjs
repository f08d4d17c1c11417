// webpack 5 with WebAssembly imports turned on, for peixun/bundler.
import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  context: fileURLToPath(new URL(".", import.meta.url)),
  entry: "./src/main.js",
  output: { path: fileURLToPath(new URL("./dist", import.meta.url)), filename: "main.js", clean: true },
  experiments: { asyncWebAssembly: true },
  performance: { hints: false },
};
