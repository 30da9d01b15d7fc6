//! End-to-end tests: fixtures are built in-process from the WAT and WIT
//! text in `testdata/` (rustc here has no wasm target), and the CLI runs
//! in-process with captured output.

mod cli;
pub(crate) mod compose;
mod diff;
pub(crate) mod fixtures;
mod fuzz_corpus;

mod golden;
mod hardening;
#[cfg(feature = "replay")]
mod hostile_replay;
mod markdown_tables;
mod model;
mod p3;
mod policy;
#[cfg(feature = "programs")]
mod program;
#[cfg(feature = "replay")]
mod replay;
mod rules;
mod rules_support;
mod signal;
mod snapshots;
mod soundness;
pub(crate) mod untrusted_output;

use std::ffi::OsString;

/// What one CLI run printed and returned.
pub(crate) struct Run {
    pub(crate) code: u8,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Runs `wcaudit` with `args`. Tests run from the crate root, so relative
/// paths (and the paths in reports) are stable.
pub(crate) fn wcaudit(args: &[&str]) -> Run {
    let mut argv: Vec<OsString> = vec!["wcaudit".into()];
    argv.extend(args.iter().map(OsString::from));
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = crate::cli::run(argv, &mut stdout, &mut stderr);
    Run {
        code,
        stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
    }
}

/// `wcaudit check INPUT --format json`.
pub(crate) fn check_json(input: &str) -> Run {
    wcaudit(&["check", input, "--format", "json"])
}

/// Asserts that `text` (an output) contains `part`, showing the whole
/// output when it does not.
#[track_caller]
pub(crate) fn assert_contains(text: &str, part: &str) {
    assert!(text.contains(part), "`{part}` is not in:\n{text}");
}

/// The rows of an array in a JSON output.
#[track_caller]
pub(crate) fn rows(value: &serde_json::Value) -> std::slice::Iter<'_, serde_json::Value> {
    value.as_array().expect("a JSON array").iter()
}

/// The findings of a JSON report as (rule name, subject-ish message).
pub(crate) fn json_findings(run: &Run) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json report");
    rows(&report["inputs"])
        .flat_map(|i| i["findings"].as_array().unwrap().clone())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
