// The institution portal: the clerk's roster, punches, leave, punch exceptions
// and certificates (CSV or .xlsx, read in this browser) → the claim, carrying
// the raw punches, leave and exceptions, with its recomputed lines; the
// attendance report (heat map, each exception's note assessed) on the same
// records; the class's deadlines and the publicity list. "Submit to
// verifier" sends the claim to the server, which recomputes the attendance
// itself, and compares its verdict with the page's. Where an amount rests on
// a figure the shipped policy has only as an example (Dalian's annex of rates,
// its fee table, the per-major durations), the page says so first: the claim
// needs review, each such line names the parameter and the document that fixes
// it and shows its amount as provisional, never as a sum to pay; "load the
// deployment example" layers a deployment's file that sets those figures over
// the shipped policy (the same file the demo verifier loads). A punch file
// without a method column gets the clerk's statement of how its punches were
// made ("本文件的打卡方式", default not stated) in every row that states none;
// left not stated, the page shows what the engine makes of it (the punches
// undetermined, the rates unknown) and points at the field. Every value put
// into innerHTML goes through esc().

import { readSheet } from "read-excel-file/browser";
import { engine, isPeixunError, version } from "./engine.js";
import { esc } from "../shared/html.js";
import { t, setupLanguageToggle, onLanguageChange } from "../shared/i18n.js";
import { tableFromCsvBytes, tableFromGrid, withPunchMethod, sourceNotes, PUNCH_METHODS, FileError } from "./tables.js";
import { CLASS_FIELDS, NOTE_MARKS, classFromForm, attendanceRequest, buildClaim, claimedFromReport, provisionalOf, reviewReasons, locate, sumYuan, FormError } from "./claim.js";
import { amountRules, outline, withLoaded } from "./policies.js";
import { PolicySyntaxError, policyJson } from "../shared/policy-text.js";
import { sampleForm } from "./sample-class.js";

// The five built-in policy files, as text (for their amount rules); a loaded
// file of the same ID that extends it is kept as a layer over it.
const builtin = import.meta.glob("../../../policies/*.toml", { query: "?raw", import: "default", eager: true });
let policyTexts = {};
for (const text of Object.values(builtin)) {
  const o = outline(text);
  if (o?.id) policyTexts[o.id] = text;
}

// A deployment's policy file for the Dalian programme: it sets the figures the
// shipped policy has only as examples (the annex's durations and rates, the
// fee table). scripts/build-demo.sh copies it from examples/policies/ into the
// built pages; the demo verifier loads the same file (examples/server/demo.toml).
const DEPLOYMENT_EXAMPLE = { policy: "dalian-2023-major-conversion", file: "dalian-deployment-example.json", url: "./policies/dalian-deployment-example.json" };

const KINDS = ["roster", "punches", "leave", "exceptions", "certificates"];
const SAMPLE_FILES = KINDS.flatMap((k) => [`${k}.csv`, `${k}.xlsx`]);

const state = {
  tables: { roster: null, punches: null, leave: null, exceptions: null, certificates: null },
  errors: [], // { file?, row?, column?, field?, computed?, code?, path?, zh, en }
  result: null,
  server: null,
  lint: null,
  busy: false,
  // The policies the verifier serving this page has loaded (GET /v1/policies), or null.
  serverPolicies: null,
  // Whether the deployment example has been loaded over the shipped Dalian policy.
  deploymentLoaded: false,
};

const $ = (id) => document.getElementById(id);

// --- Setup ---------------------------------------------------------------------

function fillForm(values) {
  for (const f of CLASS_FIELDS) {
    const el = $(`class-${f}`);
    if (!el || f === "policy") continue;
    if (el.type === "checkbox") el.checked = !!values[f];
    else el.value = values[f] ?? "";
  }
}

function formValues() {
  const v = {};
  for (const f of CLASS_FIELDS) {
    const el = $(`class-${f}`);
    if (!el) continue;
    v[f] = el.type === "checkbox" ? el.checked : el.value.trim();
  }
  return v;
}

async function fillPolicies(selected) {
  const e = await engine();
  const sel = $("class-policy");
  const list = e.listPolicies();
  sel.innerHTML = list
    .map((p) => `<option value="${esc(p.id)}">${esc(t(p.title_zh, p.title_en))} (${esc(p.id)} ${esc(p.version)})</option>`)
    .join("");
  sel.value = selected && list.some((p) => p.id === selected) ? selected : list[0]?.id;
}

function renderSamples() {
  $("samples").innerHTML = SAMPLE_FILES.map((f) => `<a href="./samples/${esc(f)}" download>${esc(f)}</a>`).join(" · ") +
    ` · <a href="./samples/EXPECTED.md">EXPECTED.md</a>`;
}

// --- Files -------------------------------------------------------------------

async function readTable(kind, file) {
  if (/\.xlsx$/i.test(file.name)) {
    let grid;
    try {
      grid = await readSheet(file);
    } catch (err) {
      throw new FileError(file.name, null, null, `not a readable .xlsx file (${err.message})`, `无法读取的 .xlsx 文件（${err.message}）`, "file.unreadable_workbook");
    }
    return tableFromGrid(file.name, kind, grid, { format: "xlsx" });
  }
  if (/\.(xls|et)$/i.test(file.name)) {
    // The reader of Excel 97-2003 and WPS files is loaded only when one is chosen.
    const { tableFromWorkbook } = await import("./xls.js");
    return tableFromWorkbook(file.name, kind, new Uint8Array(await file.arrayBuffer()));
  }
  if (!/\.csv$/i.test(file.name)) {
    throw new FileError(file.name, null, null, "choose a .csv, .xlsx, .xls or .et file", "请选择 .csv、.xlsx、.xls 或 .et 文件", "file.unsupported_format");
  }
  return tableFromCsvBytes(file.name, kind, new Uint8Array(await file.arrayBuffer()));
}

async function onFile(kind) {
  const input = $(`file-${kind}`);
  const file = input.files[0];
  state.tables[kind] = null;
  state.errors = state.errors.filter((x) => x.kind !== kind);
  if (file) {
    try {
      state.tables[kind] = await readTable(kind, file);
    } catch (err) {
      if (!(err instanceof FileError)) throw err;
      state.errors.push({ kind, file: err.file, row: err.row, column: err.column, code: err.code, zh: err.messageZh, en: err.messageEn });
    }
  }
  renderFileStatus();
  renderErrors();
  await compute();
}

/** The clerk's statement of how the punch file's punches were made: an engine code, or "" (not stated). */
const punchMethod = () => $("punches-method").value;
const methodLabel = (code) => {
  const m = PUNCH_METHODS.find((x) => x.value === code);
  return m ? t(m.zh, m.en) : code;
};

/** The punches as the engine gets them: the file's rows, those that state no method given the clerk's statement. */
const punchesTable = () => (state.tables.punches ? withPunchMethod(state.tables.punches, punchMethod()) : null);

