//! The enterprise path (LC-S1): workers trained in lieu of training.

use super::*;
use crate::policy::kinds;

impl Verifier<'_> {
    /// LC-S1: the enterprise finding (claim level), each worker's finding and line.
    pub(super) fn enterprise(
        &self,
        e: &ClaimEnterprise,
        dups: &SortedMap<usize, usize>,
        claim_findings: &mut Vec<Finding>,
        workers: &mut Vec<PersonReport>,
    ) {
        let applicant = Applicant::Enterprise(eligibility::Enterprise {
            name: e.name.clone(),
            credit_code: e.credit_code.clone(),
            size: e.size,
            sector: e.sector,
            workers: e
                .workers
                .iter()
                .map(|w| eligibility::Worker {
                    name: Some(w.name.clone()),
                    id_number: Some(w.id_number.clone()),
                    first_contribution: w.first_contribution,
                    dispatched: w.dispatched,
                })
                .collect(),
        });
        let findings = eligibility::evaluate(self.policy, &applicant).findings;
        // Per rule: the enterprise finding first, then one per worker in order.
        let mut enterprise_status: SortedMap<String, Status> = SortedMap::new();
        let mut per_worker: Vec<Vec<Finding>> = vec![Vec::new(); e.workers.len()];
        let mut idx: SortedMap<String, usize> = SortedMap::new();
        for f in findings {
            let n = idx.entry(f.rule_id.clone()).or_insert(0);
            if *n == 0 {
                enterprise_status.insert(f.rule_id.clone(), f.status);
                claim_findings.push(f);
            } else if let Some(slot) = per_worker.get_mut(*n - 1) {
                let mut f = f;
                f.subject = Some(self.subject(e.workers[*n - 1].id_number.number()));
                slot.push(f);
            }
            *n += 1;
        }
        for (i, w) in e.workers.iter().enumerate() {
            let subject = self.subject(w.id_number.number());
            let own_findings = std::mem::take(&mut per_worker[i]);
            let mut lines = Vec::new();
            for rule in &self.amount_rules {
                let RuleKind::WorkInLieuOfTraining(kinds::WorkInLieuOfTraining {
                    per_month,
                    max_months,
                    until,
                    ..
                }) = &rule.kind
                else {
                    continue;
                };
                let worker_status = own_findings
                    .iter()
                    .find(|f| f.rule_id == rule.id)
                    .map_or(Status::Unknown, |f| f.status);
                let general = vec![
                    Condition {
                        rule_id: rule.id.clone(),
                        status: enterprise_status
                            .get(&rule.id)
                            .copied()
                            .unwrap_or(Status::Unknown),
                    },
                    Condition {
                        rule_id: rule.id.clone(),
                        status: worker_status,
                    },
                ];
                let window = match (w.first_contribution, crate::input::date::parse(until)) {
                    (Some(first), Ok(u)) => Some(subsidy::window_months(first, u)),
                    _ => None,
                };
                let own = if let Some(first) = dups.get(&i) {
                    LineOutcome::nothing("duplicate").fact("first_row", row(*first))
                } else {
                    match (w.months, window) {
                        (Some(m), Some(win)) => {
                            let n = m.min(win).min(*max_months);
                            LineOutcome::pay(subsidy::per_unit(*per_month, n, Unit::Month), "paid")
                        }
                        (None, _) => LineOutcome::unknown("months"),
                        (_, None) => LineOutcome::unknown("window"),
                    }
                };
                let own = own
                    .fact("per_month", per_month.to_string())
                    .fact("months", opt(w.months))
                    .fact("window_months", opt(window))
                    .fact("max_months", *max_months)
                    .fact("until", until.as_str())
                    .fact("first_contribution", opt(w.first_contribution.map(ymd)));
                lines.push(self.line(
                    rule,
                    i,
                    &subject,
                    own,
                    &general,
                    w.claimed.get(&rule.id).copied(),
                ));
            }
            workers.push(person_report(i, &w.name, subject, own_findings, lines));
        }
    }
}
