// The trainee's phone page (trainee.html) at 360 px, on the real verifier
// and Chromium: the eligibility self-check, the voucher check (genuine and
// tampered), a punch queued offline that survives a reload and is sent when
// the phone is online again, and what the queue does when the verifier
// refuses a whole request (one bad punch, a bad request, too many punches).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEngine } from "peixun";
import { startVerifier, openBrowser, screenshot, PHONE, demoRoot } from "./harness.mjs";

const demo = JSON.parse(readFileSync(join(demoRoot, "src", "trainee", "data", "demo-vouchers.json"), "utf8"));

// A Wednesday, a working day the engine's calendar knows; 08:10 China time is
// inside the sign-in window of the first session (08:30) of the demo class.
const MORNING = new Date("2026-11-25T08:10:00+08:00");

let verifier;
before(async () => {
  verifier = await startVerifier();
});
after(async () => {
  await verifier?.stop();
});

async function openTrainee({ at = MORNING, server = verifier } = {}) {
  const browser = await openBrowser({ viewport: PHONE });
  await browser.page.clock.setFixedTime(at);
  await browser.page.goto(`${server.url}/demo/trainee.html`);
  await browser.page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  return browser;
}

async function findings(page) {
  return page.$$eval("#elig-result .finding", (els) => els.map((e) => [e.dataset.rule, e.dataset.status]));
}

test("self-check: a Liaoning graduate needs review (DL-E4), a Guangdong one is not eligible (DL-E1)", async () => {
  const browser = await openTrainee();
  const { page, logs } = browser;
  try {
    await page.selectOption("#elig-policy", "dalian-2023-major-conversion");
    await page.selectOption("#elig-hukou", "21");
    await page.fill("#elig-school", "大连理工大学");
    await page.selectOption("#elig-school-province", "21");
    await page.fill("#elig-year", "2023");
    await page.selectOption("#elig-education", "full_time_college");
    await page.check("input[name=employed][value=no]");
    await page.check("#elig-groups-none");
    // Keyboard: the form submits from its button with Enter.
    await page.focus("#elig-submit");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#elig-decision");
    assert.equal(await page.getAttribute("#elig-decision", "data-decision"), "needs_review", logs.join("\n"));
    assert.match(await page.textContent("#elig-decision"), /需核实/);
    const f = new Map(await findings(page));
    assert.equal(f.get("DL-E1"), "pass");
    assert.equal(f.get("DL-E2"), "pass");
    assert.equal(f.get("DL-E3"), "pass");
    // Employment is judged by social-insurance records the phone cannot see.
    assert.equal(f.get("DL-E4"), "unknown");
    const e4 = page.locator('#elig-result .finding[data-rule="DL-E4"]');
    assert.match(await e4.textContent(), /需核实/);
    assert.match(await e4.textContent(), /以单位形式参保缴费记录为准/); // the clause's own words
    assert.match(await e4.textContent(), /一\(一\)/);
    await screenshot(page, "trainee-eligibility-review");
    // Nothing wider than the 360 px screen.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "no horizontal scrolling at 360 px");

    // English: the same findings, re-labelled.
    await page.click("#lang-toggle");
    assert.match(await page.textContent("#elig-decision"), /needs review/);
    assert.match(await e4.textContent(), /social-insurance records/);
    await page.click("#lang-toggle");

    // Registered and studying in Guangdong: not eligible, by DL-E1.
    await page.selectOption("#elig-hukou", "44");
    await page.selectOption("#elig-school-province", "44");
    await page.click("#elig-submit");
    await page.waitForFunction(() => document.querySelector("#elig-decision")?.dataset.decision === "ineligible");
    const g = new Map(await findings(page));
    assert.equal(g.get("DL-E1"), "fail");
    assert.match(await page.locator('#elig-result .finding[data-rule="DL-E1"]').textContent(), /既非辽宁籍也不在辽宁就读/);
    assert.match(await page.textContent("#elig-decision"), /不符合条件/);
    await screenshot(page, "trainee-eligibility-ineligible");
    assert.deepEqual(logs.filter((l) => l.startsWith("pageerror")), []);
  } finally {
    await browser.close();
  }
});

