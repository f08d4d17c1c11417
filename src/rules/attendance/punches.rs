//! Punches: each one matched to a (trainee, training day, session) slot in one
//! pass, or refused with its own reason. Nothing is dropped: every punch either
//! counts (both punches of an attended session) or is reported.
//!
//! A sign-in counts in `[start − before, start]`, a sign-out in
//! `[end, end + after]`, both ends included, to the second (FS-A2). Where the
//! policy sets no window (DL-P6, or no `punch_windows` rule at all) the window is
//! the whole stretch between sessions: a sign-in any time after the previous
//! session ended, a sign-out any time before the next one starts.
//!
//! Where the policy accepts only some methods (FS-A2's face device, DL-P6's
//! voucher QR code), a punch that does not state its method is neither counted
//! nor refused: it is *unverified*. It is placed like any other punch (a punch
//! that would not count whatever its method is refused for that reason), kept
//! apart, and the session it could make is *undetermined*: a sign-in that counts
//! whose sign-out is unverified (or the reverse) waits on it, and the session is
//! neither attended nor missed. So every punch is counted, refused, incomplete,
//! unverified or waiting, and the five add up to the total.

use serde_json::Value;

use super::input::{Punch, PunchKind};
use super::schedule::{Schedule, SessionTimes};
use super::{clock, ymd, NONE};
use crate::policy::kinds::PunchMethod;
use crate::report::Status;
use crate::rules::Outcome;

const LAST_SECOND: u32 = 24 * 3600 - 1;

/// The windows of each session, in seconds since midnight, both ends included.
#[derive(Debug, Clone)]
pub(crate) struct Windows {
    pub sign_in: Vec<(u32, u32)>,
    pub sign_out: Vec<(u32, u32)>,
}

impl Windows {
    /// Windows `before` minutes before each start and `after` minutes after each
    /// end; `None` for the unbounded stretch between sessions.
    pub fn new(sessions: &[SessionTimes], before: Option<u32>, after: Option<u32>) -> Windows {
        let n = sessions.len();
        let mut sign_in = Vec::with_capacity(n);
        let mut sign_out = Vec::with_capacity(n);
        for (i, s) in sessions.iter().enumerate() {
            let from = match before {
                Some(m) => s.start.saturating_sub(m.saturating_mul(60)),
                None if i == 0 => 0,
                None => sessions[i - 1].end.min(s.start),
            };
            sign_in.push((from, s.start));
            let until = match (after, sessions.get(i + 1)) {
                (Some(m), _) => s.end.saturating_add(m.saturating_mul(60)).min(LAST_SECOND),
                (None, Some(next)) => next.start.max(s.end),
                (None, None) => LAST_SECOND,
            };
            sign_out.push((s.end, until));
        }
        Windows { sign_in, sign_out }
    }

    pub fn of(&self, kind: PunchKind) -> &[(u32, u32)] {
        match kind {
            PunchKind::SignIn => &self.sign_in,
            PunchKind::SignOut => &self.sign_out,
        }
    }

    /// The session whose `kind` window holds `secs`.
    pub fn find(&self, kind: PunchKind, secs: u32) -> Option<usize> {
        self.of(kind)
            .iter()
            .position(|&(from, until)| from <= secs && secs <= until)
    }

    /// The session whose `kind` window is nearest to `secs`, whether `secs` is
    /// before it, and by how many seconds it misses.
    pub fn nearest(&self, kind: PunchKind, secs: u32) -> (usize, bool, u32) {
        let mut best = (0, true, u32::MAX);
        for (i, &(from, until)) in self.of(kind).iter().enumerate() {
            let (early, miss) = if secs < from {
                (true, from - secs)
            } else {
                (false, secs.saturating_sub(until))
            };
            if miss < best.2 {
                best = (i, early, miss);
            }
        }
        best
    }
}

