// The phone's punch queue, in wx storage: a punch the engine found acceptable
// is kept here first and sent to the verifier (`POST /v1/punches`) when there
// is one and the network allows. What the verifier answers decides:
// - recorded / duplicate: the punch moves to the sent list;
// - refused: it moves to the refused list, with the verifier's reason;
// - no network, 408, 429, 5xx: everything stays queued and is sent again later;
// - another 4xx about one punch (`$.punches[i]…`): that punch is refused, the
//   others stay; about the request itself: everything stays, held until the
//   trainee retries (sending it unchanged would be refused again).
// The verifier's domain must be a 合法域名 (request) in the admin console.

const KEY = "peixun.punches";
const MAX_QUEUED = 500;
const MAX_SENT = 1000;
const MAX_REFUSED = 200;

/** @typedef {{ id: string, trainee: string, kind: string, at: string, method?: string, device?: string }} Punch */
/** @typedef {{ queued: Punch[], sent: Array<Punch & { status: string }>, refused: Array<Punch & { reason: any }> }} Store */

/** @returns {Store} */
function load() {
  const v = wx.getStorageSync(KEY);
  return v && Array.isArray(v.queued) ? v : { queued: [], sent: [], refused: [] };
}

/** @param {Store} s */
function save(s) {
  s.sent = s.sent.slice(-MAX_SENT);
  s.refused = s.refused.slice(-MAX_REFUSED);
  wx.setStorageSync(KEY, s);
}

let counter = 0;

/** Keeps an acceptable punch; throws a problem object when the queue is full. @param {Omit<Punch, "id">} punch */
function enqueue(punch) {
  const s = load();
  if (s.queued.length >= MAX_QUEUED) {
    throw { code: "queue.full", path: "$", message_zh: `待发送的打卡已达 ${MAX_QUEUED} 条，请联网发送后再打卡`, message_en: `${MAX_QUEUED} punches are waiting: send them before punching again` };
  }
  counter += 1;
  const id = `mp-${punch.trainee}-${punch.at.replace(/\D/g, "").slice(0, 14)}-${punch.kind}-${counter}`;
  const kept = { id, ...punch };
  s.queued.push(kept);
  save(s);
  return kept;
}

/** @param {string} url @param {object} data @returns {Promise<{ statusCode?: number, data?: any, fail?: string }>} */
function post(url, data) {
  return new Promise((resolve) => {
    wx.request({
      url,
      method: "POST",
      data,
      header: { "content-type": "application/json" },
      timeout: 15000,
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
      fail: (err) => resolve({ fail: err && err.errMsg ? err.errMsg : "request:fail" }),
    });
  });
}

/**
 * Sends what is queued. ctx: `{ verifierUrl, policy, cls, trainees, unknownYears }`.
 * Resolves to `{ sent, refused, kept, held, why }` (counts and a reason).
 * @param {{ verifierUrl: string, policy: string, cls: object, trainees: object[], unknownYears?: string | null }} ctx
 */
async function flush(ctx) {
  const s = load();
  const batch = s.queued.slice();
  if (!batch.length) return { sent: 0, refused: 0, kept: 0, held: false, why: "" };
  if (!ctx.verifierUrl) return { sent: 0, refused: 0, kept: batch.length, held: true, why: "no_verifier" };
  /** @type {Record<string, any>} */
  const body = { policy: ctx.policy, class: ctx.cls, trainees: ctx.trainees, punches: batch };
  if (ctx.unknownYears) body.unknown_years = ctx.unknownYears;
  const res = await post(`${ctx.verifierUrl.replace(/\/$/, "")}/v1/punches`, body);
  const now = load();
  const result = { sent: 0, refused: 0, kept: 0, held: false, why: "" };
  if (res.fail || res.statusCode === 408 || res.statusCode === 429 || (res.statusCode || 0) >= 500) {
    result.kept = now.queued.length;
    result.why = res.fail ? "network" : `http.${res.statusCode}`;
    return result;
  }
  if (res.statusCode === 200 && res.data && Array.isArray(res.data.received)) {
    /** @type {Record<string, any>} */
    const byId = {};
    for (const a of res.data.received) byId[a.id] = a;
    now.queued = now.queued.filter((p) => {
      const a = byId[p.id];
      if (!a) return true;
      if (a.status === "recorded" || a.status === "duplicate") {
        now.sent.push({ ...p, status: a.status });
        result.sent += 1;
      } else {
        const failed = a.check && Array.isArray(a.check.findings) ? a.check.findings.filter((/** @type {any} */ f) => f.status === "fail") : [];
        now.refused.push({ ...p, reason: a.reason || failed[0] || { code: "punch.refused", message_zh: "核验端拒收", message_en: "refused by the verifier" } });
        result.refused += 1;
      }
      return false;
    });
    result.kept = now.queued.length;
    save(now);
    return result;
  }
  // Another answer: the verifier refused the request; a path inside one punch refuses that punch only.
  const problem = res.data && res.data.error;
  const m = problem && /^\$\.punches\[(\d+)\]/.exec(problem.path || "");
  if (m && batch[Number(m[1])]) {
    const bad = batch[Number(m[1])];
    now.queued = now.queued.filter((p) => p.id !== bad.id);
    now.refused.push({ ...bad, reason: problem });
    result.refused = 1;
    result.kept = now.queued.length;
    save(now);
    return result;
  }
  result.kept = now.queued.length;
  result.held = true;
  result.why = problem ? `${problem.code}` : `http.${res.statusCode}`;
  return result;
}

module.exports = {
  enqueue,
  flush,
  queued: () => load().queued,
  sent: () => load().sent,
  refused: () => load().refused,
  clear: () => wx.removeStorageSync(KEY),
  KEY,
};
