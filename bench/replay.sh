#!/usr/bin/env bash
# What replay's counting costs: median wall time of the invocations (compile
# excluded) of `wcaudit replay FILE -n N`, counted against `--uncounted` (no
# tracing subscriber, no stream byte counts, no transition hook), per input,
# with the ratio and the extra time per counted host call.
#
# Inputs: bench/replay-env-loop.wat (100,000 host calls per invocation) and,
# when ../shared/corpus/out exists, components built by real toolchains.
#
# Environment:
#   BENCH_RUNS=7        timed runs per mode per input (counted and uncounted alternate)
#   BENCH_CORPUS=DIR    corpus directory (default ../shared/corpus/out)
#   BENCH_NO_BUILD=1    do not run `cargo build --release --features replay`
#   WCAUDIT=PATH        binary to measure (default target/release/wcaudit; implies no build)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

runs="${BENCH_RUNS:-7}"
corpus="${BENCH_CORPUS:-$root/../shared/corpus/out}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_RUNS must be a positive integer" >&2; exit 1; }

if [[ -n "${WCAUDIT:-}" ]]; then
    bin="$WCAUDIT"
else
    bin="$root/target/release/wcaudit"
    if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
        cargo build --release --locked --features replay >&2
    fi
fi
"$bin" replay --help >/dev/null 2>&1 || { echo "bench: $bin has no replay (build with --features replay)" >&2; exit 1; }

# name | file | extra arguments
inputs=("env-loop (WAT, 100k calls)|bench/replay-env-loop.wat|-n 10")
if [[ -d "$corpus" ]]; then
    inputs+=(
        "wat-chatty-fine (64 stub calls)|$corpus/wat-chatty-fine.wasm|-n 2000"
        "c-chatty-stdout-p2 (3,500 writes)|$corpus/c-chatty-stdout-p2.wasm|-n 20"
        "go-cli-p2|$corpus/go-cli-p2.wasm|-n 20"
        "py-http-chatty-p2 (18 headers)|$corpus/py-http-chatty-p2.wasm|-n 5 --request GET\ / -H host:\ example.com"
    )
fi

python3 - "$bin" "$runs" "${inputs[@]}" <<'PY'
import json, re, shlex, statistics, subprocess, sys

binary, runs, inputs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def run(file, extra, counted):
    args = [binary, "replay", file, "--format", "json", "--timings"] + shlex.split(extra)
    if not counted:
        args.append("--uncounted")
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(args)} failed: {done.stderr.strip()}")
    match = re.search(r"timings: compile ([0-9.]+) ms, run ([0-9.]+) ms", done.stderr)
    report = json.loads(done.stdout)
    calls = sum(row["total"] for row in report["calls"])
    return float(match.group(2)), calls, report

print(f"{'input':36} {'uncounted':>11} {'counted':>11} {'ratio':>7} {'min ratio':>9} {'per call':>10} {'calls':>10}")
for spec in inputs:
    name, file, extra = spec.split("|")
    counted, uncounted, calls = [], [], 0
    run(file, extra, True)  # warm the page cache
    for i in range(runs):
        # Alternate which mode goes first, so drift favours neither.
        for counted_run in ((True, False) if i % 2 == 0 else (False, True)):
            t, n, _ = run(file, extra, counted_run)
            if counted_run:
                counted.append(t)
                calls = n
            else:
                uncounted.append(t)
    c, u = statistics.median(counted), statistics.median(uncounted)
    per_call = (c - u) * 1e6 / calls if calls else float("nan")
    print(f"{name:36} {u:9.1f}ms {c:9.1f}ms {c / u:7.3f} {min(counted) / min(uncounted):9.3f} {per_call:8.0f}ns {calls:>10}")
print(f"(medians of {runs} runs, and the ratio of the fastest runs; times cover instantiating")
print(" and running all invocations, not compiling; 'per call' is the extra median time per")
print(" counted host call)")
PY
