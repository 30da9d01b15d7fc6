#!/usr/bin/env bash
# The GitHub Action's work (action.yml runs it): wcaudit check on the given
# paths, SARIF for code scanning, a Markdown step summary, workflow-command
# annotations when SARIF is not uploaded, an optional capability diff, and
# step outputs. It always exits 0 after recording `exit-code`, so that the
# SARIF upload runs before the action's last step fails the job.
#
# Inputs arrive as INPUT_* variables; GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
# are files, as on GitHub. WCAUDIT names the binary (default: wcaudit).
set -uo pipefail

wcaudit="${WCAUDIT:-wcaudit}"
out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/wcaudit"
mkdir -p "$out"
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT must name a file}"
: "${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY must name a file}"

read -r -a paths <<< "${INPUT_PATHS:-.}"
args=()
[[ -n "${INPUT_CONFIG:-}" ]] && args+=(--config "$INPUT_CONFIG")
[[ -n "${INPUT_BASELINE:-}" ]] && args+=(--baseline "$INPUT_BASELINE")
[[ "${INPUT_REPLAY:-false}" == true ]] && args+=(--replay)
fail_on="${INPUT_FAIL_ON:-deny}"
sarif="$out/wcaudit.sarif"

# Code scanning matches locations against the repository: make them
# relative to the workspace, however the paths were given.
root=()
[[ -n "${GITHUB_WORKSPACE:-}" ]] && root=(--root "$GITHUB_WORKSPACE")
"$wcaudit" check "${paths[@]}" "${args[@]}" "${root[@]}" --fail-on "$fail_on" --format sarif --output "$sarif"
code=$?
"$wcaudit" check "${paths[@]}" "${args[@]}" --fail-on never --format markdown >> "$GITHUB_STEP_SUMMARY" 2>/dev/null
if [[ "${INPUT_SARIF_UPLOAD:-true}" != true ]]; then
    # Without code scanning, findings still show on the pull request.
    "$wcaudit" check "${paths[@]}" "${args[@]}" --fail-on never --format github 2>/dev/null
fi

base=()
if [[ -n "${INPUT_BASE_PATHS:-}" ]]; then
    base=("$INPUT_BASE_PATHS")
elif [[ -n "${INPUT_BASE_REF:-}" ]]; then
    # Components committed to the repository: compare them with the base ref's.
    worktree="$out/base"
    rm -rf "$worktree"
    if git worktree add --detach "$worktree" "$INPUT_BASE_REF" >/dev/null 2>&1; then
        base=("$worktree/${paths[0]}")
    else
        echo "::warning title=wcaudit::cannot check out base ref ${INPUT_BASE_REF}; no diff"
    fi
fi
if [[ ${#base[@]} -gt 0 ]]; then
    diff_args=()
    [[ -n "${INPUT_CONFIG:-}" ]] && diff_args+=(--config "$INPUT_CONFIG")
    "$wcaudit" diff "${base[0]}" "${paths[0]}" "${diff_args[@]}" --format markdown >> "$GITHUB_STEP_SUMMARY"
    diff_code=$?
    if [[ $diff_code -gt $code ]]; then code=$diff_code; fi
    if [[ -n "${worktree:-}" ]]; then
        git worktree remove --force "$worktree" >/dev/null 2>&1
    fi
fi

findings=$(grep -o '"ruleId"' "$sarif" 2>/dev/null | wc -l | tr -d ' ')
{
    echo "findings=${findings:-0}"
    echo "sarif=$sarif"
    echo "exit-code=$code"
} >> "$GITHUB_OUTPUT"
exit 0
