// China Standard Time (UTC+08:00, no daylight saving): the engine's moments
// carry the offset, and "today" is China's.

const two = (/** @type {number} */ n) => String(n).padStart(2, "0");

/** The moment `now` in China time, RFC 3339 with +08:00. @param {Date} [now] */
function chinaMoment(now) {
  const d = new Date((now || new Date()).getTime() + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}+08:00`;
}

/** Today's date in China, YYYY-MM-DD. @param {Date} [now] */
function chinaDate(now) {
  return chinaMoment(now).slice(0, 10);
}

/** @param {string} date @param {number} n */
function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** @param {string} date @param {number} n */
function addMonths(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + n);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6. @param {string} date */
function weekdayIndex(date) {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** "2024-03-04 08:30" from a moment with its offset. @param {string} moment */
function showMoment(moment) {
  return moment ? moment.slice(0, 16).replace("T", " ") : "";
}

module.exports = { chinaMoment, chinaDate, addDays, addMonths, weekdayIndex, showMoment };
