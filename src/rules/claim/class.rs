//! Claim-level checks: the institution, the class's schedule, the same person twice, the documents.

use super::*;
use crate::error::InputCode;
use crate::policy::kinds::{self, ClaimKind, EligibilityKind, KindView};

/// The catalogue finding eligibility gave (FS-I1, or DL-P1's first part) and
/// what the claim says of it: an `in_catalogue` that contradicts the catalogue
/// is a finding of its own beside it; a "not listed" where the catalogue
/// cannot say (unset, an example, the institution not found by its code or
/// name) takes the place of that unknown finding, the institution taken at its
/// word. `strictness` is FS-I1's reading of 原则上 (`None`: DL-P1, strict).
pub(super) fn catalogue_word_findings(
    rule: &Rule,
    found: Finding,
    catalogue: &Deployment<Vec<crate::policy::kinds::CatalogueEntry>>,
    strictness: Option<crate::policy::kinds::Strictness>,
    inst: &InstitutionInfo,
    out: &mut Vec<Finding>,
) {
    let word = eligibility::catalogue_word(
        catalogue,
        strictness.unwrap_or_default(),
        inst.name.as_deref(),
        inst.credit_code.as_ref().map(|c| c.code()),
        inst.in_catalogue,
    );
    let Some(o) = word else {
        out.push(found);
        return;
    };
    let taken_at_its_word = o.reason == Some("stated_not_listed");
    let o = match strictness {
        Some(s) => eligibility::with_strictness(o, s),
        None => eligibility::standing_part(rule, eligibility::Part::Catalogue, o),
    };
    if !taken_at_its_word {
        out.push(found);
    }
    out.push(finding(rule, o));
}

/// The premises (FS-I2; DL-P1's second part): the class trains on premises
/// the authority verified on site. The class's address is looked up in the
/// deployment's register, never taken from the claim's word. What the claim
/// says (`premises_verified`) is compared with the register: a contradiction
/// is a second outcome, a fail of its own; an institution that says its
/// premises are not verified fails on its own word where the register cannot
/// say (unset, an example, the institution or the address not found).
pub(super) fn premises_outcome(
    kind: &RuleKind,
    register: &Deployment<Vec<PremisesEntry>>,
    inst: &InstitutionInfo,
) -> (Outcome, Option<Outcome>) {
    let code = inst.credit_code.as_ref().map(|c| c.code());
    let said = inst
        .premises
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let base = |o: Outcome| {
        o.fact("institution", opt(inst.name.clone()))
            .fact("credit_code", opt(code))
            .fact("register", register.source.as_str())
            .fact("premises", opt(said))
            .fact("premises_verified", opt(inst.premises_verified))
    };
    let unlisted = |o: Outcome| {
        o.fact("listed", Value::Null)
            .fact("listed_as", Value::Null)
            .fact("matched_by", Value::Null)
            .fact("verified_premises", Value::Null)
    };
    let Some(entries) = &register.value else {
        let o = match inst.premises_verified {
            Some(false) => Outcome::new(Status::Fail).because("stated_not_verified"),
            _ => eligibility::unset_parameter(kind, "register"),
        };
        return (base(unlisted(o)), None);
    };
    let found = eligibility::lookup(
        entries
            .iter()
            .map(|e| (e.name.as_str(), e.credit_code.as_deref())),
        inst.name.as_deref(),
        code,
    );
    // Whether the register shows the class's premises as verified (`None`:
    // it cannot say).
    let (outcome, verified) = match found {
        Lookup::Found(i, by) => {
            let e = &entries[i];
            // Addresses compare without their white space (a full-width space
            // included): the register's words, not its spacing, decide.
            let squeeze = |a: &str| a.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let (o, verified) = match said {
                None => (
                    Outcome::new(Status::Unknown).because("premises_missing"),
                    None,
                ),
                Some(a) if e.premises.iter().any(|x| squeeze(x) == squeeze(a)) => {
                    (Outcome::new(Status::Pass).because("verified"), Some(true))
                }
                Some(_) => (
                    Outcome::new(Status::Fail).because("premises_unlisted"),
                    Some(false),
                ),
            };
            let o = o
                .fact("listed", true)
                .fact("listed_as", e.name.as_str())
                .fact("matched_by", by)
                .fact("verified_premises", e.premises.clone());
            (o, verified)
        }
        Lookup::NotListed => (
            unlisted(Outcome::new(Status::Fail).because("not_registered")).fact("listed", false),
            Some(false),
        ),
        Lookup::NameUnmatched => (
            unlisted(Outcome::new(Status::Unknown).because("name_unmatched")),
            None,
        ),
        Lookup::Unidentified => (
            unlisted(Outcome::new(Status::Unknown).because("unidentified")),
            None,
        ),
    };
    // Only a register the deployment has set can contradict the claim.
    let verified = verified.filter(|_| !register.example);
    let word = eligibility::word(inst.premises_verified, verified).map(|w| {
        let reason = match w {
            eligibility::Word::ClaimsYes => "claimed_verified",
            eligibility::Word::ClaimsNo => "claimed_unverified",
            eligibility::Word::SaysNo => "stated_not_verified",
        };
        let mut o = Outcome::new(Status::Fail).because(reason);
        o.facts = outcome.facts.clone();
        (w, base(o))
    });
    match word {
        // Taken at its word in place of a lookup that cannot say.
        Some((eligibility::Word::SaysNo, o)) => (o, None),
        word => (base(outcome.rests_on(&["register"])), word.map(|(_, o)| o)),
    }
}

