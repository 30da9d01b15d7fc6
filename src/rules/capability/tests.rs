//! Each capability rule on the inputs it fires on and those it stays
//! silent on, one snapshot per rule.

use crate::rules::snapshot::{rule, specs};

#[test]
fn unreachable_import() {
    insta::assert_snapshot!(rule(
        "unreachable-import",
        // One finding per class, with each interface in its notes; a
        // function-level one; one through a nested component; preview1.
        &specs(&[
            "fixture:unused-sockets",
            "fixture:partial-interface",
            "testdata/wat/nested-composition.wat",
            "testdata/wat/core-module-preview1.wat",
        ]),
        &specs(&[
            "fixture:used-only",
            "fixture:adapter",
            "fixture:indirect-call",
            "fixture:poll-p2",
            "testdata/wat/component-no-imports.wat",
        ]),
    ));
}

#[test]
fn ambient_environment() {
    insta::assert_snapshot!(rule(
        "ambient-environment",
        &specs(&["fixture:partial-interface"]),
        // Unreachable, cli-surface's environment is unreachable-import's.
        &specs(&["fixture:cli-surface", "fixture:used-only"]),
    ));
}

#[test]
fn network_access() {
    insta::assert_snapshot!(rule(
        "network-access",
        &specs(&["fixture:uses-sockets"]),
        &specs(&["fixture:unused-sockets", "fixture:used-only"]),
    ));
}

#[test]
fn filesystem_access() {
    insta::assert_snapshot!(rule(
        "filesystem-access",
        &specs(&["fixture:reads-files"]),
        &specs(&["fixture:used-only", "fixture:unused-sockets"]),
    ));
}

#[test]
fn insecure_random() {
    insta::assert_snapshot!(rule(
        "insecure-random",
        &specs(&["fixture:insecure-random"]),
        &specs(&["fixture:used-only", "fixture:dead"]),
    ));
}

#[test]
fn dead_component() {
    insta::assert_snapshot!(rule(
        "dead-component",
        &specs(&["fixture:dead"]),
        &specs(&[
            "fixture:used-only",
            "testdata/wat/component-no-imports.wat",
            "testdata/wat/core-module-preview1.wat",
        ]),
    ));
}

#[test]
fn overbroad_world() {
    insta::assert_snapshot!(rule(
        "overbroad-world",
        &specs(&["fixture:http-handler-files", "fixture:cli-surface"]),
        &specs(&[
            "fixture:used-only",
            "fixture:unused-sockets",
            "fixture:dead",
            "fixture:partial-interface",
        ]),
    ));
}

#[test]
fn surplus_export() {
    insta::assert_snapshot!(rule(
        "surplus-export",
        // The hook is a warning, the export the declared world lacks a note.
        &specs(&["fixture:surplus-export"]),
        // Declares the very world it exports, hook included; the others
        // declare no world, so nothing is compared and nothing is a hook.
        &specs(&[
            "fixture:declared-world",
            "fixture:used-only",
            "fixture:adapter",
            "testdata/wat/component-no-imports.wat",
            "testdata/wat/nested-composition.wat",
        ]),
    ));
}
