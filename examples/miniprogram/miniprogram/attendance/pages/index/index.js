// My attendance: the engine's "attendance" report on the trainee's punches
// (the demo record of the class so far and the punches this phone sent),
// with the rate against the policy's threshold (DL-T4), the sessions still
// needed to reach it by the end of the class, and a month calendar coloured by
// the report's sign-in sheet. A check resting on a figure the deployment has
// not set (the shipped policy's example value) is shown as the engine gives
// it: needs review, with the message naming the parameter.
const { attempt } = require("../../../lib/engine");
const { t, pick } = require("../../../lib/i18n");
const present = require("../../../lib/present");
const { addDays, chinaDate, chinaMoment, weekdayIndex } = require("../../../lib/time");
const { MARKS } = require("../../../lib/vocab");
const { demoClass, demoHistory, TRAINEE } = require("../../../lib/democlass");
const queue = require("../../../lib/queue");

/**
 * `ceil(total × rate)` for a decimal rate given as text ("0.90"), in integers.
 * @param {number} total @param {string} rate
 */
function ceilShare(total, rate) {
  const [whole, frac = ""] = rate.split(".");
  const den = 10 ** frac.length;
  const num = Number(whole) * den + Number(frac || "0");
  return Math.floor((total * num + den - 1) / den);
}

/** The day up to which sessions count: today once its last session's sign-out window has passed. @param {any} cls @param {Date} now */
function countedUpTo(cls, now) {
  const today = chinaDate(now);
  const last = cls.class.sessions[cls.class.sessions.length - 1];
  const [h, m] = last.end.split(":").map(Number);
  const clock = chinaMoment(now).slice(11, 16).split(":").map(Number);
  return clock[0] * 60 + clock[1] >= h * 60 + m + 30 ? today : addDays(today, -1);
}

