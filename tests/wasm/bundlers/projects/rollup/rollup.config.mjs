// Rollup 4 with the one plugin every app on npm packages needs; the app
// imports "peixun/embedded", so nothing is set for the .wasm.
import { nodeResolve } from "@rollup/plugin-node-resolve";

export default ["main.js", "main-default.js"].map((input) => ({
  input: new URL(input, import.meta.url).pathname,
  output: { dir: new URL("dist", import.meta.url).pathname, format: "es" },
  plugins: [nodeResolve({ browser: true })],
}));
