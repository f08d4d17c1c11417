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
// shown). A network error, a 5xx or any answer that does not list it leaves
// it queued; the page retries on load, on the `online` event and on request.
// Each punch has a client-made UUID, so sending it twice is harmless (the
// verifier answers "duplicate").
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

/**
 * Sends every queued punch in one request. Resolves to `{ sent, refused,
 * kept, error }` (error: a network failure, the verifier's error answer, or
 * the queue's problem recording the answer).
 * Only one send runs at a time; a second call waits for it.
 */
export function flush({ policy, cls, trainees, unknownYears, url = "../v1/punches" }) {
  if (sending) return sending;
  sending = (async () => {
    const punches = JSON.parse(need().batch());
    if (!punches.length) return { sent: [], refused: [], kept: [], error: null };
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ policy, class: cls, trainees, punches, ...(unknownYears ? { unknown_years: unknownYears } : {}) }),
        cache: "no-store",
      });
    } catch (err) {
      return { sent: [], refused: [], kept: punches, error: { network: true, message: String(err?.message || err) } };
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) {
      return { sent: [], refused: [], kept: punches, error: { status: response.status, problem: body?.error || null } };
    }
    // The module re-reads the queue: a punch added while the request was in
    // flight stays queued, and so does any punch the answer does not name.
    try {
      return { ...JSON.parse(call((queue) => queue.apply(JSON.stringify(body)))), error: null };
    } catch (err) {
      const problem = queueProblem(err);
      if (!problem) throw err;
      return { sent: [], refused: [], kept: queued(), error: { status: response.status, problem } };
    }
  })();
  return sending.finally(() => {
    sending = null;
  });
}
