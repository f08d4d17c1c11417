// The institution portal end to end: the real verifier serves the built page,
// Chromium uploads the committed sample class (public/samples/, written by
// scripts/gen-sample-class.mjs) and the page computes everything with the
// WebAssembly engine. The claim it builds carries the raw punches, leave and
// punch exceptions; the engine (and the verifier, on "submit") recomputes
// attendance from them.
//
// The sample's rates and fees are fixed by documents the Dalian notice does not
// publish: the shipped policy has them only as example values, so with it the
// class needs review — every paying line is unknown and shows its amount as
// provisional (T01: DL-S1 1200.00 × 6 = 7200.00, naming the `rates` parameter),
// 0.00 is decided and 314400.00 is only provisional. One click loads the
// deployment example (examples/policies/dalian-deployment-example.json, copied
// into the built pages), which sets the same figures; the demo verifier loads
// the same file (policy_files in examples/server/demo.toml). Then the class is
// accepted at 314400.00 yuan (public/samples/EXPECTED.md, worked out by the
// generator from those figures, not by the engine):
//   DL-S1, 6 filed months, trainees with a certificate and ≥ 90% attendance:
//     18 × 1800.00 × 6 = 194400.00 (qualification or skill-level certificate)
//   + 16 × 1200.00 × 6 = 115200.00 (special-ability certificate)
//   DL-S2, first appraisals: 17 × 200.00 + 14 × 100.00 = 4800.00
//   194400.00 + 115200.00 + 4800.00 = 314400.00
// The sample's two punch exceptions (T11) change none of it: Dalian's notice has
// no rule on exceptions. Under Fushun's FS-A4 the one with a complete note
// counts its session (T11: 215 → 216 of 252) and the other fails for the stamp.
// The sample's punches are voucher check-ins and say so (method voucher_qr,
// DL-P6); the same punches in a file without the method column take the
// clerk's statement for the file ("本文件的打卡方式"), and left not stated none
// of them counts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startVerifier, openBrowser, screenshot, demoRoot, repoRoot, DESKTOP, PHONE } from "./harness.mjs";

const samples = join(demoRoot, "public", "samples");
// In the page's order (the results' data-files attribute lists the files loaded in it).
const KINDS = ["roster", "punches", "leave", "exceptions", "certificates"];
const BASE = ["roster", "punches", "leave", "certificates"];
const FUSHUN = "fushun-2024-major-conversion";
const TOTAL = "314400.00";
const SHIPPED = "dalian-2023-major-conversion 2023.1";
const DEPLOYED = "dalian-2023-major-conversion 2023.1+deployment-example";
// 唐磊 (roster.csv: 210211199901064360) is paid 7300.00: the list shows the first 6 and last 4 digits.
const NAME = "唐磊";
const FULL_ID = "210211199901064360";
const MASKED_ID = "210211********4360";

