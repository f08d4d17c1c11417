//! Eligibility rules about a person (and the institution they chose).

use crate::policy::kinds::{self, AmountKind, EligibilityKind, KindView};
use serde_json::Value;

use super::applicant::Person;
use super::definitions::{group_labels, standing, Definitions};
use crate::policy::kinds::{CatalogueEntry, Deployment, Param, RuleKind, Strictness, Subject};
use crate::policy::vocab::KeyGroup;
use crate::policy::{Policy, Rule};
use crate::report::{Finding, Status};
use crate::rules::{finding, gap_facts, Outcome};

pub(super) fn evaluate(policy: &Policy, p: &Person) -> Vec<Finding> {
    let defs = Definitions::of(policy);
    let mut out = Vec::new();
    for rule in &policy.rules {
        if let RuleKind::Definitions(_) = rule.kind {
            // One finding per stated tag the definitions do not let count.
            if let Some(d) = defs.filter(|d| std::ptr::eq(d.rule, rule)) {
                out.extend(d.tag_outcomes(p).into_iter().map(|o| finding(rule, o)));
            }
            continue;
        }
        if let Some(o) = outcome(policy, rule, p, defs.as_ref()) {
            out.push(finding(rule, o));
        }
    }
    out
}

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map(Into::into).unwrap_or(Value::Null)
}

fn known(b: Option<bool>) -> Status {
    match b {
        Some(true) => Status::Pass,
        Some(false) => Status::Fail,
        None => Status::Unknown,
    }
}