/** How many punch rows state their method, how many the field fills, how many are left without one. */
function methodStatus(p) {
  const parts = [];
  if (p.stated) parts.push(t(`文件写明 ${p.stated} 行`, `${p.stated} stated in the file`));
  if (p.filled) parts.push(t(`按本栏填入“${methodLabel(p.method)}” ${p.filled} 行`, `${p.filled} filled in as “${methodLabel(p.method)}”`));
  if (p.unstated) parts.push(t(`未注明 ${p.unstated} 行`, `${p.unstated} not stated`));
  return parts.length ? t(`；打卡方式：${parts.join("，")}`, `; method: ${parts.join(", ")}`) : "";
}

function renderFileStatus() {
  for (const k of KINDS) {
    const tb = k === "punches" ? punchesTable() : state.tables[k];
    const el = $(`status-${k}`);
    if (!tb) {
      el.textContent = "";
      continue;
    }
    const ignored = tb.ignored.length ? t(`；忽略的列：${tb.ignored.join("、")}`, `; columns ignored: ${tb.ignored.join(", ")}`) : "";
    const method = k === "punches" ? methodStatus(tb) : "";
    // How the file was read: its format and sheet, a CSV's encoding, a title row skipped, times read as China time.
    const notes = sourceNotes(tb).map((n) => t(`；${n.zh}`, `; ${n.en}`)).join("");
    el.textContent = t(`${tb.file}：${tb.records.length} 行${notes}${method}${ignored}`, `${tb.file}: ${tb.records.length} rows${notes}${method}${ignored}`);
  }
}

// --- Computing -----------------------------------------------------------------

class ShownError extends Error {
  constructor(entry, more = []) {
    super(entry.en);
    this.entry = entry;
    this.entries = [entry, ...more];
  }
}

/** Every problem of an engine error (its `details` when there are several), located. */
function engineEntries(err, op, origin) {
  const problems = err.details?.length ? err.details : [{ code: err.code, path: err.path, message_zh: err.messageZh, message_en: err.messageEn }];
  return problems.map((d) => ({ kind: "engine", op, code: d.code, path: d.path, zh: d.message_zh, en: d.message_en, ...(locate(d.path, origin) || {}) }));
}

function run(e, op, request, origin) {
  try {
    return e.call(op, request);
  } catch (err) {
    if (!isPeixunError(err)) throw err;
    const [first, ...more] = engineEntries(err, op, origin);
    throw new ShownError(first, more);
  }
}

