// The one engine of a page: the WebAssembly module is loaded and the policies
// and calendar parsed once, then every check on the page reuses it. Nothing
// here talks to a network: the engine is pure computation in the browser.
import { createEngine, isPeixunError, version } from "peixun";

let enginePromise = null;

/** The page's engine, created on first use. */
export function engine() {
  if (!enginePromise) enginePromise = createEngine();
  return enginePromise;
}

export { isPeixunError, version };

/**
 * Runs `fn(engine)` and turns a thrown PeixunError into `{ error }`, so that a
 * page can show the code, path and both messages instead of a stack trace.
 */
export async function attempt(fn) {
  const e = await engine();
  try {
    return { value: fn(e) };
  } catch (err) {
    if (isPeixunError(err)) {
      return { error: { code: err.code, path: err.path, message_zh: err.messageZh, message_en: err.messageEn } };
    }
    throw err;
  }
}
