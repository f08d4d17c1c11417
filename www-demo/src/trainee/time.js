// China Standard Time (UTC+08:00, no daylight saving) for the page: the
// engine wants every moment with its offset, and the class's days are China
// days whatever the phone's own time zone is.

const CST_MS = 8 * 3600 * 1000;
const pad = (n, w = 2) => String(n).padStart(w, "0");

/** The moment `date` (default: now) as RFC 3339 in +08:00, to the second. */
export function chinaMoment(date = new Date()) {
  const t = new Date(date.getTime() + CST_MS);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+08:00`;
}

/** The China date (`YYYY-MM-DD`) of `date` (default: now). */
export function chinaDate(date = new Date()) {
  return chinaMoment(date).slice(0, 10);
}

/** `YYYY-MM-DD` plus `n` calendar days. */
export function addDays(day, n) {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus `n` months (the day clamped to the month's length). */
export function addMonths(day, n) {
  const [y, m, d] = day.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Day of the week of a date, 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day) {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** "2026-11-25T08:30:00+08:00" → "2026-11-25 08:30" (the China wall clock). */
export function showMoment(moment) {
  if (!moment) return "";
  const ms = Date.parse(moment);
  if (Number.isNaN(ms)) return String(moment);
  return chinaMoment(new Date(ms)).slice(0, 16).replace("T", " ");
}
