// The trainee's side of a social-security-card mini-program, on the peixun
// npm package. The engine runs in a Worker (lib/engine.js) so that a long
// attendance report never blocks the page; everything it decides is computed
// on the phone, offline. Only punches go to the authority's verifier, when
// `verifierUrl` is set (its domain must be a 合法域名 in the admin console).
App({
  globalData: {
    /** "zh" first; "en" with the switch on the home page. */
    lang: "zh",
    /** "worker" (default) or "main": where the engine runs. */
    engineMode: "worker",
    /** The verifier's base URL for punches, e.g. "https://peixun.example.gov.cn"; empty: punches stay queued on the phone. */
    verifierUrl: "",
  },
  onLaunch() {
    // Start the engine early: the module loads while the trainee reads the home page.
    require("./lib/engine").engine();
  },
});
