//! Policy lint: what makes a policy file unusable, found before it is used.
//!
//! The lint refuses: a duplicate or malformed rule ID; a missing message (each
//! kind says which outcomes need one, in both languages); a placeholder naming a
//! fact the kind does not offer; a subsidy rate outside the range the document
//! sets (DL-S1 at 2100 yuan); a training duration outside the document's months;
//! a period that ends before it starts; parameters that cannot mean anything
//! (a rate above 1, tiers out of order, a `MM-DD` that is no day); an
//! `exclusive_with` that names no amount rule of the policy.

use super::kinds::{Deployment, RuleKind, YuanRange};
use super::model::{Policy, Rule};
use super::parameters::GAP_FACTS;
use super::template::placeholders;
use super::PolicyError;
use crate::money::Yuan;

/// Every problem in `policy`; empty when it is fit to use.
///
/// ```
/// let set = peixun::policy::PolicySet::builtin().unwrap();
/// for p in set.iter() {
///     assert!(peixun::policy::lint::lint(p).is_empty());
/// }
/// ```
pub fn lint(policy: &Policy) -> Vec<PolicyError> {
    let mut out = Vec::new();
    if policy.id.is_empty()
        || !policy
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        out.push(
            PolicyError::new(
                "policy.bad_field",
                None,
                "$.id",
                format!(
                    "`{}`: a policy ID is lower-case letters, digits and hyphens",
                    policy.id
                ),
            )
            .with_zh(Some(format!(
                "`{}`：政策编号只能由小写字母、数字和连字符组成",
                policy.id
            ))),
        );
    }
    if let Some(p) = policy.in_force {
        if p.until < p.from {
            out.push(
                PolicyError::new(
                    "policy.bad_period",
                    None,
                    "$.in_force",
                    format!("ends {} before it starts {}", p.until, p.from),
                )
                .with_zh(Some(format!(
                    "结束日期 {} 早于开始日期 {}",
                    p.until, p.from
                ))),
            );
        }
    }
    for (i, rule) in policy.rules.iter().enumerate() {
        let at = At(i);
        if policy.rules[..i].iter().any(|r| r.id == rule.id) {
            out.push(err(
                "policy.duplicate_rule",
                rule,
                &at.rule(".id"),
                "the rule ID appears twice",
                "规则编号出现了两次",
            ));
        }
        if !rule_id_ok(&rule.id) {
            out.push(err(
                "policy.bad_rule_id",
                rule,
                &at.rule(".id"),
                "a rule ID looks like `DL-E1`: two or three capital letters, a hyphen, a capital letter and a number",
                "规则编号应形如 `DL-E1`：两到三个大写字母、连字符，再加一个大写字母和数字",
            ));
        }
        if let Some(p) = rule.in_force {
            if p.until < p.from {
                out.push(err(
                    "policy.bad_period",
                    rule,
                    &at.rule(".in_force"),
                    "ends before it starts",
                    "结束早于开始",
                ));
            }
        }
        lint_messages(rule, at, &mut out);
        lint_params(rule, at, &mut out);
        lint_exclusive(policy, rule, at, &mut out);
    }
    out
}

/// The messages an amount rule needs when it is exclusive with another: its
/// lines when both would pay one person (`line_unknown.exclusive`), and the
/// claim's finding naming both rules (`fail.exclusive` when both are claimed,
/// `unknown.exclusive` when a person must choose).
const EXCLUSIVE_MESSAGES: &[&str] = &[
    "line_unknown.exclusive",
    "fail.exclusive",
    "unknown.exclusive",
];

