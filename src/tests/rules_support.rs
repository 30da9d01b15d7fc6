//! Shared by the command-line tests of rules: run `check` on a fixture or
//! path and compare one rule's messages.

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
    let path = input(spec);
    let run = wcaudit(&["check", &path, "--format", "json", "--show", "all"]);
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
    let got = findings(spec, rule);
    assert_eq!(got.len(), expected.len(), "{rule} on {spec}: {got:#?}");
    for (message, want) in got.iter().zip(expected) {
        assert!(
            message.contains(want),
            "{rule} on {spec}: `{message}` lacks `{want}`"
        );
    }
}
