//! The engine's typed entry points for attendance.

use super::{check_punch, evaluate, AttendanceError, AttendanceInput, AttendanceReport};
use super::{PunchCheck, PunchQuestion};
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::policy::Policy;

impl Engine {
    /// Checks a class's attendance (JSON, see [`AttendanceInput`]) under a policy.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let err = engine.check_attendance("fushun-2024-major-conversion", r#"{"class": {"id": "c",
    ///   "start": "2023-04-03", "end": "2023-04-01", "sessions": [{"start": "08:30", "end": "11:45"}]}}"#).unwrap_err();
    /// assert_eq!((err.code.as_str(), err.path.as_str()), ("attendance.end_before_start", "$.class.end"));
    /// ```
    pub fn check_attendance(
        &self,
        policy_id: &str,
        json: &str,
    ) -> Result<AttendanceReport, Problem> {
        let policy = self.policy(policy_id).map_err(|e| e.problem())?;
        let input: AttendanceInput =
            crate::input::from_json(json, self.max_input_bytes()).map_err(|e| e.problem())?;
        self.attendance(policy, &input).map_err(|e| e.problem())
    }

    /// Evaluates already-parsed attendance input.
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let input: peixun::rules::attendance::AttendanceInput = serde_json::from_str(r#"{
    ///   "class": {"id": "c", "start": "2023-04-23", "end": "2023-04-23", "sessions": [{"start": "08:30", "end": "11:45"}]}}"#).unwrap();
    /// let policy = engine.policy("dalian-2023-major-conversion").unwrap();
    /// // A Sunday, but a make-up working day: one training day.
    /// assert_eq!(engine.attendance(policy, &input).unwrap().class.training_days.len(), 1);
    /// ```
    pub fn attendance(
        &self,
        policy: &Policy,
        input: &AttendanceInput,
    ) -> Result<AttendanceReport, AttendanceError> {
        evaluate(policy, self.calendar(), input)
    }

    /// Answers a single-punch question (JSON, see [`PunchQuestion`]).
    ///
    /// ```
    /// let engine = peixun::engine::Engine::new().unwrap();
    /// let check = engine.check_punch("fushun-2024-major-conversion", r#"{
    ///   "class": {"id": "c", "start": "2024-03-04", "end": "2024-06-28",
    ///             "sessions": [{"start": "08:30", "end": "11:45"}, {"start": "13:30", "end": "16:45"}]},
    ///   "trainee": "T01", "kind": "sign_in", "at": "2024-03-04T12:40:00+08:00"}"#).unwrap();
    /// assert!(!check.acceptable);
    /// assert_eq!(check.opens_at.unwrap().to_string(), "2024-03-04T13:00:00+08:00");
    /// ```
    pub fn check_punch(&self, policy_id: &str, json: &str) -> Result<PunchCheck, Problem> {
        let policy = self.policy(policy_id).map_err(|e| e.problem())?;
        let q: PunchQuestion =
            crate::input::from_json(json, self.max_input_bytes()).map_err(|e| e.problem())?;
        check_punch(policy, self.calendar(), &q).map_err(|e| e.problem())
    }
}
