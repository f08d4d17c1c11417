#!/usr/bin/env bash
# Server benchmark (not a test): requests per second and p50/p99 latency over
# HTTP on loopback, measured with wrk (apt install wrk) against `peixun serve`
# built with the `native` profile, on a fresh SQLite ledger.
#
#   scripts/bench_server.sh [DURATION_SECONDS] [CONNECTIONS]
#
# Bounded: each run lasts DURATION seconds (default 10) and targets only 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
conns="${2:-16}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
cargo build --profile native --bin peixun >&2
bin="$(scripts/target-dir)/native/peixun"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
port=18$((RANDOM % 900 + 100))
RUST_LOG=warn "$bin" serve --listen "127.0.0.1:$port" --data-dir "$work/data" \
  --config examples/server/demo.toml >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
json.dump({"policy": "dalian-2023-major-conversion",
           "applicant": json.load(open("examples/applicants/graduate-authority.json"))},
          open(f"{work}/eligibility.json", "w"), ensure_ascii=False)
PY
url="http://127.0.0.1:$port"
run() { # name script path body
  local line
  line=$(BODY="$4" TOKEN=demo-institution-a wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s -s "$2" "$url$3" | grep '^RESULT')
  echo "$1 $line"
}
echo "wrk -t2 -c$conns -d${duration}s, $(nproc) cores, $(date -u +%Y-%m-%d)"
run "eligibility (one check)          POST /v1/eligibility  " scripts/bench/post.lua /v1/eligibility "$work/eligibility.json"
run "claim.verify (50 trainees)       POST /v1/claims/verify" scripts/bench/post.lua /v1/claims/verify examples/claims/dalian-50-trainees.json
run "claim submission (3 trainees)    POST /v1/claims       " scripts/bench/submit.lua /v1/claims examples/claims/dalian-claim.json
