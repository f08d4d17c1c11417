// A webpack 5 app: the default entry (web/index.js); webpack emits the .wasm of new URL(…, import.meta.url) as an asset.
import { createEngine, isPeixunError } from "peixun";

// The suite calls this with a golden case's operation and request.
window.peixunRun = async (operation, request) => {
  try {
    const engine = await createEngine();
    return { output: engine.handleJson(operation, request) };
  } catch (err) {
    return isPeixunError(err)
      ? { error: { code: err.code, path: err.path, messageZh: err.messageZh, messageEn: err.messageEn } }
      : { error: String((err && err.stack) || err) };
  }
};
