// My attendance: the engine's "attendance" report on the trainee's punches
// (the demo record of the class so far, plus the punches this phone sent and
// the verifier recorded), with a month calendar coloured by the report's
// sign-in sheet and the working-day calendar ("calendar.month",
// "calendar.day").
import { esc } from "../shared/html.js";
import { t, onLanguageChange } from "../shared/i18n.js";
import { attempt } from "./engine.js";
import { addDays, chinaDate, chinaMoment, weekdayIndex } from "./time.js";
import { pick, findingHtml, problemHtml } from "./render.js";
import { MARKS } from "./vocab.js";
import { TRAINEE, demoHistory } from "./classdemo.js";
import * as queue from "./queue.js";

const $ = (id) => document.getElementById(id);

let cls = null;
let report = null; // { value } or { error }
let month = null; // "YYYY-MM"
let asOf = null;

const calOpts = () => (cls.assume ? { unknown_years: "assume_weekends_only" } : {});

// Count up to yesterday while today's sessions are still running: a session
// that has not ended is not yet "missed". After the last session's sign-out
// window (30 minutes after its end is enough for every programme), today counts.
function countedUpTo(now) {
  const today = chinaDate(now);
  const last = cls.class.sessions[cls.class.sessions.length - 1];
  const [h, m] = last.end.split(":").map(Number);
  const minutes = h * 60 + m + 30;
  const clock = chinaMoment(now).slice(11, 16).split(":").map(Number);
  return clock[0] * 60 + clock[1] >= minutes ? today : addDays(today, -1);
}

export function refreshAttendance() {
  const now = new Date();
  const today = chinaDate(now);
  asOf = countedUpTo(now);
  const history = demoHistory(cls.engine, cls, today);
  const mine = queue.sent()
    .filter((p) => p.trainee === TRAINEE.id)
    .map(({ trainee, kind, at, method, device }) => ({ trainee, kind, at, method, device }));
  const request = {
    policy: cls.policy,
    class: cls.class,
    trainees: cls.trainees,
    punches: [...history.punches, ...mine],
    leave: history.leave,
    as_of: asOf < cls.class.start ? cls.class.start : asOf,
  };
  if (cls.assume) request.unknown_years = "assume_weekends_only";
  report = null;
  return attempt((e) => e.call("attendance", request)).then((r) => {
    report = r;
    month ??= today.slice(0, 7);
    render();
  });
}

function renderSummary() {
  if (report.error) {
    $("att-summary").innerHTML = problemHtml(report.error);
    return;
  }
  const r = report.value;
  const me = r.trainees.find((x) => x.trainee === TRAINEE.id);
  const pct = (s) => `${(Number(s) * 100).toFixed(2)}%`;
  const mine = r.findings.filter((f) => f.subject === TRAINEE.id);
  // The class's checks that rest on a figure the deployment has not set (DL-T1's
  // per-major duration, an example value in the shipped policy): shown as the
  // engine gives them, unknown with the message naming the parameter, never a pass.
  const pending = r.findings.filter((f) => !f.subject && f.facts?.parameter);
  const met = me.meets_threshold;
  $("att-summary").innerHTML = `
    <p class="big" id="att-count">${esc(t(`出勤 ${me.attended_sessions} / 应到 ${me.expected_sessions} 节`,
      `${me.attended_sessions} of ${me.expected_sessions} sessions attended`))}</p>
    <p id="att-rate" class="${met === false ? "bad" : met ? "ok" : "review"}">
      ${esc(t(`出勤率 ${pct(me.rate)}（要求不低于 ${pct(me.threshold ?? "0.9")}）`, `Attendance ${pct(me.rate)} (at least ${pct(me.threshold ?? "0.9")} required)`))}
      — ${esc(met === false ? t("低于要求", "below the requirement") : met ? t("达到要求", "meets it") : t("待定", "not decided"))}</p>
    <p class="note">${esc(t(
      `计至 ${r.class.as_of}；病假 ${me.sick_leave} 节、事假 ${me.personal_leave} 节、缺勤 ${me.missed_sessions} 节`,
      `Counted up to ${r.class.as_of}; sick leave ${me.sick_leave}, personal leave ${me.personal_leave}, missed ${me.missed_sessions} sessions`,
    ))}</p>
    ${mine.map((f) => findingHtml(r.policy.id, f)).join("")}
    ${pending.length ? `<div id="att-parameters"><p class="review note">${esc(t(
      "以下核对取决于部署方尚未设定的数值（随附政策中只是示例值），暂为“需核实”：",
      "These checks rest on figures the deployment has not set (the shipped policy has only example values), so they are unknown for now:"))}</p>
      ${pending.map((f) => findingHtml(r.policy.id, f)).join("")}</div>` : ""}
    ${r.assumptions?.length ? `<p class="review note" id="att-assumption">${esc(assumptionText(r.assumptions))}</p>` : ""}`;
}