/// Why a punch does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rejection {
    /// For another class.
    OtherClass,
    /// By someone not on the roster.
    UnknownTrainee,
    /// By a method the policy does not accept.
    Method,
    /// On a day the class does not train.
    NonTrainingDay,
    /// On a training day after the day attendance is counted up to.
    AfterAsOf,
    /// Outside every window of its kind: the nearest session, early or late, seconds missed.
    OutsideWindow { session: u8, early: bool, miss: u32 },
    /// In the other kind's window (a sign-out when a sign-in is due, or the reverse).
    OutOfOrder { session: u8 },
    /// A second punch of the same kind for the same session; the first that counts.
    Duplicate { first: u32 },
}

impl Rejection {
    pub fn reason(self) -> &'static str {
        match self {
            Rejection::OtherClass => "other_class",
            Rejection::UnknownTrainee => "unknown_trainee",
            Rejection::Method => "method",
            Rejection::NonTrainingDay => "non_training_day",
            Rejection::AfterAsOf => "after_as_of",
            Rejection::OutsideWindow { .. } => "outside_window",
            Rejection::OutOfOrder { .. } => "out_of_order",
            Rejection::Duplicate { .. } => "duplicate",
        }
    }
}

/// The punches of a class, sorted into slots.
#[derive(Debug, Clone)]
pub(crate) struct Slots {
    pub days: usize,
    pub sessions: usize,
    /// The sign-in that counts for each slot, or [`NONE`].
    pub sign_in: Vec<u32>,
    /// The sign-out that counts for each slot, or [`NONE`].
    pub sign_out: Vec<u32>,
    /// The earliest sign-in of each slot whose method is not stated (under a
    /// policy that accepts only some methods), or [`NONE`].
    pub pending_in: Vec<u32>,
    /// The same for sign-outs.
    pub pending_out: Vec<u32>,
    /// Leave and exception flags per slot.
    pub flags: Vec<u8>,
}

impl Slots {
    pub fn index(&self, trainee: usize, day: usize, session: usize) -> usize {
        (trainee * self.days + day) * self.sessions + session
    }
    pub fn attended(&self, slot: usize) -> bool {
        self.sign_in[slot] != NONE && self.sign_out[slot] != NONE
    }
}

/// Slot flags.
pub(crate) const SICK: u8 = 1;
pub(crate) const PERSONAL: u8 = 2;
pub(crate) const EXCEPTED: u8 = 4;
pub(crate) const UNDETERMINED: u8 = 8;
/// A session that would be attended if its punches whose method is not stated
/// were made by an accepted method.
pub(crate) const UNVERIFIED: u8 = 16;

/// The outcome of matching.
#[derive(Debug, Clone)]
pub(crate) struct Matched {
    pub slots: Slots,
    /// Each refused punch and why, by punch index.
    pub rejected: Vec<(u32, Rejection)>,
    /// Sessions with only one of their two punches: (slot, the punch there).
    pub incomplete: Vec<(usize, u32)>,
    /// Punches that do not state their method where the policy accepts only
    /// some methods, in a window of a training day: (punch, slot), by punch.
    pub unverified: Vec<(u32, usize)>,
    /// Punches that count in their window but whose session's other punch is
    /// unverified: (slot, the punch, that partner), by slot.
    pub waiting: Vec<(usize, u32, u32)>,
    /// Seconds since midnight (China) of each punch.
    pub secs: Vec<u32>,
}

