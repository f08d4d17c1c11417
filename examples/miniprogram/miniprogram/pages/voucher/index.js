// My voucher: a token scanned (wx.scanCode), pasted or picked from the demo
// list is verified offline ("voucher.verify") against the authority's public
// keys, the trainee's holder pseudonym and the revocation list; its state
// comes from replaying the authority's event log ("voucher.replay"). A genuine
// voucher is shown as a QR code to present at check-in. What a forged or
// altered token says is shown apart, marked unverified, never as the
// voucher's fields.
const { attempt } = require("../../lib/engine");
const { t, pick, message } = require("../../lib/i18n");
const present = require("../../lib/present");
const { chinaMoment, showMoment } = require("../../lib/time");
const { VOUCHER_STATES } = require("../../lib/vocab");
const qr = require("../../lib/qr");
const demo = require("../../data/demo-vouchers.js");

const GENUINE_FAILURES = ["voucher.bad_encoding", "voucher.unknown_key", "voucher.bad_signature", "voucher.key_retired"];
const VALIDITY_FAILURES = ["voucher.not_yet_valid", "voucher.expired", "voucher.revoked"];

/** @type {{ records: Record<string, any>, revoked: string[], error?: any } | null} */
let lifecycle = null;

function replay() {
  return attempt("voucher.replay", { policy: demo.policy, events: demo.events }).then((r) => {
    if (r.error) return { records: {}, revoked: [], error: r.error };
    /** @type {Record<string, any>} */
    const records = {};
    for (const v of r.value.vouchers) records[v.voucher_id] = v;
    return { records, revoked: r.value.revoked };
  });
}

/** @param {any} f @param {boolean} unverified */
function fields(f, unverified) {
  const row = (/** @type {string} */ zh, /** @type {string} */ en, /** @type {string} */ value) => ({ label: t(zh, en), value: unverified ? `? ${value}` : value });
  return [
    row("券号", "Voucher ID", f.voucher_id),
    row("项目", "Programme", f.policy),
    row("专业", "Major", f.major),
    row("培训机构", "Institution", f.institution || t("不限", "any")),
    row("面值", "Face value", f.face_value && f.face_value.kind === "amount" ? `${f.face_value.yuan} ${t("元", "yuan")}` : t("按政策标准", "per policy")),
    row("有效期", "Valid", `${f.valid_from} — ${f.valid_until}`),
    row("签发时间", "Issued", showMoment(f.issued_at)),
  ];
}

Component({
  data: {
    labels: /** @type {Record<string, string>} */ ({}),
    demos: /** @type {Array<{ index: number, label: string }>} */ ([]),
    token: "",
    result: /** @type {any} */ (null),
    problem: /** @type {any} */ (null),
    scanNote: "",
  },
  methods: {
    onLoad() {
      this.setData({
        labels: {
          scan: t("扫码", "Scan"),
          check: t("核验", "Verify"),
          paste: t("或粘贴券码", "or paste the token"),
          demos: t("演示券：", "Demo vouchers:"),
          qr: t("签到时出示此码", "Show this code to check in"),
          unverified: t("未经核实的券码内容（不是这张券的事实）", "Unverified: what the token says, not the voucher's fields"),
        },
        demos: demo.vouchers.map((/** @type {any} */ v, /** @type {number} */ i) => ({ index: i, label: pick([v.label.zh, v.label.en]) })),
      });
    },
    /** @param {{ currentTarget: { dataset: { index: number } } }} e */
    pickDemo(e) {
      const token = demo.vouchers[Number(e.currentTarget.dataset.index)].token;
      this.setData({ token });
      return this.verify();
    },
    /** @param {{ detail: { value: string } }} e */
    onToken(e) {
      this.setData({ token: e.detail.value });
    },
    scan() {
      return new Promise((resolve) => {
        wx.scanCode({
          scanType: ["qrCode"],
          success: (res) => {
            this.setData({ token: res.result, scanNote: "" });
            resolve(this.verify());
          },
          fail: () => {
            this.setData({ scanNote: t("没有扫到券码，可以粘贴券码", "Nothing scanned: paste the token instead") });
            resolve(null);
          },
        });
      });
    },
    async verify() {
      const token = String(this.data.token || "").trim();
      if (!token) return;
      if (!lifecycle) lifecycle = await replay();
      const request = {
        token,
        keys: demo.keys,
        at: chinaMoment(),
        holder: demo.trainee.holder,
        policy: demo.policy,
        revoked: lifecycle.revoked,
      };
      const r = await attempt("voucher.verify", request);
      if (r.error) return this.setData({ result: null, problem: present.problem(r.error) });
      const v = r.value;
      const codes = v.failures.map((/** @type {any} */ f) => f.code);
      const genuine = v.signature_valid && !codes.some((/** @type {string} */ c) => GENUINE_FAILURES.includes(c));
      const validNow = genuine && !codes.some((/** @type {string} */ c) => VALIDITY_FAILURES.includes(c));
      const mine = genuine && v.checked.includes("holder") && !codes.includes("voucher.wrong_holder");
      const record = genuine && lifecycle.records[v.voucher.voucher_id];
      this.setData({
        problem: null,
        result: {
          valid: v.valid,
          verdict: message(v),
          genuine,
          genuineText: genuine ? t("真券：发券机关签名有效", "genuine: the authority's signature holds") : t("不是真券", "not genuine"),
          validNow,
          validText: validNow ? t("当前有效", "valid now") : t("当前无效", "not valid now"),
          mine,
          mineText: mine ? t("是本人的券", "yours") : t("不是本人的券", "not yours"),
          state: record ? record.state : "",
          stateText: record ? pick(VOUCHER_STATES[record.state], record.state) : genuine ? t("发券记录中没有这张券", "not in the authority's log") : "",
          failures: v.failures.map((/** @type {any} */ f) => ({
            code: f.code,
            ruleId: f.rule_id || "",
            clause: f.citation ? `${t("条款", "Clause")} ${f.citation.clause} · ${f.citation.document}` : "",
            message: message(f),
            noRule: f.no_rule ? message(f.no_rule) : "",
          })),
          fields: genuine ? fields(v.voucher, false) : [],
          unverified: v.unverified ? { message: message(v.unverified), fields: fields(v.unverified.fields, true) } : null,
          qr: genuine ? qr.dataUrl(token) : "",
          at: `${t("核验时间", "Checked at")} ${showMoment(v.at)}`,
        },
      });
    },
  },
});
