//! Each WASI 0.3 migration rule on the inputs it fires on and those it
//! stays silent on, one snapshot per rule. The WIT design rules fire on
//! the WASI 0.2-style shapes of `testdata/wit/p2-design` and stay silent
//! on their WASI 0.3-style twins in `testdata/wit/p3-design`.

use crate::rules::snapshot::{rule, specs};

#[test]
fn wasi_io_poll() {
    insta::assert_snapshot!(rule(
        "wasi-io-poll",
        &specs(&["fixture:poll-p2", "testdata/wit/poll-world"]),
        &specs(&["fixture:used-only", "testdata/wit/clean"]),
    ));
}

#[test]
fn p2_wasi_items() {
    insta::assert_snapshot!(rule(
        "p2-wasi-items",
        // Each item's fate and replacement is in the notes.
        &specs(&["fixture:used-only", "testdata/wit/p2-world"]),
        &specs(&["testdata/wat/p3-wasi.wat", "fixture:chatty-headers"]),
    ));
}

#[test]
fn p2_handler_export() {
    insta::assert_snapshot!(rule(
        "p2-handler-export",
        &specs(&["fixture:used-only", "fixture:http-handler-files"]),
        &specs(&["testdata/wat/p3-wasi.wat"]),
    ));
}

#[test]
fn wasi_rc_pin() {
    insta::assert_snapshot!(rule(
        "wasi-rc-pin",
        &specs(&["testdata/rules/p3/rc-pin.wat", "testdata/wit/rc-world"]),
        &specs(&["testdata/wat/p3-wasi.wat", "testdata/wit/p2-world"]),
    ));
}

#[test]
fn mixed_p2_p3() {
    insta::assert_snapshot!(rule(
        "mixed-p2-p3",
        &specs(&["testdata/rules/p3/mixed-p2-p3.wat"]),
        &specs(&["fixture:used-only", "testdata/wat/p3-wasi.wat"]),
    ));
}

#[test]
fn beyond_wasi_p3() {
    insta::assert_snapshot!(rule(
        "beyond-wasi-p3",
        &specs(&["testdata/rules/p3/stackful-lift.wat"]),
        &specs(&["testdata/wat/p3-async.wat"]),
    ));
}

#[test]
fn p3_migration_summary() {
    insta::assert_snapshot!(rule(
        "p3-migration-summary",
        &specs(&["fixture:used-only"]),
        &specs(&["testdata/wat/p3-wasi.wat"]),
    ));
}

/// The design rules' silent inputs: the WASI 0.3 twin, clean WIT, and a
/// binary whose own interface has none of the shapes.
const DESIGN_SILENT: &[&str] = &[
    "testdata/wit/p3-design",
    "testdata/wit/clean",
    "fixture:chatty-headers",
];

fn design(name: &str) -> String {
    rule(
        name,
        &specs(&["testdata/wit/p2-design"]),
        &specs(DESIGN_SILENT),
    )
}

#[test]
fn hand_rolled_pollable() {
    insta::assert_snapshot!(design("hand-rolled-pollable"));
}

#[test]
fn future_like_resource() {
    insta::assert_snapshot!(design("future-like-resource"));
}

#[test]
fn chunked_io_resource() {
    insta::assert_snapshot!(design("chunked-io-resource"));
}

#[test]
fn start_finish_pair() {
    insta::assert_snapshot!(design("start-finish-pair"));
}

#[test]
fn blocking_sync_func() {
    insta::assert_snapshot!(design("blocking-sync-func"));
}

#[test]
fn outparam_resource() {
    insta::assert_snapshot!(design("outparam-resource"));
}

#[test]
fn double_async() {
    insta::assert_snapshot!(design("double-async"));
}

/// Off by default (design advice): raised, it fires on the p2 shape only.
#[test]
fn closed_error_enum() {
    insta::assert_snapshot!(design("closed-error-enum"));
}

#[test]
fn callback_style() {
    insta::assert_snapshot!(design("callback-style"));
}
