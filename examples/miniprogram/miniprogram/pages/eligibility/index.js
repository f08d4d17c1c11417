// Eligibility self-check. The questions are the chosen policy's (lib/questions.js
// asks the engine which facts its rules read); the verdict is the engine's,
// with each finding's rule, clause and message. What a phone cannot know is
// "needs review", never a yes.
const { attempt } = require("../../lib/engine");
const { t, pick } = require("../../lib/i18n");
const present = require("../../lib/present");
const questions = require("../../lib/questions");
const { PROVINCES, EDUCATION, KEY_GROUPS } = require("../../lib/vocab");

const DEFAULT_POLICY = "dalian-2023-major-conversion";

Component({
  data: {
    labels: /** @type {Record<string, string>} */ ({}),
    policies: /** @type {Array<{ id: string, title: string }>} */ ([]),
    policyTitles: /** @type {string[]} */ ([]),
    policyIndex: 0,
    questions: /** @type {any[]} */ ([]),
    authority: /** @type {string[]} */ ([]),
    provinceNames: PROVINCES.map((p) => `${p[1]} ${p[0]}`),
    educationNames: /** @type {string[]} */ ([]),
    answers: /** @type {Record<string, any>} */ ({}),
    shown: /** @type {Record<string, string>} */ ({}),
    verdict: /** @type {any} */ (null),
    problem: /** @type {any} */ (null),
  },
  methods: {
    onLoad() {
      this.setData({
        labels: {
          policy: t("培训项目", "Programme"),
          check: t("开始自测", "Check"),
          authority: t("以下条件由人社部门用社保、台账等记录核实，手机上无法自测：", "These conditions are checked by the authority from social-insurance, ledger and other records; a phone cannot check them:"),
          none: t("这个项目的条件无法根据个人回答自测，由人社部门审核。", "None of this programme's conditions can be checked from a person's answers: the authority reviews."),
          review: t("“需核实”不是“符合”：标为需核实的条件要由人社部门核实后才能确定。", "“Needs review” is not a yes: the conditions marked so are decided by the authority."),
          yes: t("是", "yes"),
          no: t("否", "no"),
          pick: t("请选择", "choose"),
        },
        educationNames: EDUCATION.map((e) => t(e[1], e[2])),
      });
      return attempt("policy.list", {}).then((r) => {
        if (r.error) return this.setData({ problem: present.problem(r.error) });
        const list = r.value.policies.map((/** @type {any} */ p) => ({ id: p.id, title: t(p.title_zh, p.title_en) }));
        const index = Math.max(0, list.findIndex((/** @type {any} */ p) => p.id === DEFAULT_POLICY));
        this.setData({ policies: list, policyTitles: list.map((/** @type {any} */ p) => p.title), policyIndex: index });
        return this.loadQuestions();
      });
    },
    policyId() {
      const p = this.data.policies[this.data.policyIndex];
      return p ? p.id : DEFAULT_POLICY;
    },
    /** The policy's questions: the facts its findings name for an applicant who stated nothing. */
    loadQuestions() {
      return attempt("eligibility", { policy: this.policyId(), applicant: { kind: "person" } }).then((r) => {
        if (r.error) return this.setData({ problem: present.problem(r.error) });
        const found = questions.fromVerdict(r.value);
        this.setData({
          questions: found.questions.map((q) => ({
            key: q.key,
            kind: q.kind,
            label: pick(q.label),
            groups: q.kind === "groups" ? KEY_GROUPS.map((g) => ({ value: g[0], label: t(g[1], g[2]) })) : [],
          })),
          authority: found.authority,
          answers: {},
          verdict: null,
          problem: null,
        });
      });
    },
    /** @param {{ detail: { value: string } }} e */
    onPolicy(e) {
      this.setData({ policyIndex: Number(e.detail.value) });
      return this.loadQuestions();
    },
    /** @param {{ currentTarget: { dataset: { key: string, kind: string } }, detail: { value: any } }} e */
    onAnswer(e) {
      const { key, kind } = e.currentTarget.dataset;
      let value = e.detail.value;
      if (kind === "province") value = PROVINCES[Number(value)][0];
      if (kind === "education") value = EDUCATION[Number(value)][0];
      /** @type {Record<string, any>} */
      const patch = {};
      patch[`answers.${key}`] = value;
      if (kind === "province" || kind === "education") patch[`shown.${key}`] = kind === "province" ? this.data.provinceNames[Number(e.detail.value)] : this.data.educationNames[Number(e.detail.value)];
      this.setData(patch);
    },
    check() {
      const applicant = questions.applicant(this.data.answers);
      return attempt("eligibility", { policy: this.policyId(), applicant }).then((r) => {
        if (r.error) return this.setData({ verdict: null, problem: present.problem(r.error) });
        const v = r.value;
        this.setData({
          problem: null,
          verdict: {
            ...present.decision(v.decision),
            policy: `${v.policy.id} ${v.policy.version}`,
            findings: v.findings.map(present.finding),
            needsReview: v.decision === "needs_review",
          },
        });
      });
    },
  },
});
