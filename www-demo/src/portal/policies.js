// Which rules of a policy are amount rules (the subsidies a claim names).
// A claim is verified only for the amount rules it names, so the portal names
// every one of the chosen policy: the first pass claims 0.00 under each, the
// engine recomputes the lines, and the claim then asks for what they give.
//
// The rules come from the policy files themselves (the five built-in ones are
// bundled as text by the page; a custom one is the uploaded text), parsed as
// TOML or JSON (src/shared/policy-text.js) for each rule's `id` and `roles`.
// `extends` and `exclude` are followed as the engine does.

import { policyObject } from "../shared/policy-text.js";

/** `{ id, extends, exclude, rules: [{ id, roles }] }` of a policy file (TOML or JSON); null if unreadable. */
export function outline(text) {
  let j;
  try {
    j = policyObject(text);
  } catch {
    return null;
  }
  if (!j || typeof j !== "object") return null;
  return {
    id: j.id,
    extends: j.extends,
    // An entry names the rule it drops (`{ rule, replaced_by | quote_zh, because }`).
    exclude: (Array.isArray(j.exclude) ? j.exclude : []).map((e) => (typeof e === "string" ? e : e?.rule)),
    rules: (Array.isArray(j.rules) ? j.rules : []).map((r) => ({ id: r?.id, roles: Array.isArray(r?.roles) ? r.roles : [] })),
  };
}

/**
 * The amount-rule IDs of policy `id`, in the policy's order. `texts` maps a
 * policy ID to its file's text (the built-in ones and any loaded custom one).
 */
export function amountRules(id, texts, seen = new Set()) {
  if (seen.has(id) || !texts[id]) return [];
  seen.add(id);
  const o = outline(texts[id]);
  if (!o) return [];
  const rules = new Map();
  if (o.extends) {
    const base = outline(texts[o.extends] || "");
    for (const r of base ? baseRules(o.extends, texts, seen) : []) if (!o.exclude.includes(r.id)) rules.set(r.id, r);
  }
  for (const r of o.rules) rules.set(r.id, r);
  return [...rules.values()].filter((r) => r.roles.includes("amount")).map((r) => r.id);
}

function baseRules(id, texts, seen) {
  const o = outline(texts[id]);
  const rules = new Map();
  if (o.extends && !seen.has(o.extends)) {
    seen.add(o.extends);
    for (const r of baseRules(o.extends, texts, seen)) if (!o.exclude.includes(r.id)) rules.set(r.id, r);
  }
  for (const r of o.rules) rules.set(r.id, r);
  return [...rules.values()];
}