/// The outcome of one rule, or `None` when the rule is not about a person's eligibility.
fn outcome(
    policy: &Policy,
    rule: &Rule,
    p: &Person,
    defs: Option<&Definitions<'_>>,
) -> Option<Outcome> {
    Some(match rule.kind.view() {
        KindView::Eligibility(k) => match k {
            EligibilityKind::Residence(kinds::Residence {
                provinces,
                study_in_province_counts,
            }) => {
                let hukou = p.hukou_province.as_ref();
                let school = p.school_province.as_ref();
                let home = hukou.map(|h| provinces.iter().any(|c| c == h.code()));
                let studies = school.map(|s| provinces.iter().any(|c| c == s.code()));
                let (status, reason) = match (home, studies) {
                    (Some(true), _) => (Status::Pass, "hukou"),
                    (_, Some(true)) if *study_in_province_counts => (Status::Pass, "school"),
                    (Some(false), Some(_)) => (Status::Fail, "neither"),
                    (Some(false), None) if !study_in_province_counts => (Status::Fail, "neither"),
                    _ => (Status::Unknown, "missing"),
                };
                let names = |en: bool| -> Vec<Value> {
                    provinces
                        .iter()
                        .map(|c| {
                            let name = if en {
                                crate::identity::province_name_en(c)
                            } else {
                                crate::identity::province_name(c)
                            };
                            Value::from(name.unwrap_or(c.as_str()))
                        })
                        .collect()
                };
                Outcome::new(status)
                    .because(reason)
                    .fact("hukou_province", opt(hukou.map(|h| h.code().to_owned())))
                    .fact("hukou_province_name", opt(hukou.and_then(|h| h.name())))
                    .fact("school_province", opt(school.map(|s| s.code().to_owned())))
                    .fact(
                        "hukou_province_name_en",
                        opt(hukou.and_then(|h| h.name_en())),
                    )
                    .fact("school_province_name", opt(school.and_then(|s| s.name())))
                    .fact(
                        "school_province_name_en",
                        opt(school.and_then(|s| s.name_en())),
                    )
                    .fact("provinces", names(false))
                    .fact("provinces_en", names(true))
            }
            EligibilityKind::EducationType(kinds::EducationType { accepted }) => {
                let status = match p.education {
                    Some(e) if accepted.contains(&e) => Status::Pass,
                    Some(_) => Status::Fail,
                    None => Status::Unknown,
                };
                Outcome::new(status)
                    .fact("education", opt(p.education.map(|e| e.key())))
                    .fact("education_zh", opt(p.education.map(|e| e.zh())))
                    .fact("education_en", opt(p.education.map(|e| e.en())))
            }
            EligibilityKind::GraduationWindow(kinds::GraduationWindow {
                left_school_years,
                graduating_class_years,
            }) => graduation_window(&rule.kind, left_school_years, graduating_class_years, p),
            EligibilityKind::NeverEmployed(_) => {
                // The rule is judged by the unit-based social-insurance record; a
                // self-declared job is enough to fail, but a self-declared "never
                // employed" cannot pass without the record.
                let (status, reason) =
                    match (p.unit_social_insurance_record, p.employed_since_graduation) {
                        (Some(true), _) => (Status::Fail, "record"),
                        (Some(false), Some(true)) => (Status::Fail, "declared"),
                        (Some(false), _) => (Status::Pass, "record"),
                        (None, Some(true)) => (Status::Fail, "declared"),
                        (None, _) => (Status::Unknown, "no_record"),
                    };
                Outcome::new(status)
                    .because(reason)
                    .fact(
                        "unit_social_insurance_record",
                        opt(p.unit_social_insurance_record),
                    )
                    .fact(
                        "employed_since_graduation",
                        opt(p.employed_since_graduation),
                    )
            }
            EligibilityKind::ParticipationLimit(kinds::ParticipationLimit { per_year }) => {
                let status = match p.participations_this_year {
                    Some(n) if n >= *per_year => Status::Fail,
                    Some(_) => Status::Pass,
                    None => Status::Unknown,
                };
                Outcome::new(status)
                    .fact("participations_this_year", opt(p.participations_this_year))
                    .fact("per_year", *per_year)
            }
            EligibilityKind::NotDishonest(kinds::NotDishonest { subject }) => {
                let dishonest = match subject {
                    Subject::Person => p.dishonest,
                    Subject::Institution => p.institution.as_ref().and_then(|i| i.dishonest),
                };
                Outcome::new(known(dishonest.map(|d| !d)))
                    .fact("dishonest", opt(dishonest))
                    .fact(
                        "subject",
                        match subject {
                            Subject::Person => "person",
                            Subject::Institution => "institution",
                        },
                    )
            }
            EligibilityKind::MajorInList(kinds::MajorInList { majors }) => {
                let status = match &p.major {
                    Some(m) if majors.iter().any(|x| x == m.trim()) => Status::Pass,
                    Some(_) => Status::Fail,
                    None => Status::Unknown,
                };
                Outcome::new(status).fact("major", opt(p.major.clone()))
            }
            EligibilityKind::InstitutionCatalogue(kinds::InstitutionCatalogue {
                catalogue,
                strictness,
            }) => {
                let inst = p.institution.as_ref();
                let o = catalogue_outcome(
                    &rule.kind,
                    catalogue,
                    *strictness,
                    inst.and_then(|i| i.name.as_deref()),
                    inst.and_then(|i| i.credit_code.as_ref()).map(|c| c.code()),
                    p.major.as_deref(),
                );
                with_strictness(o, *strictness)
            }
            // DL-P1's first part: the institution, and the major for it, in the
            // catalogue (its premises are the class's: a claim's).
            EligibilityKind::InstitutionStanding(kinds::InstitutionStanding {
                catalogue, ..
            }) => super::institution::standing_catalogue(rule, catalogue, p),
            EligibilityKind::InstitutionMajorLimit(kinds::InstitutionMajorLimit {
                max,
                catalogue_rule: Some(from),
            }) => super::institution::major_limit(policy, *max, from, p),
            EligibilityKind::InstitutionMajorLimit(kinds::InstitutionMajorLimit {
                max,
                catalogue_rule: None,
            }) => {
                let majors = p.institution.as_ref().and_then(|i| i.majors.as_ref());
                match majors {
                    None => Outcome::new(Status::Unknown)
                        .fact("majors", Value::Null)
                        .fact("major_count", Value::Null)
                        .fact("max", *max),
                    Some(list) => {
                        let mut all: Vec<String> =
                            list.iter().map(|m| m.trim().to_owned()).collect();
                        if let Some(m) = &p.major {
                            all.push(m.trim().to_owned());
                        }
                        crate::sort::ascending(&mut all);
                        all.dedup();
                        let n = all.len() as u32;
                        Outcome::new(if n > *max { Status::Fail } else { Status::Pass })
                            .fact("majors", all)
                            .fact("major_count", n)
                            .fact("max", *max)
                    }
                }
            }
            EligibilityKind::TargetGroups(kinds::TargetGroups {
                groups,
                enterprise_employees,
            }) => group_outcome(groups, *enterprise_employees, p, defs),
            EligibilityKind::StartupAndCare(kinds::StartupAndCare {
                startup_groups,
                care_occupations,
                domestic_service_requires,
            }) => startup_and_care(
                startup_groups,
                care_occupations,
                domestic_service_requires,
                p,
            )?,
            // The definitions give their findings in `evaluate`, one per tag.
            EligibilityKind::Definitions(_) => return None,
        },
        // A key-group subsidy's groups are a person's eligibility too (JZ-S3).
        KindView::Amounts(a) => match a {
            AmountKind::CappedDailySubsidy(kinds::CappedDailySubsidy { groups, .. }) => {
                group_outcome(groups, false, p, defs)
            }
            AmountKind::MonthlySubsidyByCertificate(_)
            | AmountKind::AppraisalSubsidy(_)
            | AmountKind::TrainingSubsidyRate(_)
            | AmountKind::DailyAllowance(_)
            | AmountKind::TieredDailySubsidy(_)
            | AmountKind::PerPersonSubsidy(_)
            | AmountKind::NoEvaluationSubsidyAfter(_) => return None,
        },
        KindView::Attendance(_)
        | KindView::Enterprise(_)
        | KindView::Deadlines(_)
        | KindView::Claim(_)
        | KindView::Plan(_)
        | KindView::Voucher(_)
        | KindView::Record(_) => return None,
    })
}