test("my attendance: the class's duration rests on the annex's example value, so DL-T1 is unknown with its message, never a pass", async () => {
  // The demo class (Dalian, 大数据开发) runs four months from 2026-10-12 to 2027-02-11. The notice
  // fixes each major's duration in an annex it does not publish ("按照专业确定为3—6个月"); the shipped
  // policy has 6 months for 大数据开发 only as an example value, which decides nothing.
  const browser = await openTrainee();
  const { page, logs } = browser;
  try {
    await page.waitForSelector("#att-count");
    const t1 = page.locator('#att-parameters .finding[data-rule="DL-T1"]');
    assert.equal(await t1.getAttribute("data-status"), "unknown", logs.join("\n"));
    const zh = await t1.textContent();
    assert.match(zh, /需核实/);
    // Calendar months from the first day, both ends included: 2026-10-12 + 4 months is 2027-02-12, so 2027-02-11 closes 4 months and 0 days.
    assert.match(zh, /班期大数据开发专业演示班期（2026-10-12至2027-02-11）为4个月又0天（按自然月自开班首日起算至2027-02-11，首尾两日均计入），在3—6个月内；各专业的培训时长由通知附件：各专业培训时长（未随通知公布）确定，本政策中为示例值（大数据开发：6个月），须由部署方按该附件设定后方可核对/);
    assert.match(zh, /按照专业确定为3—6个月/); // the rule's own words
    assert.match(await page.locator("#att-parameters").textContent(), /部署方尚未设定的数值/);
    // No DL-T1 pass anywhere on the page.
    assert.equal(await page.locator('.finding[data-rule="DL-T1"][data-status="pass"]').count(), 0);
    await page.click("#lang-toggle");
    assert.match(await t1.textContent(), /which this policy has only as an example value \(大数据开发: 6 months\): the deployment must set it from that annex before the duration can be checked/);
    assert.match(await t1.textContent(), /needs review/);
    await page.click("#lang-toggle");
    await page.locator("#attendance").scrollIntoViewIfNeeded();
    await screenshot(page, "trainee-attendance-parameter");
    assert.deepEqual(logs.filter((l) => l.startsWith("pageerror")), []);
  } finally {
    await browser.close();
  }
});

test("voucher: the demo voucher is genuine and mine; one changed character is rejected", async () => {
  const browser = await openTrainee();
  const { page, logs } = browser;
  try {
    const token = demo.vouchers[0].token;
    await page.fill("#voucher-token", token);
    await page.click("#voucher-check");
    await page.waitForSelector("#voucher-verdict");
    assert.equal(await page.getAttribute("#voucher-verdict", "data-valid"), "true", logs.join("\n"));
    const ok = await page.textContent("#voucher-result");
    assert.match(ok, /真券：发券机关签名有效/);
    assert.match(ok, /是本人的券/);
    assert.match(ok, /DL-DEMO-0001/);
    assert.equal(await page.textContent("#voucher-state"), "培训中"); // replayed from the authority's log
    assert.ok(await page.isVisible("#voucher-qr"), "the token is shown as a QR code");
    await screenshot(page, "trainee-voucher-genuine");

    // One character of the signature changed.
    const i = token.length - 20;
    const tampered = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
    await page.fill("#voucher-token", tampered);
    await page.click("#voucher-check");
    await page.waitForFunction(() => document.querySelector("#voucher-verdict")?.dataset.valid === "false");
    const bad = await page.textContent("#voucher-result");
    assert.match(bad, /不是真券/);
    assert.match(bad, /voucher\.bad_signature/);
    assert.match(bad, /电子培训券无效/);
    assert.equal(await page.locator("#voucher-qr").count(), 0, "no QR code for a forged token");
    // What the forged token says is shown apart, as unverified, never as the voucher's fields.
    assert.ok(await page.isVisible("#voucher-unverified"), "the token's fields are marked unverified");
    assert.match(await page.textContent("#voucher-unverified"), /未经核实[\s\S]*DL-DEMO-0001/);
    await screenshot(page, "trainee-voucher-tampered");

    // A photo of the QR code (here: the page's own rendering) is read with jsQR.
    await page.fill("#voucher-token", token);
    await page.click("#voucher-check");
    await page.waitForSelector("#voucher-qr");
    const png = await page.locator("#voucher-qr").screenshot();
    await page.fill("#voucher-token", "");
    await page.setInputFiles("#voucher-photo", { name: "qr.png", mimeType: "image/png", buffer: png });
    await page.waitForFunction((t) => document.querySelector("#voucher-token").value === t, token);
    await page.waitForFunction(() => document.querySelector("#voucher-verdict")?.dataset.valid === "true");
    assert.match(await page.textContent("#scan-status"), /已从照片读取券码/);

    // Someone else's genuine voucher: genuine, but not this trainee's.
    await page.fill("#voucher-token", demo.vouchers[1].token);
    await page.click("#voucher-check");
    await page.waitForFunction(() => /wrong_holder/.test(document.querySelector("#voucher-result")?.textContent));
    assert.match(await page.textContent("#voucher-result"), /不是本人的券/);
  } finally {
    await browser.close();
  }
});