/// Matches every punch: O(punches + slots).
pub(crate) fn match_punches(
    s: &Schedule,
    roster: &super::Roster,
    punches: &[Punch],
    windows: &Windows,
    methods: &[PunchMethod],
) -> Matched {
    let days = s.days.len();
    let sessions = s.sessions.len();
    let n = roster.len() * days * sessions;
    let mut slots = Slots {
        days,
        sessions,
        sign_in: vec![NONE; n],
        sign_out: vec![NONE; n],
        pending_in: vec![NONE; n],
        pending_out: vec![NONE; n],
        flags: vec![0; n],
    };
    let mut rejected = Vec::new();
    let mut unverified = Vec::new();
    let mut secs = Vec::with_capacity(punches.len());
    let mut placed = vec![NONE; punches.len()];
    let mut last: Option<(&str, usize)> = None;
    for (i, p) in punches.iter().enumerate() {
        let t = p.at.seconds_of_day();
        secs.push(t);
        let i32_ = i as u32;
        if p.class.as_deref().is_some_and(|c| c != s.class_id) {
            rejected.push((i32_, Rejection::OtherClass));
            continue;
        }
        // Punches come in runs by trainee: look the key up only when it changes.
        let trainee = match last {
            Some((key, t)) if key == p.trainee.as_str() => t,
            _ => match roster.get(p.trainee.as_str()) {
                Some(t) => {
                    last = Some((p.trainee.as_str(), t));
                    t
                }
                None => {
                    rejected.push((i32_, Rejection::UnknownTrainee));
                    continue;
                }
            },
        };
        if !methods.is_empty() && p.method.is_some_and(|m| !methods.contains(&m)) {
            rejected.push((i32_, Rejection::Method));
            continue;
        }
        // Not stated where it matters: placed, but neither counted nor refused.
        let unstated = !methods.is_empty() && p.method.is_none();
        let Some(day) = s.training_day(p.at.date()) else {
            let r = if s.is_filed(p.at.date()) {
                Rejection::AfterAsOf
            } else {
                Rejection::NonTrainingDay
            };
            rejected.push((i32_, r));
            continue;
        };
        let Some(session) = windows.find(p.kind, t) else {
            let other = match p.kind {
                PunchKind::SignIn => PunchKind::SignOut,
                PunchKind::SignOut => PunchKind::SignIn,
            };
            let r = match windows.find(other, t) {
                Some(sess) => Rejection::OutOfOrder {
                    session: sess as u8,
                },
                None => {
                    let (sess, early, miss) = windows.nearest(p.kind, t);
                    Rejection::OutsideWindow {
                        session: sess as u8,
                        early,
                        miss,
                    }
                }
            };
            rejected.push((i32_, r));
            continue;
        };
        let slot = slots.index(trainee, day, session);
        if unstated {
            unverified.push((i32_, slot));
            let keep = match p.kind {
                PunchKind::SignIn => &mut slots.pending_in[slot],
                PunchKind::SignOut => &mut slots.pending_out[slot],
            };
            if *keep == NONE || (t, i32_) < (secs[*keep as usize], *keep) {
                *keep = i32_;
            }
            continue;
        }
        placed[i] = slot as u32;
        let keep = match p.kind {
            PunchKind::SignIn => &mut slots.sign_in[slot],
            PunchKind::SignOut => &mut slots.sign_out[slot],
        };
        // The earliest punch counts (the lower index on a tie), whatever the input order.
        if *keep == NONE || (t, i32_) < (secs[*keep as usize], *keep) {
            *keep = i32_;
        }
    }
    for (i, &slot) in placed.iter().enumerate() {
        if slot == NONE {
            continue;
        }
        let slot = slot as usize;
        let kept = match punches[i].kind {
            PunchKind::SignIn => slots.sign_in[slot],
            PunchKind::SignOut => slots.sign_out[slot],
        };
        if kept != i as u32 {
            rejected.push((i as u32, Rejection::Duplicate { first: kept }));
        }
    }
    crate::sort::by_key(&mut rejected, |r| r.0);
    let mut incomplete = Vec::new();
    let mut waiting = Vec::new();
    for slot in 0..n {
        let (a, b) = (slots.sign_in[slot], slots.sign_out[slot]);
        if a != NONE && b != NONE {
            continue;
        }
        let (pa, pb) = (slots.pending_in[slot], slots.pending_out[slot]);
        if (a != NONE || pa != NONE) && (b != NONE || pb != NONE) {
            // Attended if the unverified punches were made the accepted way.
            slots.flags[slot] |= UNVERIFIED;
            if a != NONE {
                waiting.push((slot, a, pb));
            }
            if b != NONE {
                waiting.push((slot, b, pa));
            }
        } else if (a == NONE) != (b == NONE) {
            incomplete.push((slot, if a == NONE { b } else { a }));
        }
    }
    Matched {
        slots,
        rejected,
        incomplete,
        unverified,
        waiting,
        secs,
    }
}

