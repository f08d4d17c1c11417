// The trainee's phone page: eligibility self-check, my voucher, check in /
// check out (with an offline queue), my attendance. Everything is computed by
// the WebAssembly engine in the page; the only requests go to the verifier
// that serves the page (POST ../v1/punches).
import { setupLanguageToggle } from "../shared/i18n.js";
import { engine, version } from "./engine.js";
import { t, onLanguageChange } from "../shared/i18n.js";
import { chinaDate } from "./time.js";
import { demoClass } from "./classdemo.js";
import { setupEligibility } from "./eligibility.js";
import { setupVoucher } from "./voucher.js";
import { setupCheckin, sendQueue } from "./checkin.js";
import { loadQueue } from "./queue.js";
import { setupAttendance, refreshAttendance } from "./attendance.js";

const $ = (id) => document.getElementById(id);

function showNet() {
  $("net-status").textContent = navigator.onLine
    ? ""
    : t("当前离线：打卡会保存在本机，联网后自动发送", "Offline: punches are kept on this phone and sent when online");
  $("net-status").hidden = navigator.onLine;
}

async function main() {
  setupLanguageToggle();
  showNet();
  window.addEventListener("online", showNet);
  window.addEventListener("offline", showNet);
  onLanguageChange(showNet);
  let e;
  try {
    e = await engine();
  } catch (err) {
    const box = $("engine-error");
    box.hidden = false;
    box.textContent = `${t("引擎加载失败", "The engine failed to load")}: ${err?.message || err}`;
    return;
  }
  try {
    await loadQueue();
  } catch (err) {
    const box = $("engine-error");
    box.hidden = false;
    box.textContent = `${t("打卡队列无法加载（浏览器可能禁用了本机存储）", "The punch queue failed to load (this browser may keep no storage)")}: ${err?.message || err}`;
    return;
  }
  $("version").textContent = version();
  const cls = demoClass(e, chinaDate());
  await setupEligibility();
  setupVoucher();
  await setupAttendance(e, cls);
  await setupCheckin(cls, () => refreshAttendance());
  // Punches queued before a reload (or while offline) go out now.
  await sendQueue();
  document.body.dataset.ready = "true";
  registerOfflineCache();
}

// The page keeps working without a network once it has been opened: a small
// service worker keeps a copy of the page and its files (public/trainee-sw.js).
function registerOfflineCache() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("message", (ev) => {
    if (typeof ev.data?.cached === "number") {
      document.body.dataset.offline = ev.data.cached === ev.data.of ? "ready" : "partial";
    }
  });
  navigator.serviceWorker.register("./trainee-sw.js", { scope: "./trainee.html" }).then(
    async (reg) => {
      // The page and the files its HTML names; the service worker adds the
      // WebAssembly module the scripts name.
      const named = [...document.querySelectorAll("script[src], link[href]")].map((el) => el.src || el.href);
      const urls = [location.pathname, ...named]
        .map((u) => new URL(u, location.href))
        .filter((u) => u.origin === location.origin && !u.pathname.includes("/v1/"))
        .map((u) => u.pathname);
      const sw = reg.active || reg.waiting || reg.installing;
      const send = (w) => w.postMessage({ cache: [...new Set(urls)] });
      if (reg.active) send(reg.active);
      else
        sw?.addEventListener("statechange", () => {
          if (sw.state === "activated") send(sw);
        });
    },
    () => {},
  );
}

main();
