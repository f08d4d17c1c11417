// A Rollup 4 app: Rollup emits no asset for new URL(…, import.meta.url), so it imports the entry with the module inlined.
import { createEngine, isPeixunError } from "peixun/embedded";

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
