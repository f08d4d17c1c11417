// Check in / check out: is the window open now (the engine's punch.check at
// this moment), a punch kept on the phone first, then sent to the verifier
// (POST /v1/punches) with the answer deciding what leaves the queue. The
// clock is set to Wednesday 2027-03-03 08:05 (China); the demo class began on
// the Monday six weeks before. 2027 has no State Council notice in the engine
// yet: the page shows the engine's weekends-only assumption.

import { mock, test } from "node:test";
import assert from "node:assert/strict";
import { getApp, launch, net, render, requests, storage, text, until } from "./harness.mjs";

const clock = mock.timers;
clock.enable({ apis: ["Date"], now: Date.parse("2027-03-03T00:05:00Z") });
launch();

async function openPage() {
  const page = render("pages/checkin/index");
  await page.instance.onLoad({});
  await until(() => page.data.windows.length === 2, "the windows");
  return page;
}

async function punch(page, kind) {
  page.setData({ punch: null });
  page.querySelector(`#punch-${kind}`).dispatchEvent("tap");
  return until(() => page.data.punch || page.data.problem, "the punch");
}

test("the class, the calendar's assumption, and which windows are open at 08:05", async () => {
  storage.clear();
  const page = await openPage();
  assert.equal(text(page, "#class-name"), "大数据开发专业演示班期");
  assert.match(text(page, "#assumption"), /2027 年的放假安排/);
  // Dalian's DL-P6: the sign-in window of the 08:30 session is open until 08:30.
  assert.equal(page.querySelector("#window-sign_in").dom.dataset.state, "open");
  assert.match(text(page, "#window-sign_in"), /^签到：现在可以签到，截止 2027-03-03 08:30/);
  assert.notEqual(page.querySelector("#window-sign_out").dom.dataset.state, "open");
  assert.equal(text(page, "#next-session"), "2027-03-03 第1节 08:30—11:45");
  assert.equal(text(page, "#now"), "现在 2027-03-03 08:05（北京时间）");
});

test("a sign-in at 08:05 is kept on the phone; with no verifier configured it stays queued", async () => {
  storage.clear();
  getApp().globalData.verifierUrl = "";
  const page = await openPage();
  const p = await punch(page, "sign_in");
  assert.equal(p.acceptable, true);
  assert.equal(text(page, "#punch-verdict"), "签到已记录在本机");
  assert.ok(p.findings.some((f) => f.ruleId === "DL-P6" && f.status === "pass"));
  await until(() => page.data.send, "the send attempt");
  assert.equal(page.querySelector("#send-status").dom.dataset.why, "no_verifier");
  assert.equal(page.data.queued.length, 1);
  assert.match(page.data.queued[0].text, /^签到 2027-03-03 08:05/);
});

test("the verifier records it: the punch leaves the queue; a refused one is listed with the reason", async () => {
  storage.clear();
  requests.length = 0;
  getApp().globalData.verifierUrl = "https://verifier.example.gov.cn";
  net.handler = (call) => ({
    statusCode: 200,
    data: { received: call.data.punches.map((p) => ({ id: p.id, status: "recorded", check: { acceptable: true, findings: [] } })) },
  });
  const page = await openPage();
  await punch(page, "sign_in");
  await until(() => page.data.send, "the send");
  assert.equal(requests.length, 1);
  assert.equal(requests[0].url, "https://verifier.example.gov.cn/v1/punches");
  assert.equal(requests[0].method, "POST");
  const body = requests[0].data;
  assert.equal(body.policy, "dalian-2023-major-conversion");
  assert.equal(body.unknown_years, "assume_weekends_only");
  assert.deepEqual(Object.keys(body.punches[0]).sort(), ["at", "id", "kind", "method", "trainee"]);
  assert.equal(body.punches[0].at, "2027-03-03T08:05:00+08:00");
  assert.equal(page.data.queued.length, 0);
  assert.equal(text(page, "#send-status"), "已发送到核验端：1 条，拒收 0 条");

  net.handler = (call) => ({
    statusCode: 200,
    data: { received: call.data.punches.map((p) => ({ id: p.id, status: "refused", reason: { code: "punch.in_future", message_zh: "打卡时间晚于服务器当前时间，请检查手机时钟", message_en: "the punch's moment is later than the server's clock" } })) },
  });
  page.setData({ send: null });
  await punch(page, "sign_in");
  await until(() => page.data.send, "the send");
  assert.equal(page.data.queued.length, 0);
  assert.match(page.data.refused[0].reason, /^punch\.in_future：打卡时间晚于服务器当前时间/);
});

test("no network or a 503: the punch stays queued; a 400 about one punch refuses only that punch", async () => {
  storage.clear();
  getApp().globalData.verifierUrl = "https://verifier.example.gov.cn";
  net.handler = () => ({ fail: { errMsg: "request:fail timeout" } });
  const page = await openPage();
  await punch(page, "sign_in");
  await until(() => page.data.send, "the send");
  assert.equal(page.data.queued.length, 1);
  assert.equal(page.querySelector("#send-status").dom.dataset.why, "network");
  net.handler = () => ({ statusCode: 503, data: { error: { code: "http.overloaded", path: "$", message_zh: "忙", message_en: "busy" } } });
  page.setData({ send: null });
  await punch(page, "sign_in");
  await until(() => page.data.send, "the send");
  assert.equal(page.data.queued.length, 2);
  assert.equal(page.querySelector("#send-status").dom.dataset.why, "http.503");
  net.handler = () => ({ statusCode: 400, data: { error: { code: "input.invalid_moment", path: "$.punches[1].at", message_zh: "时间无效", message_en: "bad moment" } } });
  page.setData({ send: null });
  page.querySelector("#send").dispatchEvent("tap");
  await until(() => page.data.send, "the send");
  assert.equal(page.data.queued.length, 1, "only the punch the verifier pointed at left the queue");
  assert.match(page.data.refused[0].reason, /^input\.invalid_moment：时间无效/);
  net.handler = null;
});

test("at 09:00 the morning's sign-in window has closed: the engine says no and nothing is queued", async () => {
  storage.clear();
  clock.setTime(Date.parse("2027-03-03T01:00:00Z"));
  const page = await openPage();
  const p = await punch(page, "sign_in");
  assert.equal(p.acceptable, false);
  assert.equal(text(page, "#punch-verdict"), "现在不能签到，未记录");
  // Shown as the engine gives it: the year has no holiday notice, so the finding is unknown, never a pass.
  assert.ok(p.findings.length > 0 && p.findings.every((f) => f.status !== "pass"));
  assert.equal(page.data.queued.length, 0);
  await until(() => page.querySelector("#window-sign_in").dom.dataset.state === "not_yet_open", "the window");
  assert.equal(text(page, "#window-sign_in"), "签到：还没到时间：签到时间 2027-03-03 11:45 开始");
});
