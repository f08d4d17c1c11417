// My voucher: a token pasted, scanned with the camera, or read from a photo of
// its QR code is verified offline (engine "voucher.verify") against the
// authority's public keys this page trusts, the trainee's holder pseudonym and
// the revocation list; its lifecycle state comes from replaying the
// authority's event log (engine "voucher.replay"). In the demo both the keys
// and the log are bundled (src/trainee/data/demo-vouchers.json, written by
// scripts/gen-trainee-vouchers.mjs with the real CLI). The phone never holds
// the holder key: it knows only its own pseudonym, as the authority gave it.
import QRCode from "qrcode";
import jsQR from "jsqr";
import { esc } from "../shared/html.js";
import { t, onLanguageChange } from "../shared/i18n.js";
import { attempt } from "./engine.js";
import { chinaMoment, showMoment } from "./time.js";
import { pick, problemHtml } from "./render.js";
import { quoteOf } from "./quotes.js";
import { VOUCHER_STATES } from "./vocab.js";
import demo from "./data/demo-vouchers.json";

const $ = (id) => document.getElementById(id);

/** The keys, holder and policy the page checks against. */
export const trust = { keys: demo.keys, holder: demo.trainee.holder, policy: demo.policy };

let lifecycle = null; // the replayed log: { records: Map, revoked: [] } or { error }
let last = null;

async function replayLog() {
  const r = await attempt((e) => e.call("voucher.replay", { policy: demo.policy, events: demo.events }));
  if (r.error) return { error: r.error, records: new Map(), revoked: [] };
  return { records: new Map(r.value.vouchers.map((v) => [v.voucher_id, v])), revoked: r.value.revoked };
}

const GENUINE_FAILURES = new Set(["voucher.bad_encoding", "voucher.unknown_key", "voucher.bad_signature", "voucher.key_retired"]);
const VALIDITY_FAILURES = new Set(["voucher.not_yet_valid", "voucher.expired", "voucher.revoked"]);

/** Verifies `token` now; the answer is kept for rendering. */
export async function verifyToken(token) {
  token = token.trim();
  if (!token) return;
  lifecycle ??= await replayLog();
  const request = {
    token,
    keys: trust.keys,
    at: chinaMoment(),
    holder: trust.holder,
    policy: trust.policy,
    revoked: lifecycle.revoked,
  };
  const r = await attempt((e) => e.call("voucher.verify", request));
  last = { token, ...r };
  if (r.value?.voucher && r.value.signature_valid) {
    try {
      last.qr = await QRCode.toDataURL(token, { errorCorrectionLevel: "M", margin: 2, width: 300 });
    } catch {
      last.qr = null;
    }
  }
  render();
}

/** A voucher's fields as a definition list; `cls` marks unverified ones. */
function fieldList(f, cls) {
  // Unverified values are struck through and marked, so none reads as a fact.
  const unverified = cls.includes("unverified");
  const mark = unverified ? `<span class="unverified-mark" title="${esc(t("未经核实", "unverified"))}">?</span> ` : "";
  const style = unverified ? ` style="text-decoration: line-through dotted; opacity: 0.75"` : "";
  const row = (zh, en, value) => `<dt>${esc(t(zh, en))}</dt><dd>${mark}<span${style}>${esc(value)}</span></dd>`;
  return `<dl class="${esc(cls)}">
      ${row("券号", "Voucher ID", f.voucher_id)}
      ${row("项目", "Programme", f.policy)}
      ${row("专业", "Major", f.major)}
      ${row("培训机构", "Institution", f.institution ?? t("不限", "any"))}
      ${row("面值", "Face value", f.face_value.kind === "amount" ? `${f.face_value.yuan} ${t("元", "yuan")}` : t("按政策标准", "per policy"))}
      ${row("有效期", "Valid", `${f.valid_from} — ${f.valid_until}`)}
      ${row("签发时间", "Issued", showMoment(f.issued_at))}
      ${row("密钥", "Key", f.key_id)}
    </dl>`;
}

function yesNo(ok, yes, no) {
  return `<span class="${ok ? "ok" : "bad"}">${esc(ok ? yes : no)}</span>`;
}

