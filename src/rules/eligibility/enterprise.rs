//! Eligibility rules about an enterprise (LC-S1 work in lieu of training).

use crate::policy::kinds;
use serde_json::Value;

use super::applicant::{Enterprise, Worker};
use crate::policy::kinds::EnterpriseKind;
use crate::policy::vocab::EnterpriseSize;
use crate::policy::{Policy, Rule};
use crate::report::{Finding, Status};
use crate::rules::{finding, Outcome};

pub(super) fn evaluate(policy: &Policy, e: &Enterprise) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in &policy.rules {
        // The enterprise family's kinds, every one named.
        match rule.kind.as_enterprise() {
            Some(EnterpriseKind::WorkInLieuOfTraining(k)) => work_in_lieu(rule, k, e, &mut out),
            None => {}
        }
    }
    out
}

/// The enterprise finding first (size and sector), then one finding per worker
/// (first contribution at this enterprise inside the window; dispatched workers
/// only if the policy counts them).
fn work_in_lieu(
    rule: &Rule,
    kind: &kinds::WorkInLieuOfTraining,
    e: &Enterprise,
    out: &mut Vec<Finding>,
) {
    let kinds::WorkInLieuOfTraining {
        from,
        until,
        sizes,
        large_enterprise_sectors,
        dispatched_count,
        ..
    } = kind;
    // The lint has checked both dates.
    let (Ok(from_d), Ok(until_d)) = (
        crate::input::date::parse(from),
        crate::input::date::parse(until),
    ) else {
        return;
    };
    let (status, reason) = match (e.size, e.sector) {
        (Some(s), _) if sizes.contains(&s) => (Status::Pass, "size"),
        (Some(EnterpriseSize::Large), Some(sec)) if large_enterprise_sectors.contains(&sec) => {
            (Status::Pass, "large_sector")
        }
        (Some(EnterpriseSize::Large), None) => (Status::Unknown, "sector_missing"),
        (Some(_), _) => (Status::Fail, "size"),
        (None, _) => (Status::Unknown, "size_missing"),
    };
    let base = |o: Outcome| {
        o.fact("size_zh", opt(e.size.map(|s| s.zh())))
            .fact("size_en", opt(e.size.map(|s| s.en())))
            .fact("sector_zh", opt(e.sector.map(|s| s.zh())))
            .fact("sector_en", opt(e.sector.map(|s| s.en())))
            .fact("from", from.as_str())
            .fact("until", until.as_str())
    };
    // The enterprise's own finding has no subject: it decides the verdict;
    // each worker's finding decides only that worker.
    let o = base(Outcome::new(status).because(reason));
    out.push(finding(
        rule,
        o.fact("worker", Value::Null)
            .fact("first_contribution", Value::Null),
    ));

    for (i, w) in e.workers.iter().enumerate() {
        let (status, reason) = worker_status(w, from_d, until_d, *dispatched_count);
        let o = base(Outcome::new(status).because(reason))
            .fact("worker", worker_label(w, i))
            .fact(
                "first_contribution",
                opt(w.first_contribution.map(|d| d.to_string())),
            )
            .about(worker_label(w, i));
        out.push(finding(rule, o));
    }
}

fn worker_status(
    w: &Worker,
    from: chrono::NaiveDate,
    until: chrono::NaiveDate,
    dispatched_count: bool,
) -> (Status, &'static str) {
    if w.dispatched == Some(true) && !dispatched_count {
        return (Status::Fail, "dispatched");
    }
    match w.first_contribution {
        Some(d) if from <= d && d <= until => (Status::Pass, "new_worker"),
        Some(_) => (Status::Fail, "not_new"),
        None => (Status::Unknown, "contribution_missing"),
    }
}

/// How a worker is named in findings: the masked ID number, else the name, else
/// the position in the list.
fn worker_label(w: &Worker, i: usize) -> String {
    match (&w.id_number, &w.name) {
        (Some(id), _) => crate::identity::mask_id(id.number()),
        (None, Some(n)) => n.clone(),
        (None, None) => format!("#{}", i + 1),
    }
}

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map(Into::into).unwrap_or(Value::Null)
}
