// The trainee's module through Vite: peixun/trainee (trainee/index.js), its own .wasm emitted by Vite.
import { createEngine, isPeixunError } from "peixun/trainee";

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