let verifier;
let scratch;
before(async () => {
  verifier = await startVerifier();
  scratch = mkdtempSync(join(tmpdir(), "peixun-portal-"));
});
after(async () => {
  await verifier?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function openPortal(viewport = DESKTOP) {
  const browser = await openBrowser({ viewport });
  await browser.page.goto(`${verifier.url}/demo/portal.html`);
  await browser.page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  return browser;
}

/**
 * Uploads the files given and waits until the page has computed with all of them (or shows an error);
 * `method` is first chosen in "本文件的打卡方式" (how the punch file's punches were made; "" not stated).
 */
async function upload(page, files, { method = "" } = {}) {
  await page.selectOption("#punches-method", method);
  for (const k of KINDS) if (files[k]) await page.setInputFiles(`#file-${k}`, files[k]);
  const want = KINDS.filter((k) => files[k]).join(",");
  await page.waitForFunction(([w, m]) => {
    const r = document.getElementById("results").dataset;
    return (r.files === w && r.method === m) || document.querySelector("#errors .error-box");
  }, [want, method], { timeout: 60000 });
}

/** The sample's punches as a file without the method column (a punch clock's export), in the scratch directory. */
function noMethodPunches() {
  const dir = join(scratch, "no-method");
  mkdirSync(dir, { recursive: true });
  const lines = readFileSync(join(samples, "punches.csv"), "utf8").split("\r\n");
  assert.equal(lines[0], "\uFEFFtrainee,at,kind,method");
  const file = join(dir, "punches.csv");
  writeFileSync(file, lines.map((l) => l.split(",").slice(0, 3).join(",")).join("\r\n"));
  return file;
}

const sampleFiles = (ext, kinds = BASE) => Object.fromEntries(kinds.map((k) => [k, join(samples, `${k}.${ext}`)]));

/** The sample under the shipped policy: needs review, said first and plainly, nothing decided but 0.00. */
async function assertNeedsReview(page, logs) {
  assert.equal(await page.locator("#errors").textContent(), "", logs.join("\n"));
  assert.equal(await page.locator("#claim-decision").getAttribute("class"), "needs_review");
  assert.equal(await page.locator("#claim-decision").textContent(), "需人工审核");
  assert.equal(await page.locator("#claim-policy").textContent(), SHIPPED);
  assert.equal(await page.locator("#claim-total").textContent(), "0.00");
  assert.equal(await page.locator("#claim-provisional").textContent(), TOTAL);
  // Why comes first: before the summary, each parameter with the document that fixes it.
  assert.deepEqual(await page.$$eval("#results > section", (els) => els.slice(0, 2).map((e) => e.id || e.getAttribute("aria-labelledby"))), ["review-why", "sum-h"]);
  const gaps = page.locator("#parameter-gaps li");
  assert.deepEqual(await gaps.evaluateAll((els) => els.map((e) => `${e.dataset.rule} ${e.dataset.parameter} ${e.dataset.provisional}`)),
    ["DL-M2 catalogue 0.00", "DL-T1 per_major 0.00", "DL-P1 catalogue 0.00", "DL-P1 register 0.00", "DL-S1 rates 309600.00", "DL-S2 fee_table 4800.00"]);
  // The catalogue and the register of verified premises: the notice names them and does not include them.
  assert.match(await page.locator('#parameter-gaps li[data-rule="DL-P1"][data-parameter="register"]').textContent(), /未设定/);
  const rates = await page.locator('#parameter-gaps li[data-parameter="rates"]').textContent();
  assert.match(rates, /DL-S1 参数 rates：示例值，由“通知附件：各专业补贴标准（未随通知公布）”确定；34 项补贴按它试算共 309600\.00 元/);
  assert.match(rates, /须由部署方设定后方可核定/); // the finding's own message
  assert.match(await page.locator("#review-amounts").textContent(), /^已核定 0\.00 元；另有 314400\.00 元仅为试算，未核定，不得据以支付。$/);
  // T01's line: unknown, the parameter named, 7200.00 shown as provisional, never as the amount paid.
  const line = page.locator('#lines tr[data-trainee="T01"] .line[data-rule="DL-S1"]');
  assert.deepEqual(await line.evaluate((e) => [e.dataset.status, e.dataset.parameter, e.dataset.provisional]), ["unknown", "rates", "7200.00"]);
  const text = await line.textContent();
  assert.match(text, /试算 7200\.00，未核定，不支付/);
  assert.match(text, /按本政策的补贴标准试算为 7200\.00 元（1200\.00 元 × 6 个月 = 7200\.00 元）；该标准由通知附件：各专业补贴标准（未随通知公布）确定，本政策中为示例值，须由部署方设定后方可核定/);
  const t01 = page.locator('#lines tr[data-trainee="T01"]');
  assert.equal(await t01.locator("td.money").evaluate((td) => td.firstChild.textContent), "0.00");
  assert.match(await t01.locator(".note.provisional").textContent(), /另试算 7300\.00（未核定）/);
  // The class's duration check rests on the example annex too.
  assert.match(await page.locator('section[aria-labelledby="heat-h"] .finding.unknown', { hasText: "DL-T1" }).textContent(), /示例值（大数据开发：6个月），须由部署方按该附件设定后方可核对/);
}

/** Clicks "load the deployment example" and waits for the page to compute with it. */
async function loadDeployment(page, selector = "#load-deployment") {
  await page.click(selector);
  await page.waitForSelector("#lint-ok", { timeout: 60000 });
  await page.waitForFunction(() => /deployment-example/.test(document.getElementById("claim-policy")?.textContent ?? "") || !document.getElementById("results").dataset.files, null, { timeout: 60000 });
}

async function assertSampleResults(page, logs) {
  assert.equal(await page.locator("#errors").textContent(), "", logs.join("\n"));
  assert.equal(await page.locator("#claim-total").textContent(), TOTAL);
  assert.equal(await page.locator("#claim-decision").getAttribute("class"), "accept");
  assert.equal(await page.locator("#claim-policy").textContent(), DEPLOYED);
  assert.equal(await page.locator("#review-why").count(), 0);
  assert.equal(await page.locator("#claim-provisional").count(), 0);
  assert.equal(await page.locator("#publicity-pending").count(), 0);
  // The publicity preview: the masked number on the trainee's row, the full number nowhere.
  const row = page.locator("#publicity tbody tr", { hasText: NAME });
  assert.equal(await row.locator("td.masked").textContent(), MASKED_ID);
  assert.equal(await row.locator("td.money").last().textContent(), "7300.00");
  assert.ok(!(await page.locator("#publicity").textContent()).includes(FULL_ID));
  // Every deadline of the class: filing, acceptance, publicity end, payment.
  const deadlines = await page.locator("#deadlines").textContent();
  for (const d of ["2023-09-26", "2024-03-22", "2024-04-26", "2024-04-28"]) assert.ok(deadlines.includes(d), `${d} in ${deadlines}`);
  // The heat map: 50 trainees × 126 training days.
  assert.equal(await page.locator("#heat-map tbody tr").count(), 50);
  assert.equal(await page.locator("#heat-map tbody tr").first().locator("td.m").count(), 126);
}

test("the portal computes the sample class from its CSV files: needs review on the shipped example rates, accepted with the deployment example", async () => {
  const browser = await openPortal();
  try {
    const { page, logs } = browser;
    assert.match(await page.locator("#local-note").textContent(), /WebAssembly/);
    await upload(page, sampleFiles("csv"));
    await assertNeedsReview(page, logs);
    await page.click("#lang-toggle");
    const ratesEn = await page.locator('#parameter-gaps li[data-parameter="rates"]').textContent();
    assert.match(ratesEn, /DL-S1 parameter rates: an example value, fixed by “通知附件：各专业补贴标准（未随通知公布）”; 34 lines come to 309600\.00 yuan on it, provisionally/);
    assert.match(ratesEn, /the deployment must set it before the amount can be decided/);
    assert.match(await page.locator("#review-amounts").textContent(), /^Decided: 0\.00 yuan; a further 314400\.00 yuan is only provisional/);
    assert.equal(await page.locator("#load-deployment").textContent(), "Load the deployment example");
    await page.click("#lang-toggle");
    // Nothing is published on provisional amounts.
    assert.equal(await page.locator("#publicity tbody tr").count(), 0);
    assert.equal(await page.locator("#publicity tfoot .money").textContent(), "0.00");
    assert.match(await page.locator("#publicity-pending").textContent(), /试算金额不公示/);
    await screenshot(page, "portal-needs-review");

    // One click: the deployment's figures, layered over the shipped policy.
    assert.equal(await page.locator("#load-deployment").textContent(), "载入部署方示例政策");
    await loadDeployment(page);
    assert.match(await page.locator("#lint-ok").textContent(), /dalian-deployment-example\.json：检查通过，已作为部署方的数值载入 dalian-2023-major-conversion（版本 2023\.1\+deployment-example）/);
    assert.match(await page.locator("#lint-verifier").textContent(), /本演示的核验端载入了同一版本/);
    assert.equal(await page.locator("#load-deployment").isDisabled(), true);
    await assertSampleResults(page, logs);
    // A trainee's line shows the rule and its arithmetic.
    assert.match(await page.locator("#lines").textContent(), /DL-S1 10800\.00 · 1800\.00 元 × 6 个月 = 10800\.00 元/);
    // The publicity CSV: UTF-8 with BOM, masked numbers, the total.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#publicity-download")]);
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    assert.ok(csv.includes(`${NAME},${MASKED_ID},7200.00,100.00,7300.00`), csv.slice(0, 400));
    assert.ok(!csv.includes(FULL_ID));
    assert.match(csv, /合计,,,,309600\.00,4800\.00,314400\.00\r\n$/);
    await screenshot(page, "portal-csv");
  } finally {
    await browser.close();
  }
});

test("the same class from the .xlsx files gives the same total, its punch exceptions included (Dalian counts none)", async () => {
  const browser = await openPortal();
  try {
    const { page, logs } = browser;
    // The deployment example first, then the files.
    await page.click("#load-deployment");
    await page.waitForSelector("#lint-ok");
    await upload(page, sampleFiles("xlsx", KINDS));
    await assertSampleResults(page, logs);
    // Dalian's notice has no rule on exceptions: the page says so, and T11 keeps 215 sessions.
    assert.match(await page.locator("#exceptions-not-assessed").textContent(), /没有打卡异常的规则/);
    assert.equal(await page.locator("#exceptions tbody tr").count(), 2);
    assert.equal(await countedOf(page, "T11"), "215/252");
    await screenshot(page, "portal-xlsx");
  } finally {
    await browser.close();
  }
});

test("a punch without an offset is read as China time and said so; a time that does not exist is reported at its file, row and column (from the claim's $.attendance.punches)", async () => {
  const lines = readFileSync(join(samples, "punches.csv"), "utf8").split("\r\n");
  // Row 17 of the file (the titles are row 1): its moment loses its +08:00, as a punch clock writes it.
  const cells = lines[16].split(",");
  const local = cells[1].replace("+08:00", "");
  lines[16] = [cells[0], local, ...cells.slice(2)].join(",");
  const plain = join(scratch, "punches.csv");
  writeFileSync(plain, lines.join("\r\n"));
  // The same row at an hour that does not exist.
  const badAt = local.replace(/T\d\d:/, "T25:");
  lines[16] = [cells[0], badAt, ...cells.slice(2)].join(",");
  const badDir = join(scratch, "bad-time");
  mkdirSync(badDir, { recursive: true });
  const bad = join(badDir, "punches.csv");
  writeFileSync(bad, lines.join("\r\n"));
  const browser = await openPortal();
  try {
    const { page, logs } = browser;
    await upload(page, { ...sampleFiles("csv"), punches: plain });
    assert.equal(await page.locator("#errors").textContent(), "", logs.join("\n"));
    assert.match(await page.locator("#status-punches").textContent(), /^punches\.csv：24335 行；编码：UTF-8（带 BOM）；未注明时区的时间按北京时间（UTC\+08:00）读取：1 个；/);
    await upload(page, { punches: bad });
    const zh = await page.locator("#errors").textContent();
    assert.match(zh, /^punches\.csv 第 17 行，at 列：/);
    assert.match(zh, /input\.invalid_time \$\.attendance\.punches\[15\]\.at/);
    await page.click("#lang-toggle");
    const en = await page.locator("#errors .error-text").textContent();
    assert.match(en, new RegExp(`^punches\\.csv row 17, column at: .*\`${badAt}\\+08:00\` is not a date and time that exists`));
    assert.equal(await page.locator("#claim-total").count(), 0);
    await screenshot(page, "portal-bad-row");
    await page.click("#lang-toggle");
  } finally {
    await browser.close();
  }
});

/** The "sessions counted / base" cell of a trainee's row in the lines table. */
const countedOf = (page, trainee) => page.locator(`#lines tr[data-trainee="${trainee}"] .counted`).textContent();
const allCounted = (page) => page.locator("#lines tbody .counted").allTextContents();

test("punch exceptions under Fushun: the complete note counts exactly one session, the one without the stamp fails FS-A4; the verifier agrees", async () => {
  const browser = await openPortal();
  try {
    const { page, logs } = browser;
    // The sample's exceptions can be downloaded from the page, like its other files.
    for (const ext of ["csv", "xlsx"]) {
      const href = await page.locator(`#samples a[href="./samples/exceptions.${ext}"]`).getAttribute("href");
      const res = await page.request.get(new URL(href, page.url()).href);
      assert.equal(res.status(), 200, href);
      assert.deepEqual(await res.body(), readFileSync(join(samples, `exceptions.${ext}`)));
    }
    await page.selectOption("#class-policy", FUSHUN);
    // FS-A2 (七(三)): "培训机构采用人脸识别装置进行打卡签到签退" — under Fushun only a punch made on a
    // face-recognition device counts. The sample's punches are Dalian's voucher check-ins, so this test
    // of the exceptions uses the same punches made on a face device: the punch file without its method
    // column, and 人脸识别装置 (face_device) stated for it in "本文件的打卡方式".
    await upload(page, { ...sampleFiles("csv"), punches: noMethodPunches() }, { method: "face_device" });
    assert.equal(await page.locator("#errors").textContent(), "", logs.join("\n"));
    assert.match(await page.locator("#status-punches").textContent(), /^punches\.csv：24335 行；编码：UTF-8（带 BOM）；打卡方式：按本栏填入“人脸识别装置” 24335 行$/);
    const before = await allCounted(page);
    assert.equal(before.length, 50);
    assert.equal(await countedOf(page, "T11"), "215/252");

    await page.setInputFiles("#file-exceptions", join(samples, "exceptions.csv"));
    await page.waitForFunction(() => document.getElementById("results").dataset.files === "roster,punches,leave,exceptions,certificates", null, { timeout: 60000 });
    assert.equal(await page.locator("#errors").textContent(), "", logs.join("\n"));
    assert.match(await page.locator("#status-exceptions").textContent(), /exceptions\.csv：2 行/);
    // Only T11 changes, by one session: 215 → 216.
    const after = await allCounted(page);
    assert.deepEqual(after.map((x, i) => (x === before[i] ? "=" : `${before[i]} → ${x}`)), before.map((_, i) => (i === 10 ? "215/252 → 216/252" : "=")));
    assert.match(await page.locator(`#lines tr[data-trainee="T11"]`).textContent(), /含异常说明 1 节/);
    // Each exception's row shows its FS-A4 finding; the second names the missing stamp.
    assert.equal(await page.locator("#exceptions-not-assessed").count(), 0);
    const complete = page.locator("#exceptions tbody tr[data-row='2']");
    const noStamp = page.locator("#exceptions tbody tr[data-row='3']");
    assert.equal(await complete.getAttribute("data-status"), "pass");
    assert.match(await complete.locator(".verdict").textContent(), /^FS-A4 通过 T11 2023-10-19的打卡异常（设备故障不能打卡）有书面说明，签字、盖章齐全/);
    assert.match(await complete.textContent(), /上午电子培训券签到功能故障/);
    assert.equal(await noStamp.getAttribute("data-status"), "fail");
    assert.match(await noStamp.locator(".verdict").textContent(), /^FS-A4 不通过 T11 2024-01-26的打卡异常（学员无法打卡）书面说明缺少盖章：/);
    // T11's own findings in the claim carry the failure too.
    assert.match(await page.locator(`#lines tr[data-trainee="T11"]`).textContent(), /FS-A4 不通过[\s\S]*T11 2024-01-26的打卡异常（学员无法打卡）书面说明缺少盖章/);
    await page.click("#lang-toggle");
    assert.match(await noStamp.locator(".verdict").textContent(), /^FS-A4 fail T11, 2024-01-26: the written note for the punch exception \(trainee unable to punch\) lacks the stamp: /);
    assert.match(await countedOf(page, "T11"), /^216\/252$/);
    await screenshot(page, "portal-exceptions");
    await page.click("#lang-toggle");

    // The verifier recomputes from the claim's attendance block, exceptions included, and agrees byte for byte.
    await page.click("#submit");
    await page.waitForSelector("#agreement", { timeout: 30000 });
    assert.equal(await page.locator("#agreement").getAttribute("class"), "ok", await page.locator("#server").textContent());
    assert.match(await page.locator("#comparison").textContent(), /逐字节相同/);

    // The sample's own punch file states voucher_qr on every row, and a row keeps the method it states
    // whatever the field says: under Fushun none of these voucher check-ins counts (FS-A2 refuses each
    // for its method); only the complete note's session is left to T11.
    await page.setInputFiles("#file-punches", join(samples, "punches.csv"));
    await page.waitForFunction(() => /^0 \/ 24335/.test(document.getElementById("punches-counted")?.textContent ?? ""), null, { timeout: 60000 });
    assert.match(await page.locator("#punches-counted").textContent(), /不计：method 24335/);
    assert.match(await page.locator("#status-punches").textContent(), /打卡方式：文件写明 24335 行$/);
    assert.deepEqual(await allCounted(page), before.map((_, i) => (i === 10 ? "1/252" : "0/252")));
  } finally {
    await browser.close();
  }
});

test("a malformed exceptions row is reported at its file, row and column (from the claim's $.attendance.exceptions)", async () => {
  // The sample's exceptions as a clerk might write them, with Chinese titles and words; row 3's stamp reads 盖了.
  const bad = join(scratch, "exceptions.csv");
  writeFileSync(bad, "\uFEFF" + [
    "学员编号,日期,节次,异常情形,管理人员签字,盖章,学员签字,说明",
    "T11,2023-10-19,1,设备故障,是,是,是,考勤机故障",
    "T11,2024-01-26,2,学员无法打卡,是,盖了,是,",
  ].join("\r\n") + "\r\n");
  const browser = await openPortal();
  try {
    const { page } = browser;
    await page.selectOption("#class-policy", FUSHUN);
    // Fushun counts face-device punches only (FS-A2): the sample's punches as made on one, as in the test above.
    await upload(page, { ...sampleFiles("csv"), punches: noMethodPunches(), exceptions: bad }, { method: "face_device" });
    const zh = await page.locator("#errors").textContent();
    assert.match(zh, /^exceptions\.csv 第 3 行，盖章 列：/);
    assert.match(zh, /input\.wrong_type \$\.attendance\.exceptions\[1\]\.note\.stamp/);
    await page.click("#lang-toggle");
    assert.match(await page.locator("#errors .error-text").textContent(), /^exceptions\.csv row 3, column 盖章: .*"盖了"/);
    assert.equal(await page.locator("#claim-total").count(), 0);
    await screenshot(page, "portal-bad-exception");
    await page.click("#lang-toggle");
    // Corrected (是), the Chinese file is read and both notes count: T11 215 + 2.
    mkdirSync(join(scratch, "fixed"), { recursive: true });
    const fixed = join(scratch, "fixed", "exceptions.csv");
    writeFileSync(fixed, readFileSync(bad, "utf8").replace("盖了", "是"));
    await page.setInputFiles("#file-exceptions", fixed);
    await page.waitForFunction(() => document.getElementById("results").dataset.files?.includes("exceptions"), null, { timeout: 60000 });
    assert.equal(await page.locator("#errors").textContent(), "");
    assert.equal(await countedOf(page, "T11"), "217/252");
  } finally {
    await browser.close();
  }
});

test("a punch file without a method column: left 未注明 its sessions are undetermined and the rates unknown, the page pointing at the field; stated as 电子培训券签到 it counts, and the verifier agrees", async () => {
  // DL-P6 (四(三)): "参训学员通过电子社保卡程序中的电子培训券签到功能进行日常打卡考勤". A punch that does not
  // say it was made that way is neither counted nor refused. The deployment example is loaded first, so
  // the method is the only fact left open. EXPECTED.md: T01 attends 235 sessions; 42 trainees reach 90%;
  // the appraisal subsidies (DL-S2: 17 × 200.00 + 14 × 100.00 = 4800.00) do not rest on attendance.
  const browser = await openPortal();
  try {
    const { page, logs } = browser;
    await page.click("#load-deployment");
    await page.waitForSelector("#lint-ok");
    assert.equal(await page.locator("#punches-method").inputValue(), ""); // 未注明 by default
    await upload(page, { ...sampleFiles("csv"), punches: noMethodPunches() });
    assert.equal(await page.locator("#errors").textContent(), "", logs.join("\n"));
    assert.match(await page.locator("#status-punches").textContent(), /^punches\.csv：24335 行；编码：UTF-8（带 BOM）；打卡方式：未注明 24335 行$/);
    assert.equal(await page.locator("#claim-policy").textContent(), DEPLOYED);
    assert.equal(await page.locator("#claim-decision").getAttribute("class"), "needs_review");
    assert.equal(await page.locator("#claim-total").textContent(), "4800.00");
    // Nothing counted; the punches that would count wait on their method.
    assert.match(await page.locator("#punches-counted").textContent(), /^0 \/ 24335 \(不计：outside_window \d+\)$/);
    const undetermined = Number((await page.locator("#punches-undetermined").textContent()).match(/^\d+/)[0]);
    assert.ok(undetermined > 24000, `${undetermined}`);
    // Why, first: the punches' method, the rule that asks for it, what it leaves open, and where to state it.
    const hint = page.locator("#review-why #method-hint");
    assert.equal(await hint.getAttribute("data-undetermined"), String(undetermined));
    assert.equal(await hint.getAttribute("data-rule"), "DL-P6");
    const text = await hint.textContent();
    assert.match(text, new RegExp(`${undetermined} 条打卡未写明打卡方式，而所选政策的 DL-P6 只认电子培训券签到：引擎对这些打卡既不计入也不退回，它们所在的课次待定，42 名学员的出勤率待核实。`));
    assert.match(text, /请在打卡记录旁的“本文件的打卡方式”中说明这些打卡是怎样打的/);
    assert.equal(await page.locator("#parameter-gaps").count(), 0);
    assert.deepEqual(await page.locator("#review-other li").evaluateAll((els) => els.map((e) => e.dataset.rule)), ["DL-T4", "DL-P6", "DL-S1"]);
    // T01: none of 252 counted, the 235 sessions EXPECTED.md gives it undetermined, its rate unknown.
    const t01 = page.locator('#lines tr[data-trainee="T01"]');
    assert.equal(await countedOf(page, "T01"), "0/252");
    assert.equal(await t01.locator(".note.undetermined").textContent(), "另有 235 节待定");
    assert.equal(await t01.locator('.line[data-rule="DL-S1"]').getAttribute("data-status"), "unknown");
    assert.match(await t01.locator('.finding.unknown', { hasText: "DL-T4" }).textContent(), /T01：出勤率0\.00%，另有235节待定（235节的打卡未写明打卡方式/);
    assert.equal(await page.locator("#heat-map td.m-attended").count(), 0);
    assert.ok((await page.locator("#heat-map td.m-pending").count()) > 0);
    await page.click("#lang-toggle");
    assert.match(await hint.textContent(), new RegExp(`${undetermined} punches do not state how they were made, and the chosen policy's DL-P6 counts only electronic training voucher check-in: the engine neither counts nor refuses them, the sessions they would make are undetermined, and 42 trainees' rates are to be checked\\.`));
    await screenshot(page, "portal-method-unstated");
    await page.click("#lang-toggle");
    // The hint's button takes the clerk to the field.
    await hint.locator("button.goto-method").click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "punches-method");

    // Stated: 电子培训券签到 fills every row; the sample adds up as EXPECTED.md says.
    await page.selectOption("#punches-method", "voucher_qr");
    await page.waitForFunction(() => document.getElementById("results").dataset.method === "voucher_qr", null, { timeout: 60000 });
    assert.match(await page.locator("#status-punches").textContent(), /^punches\.csv：24335 行；编码：UTF-8（带 BOM）；打卡方式：按本栏填入“电子培训券签到” 24335 行$/);
    await assertSampleResults(page, logs);
    assert.equal(await page.locator("#method-hint").count(), 0);
    assert.equal(await page.locator("#punches-undetermined").count(), 0);
    assert.equal(await countedOf(page, "T01"), "235/252");
    // The claim carries each punch's method as filled in: the verifier decides the same, byte for byte.
    await page.click("#submit");
    await page.waitForSelector("#agreement", { timeout: 30000 });
    assert.equal(await page.locator("#server-total").textContent(), TOTAL);
    assert.equal(await page.locator("#agreement").getAttribute("class"), "ok", await page.locator("#server").textContent());
    assert.match(await page.locator("#comparison").textContent(), /逐字节相同/);
  } finally {
    await browser.close();
  }
});

test("submit to verifier: the demo verifier decides on the deployment's figures; with the same file loaded, the page agrees byte for byte", async () => {
  // The demo verifier loads the deployment example (policy_files in examples/server/demo.toml).
  const listed = await (await fetch(`${verifier.url}/v1/policies`)).json();
  assert.equal(listed.policies.find((p) => p.id === "dalian-2023-major-conversion").version, "2023.1+deployment-example");
  const browser = await openPortal();
  try {
    const { page, logs } = browser;
    await upload(page, sampleFiles("csv"));
    assert.equal(await page.locator("#claim-decision").getAttribute("class"), "needs_review", logs.join("\n"));
    assert.match(await page.locator("#server-policies").textContent(), /核验端载入的 dalian-2023-major-conversion 是版本 2023\.1\+deployment-example：本演示的核验端载入了部署方的政策文件/);
    // The same claim (it asks for the provisional amounts): the verifier accepts it on set figures, and says which.
    await page.click("#submit");
    await page.waitForSelector("#agreement", { timeout: 30000 });
    assert.equal(await page.locator("#server-policy").textContent(), DEPLOYED);
    assert.equal(await page.locator("#server-decision").getAttribute("class"), "accept");
    assert.equal(await page.locator("#server-total").textContent(), TOTAL);
    assert.equal(await page.locator("#agreement").getAttribute("class"), "policy-differs");
    assert.match(await page.locator("#agreement").textContent(), /^结论不同是因为政策版本不同：核验端按 dalian-2023-major-conversion 2023\.1\+deployment-example 核定，本页按 dalian-2023-major-conversion 2023\.1 计算。/);
    await screenshot(page, "portal-submit-shipped");

    // Loaded from the review box's own button, the page decides as the verifier does.
    await loadDeployment(page, "#review-why .load-deployment");
    assert.match(await page.locator("#server-policies").textContent(), /与本页同为版本 2023\.1\+deployment-example/);
    await page.click("#submit");
    await page.waitForSelector("#agreement", { timeout: 30000 });
    assert.equal(await page.locator("#server-policy").textContent(), DEPLOYED);
    assert.equal(await page.locator("#server-total").textContent(), TOTAL);
    assert.equal(await page.locator("#server-decision").getAttribute("class"), "accept");
    assert.equal(await page.locator("#agreement").getAttribute("class"), "ok");
    assert.match(await page.locator("#comparison").textContent(), /逐字节相同/);
    await screenshot(page, "portal-submit");
  } finally {
    await browser.close();
  }
});

test("a custom policy: a lint problem is shown; a good one is used, and the verifier does not know it", async () => {
  const dalian = readFileSync(join(repoRoot, "policies", "dalian-2023-major-conversion.toml"), "utf8")
    .replace('id = "dalian-2023-major-conversion"', 'id = "dalian-2023-custom"');
  // A custom programme sets its figures (example = false): the shipped file's are only examples.
  const rates = (q, s) => dalian.replaceAll("example = true", "example = false").replace('[rules.params.rates.value."大数据开发"]\nqualification = "1800.00"\nspecial_ability = "1200.00"',
    `[rules.params.rates.value."大数据开发"]\nqualification = "${q}"\nspecial_ability = "${s}"`);
  const badFile = join(scratch, "dalian-custom-bad.toml");
  const goodFile = join(scratch, "dalian-custom.toml");
  // Two rates outside the ranges the document sets (1500–2000, 1000–1500): both are listed.
  writeFileSync(badFile, rates("2500.00", "900.00"));
  writeFileSync(goodFile, rates("1900.00", "1200.00"));
  const browser = await openPortal();
  try {
    const { page } = browser;
    await page.setInputFiles("#policy-file", badFile);
    await page.waitForSelector("#lint-finding");
    const problems = page.locator("#lint-finding li");
    assert.equal(await problems.count(), 2, await page.locator("#lint-finding").textContent());
    const first = await problems.nth(0).textContent();
    assert.match(first, /policy\.rate_out_of_range/);
    assert.match(first, /\$\.rules\[12\]\.params\.rates\.value\["大数据开发"\]\.qualification/);
    assert.match(first, /2500\.00/);
    const second = await problems.nth(1).textContent();
    assert.match(second, /policy\.rate_out_of_range/);
    assert.match(second, /\$\.rules\[12\]\.params\.rates\.value\["大数据开发"\]\.special_ability/);
    assert.match(second, /900\.00/);
    assert.match(await page.locator("#lint-finding").textContent(), /2 处问题/);
    // A file that extends Dalian: its paths point into the file given ($.rules[0] is its own first rule).
    const extendsFile = join(scratch, "city-extends.toml");
    writeFileSync(extendsFile, [
      'id = "demo-city-2026"', 'version = "2026.1"', 'title_zh = "某市2026年示例"', 'title_en = "A city\'s 2026 example"',
      'extends = "dalian-2023-major-conversion"', "", "[source]", 'seed = "000_88426c7870350bfb.txt"', 'title_zh = "示例"', "",
      "[[rules]]", 'id = "XX-1"', 'clause = "一"', 'roles = ["check"]', 'kind = "residence"',
      'params = { provinces = ["21"], study_in_province_counts = true }', 'quote_zh = "示例"', 'messages.summary = { zh = "示例", en = "example" }', "",
    ].join("\n"));
    await page.setInputFiles("#policy-file", extendsFile);
    await page.waitForFunction(() => document.querySelectorAll("#lint-finding li").length === 4);
    const paths = await page.locator("#lint-finding li .clause").allTextContents();
    assert.deepEqual(paths, ["$.rules[0].id", "$.rules[0].messages.pass", "$.rules[0].messages.fail", "$.rules[0].messages.unknown"]);
    assert.equal(await page.locator("#class-policy option[value=dalian-2023-custom]").count(), 0);
    await screenshot(page, "portal-policy-lint");

    // 1900.00 a month for qualification and skill-level certificates instead of 1800.00:
    // 18 × 1900.00 × 6 = 205200.00, + 115200.00 + 4800.00 as before = 325200.00.
    await page.setInputFiles("#policy-file", goodFile);
    await page.waitForSelector("#lint-ok");
    assert.equal(await page.locator("#class-policy").inputValue(), "dalian-2023-custom");
    await upload(page, sampleFiles("csv"));
    assert.equal(await page.locator("#claim-total").textContent(), "325200.00");
    await page.click("#submit");
    await page.waitForSelector("#agreement");
    assert.equal(await page.locator("#agreement").getAttribute("class"), "bad");
    assert.match(await page.locator("#server-error").textContent(), /dalian-2023-custom/);
    await screenshot(page, "portal-policy-custom");
  } finally {
    await browser.close();
  }
});

test("the portal is usable at 360 px", async () => {
  const browser = await openPortal(PHONE);
  try {
    const { page } = browser;
    await upload(page, sampleFiles("csv"));
    assert.equal(await page.locator("#claim-provisional").textContent(), TOTAL);
    assert.ok(await page.locator("#review-why").isVisible());
    // Wide tables scroll inside their box; the page itself does not.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
    // Every form control has a label.
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll("input, select")]
      .filter((el) => !el.labels || el.labels.length === 0).map((el) => el.id));
    assert.deepEqual(unlabelled, []);
    await screenshot(page, "portal-360");
  } finally {
    await browser.close();
  }
});
