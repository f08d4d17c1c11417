// The policy's questions, asked of the engine rather than written per policy:
// the page checks an empty applicant, and every fact the policy's findings
// name (with no value yet) that a trainee can state is a question, in the
// order of the policy's rules. The rest (social-insurance records, the
// ledger, the integrity record…) only the authority can know: those rules are
// listed as "checked by the authority", never asked.

/** @typedef {{ key: string, kind: "province" | "education" | "year" | "yesno" | "text" | "groups", facts: string[], label: [string, string] }} Question */

/** @type {Question[]} */
const QUESTIONS = [
  { key: "hukou_province", kind: "province", facts: ["hukou_province"], label: ["户籍所在省份", "Province of household registration"] },
  { key: "school_province", kind: "province", facts: ["school_province"], label: ["学校所在省份", "Province of your school"] },
  { key: "education", kind: "education", facts: ["education"], label: ["学历类型", "Type of schooling"] },
  { key: "graduation_year", kind: "year", facts: ["graduation_year"], label: ["毕业年份", "Year of graduation"] },
  { key: "employed_since_graduation", kind: "yesno", facts: ["employed_since_graduation"], label: ["毕业后是否有过单位就业", "Employed by a unit since graduating?"] },
  { key: "major", kind: "text", facts: ["major"], label: ["想参加的培训专业", "The major you want to train in"] },
  { key: "key_groups", kind: "groups", facts: ["key_groups", "key_groups_zh"], label: ["属于以下哪些人员", "Which of these are you?"] },
  { key: "enterprise_employee", kind: "yesno", facts: ["enterprise_employee"], label: ["是否为企业在职职工", "Employed by an enterprise now?"] },
];

/**
 * The questions and the authority's checks an empty applicant's verdict shows.
 * @param {{ findings: Array<{ rule_id: string, facts?: Record<string, unknown> }> }} verdict
 */
function fromVerdict(verdict) {
  /** @type {Question[]} */
  const asked = [];
  /** @type {string[]} */
  const authority = [];
  for (const f of verdict.findings) {
    const facts = Object.keys(f.facts || {});
    const own = QUESTIONS.filter((q) => q.facts.some((name) => facts.includes(name)));
    for (const q of own) if (!asked.includes(q)) asked.push(q);
    if (own.length === 0) authority.push(f.rule_id);
  }
  return { questions: asked, authority };
}

/**
 * The applicant the answers describe: only what the trainee stated (what is
 * left out stays absent, and the engine reports it unknown).
 * @param {Record<string, any>} answers
 */
function applicant(answers) {
  /** @type {Record<string, any>} */
  const a = { kind: "person" };
  for (const q of QUESTIONS) {
    const v = answers[q.key];
    if (v === undefined || v === null || v === "") continue;
    if (q.kind === "year") {
      const year = Number(String(v).trim());
      a[q.key] = Number.isInteger(year) ? year : String(v).trim();
    } else if (q.kind === "yesno") {
      if (v === "yes") a[q.key] = true;
      if (v === "no") a[q.key] = false;
    } else if (q.kind === "groups") {
      if (Array.isArray(v) && v.length) a[q.key] = v;
    } else {
      a[q.key] = String(v).trim();
    }
  }
  return a;
}

module.exports = { QUESTIONS, fromVerdict, applicant };
