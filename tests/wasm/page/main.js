// One eligibility check in the browser, through the npm package as an app
// imports it (resolved by Vite through the package's exports map).
import { createEngine, isPeixunError, version } from "peixun";

const trainee = {
  kind: "person",
  name: "王小明",
  hukou_province: "21",
  school_province: "21",
  education: "full_time_college",
  graduation_year: 2022,
  employed_since_graduation: false,
};

const out = document.getElementById("result");
try {
  const t0 = performance.now();
  const engine = await createEngine();
  const t1 = performance.now();
  const verdict = engine.checkEligibility("dalian-2023-major-conversion", trainee);
  const t2 = performance.now();
  const labels = { eligible: "符合条件 · eligible", ineligible: "不符合 · ineligible", needs_review: "需人工审核 · needs review" };
  const rows = verdict.findings
    .map((f) => `<tr><td>${f.rule_id}</td><td class="${f.status}">${f.status}</td><td>${f.citation.clause}</td><td>${f.message_zh}<br><small>${f.message_en}</small></td></tr>`)
    .join("");
  out.innerHTML =
    `<div id="decision" class="${verdict.decision}">${labels[verdict.decision]}</div>` +
    `<table><thead><tr><th>rule</th><th>status</th><th>clause</th><th>message</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<p class="meta">peixun ${version()} · engine created in ${(t1 - t0).toFixed(1)} ms · check ${(t2 - t1).toFixed(2)} ms · policy ${verdict.policy.id} ${verdict.policy.version}</p>`;
  // An error is a real Error with a code.
  try {
    engine.checkId("123");
  } catch (err) {
    out.dataset.errorCode = isPeixunError(err) ? err.code : "not a PeixunError";
  }
  out.dataset.decision = verdict.decision;
  out.dataset.findings = String(verdict.findings.length);
  out.dataset.state = "done";
} catch (err) {
  out.textContent = `failed: ${err && err.stack ? err.stack : err}`;
  out.dataset.state = "failed";
}
