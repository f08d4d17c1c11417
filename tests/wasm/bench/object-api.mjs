// The object API against the text API, taken apart (Node, the built pkg/):
//   node tests/wasm/bench/object-api.mjs
// Each measurement is the median of 10 alternating blocks of 500 calls, after
// 2,000 warm-up calls of each, so that none is measured warmer or under less
// garbage than another.
import { Engine } from "../node_modules/peixun/node/index.mjs";

const engine = new Engine();
const DALIAN = "dalian-2023-major-conversion";
const applicant = {
  kind: "person", hukou_province: "21", school_province: "21", education: "full_time_college",
  graduation_year: 2022, employed_since_graduation: false,
};
const request = { policy: DALIAN, applicant };
const answer = engine.handleJson("eligibility", JSON.stringify(request));
if (JSON.stringify(engine.call("eligibility", request)) !== JSON.stringify(JSON.parse(answer))) {
  throw new Error("the object and the text API answer differently");
}
const day = { date: "2023-10-07" };
const dayText = JSON.stringify(day);

const cases = {
  "checkEligibility(policy, object)": () => engine.checkEligibility(DALIAN, applicant),
  'call("eligibility", object)': () => engine.call("eligibility", request),
  'handleJson("eligibility", text)': () => engine.handleJson("eligibility", JSON.stringify(request)),
  "JSON.stringify + handleJson + JSON.parse (eligibility)": () =>
    JSON.parse(engine.handleJson("eligibility", JSON.stringify(request))),
  [`JSON.parse of the answer alone (${answer.length} characters)`]: () => JSON.parse(answer),
  'call("calendar.day", object)': () => engine.call("calendar.day", day),
  'handleJson("calendar.day", text) + JSON.parse': () => JSON.parse(engine.handleJson("calendar.day", dayText)),
};
const fns = Object.values(cases);
for (let i = 0; i < 2000; i++) for (const f of fns) f();
const blocks = fns.map(() => []);
for (let b = 0; b < 10; b++) {
  fns.forEach((f, k) => {
    const t = [];
    for (let i = 0; i < 500; i++) {
      const s = process.hrtime.bigint();
      f();
      t.push(Number(process.hrtime.bigint() - s) / 1000);
    }
    t.sort((x, y) => x - y);
    blocks[k].push(t[t.length >> 1]);
  });
}
console.log("| measurement | median of block medians |\n|---|---:|");
Object.keys(cases).forEach((name, k) => {
  const m = blocks[k].sort((x, y) => x - y)[blocks[k].length >> 1];
  console.log(`| ${name} | ${m.toFixed(1)} µs |`);
});
