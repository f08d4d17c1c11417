//! The engine: the calendar and the policies, parsed once, then asked many times.
//!
//! Creating an [`Engine`] parses the embedded calendar table and the five policy
//! files and lints them; every check after that only reads. The WebAssembly
//! surface, the CLI and the server each hold one engine, so they answer from the
//! same data with the same code.

use crate::calendar::{Calendar, CalendarError, UpdateSummary};
use crate::error::InputCode;
use crate::error::{Explain, Problem};
use crate::input::{self, InputError, DEFAULT_MAX_INPUT_BYTES};
use crate::policy::{Format, Policy, PolicyErrors, PolicySet};
use crate::report::{PolicyRef, Verdict};
#[cfg(feature = "claims")]
use crate::rules::claim::{self, Claim, ClaimReport};
#[cfg(feature = "deadlines")]
use crate::rules::deadlines::{self, DeadlinePlan, PlanRequest};
use crate::rules::eligibility::{self, Applicant};
#[cfg(feature = "plan")]
use crate::rules::plan::{self, PlanCheck, PlanCheckRequest};
#[cfg(feature = "claims")]
use crate::rules::publicity::{self, PublicityList, PublicityRequest};

/// The calendar and the policies, ready to answer.
///
/// ```
/// let engine = peixun::engine::Engine::new().unwrap();
/// assert!(engine.policy("jinzhong-2023-skills-shanxi").is_ok());
/// assert_eq!(engine.policy("nowhere").unwrap_err().code, "input.unknown_policy");
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    calendar: Calendar,
    policies: PolicySet,
    max_input_bytes: usize,
}

impl Engine {
    /// An engine with the built-in calendar (2019–2026) and the five shipped policies.
    pub fn new() -> Result<Engine, PolicyErrors> {
        Ok(Engine {
            calendar: Calendar::builtin(),
            policies: PolicySet::builtin()?,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
        })
    }

    /// Sets the largest JSON input accepted, in bytes.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap().with_max_input_bytes(10);
    /// let err = engine.check_eligibility("dalian-2023-major-conversion", r#"{"kind": "person", "name": "long"}"#).unwrap_err();
    /// assert_eq!(err.code.as_str(), "input.too_large");
    /// ```
    pub fn with_max_input_bytes(mut self, bytes: usize) -> Engine {
        self.max_input_bytes = bytes;
        self
    }

