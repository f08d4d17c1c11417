//! A programme's definitions (JZ-D1's 相关概念) as checks on a person's facts.
//!
//! A group tag a person states (`rural_migrant_worker`, `registered_unemployed`
//! …) counts only when the facts its definition asks hold: a tag contradicted
//! by another fact does not count ("农村转移劳动力 … (不含企业职工)": not for an
//! enterprise employee), and a tag whose defining facts are not stated is
//! unknown ("失业人员是指具有本地户籍 … 办理了求职登记的人员"). Which facts each
//! group asks is the policy's (`groups` of the `definitions` kind).
//!
//! "就业" (employed) is "劳动年龄内 … 劳动报酬或经营收入不低于当地城市居民最低
//! 生活保障标准": where it decides (JZ-S1's employment after training), a stated
//! job counts only with an income at or above the floor and an age within
//! working age, both deployment parameters.

use chrono::NaiveDate;
use serde_json::Value;

use super::applicant::Person;
use crate::identity::{ResidentId, Sex};
use crate::money::Yuan;
use crate::policy::kinds::{DefinedGroup, Deployment, RuleKind, WorkingAge};
use crate::policy::vocab::{DefiningFact, KeyGroup};
use crate::policy::{Policy, Rule};
use crate::report::Status;
use crate::rules::Outcome;

/// The parameters "employed" rests on: the income floor and working age.
const EMPLOYED_PARAMS: &[&str] = &["employed_income_floor", "working_age"];

/// A policy's definitions rule and its parameters.
#[derive(Clone, Copy)]
pub(crate) struct Definitions<'a> {
    /// The rule findings about the definitions cite (JZ-D1).
    pub rule: &'a Rule,
    groups: &'a [DefinedGroup],
    local_province: Option<&'a str>,
    floor: &'a Deployment<Yuan>,
    working_age: &'a Deployment<WorkingAge>,
}

/// How a stated tag stands by its definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tag {
    /// Every fact the definition asks holds (or the policy does not define it).
    Holds,
    /// Some facts are not stated, none is contradicted.
    Undetermined,
    /// A fact the definition asks is contradicted: the tag does not count.
    NotCounted,
}

/// A person's stated groups against a list of groups, each by its definition.
#[derive(Debug, Clone, Default)]
pub(crate) struct Standing {
    /// The listed groups the person states whose definitions hold.
    pub holds: Vec<KeyGroup>,
    /// The listed groups stated whose defining facts are not all stated.
    pub undetermined: Vec<KeyGroup>,
    /// The listed groups stated that a fact contradicts.
    pub not_counted: Vec<KeyGroup>,
}

impl<'a> Definitions<'a> {
    /// The policy's first `definitions` rule, if it has one.
    pub fn of(policy: &'a Policy) -> Option<Self> {
        policy.rules.iter().find_map(|rule| {
            let RuleKind::Definitions(k) = &rule.kind else {
                return None;
            };
            Some(Definitions {
                rule,
                groups: &k.groups,
                local_province: k.local_province.as_deref(),
                floor: &k.employed_income_floor,
                working_age: &k.working_age,
            })
        })
    }

    /// Whether a defining fact holds for the person: `None` when not stated.
    fn holds(&self, fact: DefiningFact, p: &Person) -> Option<bool> {
        match fact {
            DefiningFact::NotEnterpriseEmployee => p.enterprise_employee.map(|e| !e),
            DefiningFact::LocalHukou => {
                // A registration in another province is not local, whatever is said.
                let elsewhere = matches!(
                    (self.local_province, p.hukou_province.as_ref()),
                    (Some(local), Some(h)) if h.code() != local
                );
                if elsewhere {
                    Some(false)
                } else {
                    p.local_hukou
                }
            }
            DefiningFact::AbleToWork => p.able_to_work,
            DefiningFact::OutOfWork => p.out_of_work,
            DefiningFact::JobSeekingRegistered => p.job_seeking_registered,
        }
    }