/// `exclusive_with`: every rule named exists, is an amount rule and is not the
/// rule itself; each rule of an exclusive pair carries the messages for it.
fn lint_exclusive(policy: &Policy, rule: &Rule, at: At, out: &mut Vec<PolicyError>) {
    let is_amount = |r: &Rule| r.kind.required_messages().contains(&"line");
    if !rule.exclusive_with.is_empty() && !is_amount(rule) {
        out.push(err(
            "policy.bad_exclusive",
            rule,
            &at.rule(".exclusive_with"),
            "only an amount rule can be exclusive with another",
            "只有补贴金额类规则才能与其他规则互斥",
        ));
    }
    for (j, id) in rule.exclusive_with.iter().enumerate() {
        let path = at.rule(&format!(".exclusive_with[{j}]"));
        match policy.rule(id) {
            _ if *id == rule.id => out.push(err(
                "policy.bad_exclusive",
                rule,
                &path,
                "a rule cannot be exclusive with itself",
                "规则不能与自身互斥",
            )),
            None => out.push(err(
                "policy.bad_exclusive",
                rule,
                &path,
                format!("`{id}` is not a rule of this policy"),
                format!("`{id}` 不是本政策的规则"),
            )),
            Some(other) if !is_amount(other) => out.push(err(
                "policy.bad_exclusive",
                rule,
                &path,
                format!("`{id}` is not an amount rule"),
                format!("`{id}` 不是补贴金额类规则"),
            )),
            Some(_) => {}
        }
    }
    // Both sides of a pair need the messages, whichever side declares it.
    let in_pair = !rule.exclusive_with.is_empty()
        || policy
            .rules
            .iter()
            .any(|r| r.exclusive_with.contains(&rule.id));
    if in_pair && is_amount(rule) {
        for key in EXCLUSIVE_MESSAGES {
            if !rule.messages.contains_key(*key) {
                out.push(err(
                    "policy.missing_message",
                    rule,
                    &at.rule(&format!(".messages.{key}")),
                    format!("a rule exclusive with another needs a `{key}` message"),
                    format!("与其他规则互斥的规则需要 `{key}` 提示语"),
                ));
            }
        }
    }
}

/// Where a rule is in the policy: `$.rules[i]`. The path text is only written
/// when there is a problem to report, so a clean policy costs no formatting.
#[derive(Clone, Copy)]
struct At(usize);

impl At {
    /// `$.rules[i]` followed by `tail`.
    fn rule(self, tail: &str) -> String {
        format!("$.rules[{}]{tail}", self.0)
    }

    /// `$.rules[i].params` followed by `tail`.
    fn params(self, tail: &str) -> String {
        format!("$.rules[{}].params{tail}", self.0)
    }
}

fn rule_id_ok(id: &str) -> bool {
    let Some((prefix, rest)) = id.split_once('-') else {
        return false;
    };
    let mut chars = rest.chars();
    (2..=3).contains(&prefix.len())
        && prefix.chars().all(|c| c.is_ascii_uppercase())
        && chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && {
            let digits: String = chars.collect();
            !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
        }
}

/// A problem of one rule, in English and Chinese.
fn err(
    code: &'static str,
    rule: &Rule,
    path: &str,
    en: impl Into<String>,
    zh: impl Into<String>,
) -> PolicyError {
    PolicyError::new(code, Some(rule.id.clone()), path, en).with_zh(Some(zh.into()))
}

/// The messages a rule needs when a deployment parameter keeps an outcome
/// from standing (`rules::settle`): `unknown.parameter` for a kind that gives
/// pass/fail findings, `line_unknown.parameter` for an amount kind's lines.
fn gap_messages(rule: &Rule) -> &'static [&'static str] {
    if rule.kind.deployment_params().is_empty() {
        return &[];
    }
    let required = rule.kind.required_messages();
    match (required.contains(&"pass"), required.contains(&"line")) {
        (true, true) => &["unknown.parameter", "line_unknown.parameter"],
        (true, false) => &["unknown.parameter"],
        (false, true) => &["line_unknown.parameter"],
        (false, false) => &[],
    }
}

