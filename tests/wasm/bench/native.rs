//! The native side of `tests/wasm/bench/bench.mjs`: times engine creation, one
//! eligibility check and the 50-trainee six-month attendance check through
//! `Engine::handle` (JSON in and out, as the WebAssembly module's `handleJson`),
//! writes the requests and the outputs to a directory so that the WebAssembly
//! run uses the same bytes and can check that it gives the same answers, and
//! prints the timings as JSON (milliseconds).
//!
//! ```sh
//! cargo run --release --features bench-native --bin peixun-native-bench -- target/bench
//! cargo run --release --features bench-native --bin peixun-native-bench -- --first-engine
//! ```

use std::time::Instant;

use peixun::engine::Engine;

#[path = "../../support/generator.rs"]
mod generator;

const DALIAN: &str = "dalian-2023-major-conversion";
const FUSHUN: &str = "fushun-2024-major-conversion";

fn stats(mut samples: Vec<f64>) -> serde_json::Value {
    samples.sort_by(f64::total_cmp);
    let q = |p: f64| samples[((p * samples.len() as f64) as usize).min(samples.len() - 1)];
    serde_json::json!({ "n": samples.len(), "median": q(0.5), "p10": q(0.1), "p90": q(0.9), "min": samples[0] })
}

fn time<T>(iterations: usize, warmup: usize, mut f: impl FnMut() -> T) -> serde_json::Value {
    for _ in 0..warmup {
        std::hint::black_box(f());
    }
    let samples = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    stats(samples)
}

fn main() {
    // `--first-engine`: the counterpart of a fresh WebAssembly instance's first
    // `new Engine()`. Nothing has run in this process yet: the built-in
    // calendar is read for the first time (the instance reads it too) and the
    // heap is new. Prints milliseconds; bench.mjs runs this in many processes.
    if std::env::args().nth(1).as_deref() == Some("--first-engine") {
        let t = Instant::now();
        let engine = Engine::new().expect("the built-in engine");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        std::hint::black_box(engine);
        println!("{ms}");
        return;
    }
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/bench".into()),
    );
    std::fs::create_dir_all(&out).expect("create the output directory");
    let root = env!("CARGO_MANIFEST_DIR");

    let engine = Engine::new().expect("the built-in engine");
    let applicant: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/examples/applicants/graduate-phone.json"))
            .expect("the applicant"),
    )
    .expect("JSON");
    let eligibility = serde_json::json!({ "policy": DALIAN, "applicant": applicant }).to_string();
    let mut class = generator::class(engine.calendar(), 50, 6, 2024);
    class.policy = Some(FUSHUN.into());
    let attendance = serde_json::to_string(&class).expect("JSON");

    let eligibility_out = engine
        .handle("eligibility", &eligibility)
        .expect("an answer");
    let attendance_out = engine.handle("attendance", &attendance).expect("a report");
    for (name, text) in [
        ("eligibility.request.json", &eligibility),
        ("eligibility.output.json", &eligibility_out),
        ("attendance-50.request.json", &attendance),
        ("attendance-50.output.json", &attendance_out),
    ] {
        std::fs::write(out.join(name), text).expect("write a bench file");
    }

    // `PEIXUN_BENCH_LOOP=N`: only run the eligibility check N times, for a
    // profiler (`perf record`; BENCHMARKS.md, "Where the time goes").
    if let Some(n) = std::env::var("PEIXUN_BENCH_LOOP")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        for _ in 0..n {
            std::hint::black_box(engine.handle("eligibility", &eligibility).expect("answer"));
        }
        return;
    }
    let results = serde_json::json!({
        "punches": class.punches.len(),
        "attendance_request_bytes": attendance.len(),
        "engine_new": time(30, 3, || Engine::new().expect("engine")),
        "eligibility": time(2000, 200, || engine.handle("eligibility", &eligibility).expect("answer")),
        "attendance": time(20, 3, || engine.handle("attendance", &attendance).expect("report")),
    });
    println!("{results}");
}
