// My voucher: verified offline by the engine in the Worker, its state from
// the authority's log, a genuine one shown as a QR code that decodes back to
// the token. The clock is set to 2027-03-01 10:00 (China): the demo vouchers
// were issued for 2026-08-28 … 2028-11-25, the "expired" one for 2025.

import { mock, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import jsQR from "jsqr";
import omggif from "omggif";
import { launch, MP, render, scan, text, until } from "./harness.mjs";

const require = createRequire(import.meta.url);
const demo = require(join(MP, "data", "demo-vouchers.js"));

mock.timers.enable({ apis: ["Date"], now: Date.parse("2027-03-01T02:00:00Z") });
launch();

async function openPage() {
  const page = render("pages/voucher/index");
  await page.instance.onLoad({});
  return page;
}

async function tapDemo(page, i) {
  page.setData({ result: null });
  page.querySelector(`#demo-${i}`).dispatchEvent("tap");
  return until(() => page.data.result || page.data.problem, "the verification");
}

/** The QR code the page shows, decoded from its GIF back to text. */
function decodeQr(src) {
  const m = /^data:image\/gif;base64,(.+)$/.exec(src);
  assert.ok(m, "a GIF data URL (no canvas needed)");
  const gif = new omggif.GifReader(Buffer.from(m[1], "base64"));
  const pixels = new Uint8ClampedArray(gif.width * gif.height * 4);
  gif.decodeAndBlitFrameRGBA(0, pixels);
  const code = jsQR(pixels, gif.width, gif.height);
  assert.ok(code, "the image is a readable QR code");
  return code.data;
}

test("my voucher: genuine, valid now, mine, in the authority's log; its QR code is the token", async () => {
  const page = await openPage();
  assert.equal(text(page, "#demo-0"), "我的培训券");
  const r = await tapDemo(page, 0);
  assert.equal(r.valid, true);
  assert.equal(page.querySelector("#genuine").dom.dataset.genuine, "true");
  assert.equal(text(page, "#genuine"), "真券：发券机关签名有效");
  assert.equal(page.querySelector("#valid-now").dom.dataset.validNow, "true");
  assert.equal(text(page, "#mine"), "是本人的券");
  assert.ok(r.state, "the log has this voucher");
  assert.deepEqual(r.failures, []);
  assert.equal(r.fields.find((f) => f.label === "有效期").value, "2026-08-28 — 2028-11-25");
  // The <image> is rendered with the page's QR data URL as its src.
  assert.ok(page.querySelector("#qr"));
  assert.equal(decodeQr(r.qr), demo.vouchers[0].token);
  assert.match(text(page, "#result"), /核验时间 2027-03-01 10:00/);
});

test("someone else's voucher is genuine but not mine; the failure is the engine's, with its message", async () => {
  const page = await openPage();
  const r = await tapDemo(page, 1);
  assert.equal(r.valid, false);
  assert.equal(r.genuine, true);
  assert.equal(text(page, "#mine"), "不是本人的券");
  const f = r.failures.find((x) => x.code === "voucher.wrong_holder");
  assert.ok(f && f.message.length > 0);
  assert.match(text(page, "#result"), /voucher\.wrong_holder/);
});

test("an expired voucher and a revoked one are genuine but not valid now; the revoked one's state is the log's", async () => {
  const page = await openPage();
  const expired = await tapDemo(page, 2);
  assert.equal(expired.genuine, true);
  assert.equal(expired.validNow, false);
  assert.ok(expired.failures.some((f) => f.code === "voucher.expired"));
  const revoked = await tapDemo(page, 3);
  assert.equal(revoked.validNow, false);
  assert.ok(revoked.failures.some((f) => f.code === "voucher.revoked"));
  assert.equal(revoked.state, "revoked");
  assert.equal(text(page, "#state"), "已撤销");
});

test("a token altered in its signature is not genuine: no QR, what it says shown apart and marked unverified", async () => {
  const page = await openPage();
  const token = demo.vouchers[0].token;
  const altered = token.slice(0, 200) + (token[200] === "A" ? "B" : "A") + token.slice(201);
  page.querySelector("#token").dispatchEvent("input", { detail: { value: altered } });
  await until(() => page.data.token === altered, "the token");
  page.querySelector("#verify").dispatchEvent("tap");
  const r = await until(() => page.data.result, "the verification");
  assert.equal(r.genuine, false);
  assert.equal(text(page, "#genuine"), "不是真券");
  assert.deepEqual(r.failures.map((f) => f.code), ["voucher.bad_signature"]);
  assert.equal(r.qr, "");
  assert.ok(!page.querySelector("#qr"));
  assert.ok(!page.querySelector("#fields"), "no field is shown as the voucher's");
  assert.ok(page.querySelector("#unverified"));
  assert.ok(r.unverified.fields.length > 0 && r.unverified.fields.every((f) => f.value.startsWith("? ")));
  assert.match(text(page, "#unverified"), /^未经核实的券码内容（不是这张券的事实）/);
});

test("a token that is not one at all: the engine's bad_encoding, nothing else claimed", async () => {
  const page = await openPage();
  page.querySelector("#token").dispatchEvent("input", { detail: { value: "not-a-voucher" } });
  await until(() => page.data.token === "not-a-voucher", "the token");
  page.querySelector("#verify").dispatchEvent("tap");
  const r = await until(() => page.data.result, "the verification");
  assert.equal(r.genuine, false);
  assert.equal(r.unverified, null);
  assert.ok(r.failures.some((f) => f.code === "voucher.bad_encoding"));
});

test("scanning: wx.scanCode's result is verified; a cancelled scan says what to do instead", async () => {
  const page = await openPage();
  scan.result = demo.vouchers[0].token;
  page.querySelector("#scan").dispatchEvent("tap");
  const r = await until(() => page.data.result, "the verification");
  assert.equal(r.valid, true);
  scan.result = null;
  await page.instance.scan();
  assert.equal(text(page, "#scan-note"), "没有扫到券码，可以粘贴券码");
});
