#!/usr/bin/env bash
# Every patho-* file of the shared corpus and every input the corpus
# generator (tools/gen_pathological.py) makes, through a release wcaudit:
# exit code, stderr lines and wall time per input. Malformed inputs must
# exit 2 with one line in under a second; valid ones (huge, deeply nested
# but legal) must be audited in under a second. Exit 1 when one is not.
#
#   bench/patho.sh [CORPUS_DIR]   (default ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus}"
gen_py="$corpus/tools/gen_pathological.py"
[ -f "$gen_py" ] || { echo "patho.sh: $gen_py not found" >&2; exit 2; }
cargo build --release --locked >&2
wcaudit=target/release/wcaudit
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$gen_py" "$work"
python3 "$gen_py" bytes random "$work/random-component.wasm" 65536 7 0061736d0d000100
python3 "$gen_py" bytes random "$work/random-module.wasm" 65536 8 0061736d01000000
for f in "$corpus"/out/*.wasm; do
  case "$(basename "$f")" in patho-*) continue ;; esac
  for len in 9 1000 -1; do
    python3 "$gen_py" bytes truncate "$f" "$work/trunc$len-$(basename "$f")" "$len"
  done
done
fail=0
printf '%-48s %5s %6s %8s  %s\n' input exit lines seconds "first line of stderr"
for f in "$corpus"/out/patho-* "$work"/huge/huge.wit "$work"/nested/* \
         "$work"/many-instances.wat "$work"/*.wasm; do
  start=$(date +%s%N)
  code=0
  "$wcaudit" check "$f" --format sarif -o /dev/null 2>"$work/err" || code=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  lines=$(wc -l <"$work/err")
  printf '%-48s %5d %6d %8.3f  %s\n' "$(basename "$f")" "$code" "$lines" \
    "$(echo "$ms / 1000" | bc -l)" "$(head -c 100 "$work/err")"
  if [ "$ms" -ge 1000 ] || [ "$code" -gt 2 ] || { [ "$code" = 2 ] && [ "$lines" != 1 ]; }; then
    fail=1
  fi
  # Truncated, random and over-limit inputs must be refused; 1,000 levels
  # of nesting is as deep as wasmparser allows, and must be audited.
  case "$(basename "$f")" in
    trunc*|random*|patho-random*|patho-truncated*|nested-100000.wasm|many-instances.wat)
      [ "$code" = 2 ] || fail=1 ;;
    nested-1000.wasm)
      [ "$code" -lt 2 ] || fail=1 ;;
  esac
done
exit $fail