const BOTH_LISTS: &[&str] = &["left_school_years", "graduating_class_years"];

/// DL-E3 and FS-E1: the year of leaving school (or the graduating class) in
/// the programme's years. A list another document fixes and the deployment has
/// not set decides nothing: a year it does not find in the other list is
/// unknown (`parameter_unset`), never a fail. The two lists are one
/// definition of the cohort: a pass stands only once every list left to the
/// deployment is set (`rules::settle`), and a fail rests on both.
fn graduation_window(
    kind: &RuleKind,
    left: &Param<Vec<i32>>,
    class: &Param<Vec<i32>>,
    p: &Person,
) -> Outcome {
    let years = |l: &Param<Vec<i32>>| l.value().map_or(Value::Null, |v| Value::from(v.clone()));
    let has = |l: &Param<Vec<i32>>, y: i32| l.value().map(|v| v.contains(&y));
    let year = p.graduation_year;
    let in_left = year.and_then(|y| has(left, y));
    let in_class = year.and_then(|y| has(class, y));
    let unset = [
        ("left_school_years", left),
        ("graduating_class_years", class),
    ]
    .into_iter()
    .find(|(_, l)| l.value().is_none())
    .map(|(name, _)| name);
    let outcome = match (in_left, in_class, unset, year) {
        (Some(true), _, _, _) => Outcome::new(Status::Pass).because("left_school"),
        (_, Some(true), _, _) => Outcome::new(Status::Pass).because("graduating_class"),
        (_, _, Some(name), _) => unset_parameter(kind, name),
        (_, _, None, None) => Outcome::new(Status::Unknown).because("missing"),
        (_, _, None, Some(_)) => Outcome::new(Status::Fail)
            .because("outside")
            .rests_on(BOTH_LISTS),
    };
    outcome
        .fact("graduation_year", opt(year))
        .fact("left_school_years", years(left))
        .fact("graduating_class_years", years(class))
}

/// The outcome of a rule that cannot be evaluated because the deployment has
/// not set the parameter `name`: unknown, reason `parameter_unset`, with the
/// facts that name the parameter and the document that fixes it.
pub(crate) fn unset_parameter(kind: &RuleKind, name: &str) -> Outcome {
    let mut o = Outcome::new(Status::Unknown).because("parameter_unset");
    if let Some(g) = kind
        .deployment_params()
        .into_iter()
        .find(|g| g.name == name)
    {
        gap_facts(&mut o.facts, &g);
    }
    o
}

/// How an institution was found in a list the deployment sets (FS-I1's
/// catalogue, FS-I2's register).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// The entry at this index, found by `credit_code` or by `name`.
    Found(usize, &'static str),
    /// Identified by its credit code, and not in the list.
    NotListed,
    /// Only a name, which no entry has as written: names are written in more
    /// than one way, so this proves nothing.
    NameUnmatched,
    /// Neither a name nor a credit code.
    Unidentified,
}