// The engine names an assumption by a code (`calendar.assumed_weekends_only:2027`).
function assumptionText(list) {
  const years = list.map((a) => a.match(/^calendar\.assumed_weekends_only:(\d{4})$/)?.[1]).filter(Boolean);
  const other = list.filter((a) => !/^calendar\.assumed_weekends_only:/.test(a));
  const parts = [];
  if (years.length) {
    parts.push(t(`${years.join("、")} 年的放假安排尚未载入，这些日子暂按“只有周末休息”计算`,
      `no holiday notice for ${years.join(", ")} yet: those days are taken as weekends-only`));
  }
  if (other.length) parts.push(other.join(", "));
  return `${t("本结果含假设：", "This answer rests on an assumption: ")}${parts.join("; ")}`;
}

function markOf(day) {
  const sheet = report?.value?.sheet.find((s) => s.month === month);
  if (!sheet) return null;
  const i = sheet.days.findIndex((d) => d.date === day);
  if (i < 0) return null;
  const row = sheet.trainees.find((x) => x.trainee === TRAINEE.id);
  return { mark: row?.marks[i], day: sheet.days[i] };
}

function renderMonth() {
  const [y, m] = month.split("-").map(Number);
  const r = attempt((e) => e.call("calendar.month", { year: y, month: m, ...calOpts() }));
  return r.then((res) => {
    const info = res.error ? problemHtml(res.error)
      : `<span class="note" id="month-workdays">${esc(t(`本月 ${res.value.count} 个工作日`, `${res.value.count} working days`))}</span>`;
    $("month-title").innerHTML = `${esc(t(`${y}年${m}月`, `${y}-${String(m).padStart(2, "0")}`))} ${info}`;
    const first = `${month}-01`;
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const heads = t("一二三四五六日", "MTWTFSS").split("");
    let cells = heads.map((h) => `<div class="head" aria-hidden="true">${esc(h)}</div>`).join("");
    for (let i = 0; i < weekdayIndex(first); i++) cells += `<div class="blank"></div>`;
    const today = chinaDate();
    for (let d = 1; d <= days; d++) {
      const date = `${month}-${String(d).padStart(2, "0")}`;
      const s = markOf(date);
      let mark = s?.mark || "outside";
      // Outside the class the calendar still shows its holidays and make-up days.
      if (!s) {
        let kind = null;
        try {
          kind = cls.engine.calendarDay(date, calOpts()).kind;
        } catch {
          kind = null; // a year the calendar does not know: no colour
        }
        mark = kind === "holiday" || kind === "makeup_workday" ? kind : "outside";
      }
      const label = `${date} ${pick(MARKS[mark], t("班期外", "outside the class"))}`;
      cells += `<button type="button" class="day ${esc(mark)}${date === today ? " today" : ""}" data-date="${esc(date)}" data-mark="${esc(mark)}"
        aria-label="${esc(label)}" title="${esc(label)}">${d}</button>`;
    }
    $("month-grid").innerHTML = `<div class="grid" role="group" aria-label="${esc(month)}">${cells}</div>`;
  });
}

async function showDay(date) {
  const res = await attempt((e) => e.call("calendar.day", { date, ...calOpts() }));
  if (res.error) {
    $("day-detail").innerHTML = problemHtml(res.error);
    return;
  }
  const d = res.value;
  const s = markOf(date);
  const kinds = { workday: ["工作日", "working day"], weekend: ["周末", "weekend"], holiday: ["法定节假日", "public holiday"], makeup_workday: ["调休上班日", "make-up working day"] };
  $("day-detail").innerHTML = `<p id="day-info"><strong>${esc(date)}</strong> ${esc(d.weekday)} · ${esc(pick(kinds[d.kind], d.kind))}
    ${d.holiday ? `（${esc(d.holiday)}）` : ""}${s ? ` · ${esc(pick(MARKS[s.mark], s.mark))}` : ""}
    ${d.assumed ? `<span class="review"> · ${esc(t("假设仅周末休息", "weekends-only assumed"))}</span>` : ""}</p>`;
}

function renderLegend() {
  $("legend").innerHTML = ["attended", "partial", "missed", "leave", "holiday", "makeup_workday", "upcoming", "not_a_training_day"]
    .map((k) => `<li><span class="swatch day ${esc(k)}"></span>${esc(pick(MARKS[k]))}</li>`).join("");
}

function render() {
  if (!report) return;
  renderSummary();
  renderMonth();
  renderLegend();
}

function step(n) {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  month = d.toISOString().slice(0, 7);
  $("day-detail").innerHTML = "";
  renderMonth();
}

export async function setupAttendance(engine, demoCls) {
  cls = { ...demoCls, engine };
  $("month-prev").addEventListener("click", () => step(-1));
  $("month-next").addEventListener("click", () => step(1));
  $("month-grid").addEventListener("click", (ev) => {
    const date = ev.target.closest("button[data-date]")?.dataset.date;
    if (date) showDay(date);
  });
  onLanguageChange(render);
  await refreshAttendance();
}
