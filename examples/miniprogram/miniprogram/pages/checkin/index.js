// Check in / check out: the class's next session and whether the sign-in and
// sign-out windows are open now ("punch.check" at this moment); a punch is
// checked on the phone first, kept in the queue (lib/queue.js) and sent to
// the verifier when one is configured and the network allows.
const { attempt } = require("../../lib/engine");
const { t, pick, message } = require("../../lib/i18n");
const present = require("../../lib/present");
const { chinaDate, chinaMoment, showMoment } = require("../../lib/time");
const { WINDOW_STATES } = require("../../lib/vocab");
const { demoClass, METHOD, TRAINEE } = require("../../lib/democlass");
const queue = require("../../lib/queue");

/** @type {Record<string, [string, string]>} */
const KIND = { sign_in: ["签到", "sign-in"], sign_out: ["签退", "sign-out"] };

Component({
  data: {
    labels: /** @type {Record<string, string>} */ ({}),
    cls: /** @type {any} */ (null),
    info: /** @type {any} */ (null),
    windows: /** @type {any[]} */ ([]),
    next: "",
    now: "",
    punch: /** @type {any} */ (null),
    problem: /** @type {any} */ (null),
    queued: /** @type {any[]} */ ([]),
    refused: /** @type {any[]} */ ([]),
    send: /** @type {any} */ (null),
  },
  methods: {
    async onLoad() {
      this.setData({
        labels: {
          signIn: t("签到", "Sign in"),
          signOut: t("签退", "Sign out"),
          next: t("下一节课", "Next session"),
          queue: t("待发送的打卡", "Punches waiting to be sent"),
          empty: t("没有待发送的打卡", "Nothing waiting"),
          retry: t("立即发送", "Send now"),
          refused: t("核验端拒收", "Refused by the verifier"),
        },
      });
      const cls = await demoClass(chinaDate());
      this.setData({ cls });
      const c = cls.class;
      this.setData({
        info: {
          name: c.id,
          policy: cls.policy,
          dates: `${c.start} — ${c.end}`,
          sessions: c.sessions.map((/** @type {any} */ s) => `${s.start}–${s.end}`).join(", "),
          trainee: `${TRAINEE.name} (${TRAINEE.id})`,
          assumption: cls.assume
            ? t(
                `引擎的日历还没有 ${cls.unknownYears.join("、")} 年的放假安排（国务院通知发布后载入）；这些年份暂按“只有周末休息”计算，结果已标注此假设。`,
                `The engine's calendar has no holiday notice for ${cls.unknownYears.join(", ")} yet (it is loaded when the State Council publishes it); those days are taken as weekends-only, and the answers say so.`,
              )
            : "",
        },
      });
      this.renderQueue();
      return this.renderWindows();
    },
    /** @param {string} kind @param {string} at */
    question(kind, at) {
      const cls = this.data.cls;
      /** @type {Record<string, any>} */
      const q = { policy: cls.policy, class: cls.class, trainees: cls.trainees, trainee: TRAINEE.id, kind, at, method: METHOD };
      if (cls.assume) q.unknown_years = "assume_weekends_only";
      return q;
    },
    async renderWindows() {
      const at = chinaMoment();
      const windows = [];
      let next = null;
      for (const kind of ["sign_in", "sign_out"]) {
        const r = await attempt("punch.check", this.question(kind, at));
        if (r.error) {
          this.setData({ problem: present.problem(r.error) });
          continue;
        }
        const p = r.value;
        next = next || p.next_session;
        let when;
        if (p.acceptable) {
          when = t(`现在可以${KIND[kind][0]}，截止 ${showMoment(p.session.window_until)}`, `${KIND[kind][1]} open now, until ${showMoment(p.session.window_until)}`);
        } else if (p.opens_at) {
          when = t(`${pick(WINDOW_STATES[p.state])}：${KIND[kind][0]}时间 ${showMoment(p.opens_at)} 开始`, `${pick(WINDOW_STATES[p.state])}: the ${KIND[kind][1]} window opens at ${showMoment(p.opens_at)}`);
        } else {
          when = pick(WINDOW_STATES[p.state], p.state);
        }
        windows.push({ kind, label: pick(KIND[kind]), acceptable: p.acceptable, state: p.state, when });
      }
      this.setData({
        windows,
        next: next ? t(`${next.date} 第${next.number}节 ${next.start}—${next.end}`, `${next.date} session ${next.number}, ${next.start}–${next.end}`) : t("无", "none"),
        now: t(`现在 ${showMoment(at)}（北京时间）`, `Now ${showMoment(at)} (China time)`),
      });
    },
    renderQueue() {
      this.setData({
        queued: queue.queued().map((p) => ({ id: p.id, text: `${pick(KIND[p.kind])} ${showMoment(p.at)}` })),
        refused: queue
          .refused()
          .slice(-3)
          .reverse()
          .map((p) => ({ id: p.id, text: `${pick(KIND[p.kind])} ${showMoment(p.at)}`, reason: p.reason ? `${p.reason.code || p.reason.rule_id || ""}：${message(p.reason)}` : "" })),
      });
    },
    /** @param {{ currentTarget: { dataset: { kind: string } } }} e */
    async punchNow(e) {
      const kind = e.currentTarget.dataset.kind;
      const at = chinaMoment();
      const r = await attempt("punch.check", this.question(kind, at));
      if (r.error) return this.setData({ punch: null, problem: present.problem(r.error) });
      const c = r.value;
      let problem = null;
      if (c.acceptable) {
        try {
          queue.enqueue({ trainee: TRAINEE.id, kind, at, method: METHOD });
        } catch (err) {
          problem = present.problem(/** @type {any} */ (err));
        }
      }
      this.setData({
        problem,
        punch: {
          acceptable: c.acceptable && !problem,
          text: c.acceptable
            ? t(`${pick(KIND[kind])}已记录在本机`, `${pick(KIND[kind])} kept on this phone`)
            : t(`现在不能${pick(KIND[kind])}，未记录`, `no ${pick(KIND[kind])} now: not recorded`),
          findings: c.findings.map(present.finding),
        },
      });
      this.renderQueue();
      if (c.acceptable && !problem) await this.sendQueue();
      return this.renderWindows();
    },
    async sendQueue() {
      const cls = this.data.cls;
      const app = getApp();
      const result = await queue.flush({
        verifierUrl: (app && app.globalData.verifierUrl) || "",
        policy: cls.policy,
        cls: cls.class,
        trainees: cls.trainees,
        unknownYears: cls.assume ? "assume_weekends_only" : null,
      });
      let text = "";
      if (result.why === "no_verifier") {
        text = t("未配置核验端地址：打卡保存在本机", "No verifier configured: the punches are kept on this phone");
      } else if (result.held) {
        text = t(`核验端不接受这次提交（${result.why}），打卡保存在本机，可稍后点“立即发送”`, `The verifier did not accept the request (${result.why}); the punches are kept on this phone: use “Send now” later`);
      } else if (result.kept && !result.sent && !result.refused) {
        text = t(`暂未发送（${result.why}），已保存在本机，稍后重试`, `Not sent yet (${result.why}); kept on this phone and retried later`);
      } else if (result.sent || result.refused) {
        text = t(`已发送到核验端：${result.sent} 条，拒收 ${result.refused} 条`, `Sent to the verifier: ${result.sent}, refused: ${result.refused}`);
      }
      this.setData({ send: { ...result, text } });
      this.renderQueue();
      return result;
    },
  },
});
