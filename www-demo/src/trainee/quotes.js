// The original words of each rule (`quote_zh` in policies/*.toml). A finding
// carries its rule ID and clause but not the quotation, so the page reads the
// same policy files the engine embeds, at build time (Vite inlines them), and
// looks the words up by policy and rule ID. A policy that `extends` another
// inherits the quotations of the rules it keeps.

const files = import.meta.glob("../../../policies/*.toml", { query: "?raw", import: "default", eager: true });

// A deliberately small reader: only the keys this page needs, from files
// whose format policies/README.md fixes (one `key = "value"` per line).
function readString(line) {
  const m = line.match(/^\s*[a-z_]+\s*=\s*("(?:[^"\\]|\\.)*")\s*$/);
  if (!m) return null;
  try {
    return JSON.parse(m[1]);
  } catch {
    return null;
  }
}

const policies = new Map();
for (const text of Object.values(files)) {
  let id = null;
  let parent = null;
  const rules = new Map();
  let rule = null;
  for (const line of text.split("\n")) {
    if (/^\[\[rules\]\]\s*$/.test(line)) {
      rule = {};
      continue;
    }
    if (/^\[/.test(line)) {
      rule = null;
      continue;
    }
    const key = line.match(/^\s*([a-z_]+)\s*=/)?.[1];
    if (!key) continue;
    if (rule) {
      if (key === "id") {
        rule.id = readString(line);
        rules.set(rule.id, rule);
      } else if (key === "quote_zh" || key === "clause") {
        rule[key] = readString(line);
      }
    } else if (key === "id" && !id) {
      id = readString(line);
    } else if (key === "extends") {
      parent = readString(line);
    }
  }
  if (id) policies.set(id, { parent, rules });
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
