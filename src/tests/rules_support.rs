//! Shared by rule tests: run a rule on a fixture or path and compare.

use super::{fixtures, json_findings, wcaudit};

pub(crate) fn input(spec: &str) -> String {
    match spec.strip_prefix("fixture:") {
        Some(name) => fixtures::component(name),
        None => spec.to_string(),
    }
}

/// Findings of `rule` on `spec`, as messages, in report order, with
/// nothing folded, whoever's code they are about.
pub(crate) fn findings(spec: &str, rule: &str) -> Vec<String> {
    findings_with(spec, rule, &[])
}

/// `findings`, with more arguments for `check` (e.g. `-W RULE` for a rule
/// that is off by default).
pub(crate) fn findings_with(spec: &str, rule: &str, args: &[&str]) -> Vec<String> {
    let path = input(spec);
    let mut all = vec!["check", &path, "--format", "json", "--show", "all"];
    all.extend_from_slice(args);
    let run = wcaudit(&all);
    assert_ne!(
        run.code, 2,
        "{spec} could not be audited: {}{}",
        run.stdout, run.stderr
    );
    json_findings(&run)
        .into_iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, m)| m)
        .collect()
}

pub(crate) fn assert_fires(spec: &str, rule: &str, expected: &[&str]) {
    assert_fires_with(spec, rule, &[], expected);
}

pub(crate) fn assert_fires_with(spec: &str, rule: &str, args: &[&str], expected: &[&str]) {
    let got = findings_with(spec, rule, args);
    assert_eq!(got.len(), expected.len(), "{rule} on {spec}: {got:#?}");
    for (message, want) in got.iter().zip(expected) {
        assert!(
            message.contains(want),
            "{rule} on {spec}: `{message}` lacks `{want}`"
        );
    }
}

pub(crate) fn assert_silent(spec: &str, rule: &str) {
    let got = findings(spec, rule);
    assert!(
        got.is_empty(),
        "{rule} should be silent on {spec}: {got:#?}"
    );
}