impl Verifier<'_> {
    /// Institution-level rules: the catalogue (FS-I1; DL-P1's first part),
    /// the premises (FS-I2; DL-P1's second part) and a college's premises
    /// (DL-P1's third part), suspension (LC-P3), and the eligibility rules
    /// about the institution and the class's major (DL-M1, DL-M2, DL-P7),
    /// reused from eligibility. The catalogue and the register are the
    /// deployment's; what the claim says of them (`in_catalogue`,
    /// `premises_verified`) is compared with them, never taken as given.
    pub(super) fn institution(&self, out: &mut Vec<Finding>) {
        let inst = self.claim.institution.clone().unwrap_or_default();
        let major = self.claim.class.as_ref().and_then(|c| c.major.clone());
        let person = Person {
            major: major.clone(),
            institution: Some(Institution {
                name: inst.name.clone(),
                credit_code: inst.credit_code.clone(),
                majors: inst.majors.clone(),
                dishonest: inst.dishonest,
            }),
            ..Person::default()
        };
        let verdict = eligibility::evaluate(self.policy, &Applicant::Person(person));
        for f in verdict.findings {
            let Some(rule) = self.policy.rule(&f.rule_id) else {
                continue;
            };
            match rule.kind.view() {
                KindView::Eligibility(k) => match k {
                    EligibilityKind::MajorInList(_) => {
                        if major.is_some() || self.claim.class.is_some() {
                            out.push(f)
                        }
                    }
                    EligibilityKind::InstitutionMajorLimit(_) => out.push(f),
                    EligibilityKind::NotDishonest(k) => {
                        if k.subject == Subject::Institution {
                            out.push(f)
                        }
                    }
                    EligibilityKind::InstitutionCatalogue(k) => catalogue_word_findings(
                        rule,
                        f,
                        &k.catalogue,
                        Some(k.strictness),
                        &inst,
                        out,
                    ),
                    EligibilityKind::InstitutionStanding(k) => {
                        catalogue_word_findings(rule, f, &k.catalogue, None, &inst, out)
                    }
                    // The trainee's own: checked per person.
                    EligibilityKind::Residence(_)
                    | EligibilityKind::EducationType(_)
                    | EligibilityKind::GraduationWindow(_)
                    | EligibilityKind::NeverEmployed(_)
                    | EligibilityKind::ParticipationLimit(_)
                    | EligibilityKind::TargetGroups(_)
                    | EligibilityKind::StartupAndCare(_)
                    | EligibilityKind::Definitions(_) => {}
                },
                // Not the institution's standing.
                KindView::Attendance(_)
                | KindView::Amounts(_)
                | KindView::Enterprise(_)
                | KindView::Deadlines(_)
                | KindView::Claim(_)
                | KindView::Plan(_)
                | KindView::Voucher(_)
                | KindView::Record(_) => {}
            }
        }
        for rule in &self.policy.rules {
            // DL-P1's premises and college parts (its catalogue part is an
            // eligibility finding, above).
            if let RuleKind::InstitutionStanding(kinds::InstitutionStanding {
                register,
                no_college_premises_for_class_of,
                ..
            }) = &rule.kind
            {
                let (found, word) = premises_outcome(&rule.kind, register, &inst);
                for o in std::iter::once(found).chain(word) {
                    out.push(finding(
                        rule,
                        eligibility::standing_part(rule, eligibility::Part::Premises, o),
                    ));
                }
                self.college_premises(rule, &inst, *no_college_premises_for_class_of, out)
            }
            let Some(k) = rule.kind.as_claim() else {
                continue;
            };
            match k {
                ClaimKind::VerifiedPremises(kinds::VerifiedPremises { register }) => {
                    let (found, word) = premises_outcome(&rule.kind, register, &inst);
                    out.extend(std::iter::once(found).chain(word).map(|o| finding(rule, o)));
                }
                ClaimKind::InstitutionNotSuspended(_) => {
                    let status = match inst.suspended {
                        Some(true) => Status::Fail,
                        Some(false) => Status::Pass,
                        None => Status::Unknown,
                    };
                    out.push(finding(
                        rule,
                        Outcome::new(status)
                            .fact("institution", opt(inst.name.clone()))
                            .fact("suspended", opt(inst.suspended)),
                    ));
                }
                // Per trainee (`person`) and over the whole claim (`duplicates_findings`, `completeness`).
                ClaimKind::NoDuplicateSubsidy(_)
                | ClaimKind::EnrolmentDocuments(_)
                | ClaimKind::ClaimCompleteness(_)
                | ClaimKind::NoRecordNoSubsidy(_) => {}
            }
        }
    }

    /// DL-P1's third part: a college's premises may not be used to train that
    /// college's graduating class. Like every part of DL-P1, a pass stands
    /// only once the deployment has set DL-P1's catalogue and register.
    pub(super) fn college_premises(
        &self,
        rule: &Rule,
        inst: &InstitutionInfo,
        class_of: Option<i32>,
        out: &mut Vec<Finding>,
    ) {
        let (Some(college), Some(year)) = (&inst.premises_college, class_of) else {
            return;
        };
        let mut affected = Vec::new();
        let mut unknown = false;
        for t in &self.claim.trainees {
            let in_class = t.eligibility.graduation_year.map(|y| y == year);
            let same_school = t.school.as_ref().map(|s| s.trim() == college.trim());
            match (in_class, same_school) {
                (Some(true), Some(true)) => affected.push(self.subject(t.id_number.number())),
                (Some(false), _) | (_, Some(false)) => {}
                _ => unknown = true,
            }
        }
        let status = if !affected.is_empty() {
            Status::Fail
        } else if unknown {
            Status::Unknown
        } else {
            Status::Pass
        };
        out.push(finding(
            rule,
            Outcome::new(status)
                .because("college_premises")
                .fact("institution", opt(inst.name.clone()))
                .fact("premises_college", college.as_str())
                .fact("class_of", year)
                .fact("trainees", affected),
        ));
    }

    /// The schedule rules on the claim's class (DL-T1, DL-T2, DL-T3, FS-A1's
    /// parts but the attendance rate): its own dates decide the duration, and
    /// the filed months must be the dates' months and within the seed's. The
    /// timetable decides the working days and the lessons: the one in the
    /// claim's raw attendance (the attendance module's findings on it), else
    /// the class's own (`class.timetable`, checked here by the same functions);
    /// without either they are unknown, never silent. Claim-level findings: a
    /// fail rejects the claim, an unknown sends it to review.
    pub(super) fn class_schedule(&self, out: &mut Vec<Finding>) -> Result<(), Problem> {
        let Some(class) = &self.claim.class else {
            return Ok(());
        };
        if class.timetable.is_some() && self.claim.attendance.is_some() {
            return Err(InputError::new(
                InputCode::InvalidValue,
                "$.class.timetable",
                "the claim carries raw attendance, whose `attendance.class` is the class's \
                 timetable: give the timetable once, there",
            )
            .problem());
        }
        let schedule = match &class.timetable {
            Some(t) if self.recomputed.is_none() => {
                let c = t.schedule(class);
                let s = attendance::Schedule::build(&c, self.cal, None)
                    .map_err(located_in_timetable)?;
                Some((s, c))
            }
            _ => None,
        };
        let timetable = schedule.as_ref().map(|(s, c)| attendance::Timetable {
            schedule: s,
            class: c,
        });
        let span = attendance::Span::new(self.cal, class.start, class.end);
        let major = class.major.as_deref();
        for rule in &self.policy.rules {
            if !matches!(
                rule.kind,
                RuleKind::TrainingDuration(_)
                    | RuleKind::WorkingDaysOnly(_)
                    | RuleKind::DailyLessons(_)
                    | RuleKind::TrainingStandard(_)
            ) {
                continue;
            }
            let mut from_timetable = false;
            if let Some(r) = &self.recomputed {
                for f in r
                    .other
                    .iter()
                    .filter(|f| f.rule_id == rule.id && f.subject.is_none())
                {
                    out.push(f.clone());
                    from_timetable = true;
                }
            }
            let mut outcomes = Vec::new();
            if !from_timetable {
                outcomes.extend(attendance::class_rules(
                    &rule.kind,
                    &span,
                    major,
                    timetable,
                    rule.in_force.or(self.policy.in_force),
                ));
            }
            if let Some(filed) = class.filed_months {
                outcomes.extend(attendance::filed_months(&rule.kind, &span, major, filed));
            }
            // What the class's timetable decides rests on the calendar's
            // assumption, when its dates need one.
            let assumption = schedule.as_ref().and_then(|(s, _)| s.assumption.clone());
            for o in outcomes {
                let calendar = matches!(rule.kind, RuleKind::WorkingDaysOnly(_))
                    || o.facts.get("part").is_some_and(|p| p == "working_days");
                let o = o
                    .fact("class", class.name.clone().unwrap_or_default())
                    .fact("start", ymd(class.start))
                    .fact("end", ymd(class.end));
                let o = if calendar {
                    o.assuming(assumption.clone())
                } else {
                    o
                };
                out.push(finding(rule, o));
            }
        }
        Ok(())
    }

    /// The seed's longest duration in months (DL-T1, FS-A1), when the policy has one.
    pub(super) fn max_months(&self) -> Option<u32> {
        self.policy
            .rules
            .iter()
            .find_map(|r| attendance::DurationRule::of(&r.kind).map(|d| d.max))
    }

    pub(super) fn duplicates_findings(
        &self,
        trainees: &SortedMap<usize, usize>,
        workers: &SortedMap<usize, usize>,
        out: &mut Vec<Finding>,
    ) {
        let Some(rule) = self
            .policy
            .rules
            .iter()
            .find(|r| matches!(r.kind, RuleKind::NoDuplicateSubsidy(_)))
        else {
            return;
        };
        let mut any = false;
        let groups = [
            (
                trainees,
                self.claim
                    .trainees
                    .iter()
                    .map(|t| t.id_number.number())
                    .collect::<Vec<_>>(),
            ),
            (
                workers,
                self.claim
                    .enterprise
                    .iter()
                    .flat_map(|e| e.workers.iter().map(|w| w.id_number.number()))
                    .collect(),
            ),
        ];
        for (dups, ids) in groups {
            // One finding per person listed more than once, naming every row.
            let mut rows: SortedMap<usize, Vec<u32>> = SortedMap::new();
            for (&later, &first) in dups {
                rows.entry(first)
                    .or_insert_with(|| vec![row(first)])
                    .push(row(later));
            }
            for (first, rows) in rows {
                any = true;
                out.push(finding(
                    rule,
                    Outcome::new(Status::Fail)
                        .because("in_claim")
                        .fact("rows", rows)
                        .about(self.subject(ids[first])),
                ));
            }
        }
        if !any {
            out.push(finding(
                rule,
                Outcome::new(Status::Pass)
                    .because("in_claim")
                    .fact("rows", Value::Null),
            ));
        }
    }

    /// IP-P2: the documents a claim carries.
    pub(super) fn claim_documents(&self, out: &mut Vec<Finding>) {
        for rule in &self.policy.rules {
            if let RuleKind::ClaimCompleteness(kinds::ClaimCompleteness { required }) = &rule.kind {
                let (status, missing) = missing_items(required, self.claim.documents.as_deref());
                let (zh, en) = labels(&missing);
                out.push(finding(
                    rule,
                    Outcome::new(status)
                        .fact("missing_zh", zh)
                        .fact("missing_en", en),
                ));
            }
        }
    }
}