/// `HH:MM`, or `HH:MM:SS` when the seconds matter.
pub(crate) fn time_of(secs: u32) -> String {
    let mut t = clock(secs);
    if secs % 60 != 0 {
        let s = secs % 60;
        t.push(':');
        t.push(char::from(b'0' + (s / 10) as u8));
        t.push(char::from(b'0' + (s % 10) as u8));
    }
    t
}

fn session_facts(
    o: Outcome,
    s: &Schedule,
    w: &Windows,
    kind: PunchKind,
    session: usize,
) -> Outcome {
    let times = s.sessions[session];
    let (from, until) = w.of(kind)[session];
    o.fact("session", session as u64 + 1)
        .fact("session_start", clock(times.start))
        .fact("session_end", clock(times.end))
        .fact("window_from", clock(from))
        .fact("window_until", time_of(until))
}

/// The finding about one refused punch.
pub(crate) fn rejection_outcome(
    s: &Schedule,
    w: &Windows,
    punches: &[Punch],
    secs: &[u32],
    methods: &[PunchMethod],
    index: u32,
    r: Rejection,
) -> Outcome {
    let p = &punches[index as usize];
    let date = p.at.date();
    let mut o = Outcome::new(Status::Fail)
        .because(r.reason())
        .about(p.trainee.clone())
        .fact("punch", index)
        .fact("trainee", p.trainee.clone())
        .fact("date", ymd(date))
        .fact("time", time_of(secs[index as usize]))
        .fact("kind_zh", p.kind.zh())
        .fact("kind_en", p.kind.en());
    match r {
        Rejection::OtherClass => {
            o = o
                .fact("punch_class", p.class.clone().unwrap_or_default())
                .fact("class", s.class_id.clone());
        }
        Rejection::UnknownTrainee | Rejection::AfterAsOf => {}
        Rejection::Method => {
            o = o.fact("method", method_name(p.method)).fact(
                "methods",
                methods
                    .iter()
                    .map(|m| method_name(Some(*m)))
                    .collect::<Vec<_>>(),
            );
        }
        Rejection::NonTrainingDay => {
            let (kind_zh, kind_en, holiday) = super::text::day_kind(s, date);
            o = o
                .fact("day_kind_zh", kind_zh)
                .fact("day_kind_en", kind_en)
                .fact("holiday", holiday);
        }
        Rejection::OutsideWindow {
            session,
            early,
            miss,
        } => {
            o = session_facts(o, s, w, p.kind, session as usize)
                .fact("minutes_outside", u64::from(miss.div_ceil(60)))
                .fact("early_or_late_zh", if early { "早" } else { "晚" })
                .fact("early_or_late_en", if early { "early" } else { "late" });
        }
        Rejection::OutOfOrder { session } => {
            let other = match p.kind {
                PunchKind::SignIn => PunchKind::SignOut,
                PunchKind::SignOut => PunchKind::SignIn,
            };
            o = session_facts(o, s, w, other, session as usize)
                .fact("missing_kind_zh", other.zh())
                .fact("missing_kind_en", other.en());
        }
        Rejection::Duplicate { first } => {
            let session = w.find(p.kind, secs[index as usize]).unwrap_or(0);
            o = session_facts(o, s, w, p.kind, session)
                .fact("first_punch", first)
                .fact("first_time", time_of(secs[first as usize]));
        }
    }
    o
}