Component({
  data: {
    labels: /** @type {Record<string, string>} */ ({}),
    summary: /** @type {any} */ (null),
    findings: /** @type {any[]} */ ([]),
    pending: /** @type {any[]} */ ([]),
    assumption: "",
    month: "",
    monthTitle: "",
    cells: /** @type {any[]} */ ([]),
    legend: /** @type {any[]} */ ([]),
    problem: /** @type {any} */ (null),
  },
  methods: {
    async onLoad() {
      this.setData({
        labels: {
          prev: t("上月", "Previous"),
          next: t("下月", "Next"),
          pending: t("以下核对取决于部署方尚未设定的数值（随附政策中只是示例值），暂为“需核实”：", "These checks rest on figures the deployment has not set (the shipped policy has only example values), so they need review for now:"),
        },
        legend: ["attended", "partial", "missed", "leave", "holiday", "makeup_workday", "upcoming"].map((k) => ({ mark: k, label: pick(MARKS[k]) })),
      });
      const now = new Date();
      const today = chinaDate(now);
      const cls = await demoClass(today);
      const asOf = countedUpTo(cls, now);
      // The training days come from the engine (a report with no punches yet).
      /** @type {Record<string, any>} */
      const base = { policy: cls.policy, class: cls.class, trainees: cls.trainees, as_of: asOf < cls.class.start ? cls.class.start : asOf };
      if (cls.assume) base.unknown_years = "assume_weekends_only";
      const plan = await attempt("attendance", { ...base, punches: [] });
      if (plan.error) return this.setData({ problem: present.problem(plan.error) });
      const history = demoHistory(plan.value.class.training_days, today);
      const mine = queue
        .sent()
        .filter((p) => p.trainee === TRAINEE.id)
        .map(({ trainee, kind, at, method, device }) => ({ trainee, kind, at, method, device }));
      const r = await attempt("attendance", { ...base, punches: [...history.punches, ...mine], leave: history.leave });
      if (r.error) return this.setData({ problem: present.problem(r.error) });
      // Kept on the page instance, not in `data`: the view needs only what render* derives.
      const self = /** @type {any} */ (this);
      self.report = r.value;
      self.cls = cls;
      this.renderSummary();
      return this.showMonth(today.slice(0, 7));
    },
    renderSummary() {
      const r = /** @type {any} */ (this).report;
      const me = r.trainees.find((/** @type {any} */ x) => x.trainee === TRAINEE.id);
      const total = r.class.training_days.length * r.class.sessions.length;
      const threshold = me.threshold || "0.90";
      const goal = ceilShare(total, threshold);
      const stillNeeded = Math.max(0, goal - me.attended_sessions);
      const remaining = total - me.expected_sessions;
      const pct = (/** @type {string} */ s) => `${(Number(s) * 100).toFixed(2)}%`;
      this.setData({
        summary: {
          count: t(`出勤 ${me.attended_sessions} / 应到 ${me.expected_sessions} 节`, `${me.attended_sessions} of ${me.expected_sessions} sessions attended`),
          rate: t(`出勤率 ${pct(me.rate)}（要求不低于 ${pct(threshold)}）`, `Attendance ${pct(me.rate)} (at least ${pct(threshold)} required)`),
          met: me.meets_threshold,
          stillNeeded,
          needed:
            stillNeeded > remaining
              ? t(`全班共 ${total} 节，达到要求需出勤 ${goal} 节；剩余 ${remaining} 节已不够`, `The class has ${total} sessions; ${goal} are needed, and the ${remaining} left are not enough`)
              : t(`全班共 ${total} 节，达到要求需出勤 ${goal} 节：还需 ${stillNeeded} 节（剩余 ${remaining} 节）`, `The class has ${total} sessions; ${goal} are needed: ${stillNeeded} more (${remaining} left)`),
          leave: t(`计至 ${r.class.as_of}；病假 ${me.sick_leave} 节、事假 ${me.personal_leave} 节、缺勤 ${me.missed_sessions} 节`, `Counted up to ${r.class.as_of}; sick leave ${me.sick_leave}, personal leave ${me.personal_leave}, missed ${me.missed_sessions} sessions`),
        },
        findings: r.findings.filter((/** @type {any} */ f) => f.subject === TRAINEE.id).map(present.finding),
        pending: r.findings.filter((/** @type {any} */ f) => !f.subject && f.facts && f.facts.parameter).map(present.finding),
        assumption: r.assumptions && r.assumptions.length ? t(`本结果含假设：${r.assumptions.join("、")}（尚无放假安排的年份按只有周末休息计算）`, `This answer rests on an assumption: ${r.assumptions.join(", ")} (a year with no holiday notice is taken as weekends-only)`) : "",
      });
    },
    /** @param {string} month YYYY-MM */
    async showMonth(month) {
      const [y, m] = month.split("-").map(Number);
      const self = /** @type {any} */ (this);
      const sheet = self.report.sheet.find((/** @type {any} */ s) => s.month === month);
      const row = sheet && sheet.trainees.find((/** @type {any} */ x) => x.trainee === TRAINEE.id);
      const res = await attempt("calendar.month", { year: y, month: m, ...(self.cls.assume ? { unknown_years: "assume_weekends_only" } : {}) });
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const cells = [];
      for (let i = 0; i < weekdayIndex(`${month}-01`); i++) cells.push({ key: `blank-${i}`, day: "", mark: "blank" });
      for (let d = 1; d <= days; d++) {
        const date = `${month}-${String(d).padStart(2, "0")}`;
        const i = sheet ? sheet.days.findIndex((/** @type {any} */ x) => x.date === date) : -1;
        let mark = i >= 0 && row ? row.marks[i] : "outside";
        if (mark === "not_a_training_day" || mark === "outside") {
          const kind = i >= 0 ? sheet.days[i].kind : "";
          if (kind === "holiday" || kind === "makeup_workday") mark = kind;
        }
        cells.push({ key: date, day: d, date, mark, label: pick(MARKS[mark], "") });
      }
      this.setData({
        month,
        monthTitle: t(`${y}年${m}月`, `${month}`) + (res.value ? t(`（${res.value.count} 个工作日）`, ` (${res.value.count} working days)`) : ""),
        cells,
      });
    },
    /** @param {{ currentTarget: { dataset: { step: number } } }} e */
    step(e) {
      const [y, m] = this.data.month.split("-").map(Number);
      const d = new Date(Date.UTC(y, m - 1 + Number(e.currentTarget.dataset.step), 1));
      return this.showMonth(d.toISOString().slice(0, 7));
    },
  },
});