function render() {
  const out = $("voucher-result");
  if (!last) {
    out.innerHTML = "";
    return;
  }
  if (last.error) {
    out.innerHTML = problemHtml(last.error);
    return;
  }
  const v = last.value;
  const codes = new Set(v.failures.map((f) => f.code));
  const genuine = v.signature_valid && ![...codes].some((c) => GENUINE_FAILURES.has(c));
  const rows = [];
  rows.push([t("真伪", "Genuine"), yesNo(genuine, t("真券：发券机关签名有效", "genuine: the authority's signature holds"),
    t("不是真券", "not genuine"))]);
  if (genuine) {
    const validNow = ![...codes].some((c) => VALIDITY_FAILURES.has(c));
    rows.push([t("当前有效", "Valid now"), yesNo(validNow, t("有效", "valid"), t("无效", "not valid"))]);
    const mine = v.checked.includes("holder") && !codes.has("voucher.wrong_holder");
    rows.push([t("是否本人", "For this person"), yesNo(mine, t("是本人的券", "yours"), t("不是本人的券", "not yours"))]);
    const rec = lifecycle.records.get(v.voucher.voucher_id);
    rows.push([t("状态", "State"), rec
      ? `<span class="state ${esc(rec.state)}" id="voucher-state">${esc(pick(VOUCHER_STATES[rec.state], rec.state))}</span>` +
        (rec.check_ins ? ` <span class="note">${esc(t(`签到 ${rec.check_ins} 次`, `${rec.check_ins} check-ins`))}</span>` : "") +
        (rec.revoke_reason ? ` <span class="note">${esc(rec.revoke_reason)}</span>` : "")
      : `<span class="review">${esc(t("发券记录中没有这张券", "not in the authority's log"))}</span>`]);
  }
  // The voucher's fields only when the authority's signature holds; what a
  // forged or altered token says is shown apart, marked unverified, never as
  // the voucher's fields.
  const fields = v.voucher && genuine ? fieldList(v.voucher, "fields") : "";
  const unverified = v.unverified
    ? `<section class="unverified" id="voucher-unverified" data-unverified="true" style="margin: 0.5rem 0; padding: 0.3rem 0.5rem; border: 1px dashed currentColor">
        <div class="review"><strong>${esc(t("未经核实的券码内容（不是这张券的事实）", "Unverified: what the token says, not the voucher's fields"))}</strong></div>
        <div class="note">${esc(t(v.unverified.message_zh, v.unverified.message_en))}</div>
        ${fieldList(v.unverified.fields, "fields unverified-fields")}
      </section>`
    : "";
  const failures = v.failures.map((f) => {
    // The rule is the named programme's own (f.policy); a programme without
    // such a rule cites none, and the page says why instead.
    const quote = f.rule_id && f.policy ? quoteOf(f.policy, f.rule_id) : null;
    return `<div class="finding fail" data-code="${esc(f.code)}">
      <div><strong>${esc(f.code)}</strong>${f.rule_id ? ` · <span class="rule-id">${esc(f.rule_id)}</span>` : ""}</div>
      <div class="message">${esc(t(f.message_zh, f.message_en))}</div>
      ${f.citation ? `<div class="clause">${esc(t("条款", "Clause"))} ${esc(f.citation.clause)} · ${esc(f.citation.document)}</div>` : ""}
      ${quote ? `<blockquote class="quote" lang="zh-CN">“${esc(quote)}”</blockquote>` : ""}
      ${f.no_rule ? `<div class="note no-rule">${esc(t(f.no_rule.message_zh, f.no_rule.message_en))}</div>` : ""}
    </div>`;
  }).join("");
  out.innerHTML = `<div class="decision ${v.valid ? "eligible" : "ineligible"}" id="voucher-verdict" data-valid="${v.valid}">
      ${esc(t(v.message_zh, v.message_en))}</div>
    <table class="checks-table"><tbody>${rows.map(([k, val]) => `<tr><th scope="row">${esc(k)}</th><td>${val}</td></tr>`).join("")}</tbody></table>
    ${failures}
    ${fields}
    ${unverified}
    ${last.qr ? `<figure class="qr"><img id="voucher-qr" src="${esc(last.qr)}" width="300" height="300" alt="${esc(t("培训券二维码", "QR code of the voucher"))}">
      <figcaption class="note">${esc(t("签到时出示此码", "Show this code to check in"))}</figcaption></figure>` : ""}
    <p class="note">${esc(t(`核验时间 ${showMoment(v.at)}`, `Checked at ${showMoment(v.at)}`))}</p>`;
}

