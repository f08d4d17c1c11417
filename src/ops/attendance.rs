//! `attendance` and `punch.check`: a class's attendance, and whether a punch
//! is acceptable at its moment.

use super::{json, policy_of, Operation, Run};
use crate::engine::Engine;
use crate::error::{Explain, Problem};
use crate::rules::attendance::{AttendanceInput, AttendanceReport, PunchCheck, PunchQuestion};

/// This family's operations.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        name: "attendance",
        summary_en: "a class's attendance: each trainee's rate, refused punches, the daily reports",
        summary_zh: "考勤：每名学员的出勤率、被拒绝的打卡、每日报告",
        run: Run::Read(|e, t| json(e, t, report)),
    },
    Operation {
        name: "punch.check",
        summary_en: "whether a punch is acceptable at its moment, and when the window opens",
        summary_zh: "此刻打卡是否有效，以及打卡时段何时开始",
        run: Run::Read(|e, t| json(e, t, check_punch)),
    },
];

/// `attendance`: the attendance report (see [`AttendanceInput`]).
pub fn report(engine: &Engine, req: AttendanceInput) -> Result<AttendanceReport, Problem> {
    let policy = engine
        .policy(policy_of(req.policy.as_deref())?)
        .map_err(|e| e.problem())?;
    engine.attendance(policy, &req).map_err(|e| e.problem())
}

/// `punch.check`: whether the punch is acceptable now (see [`PunchQuestion`]).
pub fn check_punch(engine: &Engine, req: PunchQuestion) -> Result<PunchCheck, Problem> {
    let policy = engine
        .policy(policy_of(req.policy.as_deref())?)
        .map_err(|e| e.problem())?;
    crate::rules::attendance::check_punch(policy, engine.calendar(), &req).map_err(|e| e.problem())
}
