// The eligibility self-check page: the policy's own questions, the trainee's
// answers, the engine's verdict with each finding's rule, clause and message.
// The engine runs in the Worker (the app's default).

import { test } from "node:test";
import assert from "node:assert/strict";
import { launch, render, text, until } from "./harness.mjs";

launch();

async function openPage() {
  const page = render("pages/eligibility/index");
  await page.instance.onLoad({});
  await until(() => page.data.questions.length || page.data.problem, "the questions");
  return page;
}

function answer(page, key, value) {
  page.querySelector(`#q-${key}`).dispatchEvent("change", { detail: { value } });
}

function type(page, key, value) {
  page.querySelector(`#q-${key}`).dispatchEvent("input", { detail: { value } });
}

test("Dalian: the questions are the facts its rules read; what only the authority knows is not asked", async () => {
  const page = await openPage();
  assert.equal(text(page, "#policy-title"), "大连市高校毕业生2023年免费专业转换及技能提升培训");
  assert.deepEqual(
    page.data.questions.map((q) => q.key),
    ["hukou_province", "school_province", "education", "graduation_year", "employed_since_graduation", "major"],
  );
  assert.equal(text(page, "#question-hukou_province .label"), "户籍所在省份");
  // Social-insurance participations, the integrity record, the institution's majors: the authority's.
  assert.match(text(page, "#authority"), /手机上无法自测： DL-E5,DL-E6,DL-M2,DL-P7$/);
});

test("a Liaoning graduate of 2022 who has not worked: needs review, with each finding's clause and message", async () => {
  const page = await openPage();
  answer(page, "hukou_province", 5); // 辽宁省 21
  answer(page, "education", 0); // full-time college
  type(page, "graduation_year", "2022");
  page.querySelector("#q-employed_since_graduation").dispatchEvent("change", { detail: { value: "no" } });
  type(page, "major", "大数据开发");
  await until(() => page.data.answers.major === "大数据开发", "the answers");
  assert.deepEqual(page.data.answers, { hukou_province: "21", education: "full_time_college", graduation_year: "2022", employed_since_graduation: "no", major: "大数据开发" });
  page.querySelector("#check").dispatchEvent("tap");
  await until(() => page.data.verdict, "the verdict");
  // The original: 一(一) 辽宁籍或在辽宁就读的 2021–2023 届毕业生 …; DL-E4 "以单位参保缴费记录为准" is the
  // authority's to check, so a phone never says eligible.
  assert.equal(page.querySelector("#decision").dom.dataset.decision, "needs_review");
  assert.match(text(page, "#decision"), /^需核实 dalian-2023-major-conversion 2023\.1/);
  const findings = page.data.verdict.findings;
  const e1 = findings.find((f) => f.ruleId === "DL-E1");
  assert.equal(e1.status, "pass");
  assert.equal(e1.clause, "一(一)");
  assert.equal(e1.document, "关于组织开展高校毕业生2023年免费专业转换及技能提升培训工作的通知");
  assert.equal(findings.find((f) => f.ruleId === "DL-E3").status, "pass"); // 2022 is one of the years that left school
  const e4 = findings.find((f) => f.ruleId === "DL-E4");
  assert.equal(e4.status, "unknown");
  assert.equal(e4.message, "是否曾就业以单位参保缴费记录为准，需人社部门核实");
  // Rendered by the finding component, one per finding, with the rule, status and clause.
  const cards = page.querySelectorAll(".finding-card");
  assert.equal(cards.length, findings.length);
  const first = text(page, ".finding-card");
  assert.equal(first, "DL-E1符合户籍在辽宁省，属辽宁籍条款 一(一) · 关于组织开展高校毕业生2023年免费专业转换及技能提升培训工作的通知");
});

test("a graduation year that is not a number: the engine's error with its code and the field's path", async () => {
  const page = await openPage();
  type(page, "graduation_year", "二〇二二");
  await until(() => page.data.answers.graduation_year, "the answer");
  page.querySelector("#check").dispatchEvent("tap");
  await until(() => page.data.problem, "the problem");
  assert.equal(page.data.verdict, null);
  assert.equal(page.querySelector("#problem").dom.dataset.path, "$.applicant.graduation_year");
  assert.match(page.data.problem.code, /^input\./);
});

test("Jinzhong asks about the key groups its rule reads; Liaocheng (enterprises) asks a trainee nothing", async () => {
  const page = await openPage();
  const index = (id) => page.data.policies.findIndex((p) => p.id === id);
  page.querySelector("#policy").dispatchEvent("change", { detail: { value: index("jinzhong-2023-skills-shanxi") } });
  await until(() => page.data.questions.some((q) => q.key === "key_groups"), "Jinzhong's questions");
  assert.deepEqual(page.data.questions.map((q) => q.key), ["key_groups", "enterprise_employee"]);
  page.querySelector("#q-key_groups").dispatchEvent("change", { detail: { value: ["veteran"] } });
  page.querySelector("#q-enterprise_employee").dispatchEvent("change", { detail: { value: "no" } });
  await until(() => page.data.answers.enterprise_employee, "the answers");
  page.querySelector("#check").dispatchEvent("tap");
  await until(() => page.data.verdict, "the verdict");
  const s3 = page.data.verdict.findings.find((f) => f.ruleId === "JZ-S3");
  assert.ok(s3, "JZ-S3 is decided on the stated groups");
  page.querySelector("#policy").dispatchEvent("change", { detail: { value: index("liaocheng-2021-skill-upgrade") } });
  await until(() => page.data.questions.length === 0 && page.data.verdict === null, "Liaocheng's questions");
  assert.equal(text(page, "#no-questions"), "这个项目的条件无法根据个人回答自测，由人社部门审核。");
});
