// Which rules of a policy are amount rules (the subsidies a claim names).
// A claim is verified only for the amount rules it names, so the portal names
// every one of the chosen policy: the first pass claims 0.00 under each, the
// engine recomputes the lines, and the claim then asks for what they give.
//
// The rules come from the policy files themselves (the five built-in ones are
// bundled as text by the page; a custom one is the uploaded text), parsed as
// TOML or JSON (src/shared/policy-text.js) for each rule's `id` and `roles`.
// `extends` and `exclude` are followed as the engine does, a deployment's file
// of the same ID (`extends` its own ID) as a layer over the shipped one.

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

/** The files of policy `id`, the base first: `texts[id]` is one text or a list of layers. */
function layersOf(texts, id) {
  const v = texts[id];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/**
 * The amount-rule IDs of policy `id`, in the policy's order. `texts` maps a
 * policy ID to its file's text (the built-in ones and any loaded custom one),
 * or to a list of texts when a deployment's file of the same ID `extends` the
 * one before it (the shipped policy first, then the deployment's layer over
 * it, as the engine loads them).
 */
export function amountRules(id, texts) {
  return rulesOf(id, layersOf(texts, id).length, texts, new Set())
    .filter((r) => r.roles.includes("amount"))
    .map((r) => r.id);
}

/** The merged rules of the first `depth` layers of policy `id`. */
function rulesOf(id, depth, texts, seen) {
  const key = `${id}#${depth}`;
  if (depth < 1 || seen.has(key)) return [];
  seen.add(key);
  const o = outline(layersOf(texts, id)[depth - 1]);
  if (!o) return [];
  const rules = new Map();
  if (o.extends) {
    // A layer that extends its own ID sits over the layer before it.
    const base = o.extends === id ? rulesOf(id, depth - 1, texts, seen) : rulesOf(o.extends, layersOf(texts, o.extends).length, texts, seen);
    for (const r of base) if (!o.exclude.includes(r.id)) rules.set(r.id, r);
  }
  for (const r of o.rules) rules.set(r.id, r);
  return [...rules.values()];
}

/**
 * `texts` after loading `text` as policy `id` (as the engine does): a file
 * that extends its own ID is a layer over what is loaded; any other file
 * replaces it.
 *
 * ```js
 * const texts = withLoaded({ a: shipped }, "a", deployment); // { a: [shipped, deployment] }
 * ```
 */
export function withLoaded(texts, id, text) {
  const o = outline(text);
  const layers = o?.extends === id ? [...layersOf(texts, id), text] : [text];
  return { ...texts, [id]: layers.length === 1 ? layers[0] : layers };
}
