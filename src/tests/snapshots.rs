//! Snapshots of every report format, so any change in output shows up in
//! review. Update with `cargo insta review` (or INSTA_UPDATE=always).

use super::{fixtures, wcaudit};

fn check(args: &[&str]) -> String {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    wcaudit(&all).stdout
}

#[test]
fn human_report() {
    let path = fixtures::component("unused-sockets");
    insta::assert_snapshot!("human_unused_sockets", check(&[&path, "--color", "never"]));
    insta::assert_snapshot!(
        "human_wit_poll",
        check(&["testdata/wit/poll-world", "--color", "never"])
    );
    insta::assert_snapshot!(
        "human_core_module",
        check(&["testdata/wat/core-module-preview1.wat", "--color", "never"])
    );
    let adapter = fixtures::component("poll-p2");
    insta::assert_snapshot!("human_poll_path", check(&[&adapter, "--color", "never"]));
}

#[test]
fn json_report() {
    let path = fixtures::component("unused-sockets");
    insta::assert_snapshot!(
        "json_unused_sockets",
        check(&[&path, "testdata/wit/poll-world", "--format", "json"])
    );
}

#[test]
fn sarif_report() {
    let path = fixtures::component("unused-sockets");
    // The root is where the checkout is, which differs between machines.
    let root = format!(
        "\"file://{}/\"",
        std::env::current_dir().unwrap().to_str().unwrap()
    );
    insta::assert_snapshot!(
        "sarif_unused_sockets",
        check(&[
            &path,
            "testdata/wit/poll-world",
            "testdata/bad/empty.wasm",
            "--format",
            "sarif"
        ])
        .replace(&root, "\"file:///[checkout]/\"")
    );
}

#[test]
fn github_annotations() {
    let path = fixtures::component("unused-sockets");
    insta::assert_snapshot!(
        "github_unused_sockets",
        check(&[&path, "testdata/wit/poll-world", "--format", "github"])
    );
}

#[test]
fn imports_table() {
    let path = fixtures::component("adapter");
    insta::assert_snapshot!("imports_adapter", wcaudit(&["imports", &path]).stdout);
    insta::assert_snapshot!(
        "imports_nested",
        wcaudit(&["imports", "testdata/wat/nested-composition.wat"]).stdout
    );
    insta::assert_snapshot!(
        "imports_wit",
        wcaudit(&["imports", "testdata/wasi/io.wit"]).stdout
    );
    insta::assert_snapshot!(
        "imports_json_p3",
        wcaudit(&["imports", "testdata/wat/p3-async.wat", "--format", "json"]).stdout
    );
}

#[test]
fn graphs() {
    let path = fixtures::component("adapter");
    insta::assert_snapshot!("graph_adapter_mermaid", wcaudit(&["graph", &path]).stdout);
    insta::assert_snapshot!(
        "graph_nested_dot",
        wcaudit(&[
            "graph",
            "testdata/wat/nested-composition.wat",
            "--format",
            "dot"
        ])
        .stdout
    );
}

#[test]
fn rules_list() {
    insta::assert_snapshot!("rules_list", wcaudit(&["rules"]).stdout);
}

#[test]
fn markdown_report() {
    let path = fixtures::component("unused-sockets");
    let text = check(&[
        &path,
        "testdata/wat/composed-chatty.wat",
        "testdata/bad/empty.wasm",
        "--format",
        "markdown",
    ]);
    assert!(text.contains("```mermaid\nflowchart LR\n"), "{text}");
    insta::assert_snapshot!("markdown_report", text);
}

/// Paths show Rust (legacy and v0) and C++ symbols demangled and a hostile
/// name escaped; JSON keeps the raw names beside them.
#[test]
fn demangled_paths() {
    let path = fixtures::component("mangled-names");
    insta::assert_snapshot!(
        "human_mangled_names",
        check(&[&path, "-W", "filesystem-access", "--color", "never"])
    );
    insta::assert_snapshot!(
        "json_mangled_names",
        check(&[&path, "-W", "filesystem-access", "--format", "json"])
    );
}

/// A component exporting a toolchain's pre-initialisation hook and a
/// leftover its declared world lacks, and one whose declared world has
/// every export.
#[test]
fn surplus_exports() {
    let firing = fixtures::component("surplus-export");
    insta::assert_snapshot!(
        "human_surplus_export",
        check(&[&firing, "--color", "never"])
    );
    let silent = fixtures::component("declared-world");
    insta::assert_snapshot!(
        "human_declared_world",
        check(&[&silent, "--color", "never"])
    );
}