fn lint_messages(rule: &Rule, at: At, out: &mut Vec<PolicyError>) {
    for outcome in rule
        .kind
        .required_messages()
        .iter()
        .chain(gap_messages(rule))
    {
        match rule.messages.get(*outcome) {
            None => out.push(err(
                "policy.missing_message",
                rule,
                &at.rule(&format!(".messages.{outcome}")),
                format!("a `{}` rule needs a `{outcome}` message", rule.kind.name()),
                format!("`{}` 类规则需要 `{outcome}` 提示语", rule.kind.name()),
            )),
            Some(m) => {
                for (lang, text) in [("zh", &m.zh), ("en", &m.en)] {
                    if text.trim().is_empty() {
                        out.push(err(
                            "policy.missing_message",
                            rule,
                            &at.rule(&format!(".messages.{outcome}.{lang}")),
                            format!("the `{outcome}` message has no {lang} text"),
                            format!(
                                "`{outcome}` 提示语缺少{}文本",
                                if lang == "zh" { "中文" } else { "英文" }
                            ),
                        ));
                    }
                }
            }
        }
    }
    let known = rule.kind.fact_names();
    // A rule with deployment parameters also offers the facts that name one
    // that is not set (`parameter`, `parameter_source` …).
    let gap_facts: &[&str] = if rule.kind.deployment_params().is_empty() {
        &[]
    } else {
        GAP_FACTS
    };
    for (key, m) in &rule.messages {
        for (lang, text) in [("zh", &m.zh), ("en", &m.en)] {
            for name in placeholders(text) {
                if name != "rule_id" && !known.contains(&name) && !gap_facts.contains(&name) {
                    out.push(err(
                        "policy.unknown_placeholder",
                        rule,
                        &at.rule(&format!(".messages[\"{key}\"].{lang}")),
                        format!(
                            "`{{{name}}}` is not a fact of `{}` (known: {})",
                            rule.kind.name(),
                            if known.is_empty() {
                                "none".to_owned()
                            } else {
                                known.join(", ")
                            }
                        ),
                        format!(
                            "`{{{name}}}` 不是 `{}` 类规则的事实（可用：{}）",
                            rule.kind.name(),
                            if known.is_empty() {
                                "无".to_owned()
                            } else {
                                known.join("、")
                            }
                        ),
                    ));
                }
            }
        }
    }
}

