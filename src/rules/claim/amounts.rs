//! The amount lines: each recomputed, exclusive standards, monthly subsidies, mismatches.

use super::*;
use crate::policy::kinds::{self, AmountKind};

/// Labels for the document and check keys the policies use.
pub(super) fn item_label(key: &str) -> (&'static str, &'static str) {
    match key {
        "id_card_original_and_copy" => ("身份证原件及复印件", "ID card, original and copy"),
        "student_status_proof" => ("学籍证明", "proof of student status"),
        "signed_registration_form" => ("本人签字的学员登记表", "signed registration form"),
        "household_registration_proof" => ("户籍证明", "household-registration proof"),
        "application_form" => ("职业培训补贴申请表", "training-subsidy application form"),
        "certificate_copies" => ("参训人员证书复印件", "copies of the trainees' certificates"),
        "real_name_login_records" => ("学员实名登录记录", "real-name login records"),
        "sign_in_records" => ("签到记录", "sign-in records"),
        "learning_records" => ("学习记录", "learning records"),
        "before_start" => ("培训开始前的信息校验", "the check before training starts"),
        "at_end" => ("培训结束时的信息校验", "the check at the end of training"),
        _ => ("其他材料", "another item"),
    }
}

pub(super) fn labels(keys: &[String]) -> (Vec<&'static str>, Vec<&'static str>) {
    keys.iter().map(|k| item_label(k)).unzip()
}

/// Every pair of amount rules the policy declares exclusive, each once, the
/// declaring rule first.
pub(super) fn exclusive_pairs(policy: &Policy) -> Vec<(&Rule, &Rule)> {
    let mut out: Vec<(&Rule, &Rule)> = Vec::new();
    for r in &policy.rules {
        for id in &r.exclusive_with {
            let Some(o) = policy.rule(id) else { continue };
            let seen = out
                .iter()
                .any(|(a, b)| (a.id == r.id && b.id == o.id) || (a.id == o.id && b.id == r.id));
            if !seen && o.id != r.id {
                out.push((r, o));
            }
        }
    }
    out
}

