// The demo class, relative to "today" so that it is always in progress (as on
// the H5 trainee page): it started on the Monday six weeks ago and runs four
// months on the working-day calendar. A year the engine's calendar has no
// State Council notice for is taken as weekends-only, with the engine's
// flagged assumption (`unknown_years`), and the pages say so.
const { attempt } = require("./engine");
const { addDays, addMonths, weekdayIndex } = require("./time");

const POLICY = "dalian-2023-major-conversion";
const TRAINEE = { id: "T01", name: "王小明" };
const METHOD = "voucher_qr"; // DL-P6: trainees check in with the electronic voucher

/** @param {number} year @returns {Promise<boolean>} */
function knowsYear(year) {
  return attempt("calendar.day", { date: `${year}-01-01` }).then((r) => {
    if (r.error && r.error.code === "calendar.year_unknown") return false;
    if (r.error) throw new Error(`${r.error.code}: ${r.error.message_en}`);
    return true;
  });
}

/**
 * The class for `today`: `{ policy, class, trainees, assume, unknownYears }`.
 * @param {string} today
 */
async function demoClass(today) {
  const monday = addDays(today, -42 - weekdayIndex(today));
  const lastDay = addDays(addMonths(monday, 4), -1);
  /** @type {number[]} */
  const unknownYears = [];
  for (let y = Number(monday.slice(0, 4)); y <= Number(lastDay.slice(0, 4)); y++) {
    if (!(await knowsYear(y))) unknownYears.push(y);
  }
  const assume = unknownYears.length > 0;
  const opts = assume ? { unknown_years: "assume_weekends_only" } : {};
  const day = (/** @type {string} */ date) => attempt("calendar.day", { date, ...opts }).then((r) => r.value);
  const start = (await day(monday)).workday ? monday : (await attempt("calendar.next", { date: monday, ...opts })).value.result;
  const end = (await day(lastDay)).workday ? lastDay : (await attempt("calendar.previous", { date: lastDay, ...opts })).value.result;
  return {
    policy: POLICY,
    assume,
    unknownYears,
    class: {
      id: "大数据开发专业演示班期",
      major: "大数据开发",
      start,
      end,
      sessions: [
        { start: "08:30", end: "11:45" },
        { start: "13:30", end: "16:45" },
      ],
      lessons_per_day: 8,
      lesson_minutes: 45,
    },
    trainees: [TRAINEE],
  };
}

/** A small deterministic hash, so that a day's demo record is the same on every load. @param {string} s */
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

const two = (/** @type {number} */ n) => String(n).padStart(2, "0");

/**
 * The trainee's punches and leave on the class's training days before `today`
 * (the demo's record so far): most days attended, a day of sick leave, a day
 * missed, an afternoon missed.
 * @param {string[]} trainingDays @param {string} today
 */
function demoHistory(trainingDays, today) {
  /** @type {Array<Record<string, string>>} */
  const punches = [];
  /** @type {Array<Record<string, string>>} */
  const leave = [];
  let n = 0;
  for (const d of trainingDays) {
    if (d >= today) break;
    n += 1;
    const h = hash(d);
    const p = (/** @type {string} */ hm, /** @type {string} */ kind) =>
      punches.push({ trainee: TRAINEE.id, at: `${d}T${hm}:00+08:00`, kind, method: METHOD, device: "demo-history" });
    if (n === 7) {
      leave.push({ trainee: TRAINEE.id, date: d, kind: "sick" });
      continue;
    }
    if (n === 12) continue;
    p(`08:${two((h >>> 1) % 17)}`, "sign_in");
    p(`11:${45 + ((h >>> 3) % 14)}`, "sign_out");
    if (n === 17) continue;
    p(`13:${two((h >>> 5) % 17)}`, "sign_in");
    p(`16:${45 + ((h >>> 7) % 14)}`, "sign_out");
  }
  return { punches, leave };
}

module.exports = { POLICY, TRAINEE, METHOD, demoClass, demoHistory };
