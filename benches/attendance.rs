//! Attendance on generated classes: 50 trainees × 6 months × 1 session a day ×
//! 2 punches (about 12,400 punches, the "realistic class"), the same
//! with two sessions a day (about 24,900 punches), and each with ten times the
//! trainees.
//!
//! `cargo bench --bench attendance -- --warm-up-time 1 --measurement-time 3`;
//! the figures are recorded in BENCHMARKS.md. Each class is measured twice:
//! wall-clock time, and the thread's CPU time (`clock_gettime` with
//! `CLOCK_THREAD_CPUTIME_ID`), which other processes on a busy machine do not
//! inflate.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use peixun::engine::Engine;

#[path = "../tests/support/generator.rs"]
mod generator;

/// This thread's CPU time.
fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock ID is a constant.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if ok {
        Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
    } else {
        // No CPU clock: fall back to wall time from a fixed origin.
        static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
        START.get_or_init(Instant::now).elapsed()
    }
}

fn attendance(c: &mut Criterion) {
    let engine = Engine::new().expect("the built-in engine");
    let policy = engine
        .policy("fushun-2024-major-conversion")
        .expect("the Fushun policy");
    for (per_day, trainees) in [(1, 50), (1, 500), (2, 50), (2, 500)] {
        let input = generator::class_with_sessions(engine.calendar(), trainees, 6, per_day, 2024);
        let sessions = if per_day == 1 { "session" } else { "sessions" };
        let label = format!(
            "evaluate {trainees} trainees, {per_day} {sessions} a day, 6 months, {} punches",
            input.punches.len()
        );
        let run = || {
            peixun::rules::attendance::evaluate(
                policy,
                engine.calendar(),
                std::hint::black_box(&input),
            )
            .expect("a valid class")
        };
        c.bench_function(&label, |b| b.iter(run));
        c.bench_function(&format!("{label} (CPU time)"), |b| {
            b.iter_custom(|iters| {
                let start = cpu_now();
                for _ in 0..iters {
                    std::hint::black_box(run());
                }
                cpu_now() - start
            })
        });
    }
    // The whole request as a surface sees it: JSON in, canonical JSON out.
    for per_day in [1, 2] {
        let input = generator::class_with_sessions(engine.calendar(), 50, 6, per_day, 2024);
        let json = serde_json::to_string(&input).expect("JSON");
        let sessions = if per_day == 1 { "session" } else { "sessions" };
        c.bench_function(
            &format!(
                "handle 50 trainees, {per_day} {sessions} a day, JSON in and out ({} KiB)",
                json.len() / 1024
            ),
            |b| {
                b.iter(|| {
                    engine
                        .handle("attendance", std::hint::black_box(&json))
                        .expect("a valid request")
                })
            },
        );
    }
}

criterion_group!(benches, attendance);
criterion_main!(benches);