/// The finding about a session with only one of its punches.
pub(crate) fn incomplete_outcome(
    s: &Schedule,
    w: &Windows,
    punches: &[Punch],
    secs: &[u32],
    slot: usize,
    index: u32,
) -> Outcome {
    let p = &punches[index as usize];
    let sessions = s.sessions.len();
    let session = slot % sessions;
    let day = (slot / sessions) % s.days.len();
    let missing = match p.kind {
        PunchKind::SignIn => PunchKind::SignOut,
        PunchKind::SignOut => PunchKind::SignIn,
    };
    session_facts(
        Outcome::new(Status::Fail)
            .because("incomplete")
            .about(p.trainee.clone())
            .fact("punch", index)
            .fact("trainee", p.trainee.clone())
            .fact("date", ymd(s.days[day]))
            .fact("time", time_of(secs[index as usize]))
            .fact("kind_zh", p.kind.zh())
            .fact("kind_en", p.kind.en())
            .fact("missing_kind_zh", missing.zh())
            .fact("missing_kind_en", missing.en()),
        s,
        w,
        missing,
        session,
    )
}

/// The methods a policy accepts, as a fact.
pub(crate) fn method_names(methods: &[PunchMethod]) -> Vec<Value> {
    methods.iter().map(|m| method_name(Some(*m))).collect()
}

/// What the findings about punches are worded from.
pub(crate) struct Wording<'a> {
    pub s: &'a Schedule,
    pub w: &'a Windows,
    pub punches: &'a [Punch],
    pub secs: &'a [u32],
    pub methods: &'a [PunchMethod],
}

/// The finding about a punch that does not state its method where the policy
/// accepts only some: neither counted nor refused.
pub(crate) fn unverified_outcome(c: &Wording<'_>, index: u32, slot: usize) -> Outcome {
    let (s, w, punches, secs, methods) = (c.s, c.w, c.punches, c.secs, c.methods);
    let p = &punches[index as usize];
    let session = slot % s.sessions.len();
    session_facts(
        Outcome::new(Status::Unknown)
            .because("method_unstated")
            .about(p.trainee.clone())
            .fact("punch", index)
            .fact("trainee", p.trainee.clone())
            .fact("date", ymd(p.at.date()))
            .fact("time", time_of(secs[index as usize]))
            .fact("kind_zh", p.kind.zh())
            .fact("kind_en", p.kind.en())
            .fact("method", Value::Null)
            .fact("methods", method_names(methods)),
        s,
        w,
        p.kind,
        session,
    )
}

/// The finding about a punch that counts in its window but whose session's
/// other punch does not state its method: the session is undetermined.
pub(crate) fn waiting_outcome(c: &Wording<'_>, slot: usize, index: u32, partner: u32) -> Outcome {
    let (s, w, punches, secs, methods) = (c.s, c.w, c.punches, c.secs, c.methods);
    let p = &punches[index as usize];
    let session = slot % s.sessions.len();
    let other = &punches[partner as usize];
    session_facts(
        Outcome::new(Status::Unknown)
            .because("partner_unstated")
            .about(p.trainee.clone())
            .fact("punch", index)
            .fact("trainee", p.trainee.clone())
            .fact("date", ymd(p.at.date()))
            .fact("time", time_of(secs[index as usize]))
            .fact("kind_zh", p.kind.zh())
            .fact("kind_en", p.kind.en())
            .fact("partner", partner)
            .fact("partner_time", time_of(secs[partner as usize]))
            .fact("missing_kind_zh", other.kind.zh())
            .fact("missing_kind_en", other.kind.en())
            .fact("methods", method_names(methods)),
        s,
        w,
        p.kind,
        session,
    )
}

pub(crate) fn method_name(m: Option<PunchMethod>) -> Value {
    match m {
        Some(PunchMethod::FaceDevice) => "face_device".into(),
        Some(PunchMethod::VoucherQr) => "voucher_qr".into(),
        Some(PunchMethod::Manual) => "manual".into(),
        None => Value::Null,
    }
}