impl Verifier<'_> {
    /// Amount rules a policy declares exclusive (`exclusive_with`): one
    /// person's lines under two of them for the same training are not both
    /// paid. When both could pay (each passes or is undecided), neither is:
    /// both lines need review, naming the other rule and what each would come
    /// to, and the claim has a finding naming both rules and both amounts: it
    /// fails when the claim asks for money under both (the same training
    /// claimed twice), else a person must choose which standard applies. Which
    /// one is never taken from what is claimed.
    pub(super) fn exclusive(
        &self,
        i: usize,
        t: &Trainee,
        subject: &str,
        planned: &[(&Rule, LineOutcome, Vec<Condition>)],
        lines: &mut [Line],
        claim_findings: &mut Vec<Finding>,
    ) {
        let open = |l: &Line| l.finding.status != Status::Fail;
        // What a line would come to: its amount, or the provisional one.
        let would_be = |l: &Line| -> Value {
            match l.finding.status {
                Status::Pass => l.amount.to_string().into(),
                _ => l
                    .finding
                    .facts
                    .get("provisional_amount")
                    .cloned()
                    .unwrap_or(Value::Null),
            }
        };
        let claimed = |id: &str| t.claimed.get(id).copied().unwrap_or(Yuan::ZERO);
        let index = |id: &str| planned.iter().position(|(r, _, _)| r.id == id);
        let mut conflicts: Vec<(usize, usize)> = Vec::new();
        for (a, b) in exclusive_pairs(self.policy) {
            let (Some(ia), Some(ib)) = (index(&a.id), index(&b.id)) else {
                continue;
            };
            if open(&lines[ia]) && open(&lines[ib]) {
                conflicts.push((ia, ib));
            }
        }
        if conflicts.is_empty() {
            return;
        }
        let before: Vec<Line> = lines.to_vec();
        for &(ia, ib) in &conflicts {
            let (ra, rb) = (planned[ia].0, planned[ib].0);
            let both_claimed = claimed(&ra.id) > Yuan::ZERO && claimed(&rb.id) > Yuan::ZERO;
            let mut o = Outcome::new(if both_claimed {
                Status::Fail
            } else {
                Status::Unknown
            })
            .because("exclusive")
            .fact("row", row(i))
            .fact("subject", subject)
            .fact("exclusive_with", rb.id.as_str())
            .fact("amount", would_be(&before[ia]))
            .fact("other_amount", would_be(&before[ib]))
            .fact("claimed", claimed(&ra.id).to_string())
            .fact("other_claimed", claimed(&rb.id).to_string());
            o.subject = Some(subject.to_owned());
            claim_findings.push(finding(ra, o));
            for (me, other) in [(ia, ib), (ib, ia)] {
                let (rule, _, conditions) = &planned[me];
                let other_rule = planned[other].0;
                let own = LineOutcome::unknown("exclusive")
                    .fact("exclusive_with", other_rule.id.as_str())
                    .fact("provisional_amount", would_be(&before[me]))
                    .fact("other_amount", would_be(&before[other]))
                    .fact("other_claimed", claimed(&other_rule.id).to_string());
                lines[me] = self.line(
                    rule,
                    i,
                    subject,
                    own,
                    conditions,
                    t.claimed.get(&rule.id).copied(),
                );
            }
        }
    }

    /// The own conditions and arithmetic of one amount rule for one trainee.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn amount(
        &self,
        rule: &Rule,
        t: &Trainee,
        person: &Person,
        attendance: Option<&AttendanceSummary>,
        attendance_status: Option<&(String, Status)>,
        check: &SummaryCheck,
        employment: &Employment,
    ) -> Result<LineOutcome, Problem> {
        let days = attendance.map(|a| a.attended_days);
        let defs = Definitions::of(self.policy);
        // The amounts family's kinds, every one named; the enterprise path's
        // amount (LC-S1) is priced by `enterprise`.
        let Some(kind) = rule.kind.as_amount() else {
            return Ok(LineOutcome::unknown("rate"));
        };
        Ok(match kind {
            AmountKind::MonthlySubsidyByCertificate(kinds::MonthlySubsidyByCertificate {
                rates,
                month_counting,
                partial_month,
                ..
            }) => self.monthly(
                t,
                person,
                rates.value.as_ref(),
                *month_counting,
                *partial_month,
                attendance_status,
            )?,
            AmountKind::AppraisalSubsidy(kinds::AppraisalSubsidy { fee_table }) => {
                let certs = t.certificates.as_deref();
                let blocked = self.after_benefit(t);
                match (certs, blocked) {
                    (_, Some(Status::Fail)) => LineOutcome::nothing("after_benefit"),
                    (None, _) => LineOutcome::unknown("certificates"),
                    (Some(list), b) => {
                        let table = fee_table.value.clone().unwrap_or_default();
                        let paid: Vec<(&str, &str, Yuan)> = list
                            .iter()
                            .filter(|c| c.first_time == Some(true))
                            .filter_map(|c| {
                                table
                                    .get(c.kind.key())
                                    .map(|fee| (c.kind.zh(), c.kind.en(), *fee))
                            })
                            .collect();
                        let undecided = list
                            .iter()
                            .any(|c| c.first_time.is_none() && table.contains_key(c.kind.key()));
                        let (zh, en): (Vec<&str>, Vec<&str>) =
                            list.iter().map(|c| (c.kind.zh(), c.kind.en())).unzip();
                        let lo = if !paid.is_empty() && b != Some(Status::Unknown) {
                            LineOutcome::pay(subsidy::sum_of(&paid), "paid")
                        } else if !paid.is_empty() || undecided {
                            LineOutcome::unknown(if b == Some(Status::Unknown) {
                                "after_benefit"
                            } else {
                                "first_time"
                            })
                        } else {
                            LineOutcome::nothing("no_first_certificate")
                        };
                        lo.fact("certificates_zh", zh).fact("certificates_en", en)
                    }
                }
            }
            AmountKind::TrainingSubsidyRate(kinds::TrainingSubsidyRate { rate, certificates }) => {
                let has = certificate_in(t.certificates.as_deref(), certificates);
                let lo = match (has, t.offline_practice_local, rate.value) {
                    (Some(false), _, _) => LineOutcome::nothing("certificate"),
                    (_, Some(false), _) => LineOutcome::nothing("practice"),
                    (None, _, _) => LineOutcome::unknown("certificate"),
                    (_, None, _) => LineOutcome::unknown("practice"),
                    (_, _, None) => LineOutcome::unknown("rate"),
                    (Some(true), Some(true), Some(r)) => LineOutcome::pay(subsidy::flat(r), "paid"),
                };
                lo.fact("rate", opt(rate.value.map(|r| r.to_string())))
                    .fact("offline_practice_local", opt(t.offline_practice_local))
            }
            AmountKind::DailyAllowance(kinds::DailyAllowance {
                per_day,
                groups: listed,
            }) => {
                let s = standing(defs.as_ref(), person, listed);
                let lo = group_line(person, &s).unwrap_or_else(|| {
                    self.on_attended_days(attendance, check, |a| {
                        LineOutcome::pay(
                            subsidy::per_unit(*per_day, a.attended_days, Unit::Day),
                            "paid",
                        )
                    })
                });
                group_facts(lo, person, &s, defs.is_some())
                    .fact("per_day", per_day.to_string())
                    .fact("days", opt(days))
            }
            AmountKind::TieredDailySubsidy(kinds::TieredDailySubsidy {
                min_employment_rate,
                tiers,
            }) => {
                let e = employment;
                // The class's declared size is the denominator; a trainee not
                // listed is unknown, never absent.
                let of = e.class_size.map(|c| c.max(e.listed));
                let unlisted = e.class_size.map_or(0, |c| c.saturating_sub(e.listed));
                let unknown = e.unknown + unlisted;
                let need = |n: u32| {
                    Decimal::from(n) >= *min_employment_rate * Decimal::from(of.unwrap_or(0))
                };
                let lo = match e.class_size {
                    None => LineOutcome::unknown("class_size"),
                    Some(c) if e.listed > c => LineOutcome::unknown("class_size_contradiction"),
                    Some(_) if need(e.employed) => self.on_attended_days(attendance, check, |a| {
                        LineOutcome::pay(subsidy::tiered(tiers, a.attended_days), "paid")
                    }),
                    Some(_) if !need(e.employed + unknown) => {
                        LineOutcome::nothing(if unknown == 0 {
                            "below_rate"
                        } else {
                            "below_rate_at_most"
                        })
                    }
                    Some(_) => LineOutcome::unknown("employment"),
                };
                let rate = |n: u32| match of {
                    Some(of) if of > 0 => Value::from(percent(n, of)),
                    _ => Value::Null,
                };
                lo.fact("employed", e.employed)
                    .fact("not_employed", e.not_employed)
                    .fact("denominator", opt(of))
                    .fact("class_size", opt(e.class_size))
                    .fact("listed", e.listed)
                    .fact("unlisted", unlisted)
                    .fact("employment_unknown", unknown)
                    .fact("employment_rate", rate(e.employed))
                    .fact("max_employed", e.employed + unknown)
                    .fact("max_employment_rate", rate(e.employed + unknown))
                    .fact("min_employment_rate", rate_percent(*min_employment_rate))
                    .fact("days", opt(days))
            }
            AmountKind::PerPersonSubsidy(kinds::PerPersonSubsidy {
                amount,
                completion_rate,
            }) => {
                // 三(二) pays for an employee's training: one who did not train
                // is not paid, and "completed" is the deployment's threshold.
                let lo = match person.enterprise_employee {
                    Some(false) => LineOutcome::nothing("not_employee"),
                    None => LineOutcome::unknown("employee"),
                    Some(true) => self.on_attended_days(attendance, check, |a| {
                        let below = completion_rate.value.is_some_and(|r| {
                            Decimal::from(a.attended_sessions)
                                < r * Decimal::from(a.expected_sessions)
                        });
                        if a.attended_sessions == 0 {
                            LineOutcome::nothing("did_not_train")
                        } else if below {
                            LineOutcome::nothing("below_completion").rests_on(&["completion_rate"])
                        } else {
                            // A pass rests on the threshold: `settle` holds it
                            // back until the deployment sets it.
                            LineOutcome::pay(subsidy::flat(*amount), "paid")
                        }
                    }),
                };
                lo.fact("per_person", amount.to_string())
                    .fact("enterprise_employee", opt(person.enterprise_employee))
                    .fact(
                        "expected_sessions",
                        opt(attendance.map(|a| a.expected_sessions)),
                    )
                    .fact(
                        "attended_sessions",
                        opt(attendance.map(|a| a.attended_sessions)),
                    )
                    .fact(
                        "completion_percent",
                        opt(attendance
                            .filter(|a| a.expected_sessions > 0)
                            .map(|a| percent(a.attended_sessions, a.expected_sessions))),
                    )
                    .fact(
                        "min_completion_percent",
                        opt(completion_rate.value.map(rate_percent)),
                    )
            }
            AmountKind::CappedDailySubsidy(kinds::CappedDailySubsidy {
                per_day,
                cap,
                groups,
            }) => {
                let s = standing(defs.as_ref(), person, groups);
                let lo = group_line(person, &s).unwrap_or_else(|| {
                    self.on_attended_days(attendance, check, |a| {
                        let d = a.attended_days;
                        let amount = subsidy::capped(*per_day, d, *cap);
                        let capped = amount.amount < per_day.times(Decimal::from(d)).round_fen();
                        LineOutcome::pay(amount, if capped { "capped" } else { "paid" })
                    })
                });
                group_facts(lo, person, &s, defs.is_some())
                    .fact("per_day", per_day.to_string())
                    .fact("cap", cap.to_string())
                    .fact("days", opt(days))
            }
            AmountKind::NoEvaluationSubsidyAfter(_) => {
                // The certification subsidy itself is priced by documents outside
                // the seed: the engine can only rule it out.
                match t.ui_skill_upgrade_eligible {
                    Some(true) => LineOutcome::nothing("after_benefit"),
                    Some(false) => LineOutcome::unknown("rate"),
                    None => LineOutcome::unknown("after_benefit"),
                }
                .fact(
                    "ui_skill_upgrade_eligible",
                    opt(t.ui_skill_upgrade_eligible),
                )
            }
        })
    }

    /// JZ-P2-style rules: the evaluation subsidy is ruled out after the benefit.
    pub(super) fn after_benefit(&self, t: &Trainee) -> Option<Status> {
        self.policy
            .rules
            .iter()
            .any(|r| matches!(r.kind, RuleKind::NoEvaluationSubsidyAfter(_)))
            .then_some(match t.ui_skill_upgrade_eligible {
                Some(true) => Status::Fail,
                Some(false) => Status::Pass,
                None => Status::Unknown,
            })
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn monthly(
        &self,
        t: &Trainee,
        person: &Person,
        rates: Option<&SortedMap<String, TierRates>>,
        counting: MonthCounting,
        partial: PartialMonth,
        attendance: Option<&(String, Status)>,
    ) -> Result<LineOutcome, Problem> {
        let class = self.claim.class.as_ref();
        let major = class
            .and_then(|c| c.major.clone())
            .or_else(|| person.major.clone());
        let tier = certificate_tier(t.certificates.as_deref());
        let own_students = self.own_college_student(t);
        let tier_rates = major
            .as_ref()
            .and_then(|m| rates.and_then(|r| r.get(m.trim())));
        let (tier_key, rate) = match (tier, own_students) {
            (Some(Some(_)), Some(true)) => (
                Some("college_own_students"),
                tier_rates.and_then(|r| r.college_own_students),
            ),
            (Some(Some(Certificate::SpecialAbility)), _) => (
                Some("special_ability"),
                tier_rates.and_then(|r| r.special_ability),
            ),
            (Some(Some(_)), _) => (
                Some("qualification"),
                tier_rates.and_then(|r| r.qualification),
            ),
            _ => (None, None),
        };
        let (tier_zh, tier_en) = match tier_key {
            Some("college_own_students") => (
                "高校面向本校毕业学年毕业生培训",
                "a college training its own graduating-year students",
            ),
            Some("special_ability") => ("专项职业能力证书", "special-ability certificate"),
            Some(_) => (
                "职业资格证书或职业技能等级证书",
                "qualification or skill-level certificate",
            ),
            None => ("无", "none"),
        };
        let (count_zh, count_en) = match counting {
            MonthCounting::FiledDuration => (
                "按备案培训时长计月（以班期起止日期核对）",
                "months: the filed duration, checked against the class's dates",
            ),
            MonthCounting::CalendarMonthsTrained => {
                ("按实际培训的自然月计月", "months: calendar months trained")
            }
        };
        let (rule_zh, rule_en) = match partial {
            PartialMonth::ProRataWorkdays => ("按当月工作日折算", "pro rata by working days"),
            PartialMonth::Whole => ("按整月计", "counted in full"),
            PartialMonth::Drop => ("不计", "counted for nothing"),
        };
        // The class's months from its dates (unknown without them).
        let months_of = match class {
            Some(c) => Some(
                subsidy::class_months(self.cal, c.start, c.end)
                    .map_err(|e| deadlines::cal_err(e, "$.class.end"))?,
            ),
            None => None,
        };
        // A whole filed figure, or a class of whole months, leaves no partial
        // month to treat: the rule is named but does not arise.
        let partial_arises = match counting {
            MonthCounting::FiledDuration => {
                class.is_some_and(|c| c.filed_months.is_none())
                    && months_of.is_some_and(|m| m.days > 0)
            }
            MonthCounting::CalendarMonthsTrained => true,
        };
        let (partial_zh, partial_en) = if partial_arises {
            (
                format!("不足整月{rule_zh}"),
                format!("a partial month {rule_en}"),
            )
        } else {
            (
                format!("不足整月{rule_zh}的规则不适用"),
                format!("the partial-month rule ({rule_en}) does not arise"),
            )
        };
        let max = self.max_months();
        let with = |lo: LineOutcome, months: Value| {
            lo.fact("major", opt(major.clone()))
                .fact("tier_zh", tier_zh)
                .fact("tier_en", tier_en)
                .fact("rate", opt(rate.map(|r| r.to_string())))
                .fact("months", months)
                .fact("month_counting_zh", count_zh)
                .fact("month_counting_en", count_en)
                .fact("partial_month_zh", partial_zh.as_str())
                .fact("partial_month_en", partial_en.as_str())
                .fact("attendance_rule", opt(attendance.map(|a| a.0.clone())))
                .fact("filed_months", opt(class.and_then(|c| c.filed_months)))
                .fact("whole_months", opt(months_of.map(|m| m.months)))
                .fact("extra_days", opt(months_of.map(|m| m.days)))
                .fact("max_months", opt(max))
        };
        // Own conditions: a certificate, attendance met; then the rate and the months.
        match tier {
            Some(None) => return Ok(with(LineOutcome::nothing("no_certificate"), Value::Null)),
            None => return Ok(with(LineOutcome::unknown("certificates"), Value::Null)),
            Some(Some(_)) => {}
        }
        match attendance.map(|a| a.1) {
            Some(Status::Fail) => return Ok(with(LineOutcome::nothing("attendance"), Value::Null)),
            Some(Status::Unknown) => {
                return Ok(with(LineOutcome::unknown("attendance"), Value::Null))
            }
            _ => {}
        }
        if own_students.is_none()
            && self.claim.institution.as_ref().and_then(|i| i.college) == Some(true)
        {
            return Ok(with(LineOutcome::unknown("own_students"), Value::Null));
        }
        let Some(rate) = rate else {
            return Ok(with(LineOutcome::unknown("rate"), Value::Null));
        };
        let (Some(c), Some(dates)) = (class, months_of) else {
            return Ok(with(LineOutcome::unknown("months"), Value::Null));
        };
        // The months the reading counts: the filed figure, or the dates'
        // months with the days left over treated per `partial`, or the
        // calendar months trained.
        let (counted, shown, assumption) = match counting {
            MonthCounting::FiledDuration => match c.filed_months {
                Some(m) => (subsidy::MonthCount::whole(m), Value::from(m), None),
                None => {
                    let m = dates.counted(partial);
                    let shown = if dates.days == 0 {
                        Value::from(dates.months)
                    } else {
                        Value::from(m.text())
                    };
                    let assumption = (dates.days > 0)
                        .then(|| self.cal.assumption_for(c.start, c.end))
                        .flatten();
                    (m, shown, assumption)
                }
            },
            MonthCounting::CalendarMonthsTrained => {
                let shares = subsidy::months_between(self.cal, c.start, c.end)
                    .map_err(|e| deadlines::cal_err(e, "$.class.start"))?;
                let terms: Vec<String> = shares
                    .iter()
                    .map(|s| format!("{}-{:02}: {}/{}", s.year, s.month, s.days, s.of))
                    .collect();
                (
                    subsidy::MonthCount::of_shares(&shares, partial),
                    terms.into(),
                    self.cal.assumption_for(c.start, c.end),
                )
            }
        };
        // Never more than the class's own duration, nor the seed's longest.
        let exact = dates.exact();
        let mut limits = vec![subsidy::MonthLimit {
            zh: if dates.days == 0 {
                format!("班期起止日期所示的 {} 个月", dates.months)
            } else {
                format!(
                    "班期起止日期所示的 {} 个月又 {} 天（按工作日折合 {} 个月）",
                    dates.months,
                    dates.days,
                    exact.text()
                )
            },
            en: if dates.days == 0 {
                format!("the {} months of the class's dates", dates.months)
            } else {
                format!(
                    "the {} months and {} days of the class's dates ({} months by working days)",
                    dates.months,
                    dates.days,
                    exact.text()
                )
            },
            months: exact,
        }];
        if let Some(max) = max {
            limits.push(subsidy::MonthLimit {
                months: subsidy::MonthCount::whole(max),
                zh: format!("最长 {max} 个月"),
                en: format!("the longest {max} months"),
            });
        }
        let a = subsidy::months_at_most(rate, &counted, &limits);
        let mut lo = with(LineOutcome::pay(a, "paid"), shown);
        lo.assumption = assumption;
        Ok(lo)
    }

    /// A college training its own student of the graduating class (DL-S1's
    /// reduced range): `Some(false)` when it is not that case, `None` when the
    /// institution is a college but the trainee's school or year is not known.
    pub(super) fn own_college_student(&self, t: &Trainee) -> Option<bool> {
        let inst = self.claim.institution.as_ref();
        if inst.and_then(|i| i.college) != Some(true) {
            return Some(false);
        }
        let graduating: Vec<i32> = self
            .policy
            .rules
            .iter()
            .filter_map(|r| {
                let RuleKind::GraduationWindow(k) = &r.kind else {
                    return None;
                };
                k.graduating_class_years.value().cloned()
            })
            .flatten()
            .collect();
        let name = inst.and_then(|i| i.name.as_deref()).map(str::trim);
        let same = match (t.school.as_deref().map(str::trim), name) {
            (Some(s), Some(n)) => s == n,
            _ => return None,
        };
        let year = t.eligibility.graduation_year?;
        Some(same && graduating.contains(&year))
    }

    /// Puts a line into words, with the person-level conditions applied.
    pub(super) fn line(
        &self,
        rule: &Rule,
        i: usize,
        subject: &str,
        own: LineOutcome,
        general: &[Condition],
        claimed: Option<Yuan>,
    ) -> Line {
        let own = own.settle(rule);
        let rules_with = |status: Status| -> Vec<&str> {
            let mut ids: Vec<&str> = Vec::new();
            for c in general.iter().filter(|c| c.status == status) {
                if !ids.contains(&c.rule_id.as_str()) {
                    ids.push(c.rule_id.as_str());
                }
            }
            ids
        };
        let failed = rules_with(Status::Fail);
        let unknown = rules_with(Status::Unknown);
        // A fail anywhere pays nothing; the line's own reason is the more
        // specific one when it has one.
        let (status, reason, blocked_by) = if own.status == Status::Fail {
            (Status::Fail, own.reason, failed)
        } else if !failed.is_empty() {
            (Status::Fail, "conditions", failed)
        } else if own.status == Status::Unknown {
            (Status::Unknown, own.reason, unknown)
        } else if !unknown.is_empty() {
            (Status::Unknown, "conditions", unknown)
        } else {
            (Status::Pass, own.reason, Vec::new())
        };
        let arithmetic = if status == Status::Pass {
            own.arithmetic.clone()
        } else {
            None
        };
        let amount = arithmetic.as_ref().map_or(Yuan::ZERO, |a| a.amount);
        let mut facts = own.facts;
        facts.insert("subject", subject.into());
        facts.insert("row", row(i).into());
        facts.insert("amount", amount.to_string().into());
        facts.insert("claimed", opt(claimed.map(|c| c.to_string())));
        facts.insert("blocked_by", blocked_by.into());
        facts.insert(
            "arithmetic_zh",
            opt(arithmetic.as_ref().map(|a| a.zh.clone())),
        );
        facts.insert(
            "arithmetic_en",
            opt(arithmetic.as_ref().map(|a| a.en.clone())),
        );
        let key = match status {
            Status::Pass => "line",
            Status::Fail => "line_zero",
            Status::Unknown => "line_unknown",
        };
        let (zh, en) = render_message(rule, key, Some(reason), &facts);
        let mut f = Finding::new(rule.id.clone(), status, rule.citation(), zh, en);
        f.facts = facts;
        f.subject = Some(subject.to_owned());
        f.assumptions = own.assumption.into_iter().collect();
        Line {
            finding: f,
            row: row(i),
            amount,
            claimed,
            arithmetic_zh: arithmetic.as_ref().map(|a| a.zh.clone()),
            arithmetic_en: arithmetic.map(|a| a.en),
        }
    }

    /// A claim-level finding when a decided line's claimed amount differs.
    pub(super) fn mismatch(&self, line: &Line) -> Option<Finding> {
        if line.finding.status == Status::Unknown || line.claimed_or_zero() == line.amount {
            return None;
        }
        let rule = self.policy.rule(&line.finding.rule_id)?;
        let diff = line.claimed_or_zero() - line.amount;
        let o = Outcome::new(Status::Fail)
            .because("mismatch")
            .fact("row", line.row)
            .fact("subject", opt(line.finding.subject.clone()))
            .fact("amount", line.amount.to_string())
            .fact("claimed", line.claimed_or_zero().to_string())
            .fact("difference", diff.to_string())
            .fact("arithmetic_zh", opt(line.arithmetic_zh.clone()))
            .fact("arithmetic_en", opt(line.arithmetic_en.clone()));
        let mut o = o;
        o.subject = line.finding.subject.clone();
        Some(finding(rule, o))
    }
}
