// Check in / check out: the class's next session and whether the window is
// open now (engine "punch.check" for a sign-in and a sign-out at this moment);
// a punch is checked locally before it is queued, then sent (queue.js).
import { esc } from "../shared/html.js";
import { t, onLanguageChange } from "../shared/i18n.js";
import { attempt } from "./engine.js";
import { chinaMoment, showMoment } from "./time.js";
import { pick, findingHtml, problemHtml } from "./render.js";
import { WINDOW_STATES } from "./vocab.js";
import { METHOD, TRAINEE } from "./classdemo.js";
import * as queue from "./queue.js";

const $ = (id) => document.getElementById(id);
const KIND = { sign_in: ["签到", "sign-in"], sign_out: ["签退", "sign-out"] };

let ctx = null; // { cls (demoClass), onChange }
let lastPunch = null; // { check } or { error } or { queued, sendResult }
let lastSend = null;

function question(kind, at) {
  const q = { policy: ctx.cls.policy, class: ctx.cls.class, trainees: ctx.cls.trainees, trainee: TRAINEE.id, kind, at, method: METHOD };
  if (ctx.cls.assume) q.unknown_years = "assume_weekends_only";
  return q;
}

function sessionText(s) {
  if (!s) return "";
  return t(`${s.date} 第${s.number}节 ${s.start}—${s.end}`, `${s.date} session ${s.number}, ${s.start}–${s.end}`);
}