    /// The largest JSON input accepted, in bytes.
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }

    /// The working-day calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Replaces the calendar (e.g. one that assumes weekends-only for unknown years).
    pub fn set_calendar(&mut self, calendar: Calendar) {
        self.calendar = calendar;
    }

    /// Loads next year's holiday notice (see [`Calendar::apply_update`]).
    pub fn apply_calendar_update(&mut self, json: &str) -> Result<UpdateSummary, CalendarError> {
        self.calendar.apply_update(json)
    }

    /// The policies.
    pub fn policies(&self) -> &PolicySet {
        &self.policies
    }

    /// The policy with this ID, or `input.unknown_policy`.
    pub fn policy(&self, id: &str) -> Result<&Policy, InputError> {
        self.policies.get(id).ok_or_else(|| {
            let known: Vec<&str> = self.policies.ids().collect();
            InputError::new(
                InputCode::UnknownPolicy,
                "$.policy",
                format!("`{id}` is not loaded; known: {}", known.join(", ")),
            )
        })
    }

    /// Loads a deployment's own policy file (TOML or JSON, sniffed), replacing a
    /// policy of the same ID. Nothing changes if the file has any problem.
    ///
    /// ```
    /// let mut engine = peixun::engine::Engine::new().unwrap();
    /// let text = std::fs::read_to_string("policies/dalian-2023-major-conversion.toml").unwrap()
    ///     .replace("qualification = \"1800.00\"", "qualification = \"2100.00\"");
    /// let err = engine.load_policy(&text).unwrap_err();
    /// assert_eq!(err.0[0].code.as_str(), "policy.rate_out_of_range");
    /// ```
    pub fn load_policy(&mut self, text: &str) -> Result<PolicyRef, PolicyErrors> {
        self.policies
            .load(text, Format::sniff(text), true)
            .map(Policy::reference)
    }

    /// Lints a policy text without loading it.
    pub fn lint_policy(&self, text: &str) -> Result<PolicyRef, PolicyErrors> {
        self.policies
            .prepare(text, Format::sniff(text))
            .map(|p| p.reference())
    }

    /// Loads a deployment's policy files, each `(name, text)`, in order: what
    /// every command's `--policy-file` and the server's `policy_files` do. Each
    /// is loaded as [`Engine::load_policy`] loads one (a file with a loaded
    /// policy's ID that `extends` it is layered over it). All or nothing: if a
    /// file has a problem nothing is loaded, and the error names the file
    /// (its code and path are the lint's, every problem in `details`).
    ///
    /// ```
    /// let mut engine = peixun::engine::Engine::new().unwrap();
    /// let good = std::fs::read_to_string("examples/policies/dalian-deployment-example.toml").unwrap();
    /// let loaded = engine.load_policy_files([("dalian.toml", good.as_str())]).unwrap();
    /// assert_eq!(loaded[0].version, "2023.1+deployment-example");
    /// let bad = good.replace("qualification = \"1800.00\"", "qualification = \"2100.00\"");
    /// let err = engine.load_policy_files([("ok.toml", good.as_str()), ("bad.toml", bad.as_str())]).unwrap_err();
    /// assert_eq!(err.code.as_str(), "policy.rate_out_of_range");
    /// assert!(err.message_en.starts_with("policy file bad.toml: "));
    /// ```
    pub fn load_policy_files<'a>(
        &mut self,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Vec<PolicyRef>, Problem> {
        let mut policies = self.policies.clone();
        let mut loaded = Vec::new();
        for (name, text) in files {
            match policies.load(text, Format::sniff(text), true) {
                Ok(p) => loaded.push(p.reference()),
                Err(e) => {
                    let p = e.problem().into_parts();
                    return Err(Problem::from(crate::error::ProblemParts {
                        message_zh: format!("政策文件 {name}：{}", p.message_zh),
                        message_en: format!("policy file {name}: {}", p.message_en),
                        ..p
                    }));
                }
            }
        }
        self.policies = policies;
        Ok(loaded)
    }

    /// Checks an applicant (JSON, see [`Applicant`]) against a policy's eligibility rules.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let err = engine.check_eligibility("dalian-2023-major-conversion", r#"{"kind": "person", "graduation_year": "2022"}"#).unwrap_err();
    /// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.wrong_type", "$.graduation_year"));
    /// ```
    pub fn check_eligibility(
        &self,
        policy_id: &str,
        applicant_json: &str,
    ) -> Result<Verdict, Problem> {
        let policy = self.policy(policy_id).map_err(|e| e.problem())?;
        let applicant: Applicant =
            input::from_json(applicant_json, self.max_input_bytes).map_err(|e| e.problem())?;
        Ok(self.eligibility(policy, &applicant))
    }

    /// Evaluates an already-parsed applicant.
    pub fn eligibility(&self, policy: &Policy, applicant: &Applicant) -> Verdict {
        eligibility::evaluate(policy, applicant)
    }

    /// The calendar to use for a request: the engine's, or a copy that takes
    /// unknown years as weekends only when the request opts in.
    pub(crate) fn calendar_for(
        &self,
        unknown_years: Option<crate::calendar::UnknownYears>,
    ) -> std::borrow::Cow<'_, Calendar> {
        let cal = &self.calendar;
        match unknown_years {
            Some(p) if p != cal.unknown_years() => {
                std::borrow::Cow::Owned(cal.clone().with_unknown_years(p))
            }
            _ => std::borrow::Cow::Borrowed(cal),
        }
    }

    #[cfg(feature = "deadlines")]
    /// Plans a class's deadlines (JSON, see [`PlanRequest`]).
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let plan = engine.plan_deadlines(r#"{"policy": "dalian-2023-major-conversion",
    ///   "class": {"start": "2023-10-09", "end": "2024-01-26"}}"#).unwrap();
    /// let dates: Vec<String> = plan.deadlines.iter().filter_map(|d| d.date.map(|x| x.to_string())).collect();
    /// assert!(dates.contains(&"2023-09-26".to_string())); // file by (DL-P5)
    /// assert!(dates.contains(&"2024-01-12".to_string())); // apply for acceptance by (DL-P3)
    /// let err = engine.plan_deadlines(r#"{"policy": "dalian-2023-major-conversion",
    ///   "class": {"start": "2027-03-01", "end": "2027-06-30"}}"#).unwrap_err();
    /// assert_eq!((err.code.as_str(), err.path.as_str()), ("calendar.year_unknown", "$.class.start"));
    /// ```
    pub fn plan_deadlines(&self, json: &str) -> Result<DeadlinePlan, Problem> {
        let req: PlanRequest =
            input::from_json(json, self.max_input_bytes).map_err(|e| e.problem())?;
        let policy = self.policy(&req.policy).map_err(|e| e.problem())?;
        deadlines::plan(
            policy,
            &self.calendar_for(Some(req.unknown_years)),
            &req.class,
        )
    }

    #[cfg(feature = "plan")]
    /// Checks a year's plan, county by county, against the policy's plan-level
    /// rules (JSON, see [`PlanCheckRequest`]).
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let out = engine.check_plan(r#"{"policy": "jinzhong-2023-skills-shanxi", "year": 2023,
    ///   "counties": [{"county": "祁县", "brands": [{"brand": "祁县玻璃器皿", "planned": 80}]}]}"#).unwrap();
    /// assert_eq!(out.decision, peixun::report::Assessment::Fail); // a plan of 80, fewer than 100
    /// let err = engine.check_plan(r#"{"policy": "jinzhong-2023-skills-shanxi",
    ///   "counties": [{"brands": [{"trained": "120"}]}]}"#).unwrap_err();
    /// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.wrong_type", "$.counties[0].brands[0].trained"));
    /// ```
    pub fn check_plan(&self, json: &str) -> Result<PlanCheck, Problem> {
        let req: PlanCheckRequest =
            input::from_json(json, self.max_input_bytes).map_err(|e| e.problem())?;
        let policy = self.policy(&req.policy).map_err(|e| e.problem())?;
        plan::check(policy, &req)
    }

    #[cfg(feature = "claims")]
    /// Verifies a claim (JSON, see [`Claim`]).
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let err = engine.verify_claim(r#"{"policy": "jinzhong-2023-skills-shanxi",
    ///   "trainees": [{"name": "甲", "id_number": "11010519491231002X", "claimed": {"JZ-S2": 300}}],
    ///   "claimed_total": "300.00"}"#).unwrap_err();
    /// assert_eq!((err.code.as_str(), err.path.as_str()), ("input.invalid_money", "$.trainees[0].claimed[\"JZ-S2\"]"));
    /// ```
    pub fn verify_claim(&self, json: &str) -> Result<ClaimReport, Problem> {
        let claim: Claim = input::from_json(json, self.max_input_bytes).map_err(|e| e.problem())?;
        self.claim(&claim)
    }

    #[cfg(feature = "claims")]
    /// Verifies an already-parsed claim.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let claim: peixun::rules::claim::Claim = peixun::input::from_json(r#"{"policy": "nowhere",
    ///   "trainees": [], "claimed_total": "0.00"}"#, 1024).unwrap();
    /// assert_eq!(engine.claim(&claim).unwrap_err().code, "input.unknown_policy");
    /// ```
    pub fn claim(&self, claim: &Claim) -> Result<ClaimReport, Problem> {
        let policy = self.policy(&claim.policy).map_err(|e| e.problem())?;
        claim::verify(policy, &self.calendar, claim)
    }

    #[cfg(feature = "claims")]
    /// The publicity list of a claim (JSON, see [`PublicityRequest`]).
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let err = engine.publicity(r#"{"start": "2023-02-30", "claim": {}}"#).unwrap_err();
    /// assert_eq!(err.code.as_str(), "input.invalid_date");
    /// ```
    pub fn publicity(&self, json: &str) -> Result<PublicityList, Problem> {
        let req: PublicityRequest =
            input::from_json(json, self.max_input_bytes).map_err(|e| e.problem())?;
        let policy = self.policy(&req.claim.policy).map_err(|e| {
            let mut p = e.problem();
            p.path = "$.claim.policy".to_owned();
            p
        })?;
        publicity::publicity_list(policy, &self.calendar, &req.claim, req.start)
            .map_err(|p| relocate(p, "$.claim"))
    }

    #[cfg(feature = "claims")]
    /// The publicity list as CSV for Excel (UTF-8 with a byte-order mark).
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let csv = engine.publicity_csv(r#"{"start": "2024-01-02", "claim": {"policy": "jinzhong-2023-skills-shanxi",
    ///   "trainees": [{"name": "甲", "id_number": "11010519491231002X", "claimed": {"JZ-S2": "0.00"}}],
    ///   "claimed_total": "0.00"}}"#).unwrap();
    /// assert!(csv.starts_with("\u{feff}"));
    /// ```
    pub fn publicity_csv(&self, json: &str) -> Result<String, Problem> {
        self.publicity(json).map(|l| publicity::to_csv(&l))
    }
}

#[cfg(feature = "claims")]
/// A problem found while verifying the claim inside a publicity request points
/// into `$.claim` (the start date's own path is kept).
fn relocate(p: Problem, prefix: &str) -> Problem {
    if p.path == "$.start" || p.path.starts_with("$.claim") {
        p
    } else {
        p.under(prefix)
    }
}
