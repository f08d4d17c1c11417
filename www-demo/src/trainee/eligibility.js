// Eligibility self-check: a short form turned into an applicant (every fact
// the trainee leaves out stays absent, so the engine reports it "unknown"),
// checked with engine.checkEligibility. The phone never sends the
// social-insurance or ledger facts: only the authority has them, so the rules
// that need them come back "needs review", never a false yes.
import { esc } from "../shared/html.js";
import { t, lang, onLanguageChange } from "../shared/i18n.js";
import { attempt, engine } from "./engine.js";
import { PROVINCES, EDUCATION, KEY_GROUPS, DECISIONS } from "./vocab.js";
import { pick, findingHtml, problemHtml } from "./render.js";

const $ = (id) => document.getElementById(id);

function fillSelect(select, options, { blank = true } = {}) {
  const value = select.value;
  const l = lang();
  select.innerHTML =
    (blank ? `<option value="">${esc(t("（不填）", "(not stated)"))}</option>` : "") +
    options.map(([v, zh, en]) => `<option value="${esc(v)}">${esc(l === "en" ? en : zh)}</option>`).join("");
  select.value = value;
}

function fillForm(policies) {
  const l = lang();
  fillSelect($("elig-policy"), policies.map((p) => [p.id, p.title_zh, p.title_en]), { blank: false });
  for (const s of document.querySelectorAll("select.province")) fillSelect(s, PROVINCES.map(([c, zh, en]) => [c, `${zh} (${c})`, `${en} (${c})`]));
  fillSelect($("elig-education"), EDUCATION);
  const box = $("elig-groups");
  const checked = new Set([...box.querySelectorAll("input:checked")].map((i) => i.value));
  box.innerHTML = KEY_GROUPS.map(
    ([v, zh, en]) => `<label class="inline"><input type="checkbox" name="key_groups" value="${esc(v)}"${checked.has(v) ? " checked" : ""}> <span>${esc(l === "en" ? en : zh)}</span></label>`,
  ).join("");
}

/** The applicant the form describes: only what the trainee stated. */
export function applicantFromForm(form) {
  const data = new FormData(form);
  const a = { kind: "person" };
  if (data.get("hukou")) a.hukou_province = data.get("hukou");
  if (data.get("school_province")) a.school_province = data.get("school_province");
  const year = String(data.get("graduation_year") || "").trim();
  if (year) a.graduation_year = Number(year);
  if (data.get("education")) a.education = data.get("education");
  if (data.get("employed") === "yes") a.employed_since_graduation = true;
  if (data.get("employed") === "no") a.employed_since_graduation = false;
  const groups = data.getAll("key_groups");
  if (groups.length) a.key_groups = groups;
  else if (data.get("groups_none")) a.key_groups = [];
  return a;
}

let last = null;

function render() {
  const out = $("elig-result");
  if (!last) {
    out.innerHTML = "";
    return;
  }
  if (last.error) {
    out.innerHTML = problemHtml(last.error);
    return;
  }
  const v = last.value;
  const school = last.school ? `<p class="note">${esc(t("学校", "School"))}: ${esc(last.school)}</p>` : "";
  const reviewNote = v.decision === "needs_review"
    ? `<p class="note">${esc(t(
      "“需核实”不是“符合”：下面标为需核实的条件要由人社部门用社保缴费、参训台账等记录核实后才能确定。",
      "“Needs review” is not a yes: the conditions marked below are decided by the authority from social-insurance, ledger and other records.",
    ))}</p>`
    : "";
  out.innerHTML = `<div class="decision ${esc(v.decision)}" id="elig-decision" data-decision="${esc(v.decision)}">
      ${esc(pick(DECISIONS[v.decision], v.decision))}
      <span class="note">${esc(v.policy.id)} ${esc(v.policy.version)}</span></div>
    ${school}${reviewNote}
    <div class="findings">${v.findings.length
      ? v.findings.map((f) => findingHtml(v.policy.id, f)).join("")
      : `<p class="note" id="elig-none">${esc(t("这个项目的条件无法根据以上信息自测，由人社部门审核。",
        "None of this programme's conditions can be checked from these answers: the authority reviews."))}</p>`}</div>`;
}

export async function setupEligibility() {
  const e = await engine();
  const policies = e.listPolicies();
  fillForm(policies);
  $("elig-policy").value = "dalian-2023-major-conversion";
  $("elig-groups-none").addEventListener("change", (ev) => {
    if (ev.target.checked) for (const i of $("elig-groups").querySelectorAll("input")) i.checked = false;
  });
  $("elig-groups").addEventListener("change", (ev) => {
    if (ev.target.checked) $("elig-groups-none").checked = false;
  });
  $("elig-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const policy = form.elements.policy.value;
    const applicant = applicantFromForm(form);
    last = await attempt((en) => en.checkEligibility(policy, applicant));
    last.school = String(new FormData(form).get("school") || "").trim();
    render();
  });
  onLanguageChange(() => {
    fillForm(policies);
    render();
  });
}
