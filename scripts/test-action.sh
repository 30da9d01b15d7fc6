#!/usr/bin/env bash
# Runs the action's script (scripts/action.sh) the way GitHub would, with
# its environment files pointed at temporary files, and checks the step
# summary, the outputs and the exit code it records. Needs a built
# target/debug/wcaudit and the test fixtures (cargo test builds them).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-action: $*" >&2; exit 1; }
fixtures=target/wcaudit-fixtures
[[ -f "$fixtures/unused-sockets.wasm" && -f "$fixtures/used-only.wasm" ]] || fail "run cargo test first"

run_case() {
    local name="$1"; shift
    tmp=$(mktemp -d)
    env -i PATH="$PATH" HOME="$HOME" RUNNER_TEMP="$tmp" \
        GITHUB_OUTPUT="$tmp/output" GITHUB_STEP_SUMMARY="$tmp/summary" \
        WCAUDIT="$PWD/target/debug/wcaudit" "$@" \
        bash scripts/action.sh > "$tmp/stdout" 2> "$tmp/stderr" || fail "$name: the script itself failed"
    echo "test-action: $name"
}
output() { grep "^$1=" "$tmp/output" | cut -d= -f2-; }

# Warnings fail at --fail-on warn; the summary has the table and the graph.
run_case "check, fail-on warn" INPUT_PATHS="$fixtures/unused-sockets.wasm" INPUT_FAIL_ON=warn
[[ "$(output exit-code)" == 1 ]] || fail "exit-code $(output exit-code), expected 1"
[[ "$(output findings)" == 2 ]] || fail "findings $(output findings), expected 2 (unreachable network, one finding per class; the p3 summary)"
[[ -s "$(output sarif)" ]] || fail "no SARIF at $(output sarif)"
grep -q '^| `target/wcaudit-fixtures/unused-sockets.wasm` | component | 0 | 2 |' "$tmp/summary" || fail "summary table missing"
grep -q '^```mermaid$' "$tmp/summary" || fail "summary graph missing"
[[ ! -s "$tmp/stdout" ]] || fail "annotations printed although SARIF is uploaded"

# At the default level the same findings pass; without SARIF upload they
# become annotations.
run_case "check, annotations" INPUT_PATHS="$fixtures/unused-sockets.wasm" INPUT_SARIF_UPLOAD=false
[[ "$(output exit-code)" == 0 ]] || fail "exit-code $(output exit-code), expected 0"
grep -q '^::warning file=target/wcaudit-fixtures/unused-sockets.wasm' "$tmp/stdout" || fail "no annotations"

# An absolute path under the workspace gives workspace-relative SARIF.
run_case "absolute path in the workspace" INPUT_PATHS="$PWD/$fixtures/unused-sockets.wasm" GITHUB_WORKSPACE="$PWD"
grep -q '"uri": "target/wcaudit-fixtures/unused-sockets.wasm"' "$(output sarif)" || fail "SARIF location not relative to the workspace"
grep -q '"uriBaseId": "%SRCROOT%"' "$(output sarif)" || fail "SARIF location has no uriBaseId"

# A capability gained against the base fails, and the diff is summarised.
run_case "diff against base paths" INPUT_PATHS="$fixtures/unused-sockets.wasm" INPUT_BASE_PATHS="$fixtures/used-only.wasm"
[[ "$(output exit-code)" == 1 ]] || fail "exit-code $(output exit-code), expected 1 (network gained)"
grep -q '^## wcaudit diff$' "$tmp/summary" || fail "diff summary missing"
grep -q '| `network.dns`, `network.sockets` | — |' "$tmp/summary" || fail "sockets and DNS not reported as gained"

# A base ref: the committed example against itself, through a worktree.
run_case "diff against a base ref" INPUT_PATHS="testdata/examples/hello-sockets.wat" INPUT_BASE_REF=HEAD
[[ "$(output exit-code)" == 0 ]] || fail "exit-code $(output exit-code), expected 0 (nothing changed)"
grep -q '^## wcaudit diff$' "$tmp/summary" || fail "base-ref diff summary missing"
git worktree list | grep -q "$tmp" && fail "the base worktree was left behind"

# Unreadable input is exit code 2.
run_case "bad input" INPUT_PATHS="testdata/bad/not-wasm.txt"
[[ "$(output exit-code)" == 2 ]] || fail "exit-code $(output exit-code), expected 2"
echo "test-action: all cases passed"
