#!/usr/bin/env bash
# Audits every binary of the component-model specification's test suite
# (test/**/*.wast of https://github.com/WebAssembly/component-model) with
# wcaudit: what the validator accepts must be audited (exit 0 or 1), what it
# rejects refused (exit 2), and nothing may crash or run past 20 s.
#   scripts/spec-suite.sh SUITE_DIR     e.g. component-model/test
# The suite is not vendored: clone the repository and pass its test/ folder.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 1 && -d "$1" ]] || { echo "usage: scripts/spec-suite.sh SUITE_DIR" >&2; exit 2; }
# With replay, as the README builds it, so that this leaves the same
# target/debug/wcaudit behind.
cargo build --locked --quiet --features replay --bin wcaudit --example spec_suite
exec target/debug/examples/spec_suite "$1" target/debug/wcaudit
