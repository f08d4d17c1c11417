// The punch queue. The engine does no I/O (it only says whether a punch is
// acceptable), so keeping and sending punches is this page's job: a punch is
// written to localStorage first and only then sent to the verifier
// (POST ../v1/punches, same origin). It leaves the queue when the verifier
// answers for it — recorded or duplicate (kept in the "sent" list, which the
// attendance view counts) or refused (kept in the "refused" list and shown).
// A network error, a 5xx or any answer that does not list it leaves it queued;
// the page retries on load, on the `online` event and on request. Each punch
// has a client-made UUID, so sending it twice is harmless (the verifier
// answers "duplicate").
//
// localStorage rather than IndexedDB: a day's punches are a few hundred bytes,
// the API is synchronous (no half-written state across a reload) and it exists
// in every mini-program web-view.

const QUEUE = "peixun.trainee.queue";
const SENT = "peixun.trainee.sent";
const REFUSED = "peixun.trainee.refused";
const DEVICE = "peixun.trainee.device";

function read(key) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || "[]");
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function write(key, list) {
  localStorage.setItem(key, JSON.stringify(list));
}

export const queued = () => read(QUEUE);
export const sent = () => read(SENT);
export const refused = () => read(REFUSED);

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
  let id = localStorage.getItem(DEVICE);
  if (!id) {
    id = `phone-${uuid().slice(0, 8)}`;
    localStorage.setItem(DEVICE, id);
  }
  return id;
}

/** Adds a punch to the queue (before any attempt to send it); returns it. */
export function enqueue({ trainee, kind, at, method }) {
  const punch = { id: uuid(), trainee, kind, at, method, device: deviceId() };
  write(QUEUE, [...queued(), punch]);
  return punch;
}

let sending = null;

/**
 * Sends every queued punch in one request. Resolves to `{ sent, refused,
 * kept, error }` (error: a network failure or the verifier's error answer).
 * Only one send runs at a time; a second call waits for it.
 */
export function flush({ policy, cls, trainees, unknownYears, url = "../v1/punches" }) {
  if (sending) return sending;
  sending = (async () => {
    const punches = queued();
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
    if (!response.ok || !Array.isArray(body?.received)) {
      return { sent: [], refused: [], kept: punches, error: { status: response.status, problem: body?.error || null } };
    }
    const answers = new Map(body.received.map((r) => [r.id, r]));
    const done = [];
    const no = [];
    // Re-read the queue: a punch added while the request was in flight stays.
    const keep = [];
    for (const p of queued()) {
      const a = answers.get(p.id);
      if (a && (a.status === "recorded" || a.status === "duplicate")) done.push({ ...p, status: a.status, check: a.check ?? null });
      else if (a && a.status === "refused") no.push({ ...p, status: a.status, check: a.check ?? null, reason: a.reason ?? null });
      else keep.push(p);
    }
    write(SENT, [...sent(), ...done]);
    write(REFUSED, [...refused(), ...no]);
    write(QUEUE, keep);
    return { sent: done, refused: no, kept: keep, error: null };
  })();
  return sending.finally(() => {
    sending = null;
  });
}
