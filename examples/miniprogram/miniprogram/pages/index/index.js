// Home: the four things a trainee does, the language switch, and whether the
// engine could start on this phone (a base library too old is said here, in
// the platform's words and ours).
const { engine, asProblem } = require("../../lib/engine");
const { t, lang } = require("../../lib/i18n");
const present = require("../../lib/present");

Component({
  data: {
    labels: /** @type {Record<string, string>} */ ({}),
    status: "starting",
    version: "",
    problem: /** @type {{ code: string, path: string, message: string } | null} */ (null),
  },
  methods: {
    onLoad() {
      this.render();
      engine()
        .ready.then((info) => {
          const up = /** @type {{ version?: string }} */ (info || {});
          this.setData({ status: "ready", version: up.version || "" });
        })
        .catch((err) => this.setData({ status: "failed", problem: present.problem(asProblem(err)) }));
    },
    render() {
      this.setData({
        labels: {
          title: t("我的职业培训", "My vocational training"),
          eligibility: t("资格自测", "Am I eligible?"),
          voucher: t("我的培训券", "My voucher"),
          checkin: t("签到签退", "Check in / out"),
          attendance: t("我的出勤", "My attendance"),
          switchLang: lang() === "en" ? "中文" : "English",
          ready: t("政策引擎已在本机就绪，自测结果离线计算", "The policy engine is ready on this phone; answers are computed offline"),
          starting: t("正在加载政策引擎……", "Loading the policy engine…"),
        },
      });
    },
    /** @param {{ currentTarget: { dataset: { url: string } } }} e */
    go(e) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
    switchLang() {
      const app = getApp();
      app.globalData.lang = lang() === "en" ? "zh" : "en";
      this.render();
    },
  },
});
