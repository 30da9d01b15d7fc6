#!/usr/bin/env bash
# wcaudit benchmark: wall time (median/min of N runs), CPU time and peak RSS of
#   wcaudit check FILE --format sarif --output /dev/null
# against wasm-tools validate / wasm-tools component wit (and OWASP blint when on PATH),
# on generated components of increasing size and on ../shared/corpus/out/*.wasm.
#
# Environment:
#   BENCH_RUNS=7        timed runs per tool per input (median and min are reported)
#   BENCH_WARMUP=1      untimed warm-up runs per tool per input
#   BENCH_SIZES="10K 1M 10M 20M"   generated component sizes ("" = none)
#   BENCH_HUGE=1        also generate and measure a ~100 MB component (slow; ~7 GB RAM to parse)
#   BENCH_CORPUS=DIR    corpus directory (default ../shared/corpus/out relative to the repo)
#   BENCH_OUT=DIR       cache for generated inputs (default bench/out)
#   BENCH_NO_BUILD=1    do not run `cargo build --release`
#   BENCH_BLINT=1       pip install blint if it is not on PATH, and measure it
#   BENCH_BLINT=0       skip blint even when it is on PATH (it takes seconds per file)
#   BENCH_SEED=1        generator seed
#   WCAUDIT=PATH        binary to measure (default target/release/wcaudit; implies no build)
#   BENCH_KEEP_WAT=1    keep the generated .wat text next to the .wasm
# Exit status: 0 ok; 1 a required tool is missing and cannot be installed, the build
# fails, or input generation/validation fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

runs="${BENCH_RUNS:-7}"
warmup="${BENCH_WARMUP:-1}"
sizes="${BENCH_SIZES-10K 1M 10M 20M}"
if [[ "${BENCH_HUGE:-0}" == 1 ]]; then sizes="$sizes 100M"; fi
corpus="${BENCH_CORPUS:-$root/../shared/corpus/out}"
out="${BENCH_OUT:-$here/out}"
seed="${BENCH_SEED:-1}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer (got '$runs')"
[[ "$warmup" =~ ^[0-9]+$ ]] || die "BENCH_WARMUP must be a non-negative integer (got '$warmup')"

# --- python (stdlib only, >= 3.11)
py="$(command -v python3 || true)"
[[ -n "$py" ]] || die "python3 not found"
"$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "python3 >= 3.11 required (found $("$py" --version 2>&1))"

# --- wcaudit
wcaudit="${WCAUDIT:-$root/target/release/wcaudit}"
if [[ "${BENCH_NO_BUILD:-0}" != 1 && -z "${WCAUDIT:-}" ]]; then
  command -v cargo >/dev/null || die "cargo not found (set BENCH_NO_BUILD=1 to use an existing binary)"
  say "cargo build --release"
  cargo build --release >&2 || die "cargo build --release failed"
fi
[[ -x "$wcaudit" ]] || die "$wcaudit not found or not executable (run cargo build --release, or set WCAUDIT)"

# --- wasm-tools (installed only when missing)
wasm_tools="$(command -v wasm-tools || true)"
if [[ -z "$wasm_tools" && -x "$HOME/.cargo/bin/wasm-tools" ]]; then
  wasm_tools="$HOME/.cargo/bin/wasm-tools"
fi
if [[ -z "$wasm_tools" ]]; then
  command -v cargo >/dev/null || die "wasm-tools missing and cargo not available to install it"
  say "wasm-tools not found; cargo install wasm-tools --locked"
  cargo install wasm-tools --locked >&2 || die "cargo install wasm-tools failed"
  wasm_tools="$HOME/.cargo/bin/wasm-tools"
  [[ -x "$wasm_tools" ]] || wasm_tools="$(command -v wasm-tools || true)"
  [[ -n "$wasm_tools" ]] || die "wasm-tools still not found after install"
fi

# --- blint (optional; installed only on request)
blint="$(command -v blint || true)"
if [[ "${BENCH_BLINT:-}" == 0 ]]; then blint=""; fi
if [[ -z "$blint" && "${BENCH_BLINT:-0}" == 1 ]]; then
  say "BENCH_BLINT=1: pip install blint"
  "$py" -m pip install --quiet blint >&2 || die "pip install blint failed"
  hash -r
  blint="$(command -v blint || true)"
  if [[ -z "$blint" ]]; then
    ub="$("$py" -c 'import site,os; print(os.path.join(site.USER_BASE, "bin"))')"
    [[ -x "$ub/blint" ]] && blint="$ub/blint"
  fi
  [[ -n "$blint" ]] || die "blint installed but not found on PATH"
fi

[[ -x /usr/bin/time ]] || say "/usr/bin/time not found; peak RSS via python getrusage wrapper"

exec "$py" "$here/bench.py" \
  --wcaudit "$wcaudit" --wasm-tools "$wasm_tools" --blint "$blint" \
  --runs "$runs" --warmup "$warmup" --sizes "$sizes" --corpus "$corpus" \
  --out "$out" --seed "$seed" ${BENCH_KEEP_WAT:+--keep-wat}