test("check-in: a punch made offline stays queued across a reload and is sent when online", async () => {
  const browser = await openTrainee();
  const { page, context, logs } = browser;
  try {
    assert.equal(await page.getAttribute("#window-sign_in", "data-state"), "open", logs.join("\n"));
    assert.match(await page.textContent("#next-session"), /2026-11-25 第1节 08:30—11:45/);
    const className = await page.textContent("#class-name");
    // The page's offline copy is ready (the service worker cached the page).
    await page.waitForSelector("body[data-offline=ready]", { timeout: 20000 });

    await context.setOffline(true);
    await page.click("#punch-in");
    await page.waitForSelector("#send-kept");
    assert.equal(await page.getAttribute("#punch-verdict", "data-acceptable"), "true");
    const queued = await page.evaluate(() => JSON.parse(localStorage.getItem("peixun.trainee.queue")));
    assert.equal(queued.length, 1);
    assert.equal(queued[0].kind, "sign_in");
    assert.equal(queued[0].at, "2026-11-25T08:10:00+08:00");
    assert.equal(queued[0].method, "voucher_qr");
    await screenshot(page, "trainee-checkin-offline");

    await page.reload();
    await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
    assert.equal(await page.locator("#queue-list li").count(), 1, "the queue survives the reload");
    assert.match(await page.textContent("#net-status"), /离线/);

    await context.setOffline(false);
    await page.waitForSelector("#queue-empty", { timeout: 20000 });
    assert.match(await page.textContent("#send-ok"), /已发送到核验端：1 条/);
    assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem("peixun.trainee.queue"))), []);

    const res = await fetch(`${verifier.url}/v1/punches?class=${encodeURIComponent(className)}`, {
      headers: { Authorization: "Bearer demo-authority" },
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    const mine = body.punches.filter((p) => p.id === queued[0].id);
    assert.equal(mine.length, 1, JSON.stringify(body));
    assert.equal(mine[0].trainee, "T01");
    assert.equal(mine[0].kind, "sign_in");
    assert.equal(mine[0].status, "recorded");
    await screenshot(page, "trainee-checkin-sent");
  } finally {
    await browser.close();
  }
});

test("check-in: a punch the verifier refuses is shown and leaves the queue", async () => {
  // The next working day after tomorrow (China time), 08:10: the sign-in
  // window is open on the phone, but the moment is later than the verifier's
  // own clock, which refuses it (punch.in_future).
  const engine = await createEngine();
  const opts = { unknown_years: "assume_weekends_only" };
  const tomorrow = new Date(Date.now() + 8 * 3600e3 + 86400e3).toISOString().slice(0, 10);
  const day = engine.call("calendar.next", { date: tomorrow, ...opts }).result;
  const browser = await openTrainee({ at: new Date(`${day}T08:10:00+08:00`) });
  const { page, logs } = browser;
  try {
    assert.equal(await page.getAttribute("#window-sign_in", "data-state"), "open", logs.join("\n"));
    await page.click("#punch-in");
    await page.waitForSelector(".refused", { timeout: 20000 });
    const text = await page.textContent(".refused");
    assert.match(text, /核验端拒收/);
    assert.match(text, /punch\.in_future/);
    assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem("peixun.trainee.queue"))), []);
    assert.equal(await page.locator("#queue-empty").count(), 1);
    await screenshot(page, "trainee-checkin-refused");
  } finally {
    await browser.close();
  }
});

