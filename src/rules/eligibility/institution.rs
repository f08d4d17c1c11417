//! An institution in the lists a deployment sets: DL-P1's catalogue part,
//! looked up as FS-I1 looks it up; DL-M2's count of the majors an institution
//! carries, taken from that catalogue once the deployment has set it; and what
//! an institution says of itself (a claim's `in_catalogue`,
//! `premises_verified`) against those lists.
//!
//! DL-P1 is one rule with three parts: the catalogue, the verified premises,
//! and a college's premises for its own class of 2024. The first two are found
//! by the functions FS-I1 and FS-I2 use (`person::catalogue_outcome`, and a
//! claim's `premises_outcome`); [`standing_part`] gives what they found
//! DL-P1's reasons (`catalogue.<reason>`, `premises.<reason>`), so that each
//! part speaks with messages of its own, and keeps every part of DL-P1 from
//! passing before the deployment has set both lists.

use serde_json::Value;

use super::applicant::Person;
use super::person::{catalogue_outcome, lookup, unset_parameter, Lookup};
use crate::policy::kinds::{CatalogueEntry, Deployment, RuleKind, Strictness};
use crate::policy::parameters::{ParamState, RestsOn};
use crate::policy::{Policy, Rule};
use crate::report::Status;
use crate::rules::{gap_facts, opt, settle, Outcome};

/// A part of DL-P1 that one of the deployment's lists decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The catalogue of institutions and their majors (FS-I1's lookup).
    Catalogue,
    /// The register of premises verified on site (FS-I2's lookup).
    Premises,
}

impl Part {
    /// DL-P1's reason for what the lookup found.
    fn reason(self, found: Option<&str>) -> &'static str {
        match (self, found.unwrap_or("")) {
            (Part::Catalogue, "listed") => "catalogue.listed",
            (Part::Catalogue, "institution") => "catalogue.institution",
            (Part::Catalogue, "major") => "catalogue.major",
            (Part::Catalogue, "major_missing") => "catalogue.major_missing",
            (Part::Catalogue, "unidentified") => "catalogue.unidentified",
            (Part::Catalogue, "name_unmatched") => "catalogue.name_unmatched",
            (Part::Catalogue, "parameter_unset") => "catalogue.parameter_unset",
            (Part::Catalogue, "parameter") => "catalogue.parameter",
            (Part::Catalogue, "stated_not_listed") => "catalogue.stated_not_listed",
            (Part::Catalogue, "claimed_listed") => "catalogue.claimed_listed",
            (Part::Catalogue, "claimed_unlisted") => "catalogue.claimed_unlisted",
            (Part::Catalogue, _) => "catalogue",
            (Part::Premises, "verified") => "premises.verified",
            (Part::Premises, "not_registered") => "premises.not_registered",
            (Part::Premises, "premises_unlisted") => "premises.premises_unlisted",
            (Part::Premises, "premises_missing") => "premises.premises_missing",
            (Part::Premises, "unidentified") => "premises.unidentified",
            (Part::Premises, "name_unmatched") => "premises.name_unmatched",
            (Part::Premises, "parameter_unset") => "premises.parameter_unset",
            (Part::Premises, "parameter") => "premises.parameter",
            (Part::Premises, "stated_not_verified") => "premises.stated_not_verified",
            (Part::Premises, "claimed_verified") => "premises.claimed_verified",
            (Part::Premises, "claimed_unverified") => "premises.claimed_unverified",
            (Part::Premises, _) => "premises",
        }
    }
}

/// One part of DL-P1 as the lookup FS-I1 or FS-I2 uses found it: settled on
/// the list the part rests on (an example or unset list decides nothing),
/// given DL-P1's reason for it, and then left resting on all of DL-P1's
/// lists, so that no part of DL-P1 passes before the deployment has set both
/// its catalogue and its register (`rules::settle`, reason `parameter`).
pub(crate) fn standing_part(rule: &Rule, part: Part, found: Outcome) -> Outcome {
    let mut o = settle(rule, found);
    o.reason = Some(part.reason(o.reason));
    o.rests_on = RestsOn::All;
    o
}