async function compute() {
  const { roster, leave, exceptions, certificates } = state.tables;
  // Each punch with its method as the file states it or as the clerk states it for the file.
  const punches = punchesTable();
  state.result = null;
  state.server = null;
  state.errors = state.errors.filter((x) => x.kind !== "engine" && x.kind !== "form");
  for (const el of document.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  if (!roster || !punches) {
    renderErrors();
    renderResults();
    return;
  }
  const e = await engine();
  const origin = { roster, punches, leave, exceptions, certificates };
  try {
    let cls;
    try {
      cls = classFromForm(formValues());
    } catch (err) {
      if (err instanceof FormError) throw new ShownError({ kind: "form", field: err.field, zh: err.messageZh, en: err.messageEn });
      throw err;
    }
    const rules = amountRules(cls.policy, policyTexts);
    const zero = roster.records.map(() => Object.fromEntries(rules.map((r) => [r, "0.00"])));
    let built;
    try {
      built = buildClaim(cls, roster, punches, leave, certificates, zero, exceptions);
    } catch (err) {
      if (err instanceof FileError) throw new ShownError({ kind: "engine", file: err.file, row: err.row, column: err.column, zh: err.messageZh, en: err.messageEn });
      throw err;
    }
    origin.certRows = built.certRows;
    // The claim carries the raw punches: the engine recomputes attendance from them.
    const first = run(e, "claim.verify", built.claim, origin);
    const { claim } = buildClaim(cls, roster, punches, leave, certificates, claimedFromReport(first), exceptions);
    const report = run(e, "claim.verify", claim, origin);
    // The same schedule, punches, leave and exceptions once more, for the heat map and the per-day marks.
    const attendance = run(e, "attendance", attendanceRequest(cls, roster, punches, leave, exceptions), origin);
    const canonical = e.handleJson("claim.verify", JSON.stringify(claim));
    const planClass = { ...cls.claimClass, trainees: roster.records.length };
    if (cls.publicityStart) planClass.publicity_start = cls.publicityStart;
    const plan = run(e, "deadlines.plan", { policy: cls.policy, class: planClass }, origin);
    let publicity = null;
    let csv = null;
    let publicityError = null;
    if (cls.publicityStart) {
      try {
        publicity = run(e, "publicity.list", { claim, start: cls.publicityStart }, origin);
        csv = run(e, "publicity.csv", { claim, start: cls.publicityStart }, origin).csv;
      } catch (err) {
        if (!(err instanceof ShownError)) throw err;
        publicityError = err.entry;
      }
    }
    // Why the claim is not decided (a figure only an example, a fact not stated), said first.
    const reasons = reviewReasons(report);
    state.result = { cls, rules, attendance, exceptions, report, reasons, claim, canonical, plan, publicity, csv, publicityError, punchMethod: punches.method ?? "" };
  } catch (err) {
    if (!(err instanceof ShownError)) throw err;
    for (const entry of err.entries) {
      state.errors.push(entry);
      if (entry.field) $(`class-${entry.field}`)?.setAttribute("aria-invalid", "true");
    }
  }
  renderErrors();
  renderResults();
}

// --- Errors --------------------------------------------------------------------

function fieldLabel(field) {
  const label = document.querySelector(`label[for="class-${field}"]`);
  return label ? label.textContent.trim() : field;
}

function errorText(x) {
  let where = "";
  if (x.file && x.row) {
    where = x.column
      ? t(`${x.file} 第 ${x.row} 行，${x.column} 列：`, `${x.file} row ${x.row}, column ${x.column}: `)
      : t(`${x.file} 第 ${x.row} 行：`, `${x.file} row ${x.row}: `);
  } else if (x.file) {
    where = `${x.file}: `;
  } else if (x.field) {
    where = t(`班期信息“${fieldLabel(x.field)}”：`, `class form, “${fieldLabel(x.field)}”: `);
  }
  return where + t(x.zh, x.en);
}

function renderErrors() {
  $("errors").innerHTML = state.errors
    .map((x) => `<div class="error-box"><span class="error-text">${esc(errorText(x))}</span>${x.code ? ` <span class="note">(${esc(x.path ? `${x.code} ${x.path}` : x.code)})</span>` : ""}</div>`)
    .join("");
}

// --- Results -----------------------------------------------------------------

const STATUS = {
  pass: ["通过", "pass"], fail: ["不通过", "fail"], unknown: ["待核实", "unknown"],
  accept: ["受理", "accept"], reject: ["不予受理", "reject"], needs_review: ["需人工审核", "needs review"],
};
const st = (s) => (STATUS[s] ? t(STATUS[s][0], STATUS[s][1]) : s);
const MARKS = {
  attended: ["全部出勤", "attended"], partial: ["部分出勤", "partly attended"], missed: ["缺勤", "missed"],
  leave: ["请假", "on leave"], pending: ["待定（打卡方式或异常说明未写明）", "undetermined (a punch's method or an exception note not stated)"],
  upcoming: ["尚未到", "upcoming"],
};
const WHAT = {
  file_by: ["开班备案截止", "filing deadline"], last_opening: ["最后开班日", "last opening day"],
  apply_for_acceptance_by: ["申请结课验收截止", "acceptance application deadline"], publicity_ends: ["公示结束", "publicity ends"],
};
const what = (w) => (WHAT[w] ? t(WHAT[w][0], WHAT[w][1]) : w);
const pct = (rate) => (rate === null || rate === undefined ? "—" : `${(Number(rate) * 100).toFixed(2)}%`);

function findingHtml(f) {
  return `<div class="finding ${esc(f.status)}"><strong>${esc(f.rule_id)}</strong> <span class="${esc(f.status)}">${esc(st(f.status))}</span>
    <span class="clause">${esc(f.citation?.clause ?? "")}</span> ${f.subject ? `<span class="note">${esc(f.subject)}</span> ` : ""}${esc(t(f.message_zh, f.message_en))}</div>`;
}

/** Findings with a subject, grouped by rule and status: a count, and the details (the first `limit`) on request. */
function groupedFindings(findings, limit = 300) {
  const groups = new Map();
  for (const f of findings) {
    const k = `${f.rule_id} ${f.status}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(f);
  }
  return [...groups.values()]
    .map((fs) => {
      const f = fs[0];
      const head = `${esc(f.rule_id)} · <span class="${esc(f.status)}">${esc(st(f.status))}</span> × ${fs.length}`;
      if (f.status === "pass") return `<div class="finding pass">${head}</div>`;
      return `<details class="finding ${esc(f.status)}"><summary>${head}</summary>${fs.slice(0, limit).map(findingHtml).join("")}${fs.length > limit ? `<p class="note">… ${fs.length - limit}</p>` : ""}</details>`;
    })
    .join("");
}

function heatMap(att) {
  const cols = [];
  att.sheet.forEach((m, mi) => m.days.forEach((d, di) => d.training && cols.push({ date: d.date, mi, di, kind: d.kind })));
  const byMonth = att.sheet.map((m) => new Map(m.trainees.map((x) => [x.trainee, x])));
  const months = [];
  for (const c of cols) {
    const label = c.date.slice(0, 7);
    if (months.length && months[months.length - 1].label === label) months[months.length - 1].n++;
    else months.push({ label, n: 1 });
  }
  const head1 = `<tr><th scope="col" rowspan="2">${esc(t("学员", "Trainee"))}</th><th scope="col" rowspan="2">${esc(t("出勤率", "Rate"))}</th>${months.map((m) => `<th scope="colgroup" colspan="${m.n}" class="month">${esc(m.label)}</th>`).join("")}</tr>`;
  const head2 = `<tr>${cols.map((c) => `<th scope="col" class="day${c.kind === "makeup_workday" ? " makeup" : ""}" title="${esc(c.date)}">${esc(String(Number(c.date.slice(8))))}</th>`).join("")}</tr>`;
  const rows = att.trainees
    .map((tr) => {
      const cells = cols
        .map((c) => {
          const mark = byMonth[c.mi].get(tr.trainee)?.marks[c.di] ?? "missed";
          const name = MARKS[mark] ? t(MARKS[mark][0], MARKS[mark][1]) : mark;
          return `<td class="m m-${esc(mark)}" title="${esc(`${tr.trainee} ${c.date}: ${name}`)}"></td>`;
        })
        .join("");
      return `<tr><th scope="row" class="who">${esc(tr.trainee)} ${esc(tr.name ?? "")}</th><td class="rate ${esc(tr.status)}">${esc(pct(tr.rate))}</td>${cells}</tr>`;
    })
    .join("");
  const legend = Object.keys(MARKS)
    .map((k) => `<span class="legend"><span class="m m-${esc(k)}"></span>${esc(t(MARKS[k][0], MARKS[k][1]))}</span>`)
    .join(" ");
  return `<p class="note">${legend}</p><div class="scroll"><table class="heat" id="heat-map"><caption class="sr-only">${esc(t("学员×培训日出勤热力图", "Attendance by trainee and training day"))}</caption><thead>${head1}${head2}</thead><tbody>${rows}</tbody></table></div>`;
}

function linesTable(r) {
  const { report, attendance } = r;
  const rows = report.trainees
    .map((tr, i) => {
      const a = attendance.trainees[i];
      const lines = tr.lines.map(lineHtml).join("");
      const provisional = sumYuan(tr.lines.map(provisionalOf).filter((x) => x !== undefined));
      // A trainee's punches that do not count, or wait on their method, can run to hundreds: those
      // findings (each naming its punch) are grouped by rule and status, shown on request.
      const open = tr.findings.filter((f) => f.status !== "pass");
      const isPunch = (f) => Number.isInteger(f.facts?.punch);
      const notes = open.filter((f) => !isPunch(f)).map(findingHtml).join("") + groupedFindings(open.filter(isPunch), 50);
      // Counted of the rate's base: attended, plus sessions a valid exception note covers where the policy counts them.
      const excepted = a.excepted_sessions
        ? ` <span class="note">${esc(t(`含异常说明 ${a.excepted_sessions} 节`, `${a.excepted_sessions} by exception note`))}</span>`
        : "";
      // Sessions that wait on a punch's method or an exception note: neither counted nor missed.
      const undetermined = a.undetermined_sessions
        ? ` <span class="note undetermined">${esc(t(`另有 ${a.undetermined_sessions} 节待定`, `${a.undetermined_sessions} undetermined`))}</span>`
        : "";
      return `<tr data-trainee="${esc(a.trainee)}"><td>${esc(tr.row)}</td><td>${esc(tr.name)}</td><td class="mono">${esc(tr.id_number)}</td>
        <td><span class="counted">${esc(`${a.counted_sessions}/${a.rate_base}`)}</span> <span class="${esc(a.status)}">${esc(pct(a.rate))}</span>${excepted}${undetermined}</td>
        <td>${lines}${notes}</td><td class="money">${esc(tr.total)}${provisional !== "0.00"
          ? `<div class="note provisional">${esc(t(`另试算 ${provisional}（未核定）`, `+ ${provisional} provisional (not decided)`))}</div>` : ""}</td></tr>`;
    })
    .join("");
  return `<div class="scroll"><table id="lines"><thead><tr><th>#</th><th>${esc(t("姓名", "Name"))}</th><th>${esc(t("身份证号码", "ID number"))}</th>
    <th>${esc(t("计入出勤（节）", "Sessions counted"))}</th><th>${esc(t("补贴项目：规则与算式", "Subsidy lines: rule and arithmetic"))}</th><th>${esc(t("核定小计（元）", "Decided subtotal (yuan)"))}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/**
 * One line of a trainee: the rule, the amount and its arithmetic; a line whose
 * amount rests on a figure that is only an example shows what it would come to
 * as provisional (not decided, not payable) with the line's own message, which
 * names the parameter and the document that fixes it.
 */
function lineHtml(l) {
  const p = provisionalOf(l);
  if (p !== undefined) {
    return `<div class="line unknown provisional" data-rule="${esc(l.rule_id)}" data-status="unknown" data-parameter="${esc(l.facts.parameter)}" data-provisional="${esc(p)}">
      <strong>${esc(l.rule_id)}</strong> <span class="provisional-amount">${esc(t(`试算 ${p}，未核定，不支付`, `provisional ${p}, not decided, not payable`))}</span> · <span class="message">${esc(t(l.message_zh, l.message_en))}</span></div>`;
  }
  return `<div class="line ${esc(l.status)}" data-rule="${esc(l.rule_id)}" data-status="${esc(l.status)}"><strong>${esc(l.rule_id)}</strong> ${esc(l.amount ?? "—")} · ${esc(t(l.arithmetic_zh ?? l.message_zh, l.arithmetic_en ?? l.message_en))}</div>`;
}

/**
 * Why the claim needs review, said before anything else: each parameter the
 * deployment has not set (an example value or none) with the document that
 * fixes it, the lines and checks resting on it and what they come to
 * provisionally, with the finding's own message; then every other fact left
 * open; then how much is decided and how much is only provisional.
 */
function reviewHtml(r, hint) {
  const { report, reasons, cls } = r;
  if (report.decision !== "needs_review") return "";
  const params = reasons.parameters
    .map((g) => {
      const what = [];
      if (g.lines) what.push(t(`${g.lines} 项补贴按它试算共 ${g.provisional} 元`, `${g.lines} line${g.lines === 1 ? "" : "s"} come${g.lines === 1 ? "s" : ""} to ${g.provisional} yuan on it, provisionally`));
      if (g.findings) what.push(t(`${g.findings} 项核对取决于它`, `${g.findings} check${g.findings === 1 ? "" : "s"} rest${g.findings === 1 ? "s" : ""} on it`));
      return `<li class="finding unknown" data-rule="${esc(g.rule_id)}" data-parameter="${esc(g.parameter)}" data-provisional="${esc(g.provisional)}">
        <strong>${esc(g.rule_id)}</strong> ${esc(t("参数", "parameter"))} <code>${esc(g.parameter)}</code>${esc(t(`：${g.state_zh ?? g.state}，由“${g.source}”确定；`, `: ${g.state_en ?? g.state}, fixed by “${g.source}”; `))}${esc(what.join(t("；", "; ")))}
        <div class="message">${esc(t(g.message_zh, g.message_en))}</div></li>`;
    })
    .join("");
  const others = reasons.others
    .map((g) => `<li class="finding unknown" data-rule="${esc(g.rule_id)}"><strong>${esc(g.rule_id)}</strong> × ${esc(g.count)}${esc(t("：", ": "))}${esc(t(g.message_zh, g.message_en))}</li>`)
    .join("");
  const offer = cls.policy === DEPLOYMENT_EXAMPLE.policy && reasons.parameters.length && !state.deploymentLoaded
    ? `<p><button type="button" class="secondary load-deployment">${esc(t("载入部署方示例政策", "Load the deployment example"))}</button>
       <span class="note">${esc(t("（演示用：一份按通知范围设定了这些数值的部署方政策文件；本演示的核验端也载入了它）",
         "(for the demo: a deployment's policy file that sets these figures within the notice's ranges; this demo's verifier loads it too)"))}</span></p>`
    : "";
  return `<section class="card review-why" id="review-why" aria-labelledby="review-h">
    <h2 id="review-h">${esc(t("需人工审核：原因", "Needs review: why"))}</h2>
    ${hint}
    ${params ? `<p>${esc(t(
      "下列数值由原文引用、但未随原文公布的文件确定，所选政策中只有示例值（或未设定）。引擎按示例值试算，但不据以核定：试算金额不是应付金额。部署方须在自己的政策文件中设定这些参数：",
      "These figures are fixed by documents the original cites but does not publish; the chosen policy has them only as example values (or not at all). The engine computes with them to show what the lines would come to, but decides nothing on them: a provisional amount is not an amount to pay. The deployment must set these parameters in its own policy file:"))}</p>
    <ul class="findings" id="parameter-gaps">${params}</ul>` : ""}
    ${others ? `<h3>${esc(t("其他待核实事项", "Other facts left open"))}</h3><ul class="findings" id="review-other">${others}</ul>` : ""}
    <p id="review-amounts"><strong>${esc(t(`已核定 ${reasons.decided} 元`, `Decided: ${reasons.decided} yuan`))}</strong>${reasons.provisional !== "0.00"
      ? esc(t(`；另有 ${reasons.provisional} 元仅为试算，未核定，不得据以支付。`, `; a further ${reasons.provisional} yuan is only provisional: not decided, not to be paid on.`))
      : esc(t("。", "."))}</p>
    ${offer}
  </section>`;
}

/**
 * Punches the engine neither counts nor refuses because they do not state how
 * they were made, under a rule that accepts only some methods (DL-P6, FS-A2),
 * with what that does (the sessions undetermined, the rates unknown) and where
 * the clerk says it for a file without a method column: the field beside the
 * punch file. Empty when every punch states its method.
 */
function methodHintHtml(r) {
  const ca = r.report.attendance ?? r.attendance;
  const n = ca.punches.undetermined ?? 0;
  if (!n) return "";
  // The punch rule's finding on such a punch names the rule and the methods it accepts.
  const f = r.attendance.findings.find((x) => x.status === "unknown" && x.facts && x.facts.method === null && Array.isArray(x.facts.methods));
  const rule = f?.rule_id ?? "";
  const methods = (f?.facts.methods ?? []).map(methodLabel).join(t("、", ", "));
  const open = r.attendance.trainees.filter((x) => x.undetermined_sessions > 0 && x.status === "unknown").length;
  return `<div class="method-hint" id="method-hint" data-undetermined="${esc(n)}" data-rule="${esc(rule)}">
    <p>${esc(t(
      `${n} 条打卡未写明打卡方式，而所选政策的 ${rule} 只认${methods}：引擎对这些打卡既不计入也不退回，它们所在的课次待定，${open} 名学员的出勤率待核实。`,
      `${n} punches do not state how they were made, and the chosen policy's ${rule} counts only ${methods}: the engine neither counts nor refuses them, the sessions they would make are undetermined, and ${open} trainee${open === 1 ? "'s rate is" : "s' rates are"} to be checked.`))}</p>
    <p>${esc(t(
      "文件没有“打卡方式”列时（例如考勤机导出的文件，打卡都出自同一种方式），请在打卡记录旁的“本文件的打卡方式”中说明这些打卡是怎样打的；它只填入未写明打卡方式的行。",
      "If the file has no method column (a punch clock's export, say, where every punch is made the same way), say how these punches were made in “How these punches were made” beside the punch file; it fills only the rows that do not state a method."))}
    <button type="button" class="secondary goto-method">${esc(t("前往“本文件的打卡方式”", "Go to “How these punches were made”"))}</button></p>
  </div>`;
}

function gotoMethodField() {
  const el = $("punches-method");
  el.scrollIntoView({ block: "center" });
  el.focus();
}

const REASONS = {
  device_failure: ["设备故障不能打卡", "device failure"], unable_to_punch: ["学员无法打卡", "trainee unable to punch"], other: ["其他情况", "other case"],
};
const noteMark = (v) => (v === true ? t("有", "yes") : v === false ? t("无", "no") : t("未说明", "not stated"));

/**
 * The exceptions file, row by row, each with the finding the policy's
 * exception rule (FS-A4) gives it: the attendance report's findings name their
 * exception by index (`facts.exception`), which is the file's record.
 */
function exceptionsHtml(r) {
  const tb = r.exceptions;
  if (!tb) return "";
  const att = r.attendance;
  const byIndex = new Map();
  for (const f of att.findings) if (Number.isInteger(f.facts?.exception)) byIndex.set(f.facts.exception, f);
  const notAssessed = att.trainees.length > 0 && att.trainees.every((x) => x.exception_choice === "not_assessed");
  const intro = notAssessed
    ? `<p class="note bad" id="exceptions-not-assessed">${esc(t(
      `所选政策（${r.cls.policy}）没有打卡异常的规则：以下异常只核对了学员、培训日和课次，不计入出勤。`,
      `The chosen policy (${r.cls.policy}) has no rule on punch exceptions: the exceptions below were checked against the roster, the training days and the sessions, and count for nothing.`))}</p>`
    : `<p class="note">${esc(t(
      "每条异常都按政策对书面说明的要求核对；说明齐全的按政策计入，不齐全的不计，并写明缺少什么。说明内容只留在本页，申报只带签字和盖章情况。",
      "Each exception is checked against the written note the policy requires: a complete note counts as the policy says, an incomplete one does not, and the finding names what is missing. The note's text stays in this page; the claim carries only the signatures and the stamp."))}</p>`;
  const rows = tb.records
    .map((rec, i) => {
      const v = rec.values;
      const f = byIndex.get(i);
      const reason = REASONS[v.reason] ? t(REASONS[v.reason][0], REASONS[v.reason][1]) : v.reason;
      const verdict = f
        ? `<strong>${esc(f.rule_id)}</strong> <span class="${esc(f.status)}">${esc(st(f.status))}</span> ${esc(t(f.message_zh, f.message_en))}`
        : "—";
      return `<tr data-row="${esc(rec.row)}" data-status="${esc(f?.status ?? "")}"><td>${esc(rec.row)}</td><td>${esc(v.trainee)}</td><td class="mono">${esc(v.date)}</td>
        <td>${esc(v.session ?? t("全天", "whole day"))}</td><td>${esc(reason)}</td>${NOTE_MARKS.map((k) => `<td>${esc(noteMark(v[k]))}</td>`).join("")}
        <td>${esc(v.note ?? "")}</td><td class="verdict">${verdict}</td></tr>`;
    })
    .join("");
  return `<section class="card" aria-labelledby="exceptions-h">
    <h2 id="exceptions-h">${esc(t("打卡异常及书面说明", "Punch exceptions and their written notes"))}</h2>
    ${intro}
    <div class="scroll"><table id="exceptions"><thead><tr><th>${esc(t(`${tb.file} 行`, `${tb.file} row`))}</th><th>${esc(t("学员", "Trainee"))}</th><th>${esc(t("日期", "Date"))}</th>
      <th>${esc(t("课次", "Session"))}</th><th>${esc(t("情形", "Case"))}</th><th>${esc(t("管理人员签字", "Manager's signature"))}</th><th>${esc(t("盖章", "Stamp"))}</th>
      <th>${esc(t("学员签字", "Trainee's signature"))}</th><th>${esc(t("说明", "Note"))}</th><th>${esc(t("核对结果", "Finding"))}</th></tr></thead><tbody>${rows}</tbody></table></div>
  </section>`;
}

function deadlinesHtml(plan) {
  const rows = [];
  for (const d of plan.deadlines) {
    rows.push(`<tr><td>${esc(d.rule_id)}</td><td>${esc(what(d.what))}</td><td class="mono">${esc(d.date ?? "—")}</td><td>${esc(t(d.message_zh, d.message_en))}</td></tr>`);
    if (d.facts?.payable_from) {
      rows.push(`<tr class="payment"><td>${esc(d.rule_id)}</td><td>${esc(t("可申请拨付补贴", "payment can be requested"))}</td><td class="mono">${esc(d.facts.payable_from)}</td><td>${esc(t("公示期满无异议后，自此日起可申请拨付", "once the publicity ends without objection, payment can be requested from this day"))}</td></tr>`);
    }
  }
  return `<div class="scroll"><table id="deadlines"><thead><tr><th>${esc(t("规则", "Rule"))}</th><th>${esc(t("事项", "What"))}</th><th>${esc(t("日期", "Date"))}</th><th>${esc(t("说明", "Explanation"))}</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>
    ${plan.findings?.length ? `<h3>${esc(t("已有日期的核对", "The dates given, checked"))}</h3>${plan.findings.map(findingHtml).join("")}` : ""}`;
}

function publicityHtml(r) {
  if (r.publicityError) return `<div class="error-box">${esc(errorText(r.publicityError))}</div>`;
  if (!r.publicity) return `<p class="note">${esc(t("填写“公示首日”后显示公示名单。", "Give the first day of publicity to see the list."))}</p>`;
  const p = r.publicity;
  const rules = [...new Set(p.rows.flatMap((x) => Object.keys(x.items)))];
  const rows = p.rows
    .map((x) => `<tr><td>${esc(x.row)}</td><td>${esc(x.name)}</td><td class="mono masked">${esc(x.id_number)}</td>${rules.map((k) => `<td class="money">${esc(x.items[k] ?? "")}</td>`).join("")}<td class="money">${esc(x.amount)}</td></tr>`)
    .join("");
  // Only decided amounts are published: a claim that is not accepted has nothing, or less, on the list.
  const pending = p.decision === "accept" ? ""
    : p.decision === "reject"
      ? `<p class="bad" id="publicity-pending">${esc(t("申报不予受理：不应公示。", "The claim is rejected: it is not to be published."))}</p>`
      : `<p class="review" id="publicity-pending">${esc(t("申报尚未核定（需人工审核）：名单只列已核定的金额，试算金额不公示。", "The claim is not decided (needs review): the list shows decided amounts only, never provisional ones."))}</p>`;
  return `${pending}<p>${esc(t(p.message_zh, p.message_en))}</p>
    <p><button type="button" id="publicity-download" class="secondary">${esc(t("下载公示名单 CSV（UTF-8 带 BOM）", "Download the list as CSV (UTF-8 with BOM)"))}</button></p>
    <div class="scroll"><table id="publicity"><thead><tr><th>#</th><th>${esc(t("姓名", "Name"))}</th><th>${esc(t("身份证号码（隐藏部分）", "ID number (masked)"))}</th>${rules.map((k) => `<th>${esc(k)}</th>`).join("")}<th>${esc(t("金额（元）", "Amount (yuan)"))}</th></tr></thead>
    <tbody>${rows}</tbody><tfoot><tr><th colspan="${3 + rules.length}">${esc(t("合计", "Total"))}</th><th class="money">${esc(p.total)}</th></tr></tfoot></table></div>`;
}

function serverHtml() {
  const s = state.server;
  if (!s) return "";
  if (s.pending) return `<p>${esc(t("正在提交……", "Submitting…"))}</p>`;
  if (s.networkError) return `<div class="error-box">${esc(t("无法连接核验端：", "could not reach the verifier: "))}${esc(s.networkError)}</div>`;
  const page = state.result.report;
  if (s.error) {
    return `<div class="error-box" id="server-error">${esc(t("核验端拒绝了申报", "the verifier refused the claim"))} (HTTP ${esc(s.status)}): ${esc(s.error.code)} ${esc(s.error.path)} — ${esc(t(s.error.message_zh, s.error.message_en))}</div>
      <p id="agreement" class="bad">${esc(t("与本页结果不一致：本页得出结论，核验端拒绝。", "Differs from this page: the page reached a verdict, the verifier refused."))}</p>`;
  }
  const v = s.verdict;
  const same = (a, b) => (a === b ? `<td class="ok">${esc(t("一致", "agree"))}</td>` : `<td class="bad">${esc(t("不同", "differ"))}</td>`);
  const identical = s.text.trim() === state.result.canonical.trim();
  const agree = v.decision === page.decision && v.totals?.recomputed === page.totals.recomputed;
  const pagePolicy = `${page.policy.id} ${page.policy.version}`;
  const serverPolicy = v.policy ? `${v.policy.id} ${v.policy.version}` : "—";
  let agreement;
  if (agree && identical) {
    agreement = `<p id="agreement" class="ok">${esc(t("核验端的结论与本页一致。", "The verifier's verdict agrees with this page."))}</p>`;
  } else if (pagePolicy !== serverPolicy) {
    // Not a difference of computation: the two sides decided under different versions of the policy.
    const hint = state.result.reasons.parameters.length
      ? t("本页所用政策中有示例值，不能据以核定；核验端载入了部署方设定的数值。在本页载入同一份部署方政策文件后再提交，两边按同样的数值核定。",
        "This page's policy has example values, on which nothing is decided; the verifier has loaded the deployment's figures. Load the same deployment file in this page and submit again: both then decide on the same figures.")
      : t("在本页载入与核验端相同的政策文件后再提交。", "Load the verifier's policy file in this page and submit again.");
    agreement = `<p id="agreement" class="policy-differs">${esc(t(
      `结论不同是因为政策版本不同：核验端按 ${serverPolicy} 核定，本页按 ${pagePolicy} 计算。`,
      `The verdicts differ because the policies differ: the verifier decided under ${serverPolicy}, this page under ${pagePolicy}. `))}${esc(hint)}</p>`;
  } else {
    agreement = `<p id="agreement" class="bad">${esc(t("核验端的结论与本页不一致，见上表。", "The verifier's verdict differs from this page: see the table."))}</p>`;
  }
  return `<table id="comparison"><thead><tr><th></th><th>${esc(t("本页（WebAssembly）", "This page (WebAssembly)"))}</th><th>${esc(t("核验端（服务器）", "Verifier (server)"))}</th><th></th></tr></thead><tbody>
    <tr><th scope="row">${esc(t("政策及版本", "Policy and version"))}</th><td>${esc(pagePolicy)}</td><td id="server-policy">${esc(serverPolicy)}</td>${same(pagePolicy, serverPolicy)}</tr>
    <tr><th scope="row">${esc(t("结论", "Decision"))}</th><td class="${esc(page.decision)}">${esc(st(page.decision))}</td><td class="${esc(v.decision)}" id="server-decision">${esc(st(v.decision))}</td>${same(page.decision, v.decision)}</tr>
    <tr><th scope="row">${esc(t("复核总额（元）", "Recomputed total (yuan)"))}</th><td class="money">${esc(page.totals.recomputed)}</td><td class="money" id="server-total">${esc(v.totals?.recomputed ?? "—")}</td>${same(page.totals.recomputed, v.totals?.recomputed)}</tr>
    <tr><th scope="row">${esc(t("完整结论（规范 JSON）", "Whole verdict (canonical JSON)"))}</th><td colspan="2">${esc(identical ? t(`逐字节相同（${s.text.length} 字节）`, `identical byte for byte (${s.text.length} bytes)`) : t("内容不同", "not the same"))}</td>${identical ? `<td class="ok">${esc(t("一致", "agree"))}</td>` : `<td class="bad">${esc(t("不同", "differ"))}</td>`}</tr>
    </tbody></table>
    ${agreement}`;
}

/**
 * Which version of the chosen policy the verifier decides under (GET
 * /v1/policies, read when the page starts). This demo's verifier loads the
 * deployment's Dalian file (policy_files in examples/server/demo.toml), so it
 * decides on set figures where the shipped policy has only examples.
 */
function serverPolicyNote(policy) {
  const sp = state.serverPolicies;
  if (!sp) return "";
  const theirs = sp.find((p) => p.id === policy.id);
  const text = !theirs
    ? t(`核验端没有载入 ${policy.id}：它会拒绝这份申报。`, `The verifier has not loaded ${policy.id}: it will refuse this claim.`)
    : theirs.version === policy.version
      ? t(`核验端载入的 ${policy.id} 与本页同为版本 ${policy.version}。`, `The verifier has ${policy.id} in the same version as this page, ${policy.version}.`)
      : t(`核验端载入的 ${policy.id} 是版本 ${theirs.version}：本演示的核验端载入了部署方的政策文件（examples/server/demo.toml 的 policy_files），按部署方设定的数值核定；本页用的是版本 ${policy.version}，两边的结论可以不同。`,
        `The verifier has ${policy.id} in version ${theirs.version}: this demo's verifier loads the deployment's policy file (policy_files in examples/server/demo.toml) and decides on the figures it sets; this page uses version ${policy.version}, so the two verdicts may differ.`);
  return `<p class="note" id="server-policies">${esc(text)}</p>`;
}

function renderResults() {
  const r = state.result;
  const el = $("results");
  if (!r) {
    el.dataset.files = "";
    el.innerHTML = state.tables.roster && state.tables.punches ? "" : `<section class="card"><p class="note">${esc(t("选择花名册和打卡记录后显示结果。", "Choose the roster and the punches to see the results."))}</p></section>`;
    return;
  }
  const { attendance: att, report } = r;
  el.dataset.files = KINDS.filter((k) => state.tables[k]).join(",");
  // The punch file's stated method these results were computed with ("" not stated).
  el.dataset.method = r.punchMethod;
  const classFindings = att.findings.filter((f) => !f.subject);
  const subjectFindings = att.findings.filter((f) => f.subject);
  // The claim's own attendance (recomputed by the engine from the punches it carries); the heat map is the "attendance" report's.
  const ca = report.attendance ?? att;
  // Refused or incomplete punches, and apart from them those neither counted nor refused (a method not stated).
  const UNDETERMINED = ["method_unstated", "partner_unstated"];
  const reasonList = (keep) => Object.entries(ca.punches.by_reason).filter(([k]) => keep(UNDETERMINED.includes(k))).map(([k, n]) => `${k} ${n}`).join(", ");
  const byReason = reasonList((u) => !u);
  const undeterminedReasons = reasonList((u) => u);
  const provisional = r.reasons.provisional;
  const hint = methodHintHtml(r);
  el.innerHTML = `
  ${reviewHtml(r, hint)}
  <section class="card" aria-labelledby="sum-h">
    <h2 id="sum-h">${esc(t("4. 结果（本浏览器计算）", "4. Results (computed in this browser)"))}</h2>
    <dl class="summary">
      <div><dt>${esc(t("申报结论", "Claim decision"))}</dt><dd id="claim-decision" class="${esc(report.decision)}">${esc(st(report.decision))}</dd></div>
      <div><dt>${esc(t("核定补贴总额（元）", "Decided total (yuan)"))}</dt><dd id="claim-total" class="money">${esc(report.totals.recomputed)}</dd></div>
      ${provisional !== "0.00" ? `<div><dt>${esc(t("仅为试算、未核定（元）", "Provisional only, not decided (yuan)"))}</dt><dd id="claim-provisional" class="money unknown">${esc(provisional)}</dd></div>` : ""}
      <div><dt>${esc(t("政策及版本", "Policy and version"))}</dt><dd id="claim-policy">${esc(`${report.policy.id} ${report.policy.version}`)}</dd></div>
      <div><dt>${esc(t("考勤结论", "Attendance"))}</dt><dd id="attendance-decision" class="${esc(ca.decision)}">${esc(st(ca.decision))}</dd></div>
      <div><dt>${esc(t("学员 / 培训日 / 应出勤节数", "Trainees / training days / sessions expected"))}</dt><dd>${esc(`${report.trainees.length} / ${ca.class.counted_days} / ${ca.class.expected_sessions}`)}</dd></div>
      <div><dt>${esc(t("打卡：计入 / 全部", "Punches: counted / all"))}</dt><dd id="punches-counted">${esc(`${ca.punches.counted} / ${ca.punches.total}`)}${byReason ? ` <span class="note reasons">(${esc(t("不计：", "not counted: "))}${esc(byReason)})</span>` : ""}</dd></div>
      ${ca.punches.undetermined ? `<div><dt>${esc(t("打卡：既不计入也不退回（待定）", "Punches neither counted nor refused (undetermined)"))}</dt><dd id="punches-undetermined" class="unknown">${esc(ca.punches.undetermined)} <span class="note reasons">(${esc(undeterminedReasons)})</span></dd></div>` : ""}
    </dl>
    ${report.decision === "needs_review" ? "" : hint}
    <p class="note">${esc(t(`${report.totals.message_zh}。`, `${report.totals.message_en}.`))} ${esc(t(`申报的补贴项目：${r.rules.join("、") || "无"}；申报金额即按规则复核所得（按示例值试算的项目申报其试算金额，待部署方设定数值后核定）。申报附带原始打卡、请假和打卡异常记录，出勤由引擎据此重新计算，不采用本页算出的出勤数。`, `Subsidies claimed: ${r.rules.join(", ") || "none"}; the amounts claimed are those the rules give (a line computed on an example value claims its provisional amount, to be decided once the deployment sets the figure). The claim carries the raw punches, leave and punch exceptions: the engine recomputes attendance from them and takes no attendance figure from this page.`))}</p>
  </section>
  <section class="card" aria-labelledby="heat-h">
    <h2 id="heat-h">${esc(t("出勤热力图（学员 × 培训日）", "Attendance heat map (trainees × training days)"))}</h2>
    ${heatMap(att)}
    <h3>${esc(t("考勤规则", "Attendance rules"))}</h3>
    ${classFindings.map(findingHtml).join("")}${groupedFindings(subjectFindings)}
  </section>
  ${exceptionsHtml(r)}
  <section class="card" aria-labelledby="lines-h">
    <h2 id="lines-h">${esc(t("每名学员的补贴", "Subsidy per trainee"))}</h2>
    ${linesTable(r)}
    <h3>${esc(t("申报层面的规则", "Claim-level rules"))}</h3>
    ${report.findings.map(findingHtml).join("")}
  </section>
  <section class="card" aria-labelledby="deadlines-h">
    <h2 id="deadlines-h">${esc(t("本班期的时限（按工作日计算）", "The class's deadlines (in working days)"))}</h2>
    ${deadlinesHtml(r.plan)}
  </section>
  <section class="card" aria-labelledby="publicity-h">
    <h2 id="publicity-h">${esc(t("公示名单预览", "Publicity list preview"))}</h2>
    ${publicityHtml(r)}
  </section>
  <section class="card" aria-labelledby="submit-h">
    <h2 id="submit-h">${esc(t("5. 提交核验", "5. Submit to verifier"))}</h2>
    <p class="note">${esc(t("把本页生成的申报（JSON）发送到本服务器的 POST /v1/claims/verify（只核验、不登记），并与本页结果对照。", "Sends the claim this page built (JSON) to this server's POST /v1/claims/verify (verified, not recorded) and compares the answer with this page's."))}</p>
    ${serverPolicyNote(report.policy)}
    <button type="button" id="submit">${esc(t("提交核验", "Submit to verifier"))}</button>
    <div id="server" aria-live="polite">${serverHtml()}</div>
  </section>`;
  $("submit").addEventListener("click", submit);
  $("publicity-download")?.addEventListener("click", downloadCsv);
  for (const b of el.querySelectorAll(".load-deployment")) b.addEventListener("click", loadDeploymentExample);
  for (const b of el.querySelectorAll(".goto-method")) b.addEventListener("click", gotoMethodField);
}

function downloadCsv() {
  const r = state.result;
  if (!r?.csv) return;
  const blob = new Blob([r.csv], { type: "text/csv;charset=utf-8" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${r.cls.claimClass.name || "publicity"}-公示名单.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function submit() {
  const r = state.result;
  if (!r) return;
  state.server = { pending: true };
  $("server").innerHTML = serverHtml();
  try {
    const res = await fetch("../v1/claims/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(r.claim),
    });
    const text = await res.text();
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    if (res.ok && body && !body.error) state.server = { status: res.status, text, verdict: body };
    else state.server = { status: res.status, text, error: body?.error ?? { code: "http", path: "", message_zh: text, message_en: text } };
  } catch (err) {
    state.server = { networkError: String(err.message || err) };
  }
  $("server").innerHTML = serverHtml();
}

// --- Custom policy -------------------------------------------------------------

/**
 * Lints a policy file's text and, when it passes, loads it into the page's
 * engine: a new ID is a new programme; a file with a loaded ID that extends
 * it (a deployment's figures) is layered over it, as the verifier does with
 * its `policy_files`. Returns whether it was loaded.
 */
async function loadPolicyText(fileName, text) {
  const e = await engine();
  try {
    // TOML is parsed here and handed over as JSON (the engine's module reads JSON only).
    const json = policyJson(text);
    const ref = e.lintPolicy(json);
    e.loadPolicy(json);
    policyTexts = withLoaded(policyTexts, ref.id, text);
    state.lint = { ok: true, file: fileName, ref, layered: outline(text)?.extends === ref.id };
    await fillPolicies(ref.id);
    return true;
  } catch (err) {
    if (!isPeixunError(err) && !(err instanceof PolicySyntaxError)) throw err;
    // Every problem of the file (`details` when there are several), each with its path in the file.
    const problems = err.details?.length ? err.details : [{ code: err.code, path: err.path, message_zh: err.messageZh, message_en: err.messageEn }];
    state.lint = { ok: false, file: fileName, problems };
    return false;
  }
}

async function onPolicyFile() {
  const file = $("policy-file").files[0];
  state.lint = null;
  if (file) await loadPolicyText(file.name, await file.text());
  renderLint();
  await compute();
}

/** "Load the deployment example": the Dalian deployment's file, fetched from the built pages, loaded over the shipped policy. */
async function loadDeploymentExample() {
  if (state.deploymentLoaded) return;
  for (const b of document.querySelectorAll("#load-deployment, .load-deployment")) b.disabled = true;
  let text = null;
  try {
    const res = await fetch(DEPLOYMENT_EXAMPLE.url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    text = await res.text();
  } catch (err) {
    const why = String(err?.message || err);
    state.lint = { ok: false, file: DEPLOYMENT_EXAMPLE.file, problems: [{ code: "http", path: DEPLOYMENT_EXAMPLE.url,
      message_zh: `无法取得部署方示例政策：${why}`, message_en: `could not fetch the deployment example: ${why}` }] };
  }
  if (text !== null && (await loadPolicyText(DEPLOYMENT_EXAMPLE.file, text))) state.deploymentLoaded = true;
  renderDeployment();
  renderLint();
  await compute();
}

function renderDeployment() {
  const b = $("load-deployment");
  b.disabled = !!state.deploymentLoaded;
  b.textContent = state.deploymentLoaded ? t("已载入部署方示例政策", "Deployment example loaded") : t("载入部署方示例政策", "Load the deployment example");
}

function renderLint() {
  const l = state.lint;
  const el = $("policy-result");
  if (!l) {
    el.innerHTML = "";
    return;
  }
  el.innerHTML = l.ok
    ? `<p class="ok" id="lint-ok">${esc(l.layered
      ? t(`${l.file}：检查通过，已作为部署方的数值载入 ${l.ref.id}（版本 ${l.ref.version}），取代随附政策中的示例值。`,
        `${l.file}: passes the lint, loaded over ${l.ref.id} as the deployment's figures (version ${l.ref.version}), in place of the shipped example values.`)
      : t(`${l.file}：检查通过，已载入 ${l.ref.id}（版本 ${l.ref.version}），可在上方选择。`, `${l.file}: passes the lint, loaded as ${l.ref.id} (version ${l.ref.version}); choose it above.`))}</p>
       <p class="note" id="lint-verifier">${esc(verifierKnows(l.ref))}</p>`
    : `<div id="lint-finding"><p class="bad">${esc(t(`${l.file}：${l.problems.length} 处问题`, `${l.file}: ${l.problems.length} problem${l.problems.length === 1 ? "" : "s"}`))}</p>
       <ol class="lint-problems">${l.problems.map((d) => `<li class="finding fail"><strong>${esc(d.code)}</strong> <span class="clause">${esc(d.path)}</span> ${esc(t(d.message_zh, d.message_en))}</li>`).join("")}</ol></div>
       <p class="note">${esc(t(`${l.file} 未载入：政策文件有任何问题都不会改变引擎。`, `${l.file} was not loaded: a policy file with any problem changes nothing.`))}</p>`;
}

/** Whether the verifier has the policy just loaded, in the same version. */
function verifierKnows(ref) {
  const theirs = state.serverPolicies?.find((p) => p.id === ref.id);
  if (theirs && theirs.version === ref.version) {
    return t(`本演示的核验端载入了同一版本（${ref.version}）：两边按同样的数值核定。`, `This demo's verifier has loaded the same version (${ref.version}): both decide on the same figures.`);
  }
  if (theirs) {
    return t(`这份政策只在本页生效：核验端的 ${ref.id} 是版本 ${theirs.version}。`, `This policy lives in this page only: the verifier's ${ref.id} is version ${theirs.version}.`);
  }
  return t("自定义政策只在本页生效，核验端不认识它。", "A custom policy lives in this page only: the verifier does not know it.");
}

/** The policies (IDs and versions) the verifier serving this page has loaded; null when it cannot be asked. */
async function loadServerPolicies() {
  try {
    const res = await fetch("../v1/policies");
    state.serverPolicies = res.ok ? ((await res.json()).policies ?? null) : null;
  } catch {
    state.serverPolicies = null;
  }
}

// --- Start -------------------------------------------------------------------

async function start() {
  setupLanguageToggle();
  fillForm(sampleForm());
  renderSamples();
  renderDeployment();
  await engine();
  $("version").textContent = version();
  await fillPolicies(sampleForm().policy);
  for (const k of KINDS) $(`file-${k}`).addEventListener("change", () => onFile(k));
  $("policy-file").addEventListener("change", onPolicyFile);
  $("load-deployment").addEventListener("click", loadDeploymentExample);
  await loadServerPolicies();
  $("class-policy").addEventListener("change", compute);
  $("class-form").addEventListener("change", compute);
  $("punches-method").addEventListener("change", async () => {
    renderFileStatus();
    await compute();
  });
  $("compute").addEventListener("click", compute);
  onLanguageChange(async () => {
    await fillPolicies($("class-policy").value);
    renderFileStatus();
    renderErrors();
    renderLint();
    renderDeployment();
    renderResults();
  });
  renderResults();
  document.body.dataset.ready = "true";
}

start();
