// A Node ES module app: `import` from the installed package (the exports map's
// node/import entry). Prints the entry it resolved and the engine's answer to
// the request given as arguments: run.mjs OPERATION REQUEST_JSON.
import { createEngine } from "peixun";

const [operation, request] = process.argv.slice(2);
const engine = await createEngine();
process.stdout.write(JSON.stringify({ entry: import.meta.resolve("peixun"), output: engine.handleJson(operation, request) }));