/// DL-P1's first part, for an applicant or a claim: the institution, and the
/// major for it, in the catalogue the deployment sets, found as FS-I1 finds
/// them. The Dalian notice has no 原则上: outside the catalogue fails.
pub(crate) fn standing_catalogue(
    rule: &Rule,
    catalogue: &Deployment<Vec<CatalogueEntry>>,
    p: &Person,
) -> Outcome {
    let inst = p.institution.as_ref();
    let found = catalogue_outcome(
        &rule.kind,
        catalogue,
        Strictness::Strict,
        inst.and_then(|i| i.name.as_deref()),
        inst.and_then(|i| i.credit_code.as_ref()).map(|c| c.code()),
        p.major.as_deref(),
    );
    standing_part(rule, Part::Catalogue, found)
}

/// What a catalogue the deployment has set says of an institution: its entry
/// (`Some(Some(_))`) or not listed (`Some(None)`); `None` when it cannot say
/// (the catalogue is unset or an example, or the institution is identified
/// neither by its credit code nor by its name as listed).
pub(crate) fn listing<'a>(
    catalogue: &'a Deployment<Vec<CatalogueEntry>>,
    name: Option<&str>,
    credit_code: Option<&str>,
) -> Option<Option<&'a CatalogueEntry>> {
    if catalogue.state() != ParamState::Set {
        return None;
    }
    let entries = catalogue.value.as_deref()?;
    match lookup(
        entries
            .iter()
            .map(|e| (e.name.as_str(), e.credit_code.as_deref())),
        name,
        credit_code,
    ) {
        Lookup::Found(i, _) => Some(Some(&entries[i])),
        Lookup::NotListed => Some(None),
        Lookup::NameUnmatched | Lookup::Unidentified => None,
    }
}

/// What an institution says of itself (a claim's `in_catalogue` or
/// `premises_verified`) against what the deployment's list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// It says yes; the list says no.
    ClaimsYes,
    /// It says no; the list says yes.
    ClaimsNo,
    /// It says no, and the list cannot say: it is taken at its word.
    SaysNo,
}

/// Compares what the institution states with what the list shows (`None`:
/// the list cannot say). A yes it states is never taken: only a contradiction
/// or a no on its own word is something to report.
pub(crate) fn word(stated: Option<bool>, found: Option<bool>) -> Option<Word> {
    match (stated, found) {
        (Some(true), Some(false)) => Some(Word::ClaimsYes),
        (Some(false), Some(true)) => Some(Word::ClaimsNo),
        (Some(false), None) => Some(Word::SaysNo),
        _ => None,
    }
}

/// The claim's `in_catalogue` against the catalogue (FS-I1, DL-P1's first
/// part). A contradiction is a fail of its own (`claimed_listed`: it says it
/// is listed and the catalogue does not list it; `claimed_unlisted`: the
/// reverse); an institution that says it is not listed where the catalogue
/// cannot say is taken at its word (`stated_not_listed`: a fail, or for a
/// person to review where 原则上 is read as such). `None`: nothing to report.
pub(crate) fn catalogue_word(
    catalogue: &Deployment<Vec<CatalogueEntry>>,
    strictness: Strictness,
    name: Option<&str>,
    credit_code: Option<&str>,
    stated: Option<bool>,
) -> Option<Outcome> {
    let found = listing(catalogue, name, credit_code);
    let o = match word(stated, found.map(|e| e.is_some()))? {
        Word::ClaimsYes => Outcome::new(Status::Fail).because("claimed_listed"),
        Word::ClaimsNo => Outcome::new(Status::Fail).because("claimed_unlisted"),
        Word::SaysNo if strictness == Strictness::InPrinciple => {
            Outcome::new(Status::Unknown).because("stated_not_listed")
        }
        Word::SaysNo => Outcome::new(Status::Fail).because("stated_not_listed"),
    };
    Some(
        o.fact("institution", opt(name))
            .fact("credit_code", opt(credit_code))
            .fact("catalogue", catalogue.source.as_str())
            .fact("in_catalogue", opt(stated))
            .fact("listed", opt(found.map(|e| e.is_some())))
            .fact("listed_as", opt(found.flatten().map(|e| e.name.as_str()))),
    )
}

