// The one engine of a page: the WebAssembly module is loaded and the policies
// and calendar parsed once, then every check on the page reuses it. Nothing
// here talks to a network: the engine is pure computation in the browser.
//
// Each page passes its own module: the trainee page the trainee's build
// (`peixun/trainee`: no claims, publicity, deadlines or plans), the portal the
// full one (`peixun`); see trainee/engine.js and portal/engine.js.

/** The page's engine and helpers over the package module `pkg`. */
export function pageEngine(pkg) {
  let enginePromise = null;

  /** The page's engine, created on first use. */
  function engine() {
    if (!enginePromise) enginePromise = pkg.createEngine();
    return enginePromise;
  }

  /**
   * Runs `fn(engine)` and turns a thrown PeixunError into `{ error }`, so that a
   * page can show the code, path and both messages instead of a stack trace.
   */
  async function attempt(fn) {
    const e = await engine();
    try {
      return { value: fn(e) };
    } catch (err) {
      if (pkg.isPeixunError(err)) {
        return { error: { code: err.code, path: err.path, message_zh: err.messageZh, message_en: err.messageEn } };
      }
      throw err;
    }
  }

  return { engine, attempt, isPeixunError: pkg.isPeixunError, version: pkg.version };
}
