//! Each policy rule under the wcaudit.toml files in
//! `testdata/rules/policy/`, on the inputs it fires on and those it stays
//! silent on, one snapshot per rule.

use crate::rules::snapshot::{input, rule};

#[test]
fn denied_capability() {
    let deny = "testdata/rules/policy/deny-sockets.toml";
    insta::assert_snapshot!(rule(
        "denied-capability",
        // Reached, it is denied; imported but unreachable, only a warning.
        &[
            input("fixture:uses-sockets").with_config(deny),
            input("fixture:unused-sockets").with_config(deny),
        ],
        &[
            input("fixture:used-only").with_config(deny),
            input("fixture:uses-sockets"),
        ],
    ));
}

#[test]
fn ungranted_capability() {
    insta::assert_snapshot!(rule(
        "ungranted-capability",
        &[input("fixture:reads-files").with_config("testdata/rules/policy/grants-http.toml")],
        &[
            input("fixture:reads-files").with_config("testdata/rules/policy/grants-dir.toml"),
            input("fixture:reads-files"),
        ],
    ));
}

#[test]
fn unused_grant() {
    insta::assert_snapshot!(rule(
        "unused-grant",
        &[input("fixture:reads-files").with_config("testdata/rules/policy/grants-http.toml")],
        &[
            input("fixture:reads-files").with_config("testdata/rules/policy/grants-dir.toml"),
            input("fixture:reads-files"),
        ],
    ));
}

#[test]
fn target_mismatch() {
    let proxy = "testdata/rules/policy/target-http-proxy.toml";
    insta::assert_snapshot!(rule(
        "target-mismatch",
        // Imports the profile lacks; an export it requires and lacks.
        &[
            input("fixture:http-handler-files").with_config(proxy),
            input("fixture:used-only").with_config(proxy),
        ],
        &[
            input("fixture:used-only").with_config("testdata/rules/policy/target-cli-command.toml"),
            input("fixture:http-handler-files"),
        ],
    ));
}