async function renderWindows() {
  const at = chinaMoment();
  const c = ctx.cls.class;
  const assumption = ctx.cls.assume
    ? `<p class="review note" id="calendar-assumption">${esc(t(
      `引擎的日历还没有 ${ctx.cls.unknownYears.join("、")} 年的放假安排（国务院通知发布后载入）；这些年份暂按“只有周末休息”计算，结果已标注此假设。`,
      `The engine's calendar has no holiday notice for ${ctx.cls.unknownYears.join(", ")} yet (it is loaded when the State Council publishes it); those days are taken as weekends-only, and the answers say so.`,
    ))}</p>`
    : "";
  $("class-info").innerHTML = `<dl class="fields">
      <dt>${esc(t("班期", "Class"))}</dt><dd id="class-name">${esc(c.id)}</dd>
      <dt>${esc(t("项目", "Programme"))}</dt><dd>${esc(ctx.cls.policy)}</dd>
      <dt>${esc(t("培训日期", "Dates"))}</dt><dd>${esc(c.start)} — ${esc(c.end)}</dd>
      <dt>${esc(t("每天", "Each day"))}</dt><dd>${esc(c.sessions.map((s) => `${s.start}–${s.end}`).join(", "))}</dd>
      <dt>${esc(t("学员", "Trainee"))}</dt><dd>${esc(TRAINEE.name)} (${esc(TRAINEE.id)})</dd>
    </dl>${assumption}`;
  const rows = [];
  let next = null;
  for (const kind of ["sign_in", "sign_out"]) {
    const r = await attempt((e) => e.call("punch.check", question(kind, at)));
    if (r.error) {
      rows.push(problemHtml(r.error));
      continue;
    }
    const p = r.value;
    next ??= p.next_session;
    let when;
    if (p.acceptable) {
      when = t(`现在可以${KIND[kind][0]}，截止 ${showMoment(p.session.window_until)}`,
        `${KIND[kind][1]} open now, until ${showMoment(p.session.window_until)}`);
    } else if (p.opens_at) {
      when = t(`${pick(WINDOW_STATES[p.state])}：${KIND[kind][0]}时间 ${showMoment(p.opens_at)} 开始`,
        `${pick(WINDOW_STATES[p.state])}: the ${KIND[kind][1]} window opens at ${showMoment(p.opens_at)}`);
    } else {
      when = pick(WINDOW_STATES[p.state], p.state);
    }
    rows.push(`<div class="window ${p.acceptable ? "ok" : "closed"}" id="window-${kind}" data-state="${esc(p.state)}">
      <strong>${esc(pick(KIND[kind]))}</strong> ${esc(when)}</div>`);
  }
  $("window-info").innerHTML = `<p>${esc(t("下一节课", "Next session"))}: <strong id="next-session">${esc(sessionText(next) || t("无", "none"))}</strong></p>
    ${rows.join("")}<p class="note">${esc(t(`现在 ${showMoment(at)}（北京时间）`, `Now ${showMoment(at)} (China time)`))}</p>`;
}

function renderQueue() {
  const list = queue.queued();
  $("queue").innerHTML = list.length
    ? `<ul id="queue-list">${list.map((p) => `<li data-id="${esc(p.id)}">${esc(pick(KIND[p.kind]))} ${esc(showMoment(p.at))}</li>`).join("")}</ul>`
    : `<p class="note" id="queue-empty">${esc(t("没有待发送的打卡", "Nothing waiting"))}</p>`;
  $("queue-send").hidden = list.length === 0;
  // Storage the queue could not read (taken as empty, its text put aside).
  $("queue").innerHTML += queue.problems()
    .map((p) => `<p class="review note queue-problem" data-code="${esc(p.code)}">${esc(t(p.message_zh, p.message_en))}</p>`)
    .join("");
  let out = "";
  if (lastPunch?.error) out += problemHtml(lastPunch.error);
  if (lastPunch?.check) {
    const c = lastPunch.check;
    out += `<div class="decision ${c.acceptable ? "eligible" : "ineligible"}" id="punch-verdict" data-acceptable="${c.acceptable}">
      ${esc(c.acceptable ? t(`${pick(KIND[c.kind])}可以记录`, `${pick(KIND[c.kind])} acceptable`)
        : t(`现在不能${pick(KIND[c.kind])}，未记录`, `no ${pick(KIND[c.kind])} now: not recorded`))}</div>
      ${c.findings.map((f) => findingHtml(ctx.cls.policy, f)).join("")}`;
  }
  if (lastSend) {
    const s = lastSend;
    if (s.sent.length) out += `<p class="ok" id="send-ok">${esc(t(`已发送到核验端：${s.sent.length} 条`, `Sent to the verifier: ${s.sent.length}`))}</p>`;
    if (s.error) {
      const why = s.error.network
        ? t("网络不通", "no network")
        : s.error.problem
          ? `${s.error.problem.code}: ${t(s.error.problem.message_zh, s.error.problem.message_en)}`
          : `HTTP ${s.error.status}`;
      // Held: the verifier refused the request itself (not one punch of it),
      // so sending it again unchanged would be refused again; it waits for
      // the trainee.
      out += s.error.held
        ? `<p class="review" id="send-held" data-code="${esc(s.error.problem?.code || `http.${s.error.status}`)}">${esc(t(
          `核验端不接受这次提交（${why}），打卡已保存在本机，不会自动重发；可点“立即重试发送”，下次打卡或重新联网时也会再试`,
          `The verifier did not accept the request (${why}); the punches are kept on this phone and not resent on their own: use “Retry sending now”, or they go with the next punch or when the phone is back online`,
        ))}</p>`
        : `<p class="review" id="send-kept">${esc(t(`暂未发送（${why}），已保存在本机，联网后自动重试`,
          `Not sent yet (${why}); kept on this phone and retried when online`))}</p>`;
    }
  }
  for (const p of queue.refused().slice(-3).reverse()) {
    out += `<div class="finding fail refused" data-id="${esc(p.id)}"><strong>${esc(t("核验端拒收", "Refused by the verifier"))}</strong>
      ${esc(pick(KIND[p.kind]))} ${esc(showMoment(p.at))}
      ${p.reason ? `<div class="message">${esc(p.reason.code)}: ${esc(t(p.reason.message_zh, p.reason.message_en))}</div>` : ""}
      ${(p.check?.findings || []).filter((f) => !p.reason || f.status === "fail")
        .map((f) => `<div class="message">${esc(f.rule_id)}: ${esc(t(f.message_zh, f.message_en))}</div>`).join("")}</div>`;
  }
  $("punch-result").innerHTML = out;
}

/** Sends the queue now (on load, when online, on request). */
export async function sendQueue() {
  if (!ctx) return;
  if (!queue.queued().length) {
    renderQueue();
    return;
  }
  lastSend = await queue.flush({
    policy: ctx.cls.policy,
    cls: ctx.cls.class,
    trainees: ctx.cls.trainees,
    // The verifier re-checks each punch on the same calendar terms as the phone.
    unknownYears: ctx.cls.assume ? "assume_weekends_only" : null,
  });
  renderQueue();
  if (lastSend.sent.length) ctx.onChange();
}

async function punch(kind) {
  const at = chinaMoment();
  const r = await attempt((e) => e.call("punch.check", question(kind, at)));
  lastSend = null;
  if (r.error) {
    lastPunch = { error: r.error };
    renderQueue();
    return;
  }
  lastPunch = { check: r.value };
  if (r.value.acceptable) {
    try {
      queue.enqueue({ trainee: TRAINEE.id, kind, at, method: METHOD });
    } catch (err) {
      // A full queue or storage that refuses the write: the punch is not
      // kept, and the trainee is told so.
      const problem = queue.queueProblem(err);
      if (!problem) throw err;
      lastPunch = { error: problem };
      renderQueue();
      return;
    }
  }
  renderQueue();
  if (r.value.acceptable) await sendQueue();
}

export async function setupCheckin(cls, onChange) {
  ctx = { cls, onChange };
  $("punch-in").addEventListener("click", () => punch("sign_in"));
  $("punch-out").addEventListener("click", () => punch("sign_out"));
  $("queue-send").addEventListener("click", () => sendQueue());
  window.addEventListener("online", () => sendQueue());
  window.addEventListener("storage", () => renderQueue());
  onLanguageChange(() => {
    renderWindows();
    renderQueue();
  });
  await renderWindows();
  renderQueue();
  setInterval(renderWindows, 30000);
}
