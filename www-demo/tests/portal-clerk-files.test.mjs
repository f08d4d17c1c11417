// The portal end to end with a clerk's real files (tests/data/clerk-files/,
// written by scripts/gen-clerk-files.mjs): Chromium chooses them in the page's
// file inputs and the page reads them in the browser. The GBK roster that
// Excel saves on Chinese Windows and the punch clock's export (two title rows,
// moments without an offset, 电子培训券签到 stated for the file) give the sample
// class's claim, accepted at 314400.00 with the deployment example; the file
// status says how each file was read. The roster as an Excel 97-2003 .xls gives
// the same; the roster whose ID numbers Excel stored as numbers is refused with
// the Chinese explanation, at its file, row and column.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startVerifier, openBrowser, screenshot, demoRoot } from "./harness.mjs";

const samples = join(demoRoot, "public", "samples");
const clerk = join(demoRoot, "tests", "data", "clerk-files");
const KINDS = ["roster", "punches", "leave", "exceptions", "certificates"];

let verifier;
before(async () => {
  verifier = await startVerifier();
});
after(async () => {
  await verifier?.stop();
});

/** Chooses the files given and waits until the page has computed with all it holds, or shows an error. */
async function choose(page, files) {
  await page.evaluate(() => {
    document.getElementById("results").dataset.files = "pending";
  });
  for (const k of KINDS) if (files[k]) await page.setInputFiles(`#file-${k}`, files[k]);
  await page.waitForFunction(() => {
    const files = document.getElementById("results").dataset.files;
    return (files && files !== "pending") || document.querySelector("#errors .error-box");
  }, null, { timeout: 60000 });
}

test("the portal reads a clerk's real files: a GBK roster, a punch clock's export, an .xls; an ID stored as a number is explained", async () => {
  const browser = await openBrowser();
  try {
    const { page, logs } = browser;
    await page.goto(`${verifier.url}/demo/portal.html`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
    await page.click("#load-deployment");
    await page.waitForSelector("#lint-ok", { timeout: 60000 });
    // A punch clock states no method: the clerk states it for the file.
    await page.selectOption("#punches-method", "voucher_qr");
    await choose(page, {
      roster: join(clerk, "roster-gbk.csv"),
      punches: join(clerk, "punch-clock.csv"),
      leave: join(samples, "leave.csv"),
      certificates: join(samples, "certificates.csv"),
    });
    assert.equal(await page.locator("#errors").textContent(), "", logs.join("\n"));
    assert.equal(await page.locator("#status-roster").textContent(),
      "roster-gbk.csv：50 行；编码：不是 UTF-8，按 GB18030（GBK）读取（中文版 Windows 上 Excel 另存的 CSV 即此编码）");
    assert.equal(await page.locator("#status-punches").textContent(),
      "punch-clock.csv：24335 行；编码：不是 UTF-8，按 GB18030（GBK）读取（中文版 Windows 上 Excel 另存的 CSV 即此编码）；列名在第 3 行，其上 2 行（标题）未读取；未注明时区的时间按北京时间（UTC+08:00）读取：24335 个；打卡方式：按本栏填入“电子培训券签到” 24335 行；忽略的列：姓名");
    assert.equal(await page.locator("#claim-decision").getAttribute("class"), "accept");
    assert.equal(await page.locator("#claim-total").textContent(), "314400.00");
    await page.click("#lang-toggle");
    assert.equal(await page.locator("#status-punches").textContent(),
      "punch-clock.csv: 24335 rows; encoding: not UTF-8, read as GB18030 (GBK, what Excel on Chinese Windows saves a CSV in); column titles in row 3, the 2 rows above (a title) not read; times without a time zone read as China time (UTC+08:00): 24335; method: 24335 filled in as “electronic training voucher check-in”; columns ignored: 姓名");
    await page.click("#lang-toggle");
    await screenshot(page, "portal-clerk-files");

    // The roster as Excel 97-2003 writes it, a title row above its column titles: the same claim.
    await choose(page, { roster: join(clerk, "roster.xls") });
    assert.equal(await page.locator("#errors").textContent(), "", logs.join("\n"));
    assert.equal(await page.locator("#status-roster").textContent(), "roster.xls：50 行；按 Excel 97-2003 工作簿（.xls）读取；列名在第 2 行，其上 1 行（标题）未读取");
    assert.equal(await page.locator("#claim-total").textContent(), "314400.00");

    // IDs typed into number cells: refused at the first, with why and how to fix it.
    await choose(page, { roster: join(clerk, "roster-id-numbers.xlsx") });
    const box = page.locator("#errors .error-box");
    assert.equal(await box.count(), 1);
    assert.equal(await box.locator(".error-text").textContent(),
      "roster-id-numbers.xlsx 第 2 行，身份证号码 列：身份证号码是数字“210211199901064000”：Excel 把号码存成了数字，只保留 15 位有效数字，18 位号码的后几位已变成 0，末位的 X 也存不下，原号码已无法从本文件得出（本文件共有 45 行如此）。请先把该列的单元格格式设为“文本”，再粘贴或录入号码（或在号码前加英文单引号 '），保存后重新上传");
    assert.equal(await box.locator(".note").textContent(), "(file.id_number_as_number)");
    assert.equal(await page.locator("#claim-total").count(), 0);
    await screenshot(page, "portal-clerk-id-numbers");
  } finally {
    await browser.close();
  }
});
