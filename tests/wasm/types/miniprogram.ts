// The mini-program entry's types, compiled without the DOM library
// (tsconfig.nodom.json: lib ES2020, skipLibCheck false), as a mini-program
// project compiles them.

import {
  checkRuntime,
  connectWorker,
  createEngine,
  DEFAULT_PATH,
  isPeixunError,
  MIN_BASE_LIBRARY,
  type MiniProgramWorker,
  type PunchCheck,
  type RuntimeInfo,
  type Verdict,
  type WorkerEngine,
  type WorkerInfo,
} from "peixun/miniprogram";

declare function createWorker(scriptPath: string): MiniProgramWorker;

async function onPage(): Promise<void> {
  const info: RuntimeInfo = checkRuntime({ path: DEFAULT_PATH });
  const min: string = MIN_BASE_LIBRARY.wechatBrotli;
  const engine = await createEngine();
  const day = engine.calendarDay("2023-10-07");
  console.log(info.platform, info.baseLibrary, min, day.kind);
}

async function inWorker(): Promise<void> {
  const engine: WorkerEngine = connectWorker(createWorker("workers/peixun/index.js"), { initTimeoutMs: 10000 });
  const up: WorkerInfo = await engine.ready;
  const verdict: Verdict = await engine.call("eligibility", {
    policy: "dalian-2023-major-conversion",
    applicant: { kind: "person", hukou_province: "21" },
  });
  const check: PunchCheck = await engine.call("punch.check", {
    policy: "fushun-2024-major-conversion",
    class: { id: "C1", start: "2024-03-04", end: "2024-03-29", sessions: [{ start: "08:30", end: "11:45" }] },
    trainee: "T01",
    kind: "sign_in",
    at: "2024-03-04T08:00:00+08:00",
  });
  const text: string = await engine.handleJson("calendar.day", JSON.stringify({ date: "2023-10-07" }));
  try {
    await engine.call("id.check", { number: "123" });
  } catch (err) {
    if (isPeixunError(err)) console.log(err.code, err.path, err.messageZh, err.messageEn);
  }
  // @ts-expect-error: the request of a known operation is typed in the worker too
  await engine.call("calendar.add", { date: "2023-09-28" });
  // @ts-expect-error: a worker is what createWorker returns, not a path
  connectWorker("workers/peixun/index.js");
  engine.terminate();
  console.log(up.version, verdict.decision, check.acceptable, text);
}

void onPage();
void inWorker();
