// A Node CommonJS app: `require` of the installed package (the exports map's
// node/require entry); the module is ready when required. Prints the entry it
// resolved and the engine's answer: run.cjs OPERATION REQUEST_JSON.
"use strict";
const { Engine } = require("peixun");

const [operation, request] = process.argv.slice(2);
const engine = new Engine();
process.stdout.write(JSON.stringify({ entry: require.resolve("peixun"), output: engine.handleJson(operation, request) }));
