//! Native figures for the WASM/native ratio in BENCHMARKS.md: engine creation,
//! one eligibility check (through `Engine::handle`, the path `handleJson`
//! takes in WebAssembly), one calendar query.
//!
//! `cargo bench --bench engine -- --quick` (or `--measurement-time 2`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use peixun::engine::Engine;

const DALIAN: &str = "dalian-2023-major-conversion";

fn request() -> String {
    let applicant = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/applicants/graduate-phone.json"
    ))
    .expect("example applicant");
    let applicant: serde_json::Value = serde_json::from_str(&applicant).expect("JSON");
    serde_json::json!({ "policy": DALIAN, "applicant": applicant }).to_string()
}

fn engine(c: &mut Criterion) {
    c.bench_function("Engine::new", |b| {
        b.iter(|| black_box(Engine::new().unwrap()))
    });

    let engine = Engine::new().unwrap();
    let req = request();
    c.bench_function("handle eligibility", |b| {
        b.iter(|| black_box(engine.handle("eligibility", black_box(&req)).unwrap()))
    });
    c.bench_function("handle calendar.day", |b| {
        b.iter(|| {
            black_box(
                engine
                    .handle("calendar.day", black_box(r#"{"date":"2023-10-07"}"#))
                    .unwrap(),
            )
        })
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
