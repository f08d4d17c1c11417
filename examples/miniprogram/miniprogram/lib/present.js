// What the engine answers, made ready for WXML: labels in the app's language,
// nothing decided here. A finding is shown as the engine gives it: rule ID,
// status, the clause it cites and its message.
const { t, pick, message } = require("./i18n");
const { STATUSES, DECISIONS } = require("./vocab");

/**
 * @param {{ rule_id: string, status?: string, citation?: { clause: string, document: string }, message_zh: string, message_en: string, facts?: Record<string, any> }} f
 */
function finding(f) {
  const status = f.status || "unknown";
  return {
    ruleId: f.rule_id,
    status,
    statusLabel: pick(STATUSES[status], status),
    clause: f.citation ? f.citation.clause : "",
    document: f.citation ? f.citation.document : "",
    clauseLabel: t("条款", "Clause"),
    message: message(f),
    parameter: f.facts && f.facts.parameter ? String(f.facts.parameter) : "",
  };
}

/** @param {string} decision */
function decision(decision) {
  return { decision, label: pick(DECISIONS[decision], decision) };
}

/** @param {{ code: string, path: string, message_zh: string, message_en: string }} p */
function problem(p) {
  return { code: p.code, path: p.path, message: message(p) };
}

module.exports = { finding, decision, problem };
