//! Video evidence (FS-C2) and the enterprise training video kept (LC-S2).
//!
//! A video is evidence of the class's training only on one of its training
//! days: FS-C2 asks for "学员上课的视频影像资料" (videos of the trainees in
//! class), on training days that are "当月实际工作日…(除去法定节假日和周末休息日)";
//! LC-S2 for "培训过程视频材料" (videos of the training). A video dated on a
//! rest day, a holiday or a day the class does not train is reported, with
//! the day and its kind, and not counted.

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::input::{ClassSchedule, Video};
use super::schedule::Schedule;
use crate::policy::kinds::VideoSpacing;
use crate::report::Status;
use crate::rules::Outcome;

/// FS-C2's numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VideoRule {
    pub min_videos: u32,
    pub min_per_month: u32,
    pub min_gap_days: u32,
    pub min_minutes: u32,
    pub spacing: VideoSpacing,
}

fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// FS-C2: enough videos, long enough, each month, spaced.
pub(crate) fn video_evidence(s: &Schedule, videos: Option<&[Video]>, r: VideoRule) -> Vec<Outcome> {
    let required_gap = u64::from(r.min_gap_days) + 1;
    let (sp_zh, sp_en) = match r.spacing {
        VideoSpacing::MonthlyPair => (
            "每月至少有2次视频相隔足够天数",
            "in each month, two of the videos far enough apart",
        ),
        VideoSpacing::EveryConsecutive => (
            "任意相邻两次视频相隔足够天数",
            "every two consecutive videos far enough apart",
        ),
    };
    let common = |o: Outcome| {
        o.fact("min_videos", r.min_videos)
            .fact("min_per_month", r.min_per_month)
            .fact("min_minutes", r.min_minutes)
            .fact("required_gap_days", required_gap)
            .fact("spacing_zh", sp_zh)
            .fact("spacing_en", sp_en)
    };
    let Some(videos) = videos else {
        return vec![common(Outcome::new(Status::Unknown).because("no_videos"))];
    };
    let mut out = Vec::new();
    let mut good: Vec<&Video> = Vec::new();
    for v in videos {
        let base = Outcome::new(Status::Fail)
            .fact("video", v.id.clone())
            .fact("video_date", v.date.to_string())
            .fact("minutes", v.minutes);
        if v.date < s.start || v.date > s.end {
            out.push(common(base.because("outside_class")));
        } else if !s.is_filed(v.date) {
            out.push(common(
                day_kind_facts(base, s, v.date).because("not_a_training_day"),
            ));
        } else if v.minutes < r.min_minutes {
            out.push(common(base.because("short")));
        } else {
            good.push(v);
        }
    }
    crate::sort::by(&mut good, |a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    if (good.len() as u32) < r.min_videos {
        // A class still running may yet record the rest.
        let o = if s.in_progress() {
            Outcome::new(Status::Unknown).because("in_progress")
        } else {
            Outcome::new(Status::Fail).because("count")
        };
        out.push(common(
            o.fact("videos", videos.len() as u64)
                .fact("long_enough", good.len() as u64),
        ));
    }
    // Each month the class trains in.
    let mut months: Vec<(String, NaiveDate, NaiveDate)> = Vec::new();
    for d in &s.days {
        let m = month_of(*d);
        match months.last_mut() {
            Some(last) if last.0 == m => last.2 = *d,
            _ => months.push((m, *d, *d)),
        }
    }
    for (month, first, last) in &months {
        let in_month: Vec<&&Video> = good.iter().filter(|v| month_of(v.date) == *month).collect();
        let widest = match (in_month.first(), in_month.last()) {
            (Some(a), Some(b)) => (b.date - a.date).num_days() as u64,
            _ => 0,
        };
        let base = |o: Outcome| {
            common(
                o.fact("month", month.clone())
                    .fact("month_videos", in_month.len() as u64)
                    .fact("widest_gap_days", widest),
            )
        };
        let span = (*last - *first).num_days() as u64;
        // A partial first or last month, or the month a running class is in.
        let running = s.in_progress() && s.days.last() == Some(last);
        let short_month = span < required_gap || running;
        if (in_month.len() as u32) < r.min_per_month {
            out.push(base(if short_month {
                Outcome::new(Status::Unknown).because("partial_month")
            } else {
                Outcome::new(Status::Fail).because("month_count")
            }));
        } else if r.spacing == VideoSpacing::MonthlyPair
            && r.min_per_month >= 2
            && widest < required_gap
        {
            out.push(base(if short_month {
                Outcome::new(Status::Unknown).because("partial_month")
            } else {
                Outcome::new(Status::Fail).because("month_gap")
            }));
        }
    }
    if r.spacing == VideoSpacing::EveryConsecutive {
        for pair in good.windows(2) {
            let gap = (pair[1].date - pair[0].date).num_days() as u64;
            if gap < required_gap {
                out.push(common(
                    Outcome::new(Status::Fail)
                        .because("gap")
                        .fact("video", pair[1].id.clone())
                        .fact("video_date", pair[1].date.to_string())
                        .fact("previous_video", pair[0].id.clone())
                        .fact("widest_gap_days", gap),
                ));
            }
        }
    }
    if out.is_empty() {
        out.push(common(
            Outcome::new(Status::Pass)
                .because("enough")
                .fact("videos", videos.len() as u64)
                .fact("long_enough", good.len() as u64)
                .fact(
                    "month",
                    Value::from(months.iter().map(|m| m.0.clone()).collect::<Vec<_>>()),
                ),
        ));
    }
    out
}

fn day_kind_facts(o: Outcome, s: &Schedule, date: NaiveDate) -> Outcome {
    let (zh, en, holiday) = super::text::day_kind(s, date);
    o.fact("day_kind_zh", zh)
        .fact("day_kind_en", en)
        .fact("holiday", holiday)
}

/// LC-S2: a training-process video is kept, unless the class is classified.
/// Only a video dated on a training day of the class counts; each other one is
/// reported (unknown: the enterprise sets its own training time, "企业职工培训
/// 方式、培训时间由企业根据实际需要自行确定", so a person checks whether it
/// trained that day), and when none counts the rule needs review.
pub(crate) fn video_kept(
    s: &Schedule,
    class: &ClassSchedule,
    videos: Option<&[Video]>,
) -> Vec<Outcome> {
    let classified = class.classified.map(Value::from).unwrap_or(Value::Null);
    let total = videos
        .map(|v| Value::from(v.len() as u64))
        .unwrap_or(Value::Null);
    let (status, reason) = match (class.classified, videos) {
        (Some(true), _) => (Status::Pass, "classified"),
        (_, None) => (Status::Unknown, "no_videos"),
        (_, Some([])) => (Status::Fail, "none"),
        (_, Some(_)) => (Status::Pass, "kept"),
    };
    if reason != "kept" {
        return vec![Outcome::new(status)
            .because(reason)
            .fact("videos", total)
            .fact("classified", classified)];
    }
    let videos = videos.unwrap_or_default();
    let mut out = Vec::new();
    let mut counted = 0u64;
    for v in videos {
        if v.date >= s.start && v.date <= s.end && s.is_filed(v.date) {
            counted += 1;
        } else {
            out.push(day_kind_facts(
                Outcome::new(Status::Unknown)
                    .because("not_a_training_day")
                    .fact("video", v.id.clone())
                    .fact("video_date", v.date.to_string())
                    .fact("classified", classified.clone()),
                s,
                v.date,
            ));
        }
    }
    let main = if counted > 0 {
        Outcome::new(Status::Pass)
            .because("kept")
            .fact("videos", counted)
    } else {
        Outcome::new(Status::Unknown)
            .because("none_counted")
            .fact("videos", total)
    };
    out.insert(0, main.fact("classified", classified));
    out
}
