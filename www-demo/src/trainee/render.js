// Small rendering helpers of the trainee page. Everything that reaches
// innerHTML passes through esc().
import { esc } from "../shared/html.js";
import { t } from "../shared/i18n.js";
import { quoteOf } from "./quotes.js";
import { STATUSES } from "./vocab.js";

/** A [zh, en] pair in the current language. */
export const pick = (pair, fallback = "") => (pair ? t(pair[0], pair[1]) : fallback);

/** A finding: rule ID, status, clause, the rule's own words, the message. */
export function findingHtml(policyId, f) {
  const quote = quoteOf(policyId, f.rule_id);
  const status = f.status || "unknown";
  return `<div class="finding ${esc(status)}" data-rule="${esc(f.rule_id)}" data-status="${esc(status)}">
    <div><strong class="rule-id">${esc(f.rule_id)}</strong>
      <span class="badge ${esc(status)}">${esc(pick(STATUSES[status], status))}</span></div>
    <div class="message">${esc(t(f.message_zh, f.message_en))}</div>
    <div class="clause">${esc(t("条款", "Clause"))} ${esc(f.citation?.clause)} · ${esc(f.citation?.document)}</div>
    ${quote ? `<blockquote class="quote" lang="zh-CN">“${esc(quote)}”</blockquote>` : ""}
  </div>`;
}

/** An engine error (code, path, both messages). */
export function problemHtml(p) {
  return `<div class="error-box" role="alert"><strong>${esc(p.code)}</strong> <code>${esc(p.path)}</code><br>${esc(
    t(p.message_zh, p.message_en),
  )}</div>`;
}
