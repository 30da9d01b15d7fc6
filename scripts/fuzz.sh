#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ and keeps what they learn.
#
#   scripts/fuzz.sh [--runs N] [--seconds S] [--jobs J] [--minimize] [TARGET...]
#
# Each target runs for N executions (default 1,000,000), or S seconds if
# that comes first, split over J processes (default 1) that share its
# corpus
# in fuzz/corpus/<target>, seeded with the committed regression corpus
# (testdata/fuzz/<target>) and the project's WAT, WIT and wcaudit.toml
# files. The executions, coverage and crashes are printed per target.
# With --minimize, the corpus is reduced to the inputs that add edges
# (scripts/fuzz_cover.py; at most 300 for check_generated and 100 for
# replay_generated, whose inputs are slow in a debug build) and written to
# testdata/fuzz/<target>, where `cargo test` replays it on stable Rust.
#
# Needs a nightly toolchain (libFuzzer's instrumentation) and installs
# cargo-fuzz when it is missing. The targets are built without a
# sanitizer: what they reach of wcaudit's own code is safe Rust (its unsafe
# code maps input files, which the targets do not read, loads replay's
# compiled code from a child process, which the library's replay does not
# use, and maps replay's fiber stacks, small and checked by the hostile
# replay tests), and debug assertions (-a) stay on so that overflows are
# found. replay_generated is built with
# cargo and the fuzz-replay profile instead (see build_replay).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1000000
seconds=0
jobs=1
minimize=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --minimize) minimize=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  targets=(check_bytes check_generated wit_text config_text)
fi

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz.sh: a nightly toolchain is needed: rustup toolchain install nightly" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz
fi

build_flags=()
max_len=65536
seed() {
  local target="$1" dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  if [ -d "testdata/fuzz/$target" ]; then
    cp -n testdata/fuzz/"$target"/* "$dir"/ 2>/dev/null || true
  fi
  case "$target" in
    check_bytes)
      find testdata -name '*.wat' -size -64k -exec cp -n {} "$dir"/ \; ;;
    wit_text)
      find testdata wit -name '*.wit' -size -64k -exec cp -n {} "$dir"/ \; ;;
    config_text)
      i=0
      for f in $(find testdata -name 'wcaudit.toml'); do
        i=$((i + 1)); cp -n "$f" "$dir/seed-$i.toml"
      done ;;
  esac
}

triple="$(rustc -vV | sed -n 's/^host: //p')"

# replay_generated with the fuzz-replay profile of fuzz/Cargo.toml, which
# instruments and debug-asserts every crate but wasmtime's own (see there);
# these flags are the rest of what cargo fuzz would pass.
build_replay() {
  RUSTFLAGS="--cfg fuzzing -Cllvm-args=-simplifycfg-branch-fold-threshold=0 -Ccodegen-units=1" \
    cargo +nightly build --manifest-path fuzz/Cargo.toml --target "$triple" \
    --profile fuzz-replay --features replay --bin "$1"
}

summary=()
for target in "${targets[@]}"; do
  build_flags=()
  max_len=65536
  extra=()
  cap=100000
  case "$target" in
    # Each execution is slow (a generator, then wcaudit or wasmtime), so
    # libFuzzer's slow ramp-up of input lengths is skipped.
    # At most 300 and 100 regression inputs: each is slow in a debug build.
    # Their inputs are generator choices, not bytes compared against
    # constants, so comparison tracing costs throughput (about a third)
    # and buys little.
    check_generated) max_len=8192; extra=(-len_control=0); cap=300; build_flags=(--no-trace-compares) ;;
    # Built by build_replay below: wasmtime's crates uninstrumented.
    replay_generated) max_len=8192; extra=(-len_control=0); cap=100 ;;
    # Entropic scheduling off: updating its feature frequencies over the
    # 400,000 counters took half of each execution (perf), and its
    # preference for rare features matters little to a generator's input.
    soundness_generated) max_len=8192; extra=(-len_control=0 -entropic=0); cap=100 ;;
  esac
  seed "$target"
  log="fuzz/$target.log"
  echo "== $target: $runs runs (log: $log)"
  start=$(date +%s)
  status=0
  rm -f "$log".*
  bin="fuzz/target/$triple/release/$target"
  if [ "$target" = replay_generated ] || [ "$target" = soundness_generated ]; then
    build_replay "$target" >"$log" 2>&1 || status=$?
    bin="fuzz/target/$triple/fuzz-replay/$target"
  else
    cargo +nightly fuzz build -s none -a "${build_flags[@]}" "$target" >"$log" 2>&1 || status=$?
  fi
  pids=()
  for job in $(seq 1 "$jobs"); do
    [ "$status" = 0 ] || break
    mkdir -p "fuzz/artifacts/$target"
    "$bin" "fuzz/corpus/$target" \
      -runs=$(( runs / jobs )) -max_total_time="$seconds" -max_len="$max_len" -timeout=20 \
      -rss_limit_mb=4096 -print_final_stats=1 -seed="$job" \
      -artifact_prefix="fuzz/artifacts/$target/" "${extra[@]}" >"$log.$job" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
  secs=$(( $(date +%s) - start ))
  execs=$(cat "$log".* 2>/dev/null | grep -o 'stat::number_of_executed_units: *[0-9]*' \
    | grep -o '[0-9]*$' | awk '{ n += $1 } END { print n }')
  cov=$(cat "$log".* 2>/dev/null | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' | sort -n | tail -1)
  crashes=$(ls fuzz/artifacts/"$target" 2>/dev/null | wc -l)
  line="$target: ${execs:-?} executions in ${secs}s, coverage ${cov:-?} edges, exit $status, artifacts $crashes"
  echo "$line"
  summary+=("$line")
  if [ "$minimize" = 1 ]; then
    # Edges only (no hit counters), then at most $cap inputs chosen for
    # the edges they add: the committed corpus stays small enough for
    # `cargo test` in a debug build.
    work="$(mktemp -d)"
    mkdir "$work/empty"
    "$bin" -merge=1 -use_counters=0 \
      -merge_control_file="$work/control" -max_len="$max_len" -timeout=20 \
      "$work/empty" "fuzz/corpus/$target" >"fuzz/$target.cmin.log" 2>&1
    rm -rf "testdata/fuzz/$target"
    python3 scripts/fuzz_cover.py "$work/control" "$cap" "testdata/fuzz/$target"
    rm -rf "$work"
  fi
done
printf '%s\n' "${summary[@]}"
