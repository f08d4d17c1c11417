// The home page: the engine starts (in the Worker by default, or on the page),
// the language switch, and what a trainee sees on a WeChat too old for the
// engine: the package's zh/en message, not a blank page.

import { test } from "node:test";
import assert from "node:assert/strict";
import { engineModule, getApp, launch, navigations, platform, render, text, until } from "./harness.mjs";

launch();

async function openHome() {
  const page = render("pages/index/index");
  page.instance.onLoad({});
  await until(() => page.data.status !== "starting", "the engine");
  return page;
}

test("the engine is ready in the Worker, loaded from the package's folder in miniprogram_npm", async () => {
  const page = await openHome();
  assert.equal(page.data.status, "ready");
  assert.match(text(page, "#engine-status"), /^政策引擎已在本机就绪，自测结果离线计算 · peixun \d+\.\d+\.\d+/);
  assert.equal(platform.live.length, 1);
  assert.equal(platform.live[0].scriptPath, "workers/peixun/index.js");
  page.querySelector("#go-attendance").dispatchEvent("tap");
  await until(() => navigations.length, "the navigation");
  assert.equal(navigations.at(-1), "/attendance/pages/index/index");
});

test("English with the switch; Chinese is the default", async () => {
  const page = await openHome();
  assert.equal(text(page, "#go-eligibility"), "资格自测");
  page.querySelector("#switch-lang").dispatchEvent("tap");
  await until(() => text(page, "#go-eligibility") === "Am I eligible?", "English");
  assert.equal(text(page, "#switch-lang"), "中文");
  getApp().globalData.lang = "zh";
});

test("on the page instead of a Worker (engineMode \"main\"): the same answers", async () => {
  engineModule.reset();
  assert.equal(platform.live.length, 0, "reset ends the Worker");
  getApp().globalData.engineMode = "main";
  try {
    const day = await engineModule.engine().call("calendar.day", { date: "2023-10-07" });
    assert.equal(day.kind, "makeup_workday");
    assert.equal(day.holiday, "中秋节、国庆节");
    assert.equal(platform.live.length, 0, "no Worker was started");
  } finally {
    getApp().globalData.engineMode = "worker";
    engineModule.reset();
  }
});

test("a Worker the system reclaims is started again once, and the question asked again", async () => {
  const e = engineModule.engine();
  await e.ready;
  const first = platform.live[0];
  const asked = e.call("calendar.count", { from: "2023-05-01", to: "2023-05-31" });
  first.kill();
  assert.equal((await asked).count, 21);
  assert.equal(platform.live.length, 1);
  assert.notEqual(platform.live[0], first);
  engineModule.reset();
});

test("WeChat with base library 2.14: the home page says the Worker needs 2.15.0, in Chinese", async () => {
  const original = global.wx.getAppBaseInfo;
  global.wx.getAppBaseInfo = () => ({ SDKVersion: "2.14.2" });
  engineModule.reset();
  try {
    const page = await openHome();
    assert.equal(page.data.status, "failed");
    assert.equal(page.querySelector("#engine-problem").dom.dataset.code, "runtime.base_library_too_old");
    assert.match(text(page, "#engine-problem"), /在 Worker 中使用 WXWebAssembly 需要基础库 2\.15\.0 及以上，当前为 2\.14\.2/);
  } finally {
    global.wx.getAppBaseInfo = original;
    engineModule.reset();
  }
});