    /// The definition of a group, when the policy gives one.
    fn definition(&self, g: KeyGroup) -> Option<&'a DefinedGroup> {
        self.groups.iter().find(|d| d.group == g)
    }

    /// How a tag stands, with the facts not stated and those contradicted.
    fn check(&self, g: KeyGroup, p: &Person) -> (Tag, Vec<DefiningFact>, Vec<DefiningFact>) {
        let Some(def) = self.definition(g) else {
            return (Tag::Holds, Vec::new(), Vec::new());
        };
        let mut missing = Vec::new();
        let mut contradicted = Vec::new();
        for f in &def.requires {
            match self.holds(*f, p) {
                Some(true) => {}
                Some(false) => contradicted.push(*f),
                None => missing.push(*f),
            }
        }
        let tag = if !contradicted.is_empty() {
            Tag::NotCounted
        } else if !missing.is_empty() {
            Tag::Undetermined
        } else {
            Tag::Holds
        };
        (tag, missing, contradicted)
    }

    /// How a stated tag stands by its definition.
    pub fn tag(&self, g: KeyGroup, p: &Person) -> Tag {
        self.check(g, p).0
    }

    /// The findings about a person's defined tags: one for each stated tag the
    /// policy defines that does not count (fail, naming the facts that
    /// contradict it) or cannot be told yet (unknown, naming the facts not
    /// stated). A tag that holds gives no finding of its own: the group rule
    /// that uses it names it. None rests on a deployment parameter.
    pub fn tag_outcomes(&self, p: &Person) -> Vec<Outcome> {
        let mut out = Vec::new();
        for g in p.key_groups.iter().flatten() {
            let Some(def) = self.definition(*g) else {
                continue;
            };
            let (tag, missing, contradicted) = self.check(*g, p);
            let status = match tag {
                Tag::Holds => continue,
                Tag::Undetermined => Status::Unknown,
                Tag::NotCounted => Status::Fail,
            };
            let zh = |v: &[DefiningFact]| v.iter().map(|f| f.zh()).collect::<Vec<_>>();
            let en = |v: &[DefiningFact]| v.iter().map(|f| f.en()).collect::<Vec<_>>();
            out.push(
                Outcome::new(status)
                    .because(g.key())
                    .rests_on(&[])
                    .fact("term", def.term.as_str())
                    .fact("group_zh", g.zh())
                    .fact("group_en", g.en())
                    .fact("missing_zh", zh(&missing))
                    .fact("missing_en", en(&missing))
                    .fact("contradicted_zh", zh(&contradicted))
                    .fact("contradicted_en", en(&contradicted)),
            );
        }
        out
    }

    /// "就业" after training, for a person who says they are employed: the
    /// monthly income against the floor and the age on `on` (the last training
    /// day) against working age. The outcome rests on both parameters, so it
    /// stands only once the deployment has set them; an income or a day not
    /// given is unknown on its own account.
    pub fn employed(
        &self,
        id: &ResidentId,
        income: Option<Yuan>,
        on: Option<NaiveDate>,
    ) -> Outcome {
        let age = on.and_then(|d| id.age_on(d));
        let sex = id.sex();
        let base = |o: Outcome| {
            o.fact("term", "就业")
                .fact("income", crate::rules::opt(income.map(|i| i.to_string())))
                .fact(
                    "income_floor",
                    crate::rules::opt(self.floor.value.map(|f| f.to_string())),
                )
                .fact("age", crate::rules::opt(age))
                .fact("end", crate::rules::opt(on.map(crate::rules::ymd)))
                .fact(
                    "sex_zh",
                    match sex {
                        Sex::Male => "男",
                        Sex::Female => "女",
                    },
                )
                .fact(
                    "sex_en",
                    match sex {
                        Sex::Male => "a man",
                        Sex::Female => "a woman",
                    },
                )
                .fact(
                    "min_age",
                    crate::rules::opt(self.working_age.value.map(|w| w.min)),
                )
                .fact(
                    "max_age",
                    crate::rules::opt(self.working_age.value.map(|w| match sex {
                        Sex::Male => w.max_men,
                        Sex::Female => w.max_women,
                    })),
                )
        };
        let (Some(income), Some(age)) = (income, age) else {
            let reason = if income.is_none() {
                "employed_income"
            } else {
                "employed_date"
            };
            return base(Outcome::new(Status::Unknown).because(reason).rests_on(&[]));
        };
        let in_age = self.working_age.value.map(|w| {
            let max = match sex {
                Sex::Male => w.max_men,
                Sex::Female => w.max_women,
            };
            w.min <= age && age < max
        });
        let above = self.floor.value.map(|f| income >= f);
        // A parameter not set leaves a pass to `rules::settle`, which makes it
        // unknown; a fail needs both set values to say so.
        let (status, reason) = match (in_age, above) {
            (Some(false), _) => (Status::Fail, "employed_age"),
            (_, Some(false)) => (Status::Fail, "employed_income"),
            _ => (Status::Pass, "employed"),
        };
        base(
            Outcome::new(status)
                .because(reason)
                .rests_on(EMPLOYED_PARAMS),
        )
    }
}

/// A person's stated groups against `listed`, each by the policy's definition
/// (every stated listed group holds when the policy has no definitions).
pub(crate) fn standing(
    defs: Option<&Definitions<'_>>,
    p: &Person,
    listed: &[KeyGroup],
) -> Standing {
    let mut s = Standing::default();
    for g in p.key_groups.iter().flatten() {
        if !listed.contains(g) {
            continue;
        }
        match defs.map_or(Tag::Holds, |d| d.tag(*g, p)) {
            Tag::Holds => s.holds.push(*g),
            Tag::Undetermined => s.undetermined.push(*g),
            Tag::NotCounted => s.not_counted.push(*g),
        }
    }
    s
}

/// Labels of groups, as a fact.
pub(crate) fn group_labels(v: &[KeyGroup], zh: bool) -> Value {
    Value::from(
        v.iter()
            .map(|g| if zh { g.zh() } else { g.en() })
            .collect::<Vec<_>>(),
    )
}
