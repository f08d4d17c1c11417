// The original words of each rule (`quote_zh` in policies/*.toml). A finding
// carries its rule ID and clause but not the quotation, so the page reads the
// same policy files the engine embeds, at build time (Vite inlines them), and
// looks the words up by policy and rule ID. A policy that `extends` another
// inherits the quotations of the rules it keeps.

import { policyObject } from "../shared/policy-text.js";

const files = import.meta.glob("../../../policies/*.toml", { query: "?raw", import: "default", eager: true });

const policies = new Map();
for (const text of Object.values(files)) {
  const doc = policyObject(text);
  if (!doc?.id) continue;
  const rules = new Map();
  for (const r of Array.isArray(doc.rules) ? doc.rules : []) {
    if (r?.id) rules.set(r.id, { id: r.id, clause: r.clause, quote_zh: r.quote_zh });
  }
  policies.set(doc.id, { parent: doc.extends ?? null, rules });
}

/** The quotation of `ruleId` as `policyId` applies it, or null. */
export function quoteOf(policyId, ruleId) {
  for (let p = policies.get(policyId), depth = 0; p && depth < 8; p = policies.get(p.parent), depth++) {
    const rule = p.rules.get(ruleId);
    if (rule?.quote_zh) return rule.quote_zh;
  }
  // A rule the policy names from elsewhere (e.g. a voucher failure's rule).
  for (const p of policies.values()) {
    const rule = p.rules.get(ruleId);
    if (rule?.quote_zh) return rule.quote_zh;
  }
  return null;
}