// --- Reading a QR code ---------------------------------------------------------

function decodeImageData(img) {
  const code = jsQR(img.data, img.width, img.height, { inversionAttempts: "attemptBoth" });
  return code?.data || null;
}

function imageDataOf(source, width, height) {
  const scale = Math.min(1, 1200 / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(source, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h);
}

function status(text) {
  $("scan-status").textContent = text;
}

async function fromPhoto(file) {
  if (!file) return;
  status(t("正在识别照片……", "Reading the photo…"));
  try {
    const bitmap = await createImageBitmap(file);
    const text = decodeImageData(imageDataOf(bitmap, bitmap.width, bitmap.height));
    bitmap.close?.();
    if (!text) {
      status(t("照片中没有找到二维码", "No QR code found in the photo"));
      return;
    }
    status(t("已从照片读取券码", "Token read from the photo"));
    $("voucher-token").value = text;
    await verifyToken(text);
  } catch {
    status(t("无法读取这张图片", "This image cannot be read"));
  }
}

let scanning = null;

async function stopScan() {
  if (!scanning) return;
  scanning.stop = true;
  for (const tr of scanning.stream?.getTracks() || []) tr.stop();
  scanning = null;
  $("scanner").hidden = true;
}

// The camera where the browser allows it: BarcodeDetector when it reads QR
// codes, else frames from getUserMedia decoded with jsQR. Without a camera
// (or permission) the trainee pastes the token or picks a photo.
async function startScan() {
  if (scanning) return;
  if (!navigator.mediaDevices?.getUserMedia) {
    status(t("此浏览器不能使用摄像头，请粘贴券码或选择二维码照片", "No camera in this browser: paste the token or pick a photo of the QR code"));
    return;
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  } catch {
    status(t("无法打开摄像头，请粘贴券码或选择二维码照片", "The camera cannot be opened: paste the token or pick a photo of the QR code"));
    return;
  }
  const video = $("scanner-video");
  video.srcObject = stream;
  $("scanner").hidden = false;
  await video.play().catch(() => {});
  let detector = null;
  if ("BarcodeDetector" in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.includes("qr_code")) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch {
      detector = null;
    }
  }
  const session = { stream, stop: false };
  scanning = session;
  status(t("请将二维码对准摄像头", "Point the camera at the QR code"));
  const tick = async () => {
    if (session.stop) return;
    let text = null;
    if (video.readyState >= 2 && video.videoWidth) {
      if (detector) {
        const codes = await detector.detect(video).catch(() => []);
        text = codes[0]?.rawValue || null;
      } else {
        text = decodeImageData(imageDataOf(video, video.videoWidth, video.videoHeight));
      }
    }
    if (text) {
      await stopScan();
      status(t("已扫码", "Scanned"));
      $("voucher-token").value = text;
      await verifyToken(text);
      return;
    }
    setTimeout(tick, 250);
  };
  tick();
}

export function setupVoucher() {
  const demos = $("voucher-demos");
  const renderDemos = () => {
    demos.innerHTML = demo.vouchers
      .map((v, i) => `<button type="button" class="link" data-demo="${i}">${esc(pick([v.label.zh, v.label.en]))}</button>`)
      .join(" ");
  };
  renderDemos();
  demos.addEventListener("click", (ev) => {
    const i = ev.target.closest("button[data-demo]")?.dataset.demo;
    if (i === undefined) return;
    $("voucher-token").value = demo.vouchers[Number(i)].token;
    verifyToken($("voucher-token").value);
  });
  $("voucher-check").addEventListener("click", () => verifyToken($("voucher-token").value));
  $("voucher-scan").addEventListener("click", startScan);
  $("scanner-stop").addEventListener("click", stopScan);
  $("voucher-photo").addEventListener("change", (ev) => fromPhoto(ev.target.files?.[0]));
  onLanguageChange(() => {
    renderDemos();
    render();
  });
}
