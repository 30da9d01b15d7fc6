//! Each hygiene rule on the inputs it fires on and those it stays silent
//! on, one snapshot per rule.

use crate::rules::snapshot::{rule, specs};

#[test]
fn core_module() {
    insta::assert_snapshot!(rule(
        "core-module",
        &specs(&["testdata/wat/core-module-preview1.wat"]),
        &specs(&["fixture:used-only", "testdata/wat/nested-composition.wat"]),
    ));
}

#[test]
fn mixed_wasi_versions() {
    insta::assert_snapshot!(rule(
        "mixed-wasi-versions",
        &specs(&["fixture:mixed-versions"]),
        &specs(&["fixture:used-only"]),
    ));
}

#[test]
fn runtime_opaque() {
    insta::assert_snapshot!(rule(
        "runtime-opaque",
        &specs(&["testdata/wat/runtime-python.wat"]),
        &specs(&["testdata/wat/nested-composition.wat", "fixture:adapter"]),
    ));
}