test("check-in: unreadable stored punches are reported, put aside, and the queue goes on", async () => {
  const browser = await openTrainee();
  const { page, context, logs } = browser;
  try {
    await page.evaluate(() => localStorage.setItem("peixun.trainee.queue", '[{"id": "half-writ'));
    await page.reload();
    await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
    const note = page.locator('.queue-problem[data-code="queue.storage_unreadable"]');
    assert.equal(await note.count(), 1, logs.join("\n"));
    assert.match(await note.textContent(), /peixun\.trainee\.queue 的内容无法读取/);
    assert.equal(await page.locator("#queue-empty").count(), 1);

    // A punch made offline is queued; the unreadable text is kept aside first.
    await context.setOffline(true);
    await page.click("#punch-in");
    await page.waitForSelector("#send-kept");
    assert.equal(await page.locator("#queue-list li").count(), 1);
    const stored = await page.evaluate(() => ({
      queue: JSON.parse(localStorage.getItem("peixun.trainee.queue")),
      aside: localStorage.getItem("peixun.trainee.queue.unreadable"),
    }));
    assert.equal(stored.queue.length, 1);
    assert.equal(stored.queue[0].kind, "sign_in");
    assert.match(stored.queue[0].device, /^phone-[0-9a-f]{8}$/);
    assert.equal(stored.aside, '[{"id": "half-writ');
    assert.deepEqual(logs.filter((l) => l.startsWith("pageerror")), []);
  } finally {
    await browser.close();
  }
});

const stored = (page, key) => page.evaluate((k) => JSON.parse(localStorage.getItem(`peixun.trainee.${k}`) || "[]"), key);

// The punch ids of every POST /v1/punches the page makes.
function recordPosts(page) {
  const posts = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname.endsWith("/v1/punches")) {
      posts.push(r.postDataJSON().punches.map((p) => p.id));
    }
  });
  return posts;
}

async function punchesOnVerifier(server, className) {
  const res = await fetch(`${server.url}/v1/punches?class=${encodeURIComponent(className)}`, {
    headers: { Authorization: "Bearer demo-authority" },
  });
  assert.equal(res.status, 200);
  return (await res.json()).punches;
}

test("check-in: one punch the verifier cannot read is refused alone; the good one and a later one are sent", async () => {
  const browser = await openTrainee();
  const { page, context, logs } = browser;
  try {
    const className = await page.textContent("#class-name");
    await context.setOffline(true);
    await page.click("#punch-in");
    await page.waitForSelector("#send-kept");
    const [good] = await stored(page, "queue");
    // Ahead of it, a punch kept by an older page in a form the verifier does
    // not read (a moment without its UTC offset): the verifier refuses the
    // whole request with that punch's path, $.punches[0].at.
    await page.evaluate((p) => {
      const older = { ...p, id: "older-page-1", at: "2026-11-25 08:05" };
      localStorage.setItem("peixun.trainee.queue", JSON.stringify([older, p]));
    }, good);
    const posts = recordPosts(page);

    await context.setOffline(false);
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("peixun.trainee.queue")).length === 0, null, { timeout: 20000 });
    await page.waitForSelector("#send-ok");
    assert.deepEqual(posts, [["older-page-1", good.id], [good.id]], logs.join("\n"));
    assert.match(await page.textContent("#send-ok"), /已发送到核验端：1 条/);
    assert.equal(await page.locator("#queue-empty").count(), 1);

    const sent = await stored(page, "sent");
    assert.deepEqual(sent.map((p) => [p.id, p.status]), [[good.id, "recorded"]]);
    const refused = await stored(page, "refused");
    assert.equal(refused.length, 1);
    assert.equal(refused[0].id, "older-page-1");
    assert.equal(refused[0].status, "refused");
    assert.equal(refused[0].reason.code, "input.invalid_time");
    assert.equal(refused[0].reason.path, "$.punches[0].at");
    assert.match(refused[0].reason.message_zh, /时间不存在或格式错误/);
    const shown = page.locator('.refused[data-id="older-page-1"]');
    assert.match(await shown.textContent(), /核验端拒收/);
    assert.match(await shown.textContent(), /input\.invalid_time: 时间不存在或格式错误/);
    await screenshot(page, "trainee-checkin-one-refused");

    let onVerifier = await punchesOnVerifier(verifier, className);
    assert.deepEqual(onVerifier.filter((p) => p.id === good.id).map((p) => p.status), ["recorded"]);
    assert.equal(onVerifier.filter((p) => p.id === "older-page-1").length, 0);

    // The queue is not stuck: the sign-out at the end of the session goes
    // straight through.
    await page.clock.setFixedTime(new Date("2026-11-25T11:50:00+08:00"));
    await page.click("#punch-out");
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("peixun.trainee.sent")).length === 2, null, { timeout: 20000 });
    assert.equal(await page.getAttribute("#punch-verdict", "data-acceptable"), "true");
    const later = (await stored(page, "sent"))[1];
    assert.equal(later.kind, "sign_out");
    assert.equal(later.status, "recorded");
    assert.deepEqual(await stored(page, "queue"), []);
    assert.equal(posts.length, 3);
    assert.deepEqual(posts[2], [later.id]);
    onVerifier = await punchesOnVerifier(verifier, className);
    assert.deepEqual(onVerifier.filter((p) => p.id === later.id).map((p) => [p.kind, p.status]), [["sign_out", "recorded"]]);
    assert.deepEqual(logs.filter((l) => l.startsWith("pageerror")), []);
  } finally {
    await browser.close();
  }
});

