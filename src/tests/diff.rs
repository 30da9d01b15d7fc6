//! `wcaudit diff`: capability changes between two builds.

use super::{assert_contains, fixtures, wcaudit};

#[test]
fn a_gained_capability_is_reported_and_fails() {
    let base = fixtures::component("used-only");
    let head = fixtures::component("unused-sockets");
    let run = wcaudit(&["diff", &base, &head, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let diff = &report["diffs"][0];
    assert_eq!(
        diff["capabilities_gained"],
        serde_json::json!(["network.dns", "network.sockets"])
    );
    assert_eq!(diff["capabilities_lost"], serde_json::json!([]));
    assert_eq!(diff["imports_added"].as_array().unwrap().len(), 5);
    assert_eq!(diff["exports_added"], serde_json::json!([]));

    // The other way round a capability is lost, which does not fail.
    let run = wcaudit(&["diff", &head, &base, "--format", "markdown"]);
    assert_eq!(run.code, 0);
    assert_contains(&run.stdout, "| `network.dns`, `network.sockets` |");

    // Unchanged: nothing to say, exit 0.
    let run = wcaudit(&["diff", &base, &base]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("no capability, import or export changes")
    );
}

#[test]
fn directories_pair_files_by_path() {
    let root = std::path::Path::new("target/wcaudit-fixtures/diff");
    for side in ["base", "head"] {
        std::fs::create_dir_all(root.join(side)).unwrap();
    }
    std::fs::copy(fixtures::component("used-only"), root.join("base/app.wasm")).unwrap();
    std::fs::copy(
        fixtures::component("unused-sockets"),
        root.join("head/app.wasm"),
    )
    .unwrap();
    std::fs::copy(fixtures::component("dead"), root.join("head/new.wasm")).unwrap();
    let run = wcaudit(&[
        "diff",
        root.join("base").to_str().unwrap(),
        root.join("head").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "+ network");
    assert_contains(&run.stderr, "only in");
    let run = wcaudit(&[
        "diff",
        "testdata/bad/not-wasm.txt",
        &fixtures::component("dead"),
    ]);
    assert_eq!(run.code, 2);
}

#[test]
fn a_move_to_wasi_03_shows_in_the_diff() {
    let base = fixtures::component("used-only");
    let run = wcaudit(&[
        "diff",
        &base,
        "testdata/wat/p3-wasi.wat",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["diffs"][0]["targets"],
        serde_json::json!(["p2", "p3"])
    );
    let run = wcaudit(&["diff", &base, "testdata/wat/p3-wasi.wat"]);
    assert_contains(&run.stdout, "WASI target: p2 → p3");
}

#[test]
fn which_changes_fail_is_configurable() {
    let base = fixtures::component("used-only");
    let head = fixtures::component("unused-sockets");
    // Losing a capability fails only when asked to.
    let run = wcaudit(&["diff", &head, &base, "--no-config"]);
    assert_eq!(run.code, 0);
    let run = wcaudit(&["diff", &head, &base, "--fail-on", "reach-changed"]);
    assert_eq!(run.code, 0, "no reach changed");
    let run = wcaudit(&["diff", &base, &head, "--fail-on", "export-removed"]);
    assert_eq!(
        run.code, 0,
        "a gained capability alone does not fail this gate"
    );
    let run = wcaudit(&["diff", &base, &head, "--fail-on", "import-added"]);
    assert_eq!(run.code, 1);
    let run = wcaudit(&["diff", &base, &head, "--fail-on", "nonsense"]);
    assert_eq!(run.code, 2);

    let dir = std::path::Path::new("target/wcaudit-fixtures/diff-config");
    std::fs::create_dir_all(dir).unwrap();
    let config = dir.join("wcaudit.toml");
    std::fs::write(&config, "[diff]\nfail-on = [\"export-removed\"]\n").unwrap();
    let run = wcaudit(&["diff", &base, &head, "--config", config.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(&config, "[diff]\nfail-on = [\"typo\"]\n").unwrap();
    let run = wcaudit(&["diff", &base, &head, "--config", config.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "unknown change `typo`");
}

#[test]
fn markdown_diffs_draw_the_gained_capability() {
    let base = fixtures::component("used-only");
    let head = fixtures::component("unused-sockets");
    let run = wcaudit(&["diff", &base, &head, "--format", "markdown"]);
    assert_eq!(run.code, 1);
    assert_contains(&run.stdout, "| `network.dns`, `network.sockets` | — |");
    assert_contains(&run.stdout, "```mermaid\nflowchart LR\n");
    assert_contains(&run.stdout, "class c0 gained");
}

/// Raw sockets are a power of their own: an HTTP client that gains them
/// gains `network.sockets`, though it had `network` already.
#[test]
fn gains_are_reported_at_the_finest_class() {
    let dir = std::path::Path::new("target/wcaudit-fixtures/diff-subclass");
    std::fs::create_dir_all(dir).unwrap();
    let write = |name: &str, imports: &[&str]| {
        let text: String = imports
            .iter()
            .map(|i| format!("(import \"{i}\" (instance))\n"))
            .collect();
        let bytes = wat::parse_str(format!("(component {text})")).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    };
    let base = write("base.wasm", &["wasi:http/outgoing-handler@0.2.12"]);
    let head = write(
        "head.wasm",
        &[
            "wasi:http/outgoing-handler@0.2.12",
            "wasi:sockets/tcp@0.2.12",
        ],
    );
    let run = wcaudit(&["diff", &base, &head, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["diffs"][0]["capabilities_gained"],
        serde_json::json!(["network.sockets"])
    );
    let run = wcaudit(&["diff", &base, &base, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}
