// Chinese first: every label is a [zh, en] pair, shown in the app's language
// (globalData.lang). The engine's own messages come with both languages.

/** @returns {"zh" | "en"} */
function lang() {
  const app = getApp();
  return app && app.globalData && app.globalData.lang === "en" ? "en" : "zh";
}

/** @param {string} zh @param {string} en */
function t(zh, en) {
  return lang() === "en" ? en : zh;
}

/** @param {[string, string] | undefined} pair @param {string} [fallback] */
function pick(pair, fallback) {
  return pair ? t(pair[0], pair[1]) : fallback || "";
}

/** An object's `message_zh` / `message_en` in the app's language. @param {{ message_zh: string, message_en: string }} m */
function message(m) {
  return t(m.message_zh, m.message_en);
}

module.exports = { lang, t, pick, message };