test("check-in: a request refused as a whole keeps the punch and is not resent until the trainee retries", async () => {
  const browser = await openTrainee();
  const { page, logs } = browser;
  try {
    const posts = recordPosts(page);
    // The page sends a policy the verifier does not have (as a page with a
    // wrong programme id would): the problem is the request's, not a punch's.
    const wrongPolicy = async (route) => {
      const body = route.request().postDataJSON();
      await route.continue({ postData: JSON.stringify({ ...body, policy: "no-such-policy" }) });
    };
    await page.route("**/v1/punches", wrongPolicy);
    await page.click("#punch-in");
    await page.waitForSelector("#send-held", { timeout: 20000 });
    assert.equal(await page.getAttribute("#send-held", "data-code"), "input.unknown_policy", logs.join("\n"));
    assert.match(await page.textContent("#send-held"), /核验端不接受这次提交（input\.unknown_policy: 未知的政策/);
    assert.match(await page.textContent("#send-held"), /不会自动重发/);
    const [kept] = await stored(page, "queue");
    assert.equal(kept.kind, "sign_in");
    assert.deepEqual(await stored(page, "refused"), []);
    assert.deepEqual(await stored(page, "sent"), []);
    await screenshot(page, "trainee-checkin-held");

    // Nothing is sent again on its own.
    await page.waitForTimeout(2000);
    assert.deepEqual(posts, [[kept.id]]);

    // The trainee retries once the page is right again.
    await page.unroute("**/v1/punches", wrongPolicy);
    assert.ok(await page.isVisible("#queue-send"));
    await page.click("#queue-send");
    await page.waitForSelector("#queue-empty", { timeout: 20000 });
    assert.match(await page.textContent("#send-ok"), /已发送到核验端：1 条/);
    assert.equal(await page.locator("#send-held").count(), 0);
    assert.deepEqual(posts, [[kept.id], [kept.id]]);
    assert.deepEqual((await stored(page, "sent")).map((p) => [p.id, p.status]), [[kept.id, "recorded"]]);
    assert.deepEqual(logs.filter((l) => l.startsWith("pageerror")), []);
  } finally {
    await browser.close();
  }
});

test("check-in: a verifier that takes two punches per request gets the queue in smaller batches", async () => {
  const small = await startVerifier({ limits: { max_events: 2 } });
  const browser = await openTrainee({ server: small });
  const { page, logs } = browser;
  try {
    const className = await page.textContent("#class-name");
    // Five sign-ins of the week before, kept on the phone.
    const device = await page.evaluate(() => localStorage.getItem("peixun.trainee.device"));
    const week = ["16", "17", "18", "19", "20"].map((d) => ({
      id: `week-${d}`, trainee: "T01", kind: "sign_in", at: `2026-11-${d}T08:10:00+08:00`, method: "voucher_qr", device,
    }));
    await page.evaluate((q) => localStorage.setItem("peixun.trainee.queue", JSON.stringify(q)), week);
    const posts = recordPosts(page);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
    await page.waitForSelector("#queue-empty", { timeout: 20000 });
    // All five (413 limits.too_many_punches), then halves of what was refused.
    assert.deepEqual(posts, [
      ["week-16", "week-17", "week-18", "week-19", "week-20"],
      ["week-16", "week-17"],
      ["week-18", "week-19"],
      ["week-20"],
    ], logs.join("\n"));
    assert.match(await page.textContent("#send-ok"), /已发送到核验端：5 条/);
    assert.deepEqual((await stored(page, "sent")).map((p) => p.id), week.map((p) => p.id));
    assert.deepEqual(await stored(page, "refused"), []);
    const onVerifier = await punchesOnVerifier(small, className);
    assert.deepEqual(onVerifier.map((p) => p.id).sort(), week.map((p) => p.id));
  } finally {
    await browser.close();
    await small.stop();
  }
});