/// DL-M2 counting from a catalogue (`catalogue_rule`). The majors an
/// institution carries are those the catalogue lists for it — the notice
/// selects the institutions and publishes them with their majors (三(一)
/// "向社会公布培训机构、专业目录"; 一(二) "详见附件") — together with the
/// class's major and any the applicant or claim names besides, which can only
/// add. Within `max` passes only on a catalogue the deployment has set that
/// lists the institution; over it fails, counted from the catalogue or on the
/// institution's own word. Otherwise unknown: the catalogue unset or an
/// example (`parameter_unset`, `parameter`, naming the document), or the
/// institution not found in it (`unlisted`; DL-P1 says whether it may train).
pub(crate) fn major_limit(policy: &Policy, max: u32, catalogue_rule: &str, p: &Person) -> Outcome {
    let inst = p.institution.as_ref();
    let name = inst.and_then(|i| i.name.as_deref());
    let code = inst.and_then(|i| i.credit_code.as_ref()).map(|c| c.code());
    let stated = inst.and_then(|i| i.majors.as_deref());
    let class = p.major.as_deref().map(str::trim).filter(|m| !m.is_empty());
    let source = policy
        .rule(catalogue_rule)
        .and_then(|r| r.kind.catalogue().map(|c| (&r.kind, c)));
    let count = |lists: &[&[String]]| -> Vec<String> {
        let mut all: Vec<String> = lists
            .iter()
            .flat_map(|l| l.iter())
            .map(|m| m.trim())
            .chain(class)
            .filter(|m| !m.is_empty())
            .map(str::to_owned)
            .collect();
        crate::sort::ascending(&mut all);
        all.dedup();
        all
    };
    let over = |all: &[String]| all.len() > max as usize;
    let base = |o: Outcome| {
        o.fact("max", max)
            .fact("institution", opt(name))
            .fact("catalogue", opt(source.map(|(_, c)| c.source.as_str())))
    };
    let found = source.and_then(|(_, c)| listing(c, name, code));
    if let Some(Some(entry)) = found {
        let all = count(&[&entry.majors, stated.unwrap_or_default()]);
        let status = if over(&all) {
            Status::Fail
        } else {
            Status::Pass
        };
        let n = all.len() as u32;
        return base(Outcome::new(status).because("catalogue"))
            .fact("majors", all)
            .fact("major_count", n)
            .fact("listed_as", entry.name.as_str())
            .fact("catalogue_majors", entry.majors.clone());
    }
    // The catalogue cannot count them: the institution's own word may fail,
    // never pass.
    let said = stated.map(|l| count(&[l]));
    let o = match (&said, source) {
        (Some(all), _) if over(all) => Outcome::new(Status::Fail),
        (_, Some((kind, c))) if c.state() != ParamState::Set => catalogue_gap(kind, c.state()),
        (_, Some(_)) => Outcome::new(Status::Unknown).because("unlisted"),
        (_, None) => Outcome::new(Status::Unknown),
    };
    let n = said.as_ref().map(|a| a.len() as u32);
    base(o)
        .fact("majors", opt(said))
        .fact("major_count", opt(n))
        .fact("listed_as", Value::Null)
        .fact("catalogue_majors", Value::Null)
}

/// Unknown because the catalogue of the rule of `kind` is not set
/// (`parameter_unset`) or only an example (`parameter`), with the facts that
/// name it and the document that fixes it.
fn catalogue_gap(kind: &RuleKind, state: ParamState) -> Outcome {
    if state == ParamState::Unset {
        return unset_parameter(kind, "catalogue");
    }
    let mut o = Outcome::new(Status::Unknown).because("parameter");
    if let Some(g) = kind
        .deployment_params()
        .into_iter()
        .find(|g| g.name == "catalogue")
    {
        gap_facts(&mut o.facts, &g);
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stated_yes_is_never_taken_a_no_or_a_contradiction_is_reported() {
        assert_eq!(word(Some(true), Some(false)), Some(Word::ClaimsYes));
        assert_eq!(word(Some(false), Some(true)), Some(Word::ClaimsNo));
        assert_eq!(word(Some(false), None), Some(Word::SaysNo));
        assert_eq!(word(Some(false), Some(false)), None);
        assert_eq!(word(Some(true), Some(true)), None);
        assert_eq!(word(Some(true), None), None);
        assert_eq!(word(None, Some(false)), None);
    }

    #[test]
    fn each_part_of_dl_p1_speaks_with_its_own_reasons() {
        assert_eq!(
            Part::Catalogue.reason(Some("institution")),
            "catalogue.institution"
        );
        assert_eq!(
            Part::Premises.reason(Some("parameter_unset")),
            "premises.parameter_unset"
        );
        assert_eq!(
            Part::Catalogue.reason(Some("parameter_unset")),
            "catalogue.parameter_unset"
        );
        assert_eq!(Part::Premises.reason(None), "premises");
    }
}
