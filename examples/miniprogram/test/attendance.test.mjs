// My attendance (the subpackage page): the engine's attendance report on the
// demo record of the class so far, the rate against DL-T4's 90%, the sessions
// still needed, the month calendar from the report's sign-in sheet; the class
// checks that rest on the shipped policy's example values shown as the engine
// gives them (needs review, the message naming the parameter). The clock is
// set to Wednesday 2027-03-03 20:00 (China), after the day's last session.

import { mock, test } from "node:test";
import assert from "node:assert/strict";
import { launch, render, storage, text, until } from "./harness.mjs";

mock.timers.enable({ apis: ["Date"], now: Date.parse("2027-03-03T12:00:00Z") });
launch();

async function openPage() {
  storage.clear();
  const page = render("attendance/pages/index/index");
  await page.instance.onLoad({});
  await until(() => page.data.cells.length || page.data.problem, "the report");
  return page;
}

test("the rate, the sessions still needed, and the trainee's DL-T4 finding", async () => {
  const page = await openPage();
  assert.equal(page.data.problem, null);
  // The demo class began on Monday 2027-01-18 (six weeks before the week of 03-03) and runs four
  // months to 2027-05-17: 86 training days on the weekends-only assumption, two sessions a day.
  // Up to 03-03 (today counts: its last session ended at 16:45): 33 days, 66 sessions. The
  // demo record (the days before today) misses day 12 (2 sessions) and day 17's afternoon (1)
  // and has day 7 on sick leave (2, which Dalian counts as absent); this phone sent no punch
  // today (2 missed): 66 − 7 = 59 attended, 59/66 = 89.39%, below DL-T4's 90%
  // ("学员个人出勤率不得低于90%", 一(三)). 90% of the class's 172 sessions is 154.8, so 155 are needed:
  // 96 more, with 106 left.
  assert.equal(text(page, "#count"), "出勤 59 / 应到 66 节");
  assert.equal(text(page, "#rate"), "出勤率 89.39%（要求不低于 90.00%）");
  assert.equal(page.querySelector("#rate").dom.dataset.met, "false");
  assert.equal(page.querySelector("#still-needed").dom.dataset.stillNeeded, "96");
  assert.equal(text(page, "#still-needed"), "全班共 172 节，达到要求需出勤 155 节：还需 96 节（剩余 106 节）");
  assert.match(text(page, "#leave"), /^计至 2027-03-03；病假 2 节、事假 0 节、缺勤 5 节/);
  const t4 = page.data.findings.find((f) => f.ruleId === "DL-T4");
  assert.equal(t4.status, "fail");
});

test("a check resting on an example value is shown as needs review with the engine's message", async () => {
  const page = await openPage();
  const t1 = page.data.pending.find((f) => f.ruleId === "DL-T1");
  assert.ok(t1, "DL-T1's duration per major is the shipped policy's example");
  assert.equal(t1.status, "unknown");
  assert.equal(t1.statusLabel, "需核实");
  assert.equal(t1.parameter, "per_major");
  assert.ok(t1.message.length > 0);
  assert.ok(page.querySelector("#pending"));
  assert.match(text(page, "#assumption"), /calendar\.assumed_weekends_only:2027/);
});

test("the month calendar: March 2027 coloured by the sign-in sheet; the next month is upcoming", async () => {
  const page = await openPage();
  assert.match(text(page, "#month-title"), /^2027年3月/);
  const mark = (date) => page.data.cells.find((c) => c.date === date).mark;
  assert.equal(mark("2027-03-01"), "attended");
  assert.equal(mark("2027-03-06"), "not_a_training_day"); // a Saturday
  assert.equal(mark("2027-03-04"), "upcoming");
  page.querySelector("#month-next").dispatchEvent("tap");
  await until(() => page.data.month === "2027-04", "April");
  assert.equal(page.data.cells.find((c) => c.date === "2027-04-01").mark, "upcoming");
  page.querySelector("#month-prev").dispatchEvent("tap");
  await until(() => page.data.month === "2027-03", "March");
  page.querySelector("#month-prev").dispatchEvent("tap");
  await until(() => page.data.month === "2027-02", "February");
  const marks = new Set(page.data.cells.map((c) => c.mark));
  assert.ok(marks.has("attended"));
});
