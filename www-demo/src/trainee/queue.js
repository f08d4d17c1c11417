// The punch queue. The engine does no I/O (it only says whether a punch is
// acceptable), so keeping and sending punches is this page's job. Keeping is
// done by the queue's own WebAssembly module (www-demo/queue, Rust over
// localStorage through gloo-storage, built into ./queue-wasm/ by
// scripts/build-demo.sh); sending is done here: fetch, the `online` event and
// retries are the page's I/O.
//
// A punch is written to localStorage first and only then sent to the
// verifier (POST ../v1/punches, same origin). It leaves the queue when the
// verifier answers for it — recorded or duplicate (kept in the "sent" list,
// which the attendance view counts) or refused (kept in the "refused" list and
// shown; both lists keep only their most recent entries, see MAX_SENT and
// MAX_REFUSED in www-demo/queue). A network error, a 408, 429 or 5xx, or any
// answer that does not list it leaves it queued; the page retries on load, on
// the `online` event, on the next punch and on request. Each punch has a
// client-made UUID, so sending it twice is harmless (the verifier answers
// "duplicate").
//
// When the verifier refuses the whole request (another 4xx), the queue's
// module reads its error: a problem at `$.punches[i]…` moves punch i to the
// refused list and the rest are sent again at once; a 413 (too many punches,
// or too large a body) halves the batch; any other problem (the class or
// policy this page sent) keeps every punch queued and is shown, and nothing is
// sent again until the next punch, the `online` event or the trainee's retry.
//
// localStorage rather than IndexedDB: a day's punches are a few hundred bytes,
// the API is synchronous (no half-written state across a reload) and it exists
// in every mini-program web-view.
import init, { PunchQueue, PunchQueueError } from "./queue-wasm/peixun_punch_queue.js";

const PREFIX = "peixun.trainee";

let q = null;
let loading = null;

/**
 * Loads the queue's module (once); every other function here needs it.
 * Rejects when the module cannot load or the browser keeps no storage.
 */
export function loadQueue() {
  loading ??= (async () => {
    // Storage turned off (some private modes) throws on first touch: find out
    // here rather than half-way through a call into the module.
    void localStorage.length;
    await init();
    q = new PunchQueue(PREFIX);
  })();
  return loading;
}

function need() {
  if (!q) throw new Error("the punch queue is not loaded (await loadQueue())");
  return q;
}

/** A refusal of the queue as `{ code, path, message_zh, message_en }`, or null. */
export function queueProblem(err) {
  return err?.queueProblem || null;
}

// Runs a call into the module; a PunchQueueError becomes an Error carrying
// `queueProblem` (the same shape as the engine's problems on the page).
function call(fn) {
  try {
    return fn(need());
  } catch (err) {
    if (err instanceof PunchQueueError) {
      const problem = { code: err.code, path: err.path, message_zh: err.messageZh, message_en: err.messageEn };
      err.free();
      throw Object.assign(new Error(`${problem.code}: ${problem.message_en}`), { queueProblem: problem });
    }
    throw err;
  }
}

export const queued = () => JSON.parse(need().queued());
export const sent = () => JSON.parse(need().sent());
export const refused = () => JSON.parse(need().refused());
/** What was found wrong in this phone's storage (and worked around). */
export const problems = () => JSON.parse(need().problems());

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** This phone's device name, made once and kept. */
export function deviceId() {
  return call((queue) => queue.deviceId(`phone-${uuid().slice(0, 8)}`));
}

/**
 * Adds a punch to the queue (before any attempt to send it); returns it.
 * Throws (see queueProblem) when the queue is full or storage refuses it.
 */
export function enqueue({ trainee, kind, at, method }) {
  const punch = { id: uuid(), trainee, kind, at, method, device: deviceId() };
  return JSON.parse(call((queue) => queue.enqueue(JSON.stringify(punch))));
}

let sending = null;
// How many punches one request carries: the whole queue, until the verifier
// answers 413; then half as many, for as long as the page is open.
let batchSize = null;

async function post(url, request, punches) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...request, punches }),
      cache: "no-store",
    });
  } catch (err) {
    return { network: String(err?.message || err) };
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return { status: response.status, ok: response.ok, body };
}

/**
 * Sends every queued punch: one request, or several when the verifier refuses
 * punches of it or asks for smaller batches (each further request follows an
 * answer that moved a punch out of the queue or halved the batch, so this
 * ends). Resolves to `{ sent, refused, kept, error }`: `error` is null, or
 * `{ network, message }`, or `{ status, problem, held }` (the verifier's
 * error answer or the queue's problem recording an answer; `held`: the
 * request itself was refused, so it is not sent again until the next punch,
 * the `online` event or the trainee's retry).
 * Only one send runs at a time; a second call waits for it.
 */
export function flush({ policy, cls, trainees, unknownYears, url = "../v1/punches" }) {
  if (sending) return sending;
  const request = { policy, class: cls, trainees, ...(unknownYears ? { unknown_years: unknownYears } : {}) };
  sending = (async () => {
    const out = { sent: [], refused: [], kept: [], error: null };
    for (;;) {
      const punches = JSON.parse(batchSize ? need().batchOf(batchSize) : need().batch());
      out.kept = punches;
      if (!punches.length) return out;
      const r = await post(url, request, punches);
      if (r.network !== undefined) {
        out.kept = queued();
        out.error = { network: true, message: r.network };
        return out;
      }
      let step;
      try {
        // The module re-reads the queue: a punch added while the request was
        // in flight stays queued, and so does any punch the answer does not name.
        step = r.ok
          ? { action: "applied", ...JSON.parse(call((queue) => queue.apply(JSON.stringify(r.body)))) }
          : JSON.parse(call((queue) => queue.applyError(r.status, JSON.stringify(punches), JSON.stringify(r.body))));
      } catch (err) {
        const problem = queueProblem(err);
        if (!problem) throw err;
        out.kept = queued();
        out.error = { status: r.status, problem, held: false };
        return out;
      }
      out.kept = queued();
      if (step.action === "applied" || step.action === "refused") {
        out.sent.push(...step.sent);
        out.refused.push(...step.refused);
        // Go on only when this answer moved a punch: else the same request
        // would get the same answer.
        if (!step.sent.length && !step.refused.length) return out;
      } else if (step.action === "split") {
        batchSize = step.size;
      } else {
        out.error = { status: r.status, problem: step.problem, held: step.action === "hold" };
        return out;
      }
    }
  })();
  return sending.finally(() => {
    sending = null;
  });
}
