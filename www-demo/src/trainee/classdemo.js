// The demo class, made relative to the page's "today" so that it is always in
// progress: it started on the Monday six weeks ago (or the next working day)
// and runs four months, on the working-day calendar. The engine's calendar
// knows the years of the State Council notices it carries (2019–2026 when this
// was written); when the class reaches a year it does not know, the page asks
// for the engine's flagged weekends-only assumption for that year and shows the
// assumption the engine reports: nothing is guessed silently.
import { addDays, addMonths, weekdayIndex } from "./time.js";
import { isPeixunError } from "./engine.js";

export const POLICY = "dalian-2023-major-conversion";
export const TRAINEE = { id: "T01", name: "王小明" };
export const METHOD = "voucher_qr"; // DL-P6: trainees check in with the electronic voucher

/** Whether the engine's calendar knows `year` (a notice is loaded). */
export function knowsYear(engine, year) {
  try {
    engine.calendarDay(`${year}-01-01`);
    return true;
  } catch (err) {
    if (isPeixunError(err) && err.code === "calendar.year_unknown") return false;
    throw err;
  }
}

/**
 * The demo class for `today` (`YYYY-MM-DD`, China): `{ policy, class, trainees,
 * assume (boolean), unknownYears: [years] }`.
 */
export function demoClass(engine, today) {
  const monday = addDays(today, -42 - weekdayIndex(today));
  const lastDay = addDays(addMonths(monday, 4), -1);
  const years = [];
  for (let y = Number(monday.slice(0, 4)); y <= Number(lastDay.slice(0, 4)); y++) years.push(y);
  const unknownYears = years.filter((y) => !knowsYear(engine, y));
  const assume = unknownYears.length > 0;
  const opts = assume ? { unknown_years: "assume_weekends_only" } : {};
  const start = engine.calendarDay(monday, opts).workday ? monday : engine.nextWorkday(monday, opts).result;
  const end = engine.calendarDay(lastDay, opts).workday ? lastDay : engine.previousWorkday(lastDay, opts).result;
  return {
    policy: POLICY,
    assume,
    unknownYears,
    class: {
      id: "大数据开发专业演示班期",
      major: "大数据开发",
      start,
      end,
      sessions: [{ start: "08:30", end: "11:45" }, { start: "13:30", end: "16:45" }],
      lessons_per_day: 8,
      lesson_minutes: 45,
    },
    trainees: [TRAINEE],
  };
}

// A small deterministic hash of a string, so that the demo history of a day
// is the same on every load.
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

const two = (n) => String(n).padStart(2, "0");

/**
 * The trainee's punches and leave on the training days before `today`: the
 * demo's record of the class so far. Most days both sessions are attended; a
 * few are missed, half missed or on sick leave, so that the calendar shows
 * every colour.
 */
export function demoHistory(engine, cls, today) {
  const opts = cls.assume ? { unknown_years: "assume_weekends_only" } : {};
  const punches = [];
  const leave = [];
  let n = 0;
  for (let d = cls.class.start; d < today && d <= cls.class.end; d = addDays(d, 1)) {
    if (!engine.calendarDay(d, opts).workday) continue;
    n += 1;
    const h = hash(d);
    const m = (k) => two((h >>> k) % 17);
    const p = (hm, kind) => punches.push({ trainee: TRAINEE.id, at: `${d}T${hm}:00+08:00`, kind, method: METHOD, device: "demo-history" });
    if (n === 7) {
      leave.push({ trainee: TRAINEE.id, date: d, kind: "sick" });
      continue;
    }
    if (n === 12) continue; // missed the whole day
    p(`08:${m(1)}`, "sign_in");
    p(`11:${45 + ((h >>> 3) % 14)}`, "sign_out");
    if (n === 17) continue; // missed the afternoon
    p(`13:${m(5)}`, "sign_in");
    p(`16:${45 + ((h >>> 7) % 14)}`, "sign_out");
  }
  return { punches, leave };
}
