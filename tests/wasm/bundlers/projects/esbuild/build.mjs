// esbuild with nothing set for the package: the app imports "peixun/embedded".
import { build } from "esbuild";

export default function () {
  const dir = new URL(".", import.meta.url).pathname;
  return build({
    entryPoints: [`${dir}main.js`, `${dir}main-default.js`],
    outdir: `${dir}dist`,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "warning",
  });
}