fn lint_params(rule: &Rule, at: At, out: &mut Vec<PolicyError>) {
    match &rule.kind {
        RuleKind::TrainingDuration {
            min_months,
            max_months,
            per_major,
        } => {
            months_range(rule, at, *min_months, *max_months, out);
            lint_per_major(rule, at, *min_months, *max_months, per_major, out);
        }
        RuleKind::TrainingStandard {
            min_months,
            max_months,
            min_rate,
            last_opening,
            ..
        } => {
            months_range(rule, at, *min_months, *max_months, out);
            rate(rule, at, ".min_rate", *min_rate, out);
            month_day(rule, at, ".last_opening", last_opening, out);
        }
        RuleKind::AttendanceThreshold { min_rate, .. } => {
            rate(rule, at, ".min_rate", *min_rate, out)
        }
        RuleKind::OnlineShareLimit { max_share, .. } => {
            rate(rule, at, ".max_share", *max_share, out)
        }
        RuleKind::TieredDailySubsidy {
            min_employment_rate,
            tiers,
        } => {
            rate(rule, at, ".min_employment_rate", *min_employment_rate, out);
            let mut last = 0;
            for (i, t) in tiers.iter().enumerate() {
                let open = t.through_day.is_none();
                let is_last = i + 1 == tiers.len();
                if open != is_last {
                    out.push(err(
                        "policy.bad_params",
                        rule,
                        &at.params(&format!(".tiers[{i}]")),
                        "only the last tier, and always the last tier, has no `through_day`",
                        "只有最后一档不写 `through_day`，且最后一档必须不写",
                    ));
                }
                if let Some(d) = t.through_day {
                    if d <= last {
                        out.push(err(
                            "policy.bad_params",
                            rule,
                            &at.params(&format!(".tiers[{i}].through_day")),
                            "tiers must go up",
                            "各档的 `through_day` 必须逐档增大",
                        ));
                    }
                    last = d;
                }
            }
            if tiers.is_empty() {
                out.push(err(
                    "policy.bad_params",
                    rule,
                    &at.params(".tiers"),
                    "no tiers",
                    "没有分档",
                ));
            }
        }
        RuleKind::MonthlySubsidyByCertificate {
            qualification_range,
            special_ability_range,
            college_own_students_range,
            rates,
            ..
        } => {
            for (name, r) in [
                ("qualification_range", qualification_range),
                ("special_ability_range", special_ability_range),
                ("college_own_students_range", college_own_students_range),
            ] {
                if r.max < r.min {
                    out.push(err(
                        "policy.bad_params",
                        rule,
                        &at.params(&format!(".{name}")),
                        "max is below min",
                        "上限低于下限",
                    ));
                }
            }
            for (major, tiers) in rates.value.iter().flatten() {
                let checks: [(&str, Option<Yuan>, &YuanRange); 3] = [
                    ("qualification", tiers.qualification, qualification_range),
                    (
                        "special_ability",
                        tiers.special_ability,
                        special_ability_range,
                    ),
                    (
                        "college_own_students",
                        tiers.college_own_students,
                        college_own_students_range,
                    ),
                ];
                for (tier, value, range) in checks {
                    if let Some(v) = value {
                        if v < range.min || v > range.max {
                            out.push(err(
                                "policy.rate_out_of_range",
                                rule,
                                &at.params(&format!(".rates.value[\"{major}\"].{tier}")),
                                format!(
                                    "{major}: {tier} rate {v} yuan is outside {}–{} yuan",
                                    range.min, range.max
                                ),
                                format!(
                                    "{major}：{tier} 档标准 {v} 元超出 {}–{} 元",
                                    range.min, range.max
                                ),
                            ));
                        }
                    }
                }
            }
        }
        RuleKind::PerPersonSubsidy {
            completion_rate, ..
        } => {
            if let Some(r) = completion_rate.value {
                rate(rule, at, ".completion_rate.value", r, out);
            }
        }
        RuleKind::Definitions {
            working_age,
            groups,
            local_province,
            ..
        } => {
            if let Some(w) = working_age.value {
                if w.max_men <= w.min || w.max_women <= w.min {
                    out.push(err(
                        "policy.bad_params",
                        rule,
                        &at.params(".working_age.value"),
                        "working age ends before it starts",
                        "劳动年龄的上限不高于下限",
                    ));
                }
            }
            for (i, g) in groups.iter().enumerate() {
                if groups[..i].iter().any(|h| h.group == g.group) {
                    out.push(err(
                        "policy.bad_params",
                        rule,
                        &at.params(&format!(".groups[{i}].group")),
                        format!("`{}` is defined twice", g.group.key()),
                        format!("`{}` 重复定义", g.group.key()),
                    ));
                }
            }
            if let Some(p) = local_province {
                if crate::identity::province_name(p).is_none() {
                    out.push(err(
                        "policy.bad_params",
                        rule,
                        &at.params(".local_province"),
                        format!("`{p}` is not a two-digit province code"),
                        format!("`{p}` 不是两位省级行政区划代码"),
                    ));
                }
            }
        }
        RuleKind::CappedDailySubsidy { per_day, cap, .. } if cap < per_day => {
            out.push(err(
                "policy.bad_params",
                rule,
                &at.params(".cap"),
                "the cap is below one day's amount",
                "封顶额低于一天的金额",
            ));
        }
        RuleKind::WorkInLieuOfTraining { from, until, .. } => {
            let f = crate::input::date::parse_explained(from);
            let u = crate::input::date::parse_explained(until);
            match (f, u) {
                (Ok(f), Ok(u)) if u < f => out.push(err(
                    "policy.bad_period",
                    rule,
                    &at.params(".until"),
                    "ends before it starts",
                    "结束早于开始",
                )),
                (Err((en, zh)), _) => {
                    out.push(err("policy.bad_params", rule, &at.params(".from"), en, zh))
                }
                (_, Err((en, zh))) => {
                    out.push(err("policy.bad_params", rule, &at.params(".until"), en, zh))
                }
                _ => {}
            }
        }
        RuleKind::ClassOpening { last_opening, .. } => {
            month_day(rule, at, ".last_opening", last_opening, out)
        }
        RuleKind::SeasonDeadlines {
            finish_by,
            pay_by_next_year,
            ..
        } => {
            month_day(rule, at, ".finish_by", finish_by, out);
            month_day(rule, at, ".pay_by_next_year", pay_by_next_year, out);
        }
        RuleKind::DailyReport { file_before } if !is_hh_mm(file_before) => {
            out.push(err(
                "policy.bad_params",
                rule,
                &at.params(".file_before"),
                format!("`{file_before}` is not HH:MM"),
                format!("`{file_before}` 不是 HH:MM 形式的时间"),
            ));
        }
        RuleKind::PlanShare {
            numerator,
            denominator,
        } if *denominator == 0 || numerator > denominator => {
            out.push(err(
                "policy.bad_params",
                rule,
                &at.params(""),
                "a share is a fraction between 0 and 1",
                "比例应为 0 到 1 之间的分数",
            ));
        }
        _ => {}
    }
}

