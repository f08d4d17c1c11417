// Chinese first, English on request. Text that changes with the language is
// marked in the HTML with data-zh / data-en; script-made text uses t(zh, en).
// The choice is kept in localStorage ("peixun.lang") across pages and reloads.

const KEY = "peixun.lang";
const listeners = new Set();

export function lang() {
  try {
    return localStorage.getItem(KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

/** The text for the current language. */
export function t(zh, en) {
  return lang() === "en" ? en : zh;
}

/** Re-labels every element with data-zh/data-en and calls the listeners. */
export function applyLanguage() {
  const l = lang();
  document.documentElement.lang = l === "en" ? "en" : "zh-CN";
  for (const el of document.querySelectorAll("[data-zh]")) {
    el.textContent = l === "en" ? el.dataset.en : el.dataset.zh;
  }
  for (const el of document.querySelectorAll("[data-zh-placeholder]")) {
    el.placeholder = l === "en" ? el.dataset.enPlaceholder : el.dataset.zhPlaceholder;
  }
  for (const fn of listeners) fn(l);
}

/** Calls `fn(lang)` after every language change (to re-render script-made text). */
export function onLanguageChange(fn) {
  listeners.add(fn);
}

/** Wires a button (id="lang-toggle") that switches between 中文 and English. */
export function setupLanguageToggle(button = document.getElementById("lang-toggle")) {
  if (!button) return;
  const label = () => {
    button.textContent = lang() === "en" ? "中文" : "English";
    button.setAttribute("aria-label", lang() === "en" ? "切换到中文" : "Switch to English");
  };
  button.addEventListener("click", () => {
    try {
      localStorage.setItem(KEY, lang() === "en" ? "zh" : "en");
    } catch {
      /* private mode: the toggle lasts for this page only */
    }
    label();
    applyLanguage();
  });
  label();
  applyLanguage();
}
