//! Attendance on generated classes: 50 trainees × 6 months × 2 sessions × 2
//! punches (about 12,000 punches), and ten times the trainees.
//!
//! `cargo bench --bench attendance -- --warm-up-time 1 --measurement-time 3`;
//! the figures are recorded in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use peixun::engine::Engine;

#[path = "../tests/support/generator.rs"]
mod generator;

fn attendance(c: &mut Criterion) {
    let engine = Engine::new().expect("the built-in engine");
    let policy = engine
        .policy("fushun-2024-major-conversion")
        .expect("the Fushun policy");
    for (name, trainees) in [("50 trainees", 50), ("500 trainees", 500)] {
        let input = generator::class(engine.calendar(), trainees, 6, 2024);
        let label = format!("evaluate {name}, 6 months, {} punches", input.punches.len());
        c.bench_function(&label, |b| {
            b.iter(|| {
                peixun::rules::attendance::evaluate(
                    policy,
                    engine.calendar(),
                    std::hint::black_box(&input),
                )
                .expect("a valid class")
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