fn months_range(rule: &Rule, at: At, min: u32, max: u32, out: &mut Vec<PolicyError>) {
    if min == 0 || max < min {
        out.push(err(
            "policy.duration_out_of_range",
            rule,
            &at.params(".max_months"),
            format!("{min}–{max} months is not a range"),
            format!("{min}–{max} 个月不是有效的范围"),
        ));
    }
}

fn lint_per_major(
    rule: &Rule,
    at: At,
    min: u32,
    max: u32,
    per_major: &Deployment<crate::sorted::SortedMap<String, u32>>,
    out: &mut Vec<PolicyError>,
) {
    for (major, months) in per_major.value.iter().flatten() {
        if *months < min || *months > max {
            out.push(err(
                "policy.duration_out_of_range",
                rule,
                &at.params(&format!(".per_major.value[\"{major}\"]")),
                format!("{major}: {months} months is outside {min}–{max} months"),
                format!("{major}：{months} 个月超出 {min}–{max} 个月"),
            ));
        }
    }
}

fn rate(rule: &Rule, at: At, field: &str, r: rust_decimal::Decimal, out: &mut Vec<PolicyError>) {
    if r.is_sign_negative() || r > rust_decimal::Decimal::ONE {
        out.push(err(
            "policy.bad_params",
            rule,
            &at.params(field),
            format!("{r} is not a rate between 0 and 1"),
            format!("{r} 不是 0 到 1 之间的比率"),
        ));
    }
}

fn month_day(rule: &Rule, at: At, field: &str, md: &str, out: &mut Vec<PolicyError>) {
    // 2024 is a leap year, so 02-29 is accepted.
    if crate::input::date::parse(&format!("2024-{md}")).is_err() {
        out.push(err(
            "policy.bad_params",
            rule,
            &at.params(field),
            format!("`{md}` is not a month and day (MM-DD)"),
            format!("`{md}` 不是月-日（MM-DD）"),
        ));
    }
}

/// Whether `s` is a time of day as `HH:MM`, read as chrono's `%H:%M` reads it
/// (leading white space before each number, one or two digits), without
/// chrono's format parser, which the WebAssembly build would otherwise carry.
fn is_hh_mm(s: &str) -> bool {
    fn number(s: &str, max: u32) -> Option<&str> {
        let s = s.trim_start();
        let digits = s.bytes().take(2).take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let n = s[..digits].parse::<u32>().ok()?;
        (n <= max).then(|| &s[digits..])
    }
    number(s, 23)
        .and_then(|rest| rest.strip_prefix(':'))
        .and_then(|rest| number(rest, 59))
        .is_some_and(str::is_empty)
}

#[cfg(test)]
mod hh_mm_tests {
    /// The hand-written check accepts exactly what chrono's `%H:%M` accepts.
    #[test]
    fn is_hh_mm_agrees_with_chrono() {
        let mut samples: Vec<String> = [
            "",
            ":",
            "9:05",
            "09:05",
            " 9:05",
            "9: 05",
            "9 :05",
            "09:05 ",
            "24:00",
            "23:59",
            "23:60",
            "7:7",
            "007:05",
            "12:345",
            "-1:00",
            "+1:00",
            "1:00:00",
            "ab:cd",
            "１２:00",
            "12：00",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for h in 0..26 {
            for m in [0, 5, 59, 60] {
                samples.push(format!("{h}:{m}"));
                samples.push(format!("{h:02}:{m:02}"));
            }
        }
        for s in samples {
            let chrono_ok = chrono::NaiveTime::parse_from_str(&s, "%H:%M").is_ok();
            assert_eq!(super::is_hh_mm(&s), chrono_ok, "{s:?}");
        }
    }
}
