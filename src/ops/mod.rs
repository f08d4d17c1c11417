//! Every operation the engine answers, in one registry.
//!
//! An operation is a name, a typed function (its request and answer types in
//! the module of its family, below) and the JSON wrapper around it, written
//! once ([`json`]). Everything that enumerates or dispatches operations reads
//! this registry: [`Engine::handle`](crate::engine::Engine::handle) and
//! [`Engine::handle_mut`](crate::engine::Engine::handle_mut), the WebAssembly
//! module's `operations()`, the server's `/v1/ops` routes and its OpenAPI
//! document, and the tests that check the TypeScript operation map.
//!
//! The families beyond the trainee's questions sit behind cargo features
//! (`claims`, `deadlines`, `plan`; all on by default), so that a build can leave
//! them out: the registry then does not list them and
//! [`Engine::handle`](crate::engine::Engine::handle) answers
//! `api.unknown_operation`.
//!
//! | operation | family | request | answer |
//! |---|---|---|---|
//! | `eligibility` | [`eligibility`] | `{"policy": id, "applicant": {…}}` | a verdict |
//! | `attendance` | [`attendance`] | `{"policy": id, "class": {…}, "trainees": […], "punches": […], …}` | an attendance report |
//! | `punch.check` | [`attendance`] | `{"policy": id, "class": {…}, "trainee", "kind", "at"}` | whether the punch is acceptable now, and when the window opens |
//! | `id.check` | [`identity`] | `{"number": "…"}` | the parsed ID number, or an `id.*` error |
//! | `id.mask` | [`identity`] | `{"number": "…", "head": 6, "tail": 4}` | `{"masked": "…"}` |
//! | `credit_code.check` | [`identity`] | `{"code": "…"}` | the parsed code, or a `uscc.*` error |
//! | `policy.lint` | [`policy`] | `{"text": "…"}` | `{"id", "version"}`, or a `policy.*` error |
//! | `policy.list` | [`policy`] | `{}` | the loaded policies |
//! | `policy.load` (changes the engine) | [`policy`] | `{"text": "…"}` (TOML or JSON) | `{"id", "version"}` |
//! | `calendar.day`, `.month`, `.count`, `.add`, `.next`, `.previous` | [`calendar`] | see [`calendar`] | |
//! | `calendar.update` (changes the engine) | [`calendar`] | `{"text": "…"}` | the years replaced |
//! | `voucher.verify`, `voucher.replay` | [`voucher`] | see [`voucher`] | a verification; each voucher's state |
//! | `deadlines.plan` | `deadlines` (feature) | `{"policy": id, "class": {"start", "end", …}}` | every deadline |
//! | `plan.check` | `plan` (feature) | `{"policy": id, "counties": […]}` | a year's plan against the plan rules |
//! | `claim.verify` | `claims` (feature) | a claim | the report: decision, recomputed total, lines, findings |
//! | `publicity.list`, `publicity.csv` | `claims` (feature) | `{"claim": {…}, "start"}` | the publicity list; as CSV |

use crate::error::InputCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::canonical;
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::input;

pub mod attendance;
pub mod calendar;
pub mod claims;
pub mod eligibility;
pub mod identity;
pub mod policy;
pub mod voucher;

/// How an operation runs: on a shared engine, or changing it.
#[derive(Clone, Copy)]
pub enum Run {
    /// Answers from the engine as it is ([`Engine::handle`]).
    Read(fn(&Engine, &str) -> Result<String, Problem>),
    /// Changes the engine (loads a policy, updates the calendar): only
    /// [`Engine::handle_mut`] runs it; a refused change leaves the engine as
    /// it was.
    Change(fn(&mut Engine, &str) -> Result<String, Problem>),
}

/// One operation: its name and how it runs.
///
/// ```
/// let op = peixun::ops::find("id.mask").unwrap();
/// assert_eq!(op.name, "id.mask");
/// assert!(!op.changes_engine());
/// assert!(peixun::ops::find("calendar.update").unwrap().changes_engine());
/// ```
#[derive(Clone, Copy)]
pub struct Operation {
    /// The name every surface calls it by (`claim.verify`).
    pub name: &'static str,
    /// What it answers, in one line (for lists and the OpenAPI document).
    pub summary_en: &'static str,
    /// The same, in Chinese.
    pub summary_zh: &'static str,
    /// The function behind it.
    pub run: Run,
}

impl Operation {
    /// Whether the operation changes the engine ([`Run::Change`]).
    pub fn changes_engine(&self) -> bool {
        matches!(self.run, Run::Change(_))
    }
}

/// The registry, family by family; an operation left out of the build is
/// not in its family's list.
const FAMILIES: &[&[Operation]] = &[
    eligibility::OPERATIONS,
    identity::OPERATIONS,
    policy::OPERATIONS,
    calendar::OPERATIONS,
    attendance::OPERATIONS,
    voucher::OPERATIONS,
    claims::OPERATIONS,
];

/// Every operation this build offers, in the registry's order.
///
/// ```
/// let names: Vec<&str> = peixun::ops::all().map(|op| op.name).collect();
/// assert!(names.contains(&"eligibility"));
/// assert!(names.contains(&"calendar.update"));
/// ```
pub fn all() -> impl Iterator<Item = &'static Operation> {
    FAMILIES.iter().flat_map(|family| family.iter())
}

/// The operation called `name`, if this build offers it.
///
/// ```
/// assert!(peixun::ops::find("punch.check").is_some());
/// assert!(peixun::ops::find("nope").is_none());
/// ```
pub fn find(name: &str) -> Option<&'static Operation> {
    all().find(|op| op.name == name)
}

/// The JSON wrapper every typed operation shares: the request read from
/// `text` (the engine's size limit, codes and paths), the answer written as
/// canonical JSON.
///
/// ```
/// use peixun::ops::json;
/// let engine = peixun::engine::Engine::new().unwrap();
/// let out = json(&engine, r#"{"number": "11010519491231002X"}"#, peixun::ops::identity::mask).unwrap();
/// assert_eq!(out, r#"{"masked":"110105********002X"}"#);
/// ```
pub fn json<Req, Ans>(
    engine: &Engine,
    text: &str,
    f: fn(&Engine, Req) -> Result<Ans, Problem>,
) -> Result<String, Problem>
where
    Req: DeserializeOwned,
    Ans: Serialize,
{
    let request = read(engine, text)?;
    Ok(canonical::to_string(&f(engine, request)?))
}

/// [`json`] for an operation that changes the engine.
pub fn json_mut<Req, Ans>(
    engine: &mut Engine,
    text: &str,
    f: fn(&mut Engine, Req) -> Result<Ans, Problem>,
) -> Result<String, Problem>
where
    Req: DeserializeOwned,
    Ans: Serialize,
{
    let request = read(engine, text)?;
    Ok(canonical::to_string(&f(engine, request)?))
}

/// A request read with the engine's size limit, codes and paths.
fn read<Req: DeserializeOwned>(engine: &Engine, text: &str) -> Result<Req, Problem> {
    input::from_json(text, engine.max_input_bytes()).map_err(|e| e.problem())
}

/// The `policy` field a request must carry.
pub(crate) fn policy_of(policy: Option<&str>) -> Result<&str, Problem> {
    policy.ok_or_else(|| {
        input::InputError::new(
            InputCode::MissingField,
            "$.policy",
            "missing field `policy`",
        )
        .problem()
    })
}