/// Finds an institution in a list of `(name, credit code)`: by its credit
/// code when it gives one (an entry with another code is another
/// institution), else by its name exactly as the list writes it; an entry with
/// no code is found by its name.
pub(crate) fn lookup<'a>(
    entries: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    name: Option<&str>,
    credit_code: Option<&str>,
) -> Lookup {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    let mut by_name = None;
    for (i, (n, c)) in entries.enumerate() {
        match (credit_code, c) {
            (Some(code), Some(c)) if c.trim().eq_ignore_ascii_case(code) => {
                return Lookup::Found(i, "credit_code")
            }
            (Some(_), Some(_)) => {}
            _ => {
                if by_name.is_none() && name == Some(n.trim()) {
                    by_name = Some(i);
                }
            }
        }
    }
    match (by_name, credit_code, name) {
        (Some(i), _, _) => Lookup::Found(i, "name"),
        (None, Some(_), _) => Lookup::NotListed,
        (None, None, Some(_)) => Lookup::NameUnmatched,
        (None, None, None) => Lookup::Unidentified,
    }
}

const CATALOGUE: &[&str] = &["catalogue"];

/// FS-I1: the institution is in the approved catalogue, and the major is one
/// it is approved for. A catalogue the deployment has not set decides nothing.
pub(crate) fn catalogue_outcome(
    kind: &RuleKind,
    catalogue: &Deployment<Vec<CatalogueEntry>>,
    strictness: Strictness,
    name: Option<&str>,
    credit_code: Option<&str>,
    major: Option<&str>,
) -> Outcome {
    let major = major.map(str::trim).filter(|m| !m.is_empty());
    let base = |o: Outcome| {
        o.fact("institution", opt(name))
            .fact("credit_code", opt(credit_code))
            .fact("major", opt(major))
            .fact("catalogue", catalogue.source.as_str())
    };
    let Some(entries) = &catalogue.value else {
        return base(unset_parameter(kind, "catalogue"))
            .fact("listed", Value::Null)
            .fact("listed_as", Value::Null)
            .fact("matched_by", Value::Null)
            .fact("approved_majors", Value::Null);
    };
    let found = lookup(
        entries
            .iter()
            .map(|e| (e.name.as_str(), e.credit_code.as_deref())),
        name,
        credit_code,
    );
    let soft = strictness == Strictness::InPrinciple;
    let outcome = match found {
        Lookup::Found(i, by) => {
            let e = &entries[i];
            let o = match major {
                None => Outcome::new(Status::Unknown).because("major_missing"),
                Some(m) if e.majors.iter().any(|x| x.trim() == m) => {
                    Outcome::new(Status::Pass).because("listed")
                }
                Some(_) if soft => Outcome::new(Status::Unknown).because("major_in_principle"),
                Some(_) => Outcome::new(Status::Fail).because("major"),
            };
            o.fact("listed", true)
                .fact("listed_as", e.name.as_str())
                .fact("matched_by", by)
                .fact("approved_majors", e.majors.clone())
        }
        other => {
            let (status, reason, listed) = match other {
                Lookup::NotListed if soft => (
                    Status::Unknown,
                    "institution_in_principle",
                    Value::from(false),
                ),
                Lookup::NotListed => (Status::Fail, "institution", Value::from(false)),
                Lookup::NameUnmatched => (Status::Unknown, "name_unmatched", Value::Null),
                _ => (Status::Unknown, "unidentified", Value::Null),
            };
            Outcome::new(status)
                .because(reason)
                .fact("listed", listed)
                .fact("listed_as", Value::Null)
                .fact("matched_by", Value::Null)
                .fact("approved_majors", Value::Null)
        }
    };
    base(outcome.rests_on(CATALOGUE))
}

/// The reading of 原则上 an outcome of FS-I1 names (`strictness_zh`,
/// `strictness_en`).
pub(crate) fn with_strictness(o: Outcome, strictness: Strictness) -> Outcome {
    let (zh, en) = match strictness {
        Strictness::Strict => (
            "按从严读取“原则上”：目录外的机构或专业不得承担",
            "“in principle” read strictly: an institution or major outside the catalogue may not train",
        ),
        Strictness::InPrinciple => (
            "按“原则上”读取：目录外的机构或专业须人工审核",
            "read as “in principle”: an institution or major outside the catalogue is for a person to review",
        ),
    };
    o.fact("strictness_zh", zh).fact("strictness_en", en)
}

