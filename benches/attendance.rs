//! Attendance on generated classes: 50 trainees × 6 months × 2 sessions × 2
//! punches (about 25,000 punches), and ten times the trainees.
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
    for (name, trainees) in [("50 trainees", 50), ("500 trainees", 500)] {
        let input = generator::class(engine.calendar(), trainees, 6, 2024);
        let label = format!("evaluate {name}, 6 months, {} punches", input.punches.len());
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
    let input = generator::class(engine.calendar(), 50, 6, 2024);
    let json = serde_json::to_string(&input).expect("JSON");
    c.bench_function(
        &format!(
            "handle 50 trainees, JSON in and out ({} KiB)",
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

criterion_group!(benches, attendance);
criterion_main!(benches);