/// Whether the person is in one of `groups` (or, when `employees_count`, an
/// enterprise employee). A stated group the policy defines counts only when
/// its definition's facts hold: one they contradict does not count, one whose
/// facts are not stated leaves the outcome unknown unless another group counts.
fn group_outcome(
    groups: &[KeyGroup],
    employees_count: bool,
    p: &Person,
    defs: Option<&Definitions<'_>>,
) -> Outcome {
    let s = standing(defs, p, groups);
    let employee = if employees_count {
        p.enterprise_employee
    } else {
        None
    };
    let stated_and_not_employee =
        p.key_groups.is_some() && (!employees_count || p.enterprise_employee == Some(false));
    let (status, reason) = if !s.holds.is_empty() {
        (Status::Pass, "group")
    } else if employee == Some(true) {
        (Status::Pass, "employee")
    } else if !s.undetermined.is_empty() {
        (Status::Unknown, "definitions")
    } else if !s.not_counted.is_empty() && stated_and_not_employee {
        (Status::Fail, "definitions")
    } else if stated_and_not_employee {
        (Status::Fail, "none")
    } else {
        (Status::Unknown, "missing")
    };
    let stated: Vec<KeyGroup> = p.key_groups.clone().unwrap_or_default();
    let mut o = Outcome::new(status)
        .because(reason)
        .fact(
            "key_groups_zh",
            if p.key_groups.is_some() {
                group_labels(&stated, true)
            } else {
                Value::Null
            },
        )
        .fact(
            "key_groups_en",
            if p.key_groups.is_some() {
                group_labels(&stated, false)
            } else {
                Value::Null
            },
        )
        .fact("matched_zh", group_labels(&s.holds, true))
        .fact("matched_en", group_labels(&s.holds, false))
        .fact("enterprise_employee", opt(p.enterprise_employee));
    if defs.is_some() {
        o = o
            .fact("undetermined_zh", group_labels(&s.undetermined, true))
            .fact("undetermined_en", group_labels(&s.undetermined, false))
            .fact("not_counted_zh", group_labels(&s.not_counted, true))
            .fact("not_counted_en", group_labels(&s.not_counted, false));
    }
    o
}

/// LC-S3 applies only to start-up training, care occupations and flexible
/// domestic-service workers. An occupation the notice does not name is
/// unknown, not a fail: its list ends in 等 and the authoritative shortage
/// catalogue is not part of the notice. With no occupation, no start-up
/// training and no domestic service the rule says nothing.
fn startup_and_care(
    startup_groups: &[crate::policy::vocab::StartupGroup],
    care_occupations: &[String],
    requires: &[String],
    p: &Person,
) -> Option<Outcome> {
    let occupation = p.occupation.as_deref().map(str::trim);
    let base = |o: Outcome| {
        o.fact("occupation", opt(occupation))
            .fact("startup_group_zh", opt(p.startup_group.map(|g| g.zh())))
            .fact("startup_group_en", opt(p.startup_group.map(|g| g.en())))
    };
    if p.startup_training == Some(true) {
        let (status, reason) = match p.startup_group {
            Some(g) if startup_groups.contains(&g) => (Status::Pass, "startup"),
            Some(_) => (Status::Fail, "startup"),
            None => (Status::Unknown, "startup"),
        };
        return Some(
            base(Outcome::new(status).because(reason))
                .fact("missing_zh", Value::Null)
                .fact("missing_en", Value::Null),
        );
    }
    if let Some(ds) = &p.domestic_service {
        let have = |item: &str| match item {
            "service_agreement" => ds.service_agreement,
            "registration" => ds.registered,
            _ => None,
        };
        let missing: Vec<&String> = requires.iter().filter(|r| have(r) == Some(false)).collect();
        let unknown = requires.iter().any(|r| have(r).is_none());
        let status = if !missing.is_empty() {
            Status::Fail
        } else if unknown {
            Status::Unknown
        } else {
            Status::Pass
        };
        let zh: Vec<&str> = missing.iter().map(|m| paper_zh(m)).collect();
        let en: Vec<&str> = missing.iter().map(|m| paper_en(m)).collect();
        return Some(
            base(Outcome::new(status).because("domestic_service"))
                .fact("missing_zh", zh)
                .fact("missing_en", en),
        );
    }
    let (status, reason) = match occupation {
        Some(o) if care_occupations.iter().any(|c| c == o) => (Status::Pass, "care"),
        Some(o) if !o.is_empty() => (Status::Unknown, "care_unlisted"),
        _ => return None,
    };
    Some(
        base(Outcome::new(status).because(reason))
            .fact("missing_zh", Value::Null)
            .fact("missing_en", Value::Null),
    )
}

fn paper_zh(item: &str) -> &'static str {
    match item {
        "service_agreement" => "服务协议",
        "registration" => "登记",
        _ => "其他材料",
    }
}

fn paper_en(item: &str) -> &'static str {
    match item {
        "service_agreement" => "a service agreement",
        "registration" => "registration",
        _ => "another document",
    }
}
