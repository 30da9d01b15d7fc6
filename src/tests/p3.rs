//! The `wcaudit p3` readiness report (the WASI 0.3 migration rules are
//! tested beside them, in `src/rules/p3/tests.rs`).

use super::{assert_contains, fixtures, rows, wcaudit};

/// A WASI 0.3 component pinned to a release candidate (the rule's own
/// fixture, see `rules/p3/tests.rs`).
const RC_PINNED: &str = "testdata/rules/p3/rc-pin.wat";

/// A release candidate is an error, so `check` fails on it.
#[test]
fn release_candidate_pins_fail_check() {
    assert_eq!(wcaudit(&["check", RC_PINNED]).code, 1);
}

#[test]
fn readiness_report() {
    let p3 = wcaudit(&["p3", "testdata/wat/p3-wasi.wat", "--format", "json"]);
    assert_eq!(p3.code, 0, "{}", p3.stderr);
    let view: serde_json::Value = serde_json::from_str(&p3.stdout).unwrap();
    assert_eq!(view["targets"], "p3");
    assert_eq!(view["ready"], true);

    let path = fixtures::component("used-only");
    let p2 = wcaudit(&["p3", &path, "--format", "json"]);
    assert_eq!(p2.code, 1, "not ready exits 1, warnings or not");
    let view: serde_json::Value = serde_json::from_str(&p2.stdout).unwrap();
    assert_eq!(view["targets"], "p2");
    assert_eq!(view["ready"], false);
    let stdout = rows(&view["interfaces"])
        .find(|i| i["interface"] == "wasi:cli/stdout@0.2.12")
        .unwrap();
    assert_eq!(stdout["becomes"], "wasi:cli/stdout@0.3.0");
    assert_eq!(stdout["items"][0]["status"], "renamed+changed");
    assert_eq!(
        wcaudit(&["p3", RC_PINNED]).code,
        1,
        "release candidates fail"
    );

    insta::assert_snapshot!("p3_text_used_only", wcaudit(&["p3", &path]).stdout);
    insta::assert_snapshot!(
        "p3_markdown_used_only",
        wcaudit(&["p3", &path, "--format", "markdown"]).stdout
    );
    insta::assert_snapshot!(
        "p3_text_wit",
        wcaudit(&["p3", "testdata/wit/p2-world"]).stdout
    );
}

fn p3_json(args: &[&str]) -> (u8, serde_json::Value) {
    let mut all = vec!["p3"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = wcaudit(&all);
    let view = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr));
    (run.code, view)
}

/// Every item row of a p3 view.
fn items(view: &serde_json::Value) -> Vec<serde_json::Value> {
    rows(&view["interfaces"])
        .flat_map(|i| i["items"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn a_core_module_is_not_ready_and_says_what_to_do() {
    let path = "testdata/wat/core-module-preview1.wat";
    let (code, view) = p3_json(&[path]);
    assert_eq!(code, 1);
    assert_eq!(view["kind"], "core-module");
    assert_eq!(view["ready"], false);
    let text = wcaudit(&["p3", path]);
    assert_eq!(text.code, 1);
    assert!(
        text.stdout.starts_with(
            "testdata/wat/core-module-preview1.wat: a core module, not a component; not ready for WASI 0.3"
        ),
        "{}",
        text.stdout
    );
    assert!(!text.stdout.contains("nothing blocks"), "{}", text.stdout);
    assert!(
        text.stdout
            .contains("It imports wasi_snapshot_preview1 (2 functions)")
            && text.stdout.contains("wasm-tools component new"),
        "{}",
        text.stdout
    );
}

#[test]
fn every_removed_row_says_what_replaces_it() {
    let path = fixtures::component("used-only");
    let (_, view) = p3_json(&[&path]);
    let removed: Vec<serde_json::Value> = items(&view)
        .into_iter()
        .filter(|i| i["status"] == "removed")
        .collect();
    assert!(!removed.is_empty());
    for item in &removed {
        assert!(
            item["instead"].as_str().is_some_and(|t| !t.is_empty()),
            "{item}"
        );
    }
    let text = wcaudit(&["p3", &path]).stdout;
    assert!(
        text.contains("output-stream.blocking-write-and-flush  removed          write into a stream<u8> you pass to the WASI 0.3 call"),
        "{text}"
    );
    assert!(!text.contains("removed          -"), "{text}");
}

#[test]
fn the_plan_groups_rows_by_who_must_act() {
    // The preview1 adapter makes the calls: upgrade the toolchain.
    let adapter = fixtures::component("adapter");
    let (code, view) = p3_json(&[&adapter]);
    assert_eq!(code, 1);
    assert_eq!(view["plan"][0]["who"], "toolchain", "{}", view["plan"]);
    assert_eq!(
        view["plan"][0]["modules"][0],
        "module wit-component:adapter:wasi_snapshot_preview1"
    );
    assert!(items(&view).iter().all(|i| i["who"] == "toolchain"));
    let text = wcaudit(&["p3", &adapter]).stdout;
    assert!(
        text.contains("\nThe preview1 adapter or language toolchain: upgrade it"),
        "{text}"
    );
    assert!(text.contains("1. Upgrade the preview1 adapter or your language toolchain"));

    // An embedded interpreter makes the calls.
    let (_, view) = p3_json(&["testdata/wat/runtime-python-p2.wat"]);
    assert_eq!(view["plan"][0]["who"], "runtime");
    assert_eq!(view["plan"][0]["runtime"], "CPython (componentize-py)");
    assert_eq!(view["plan"][0]["modules"][0], "module libpython3.14.so");

    // The app's own module makes the calls.
    let (_, view) = p3_json(&[&fixtures::component("used-only")]);
    assert_eq!(view["plan"][0]["who"], "your-code");
    assert_eq!(view["plan"].as_array().unwrap().len(), 1);
}

#[test]
fn the_plan_puts_removed_items_first_and_folds_unreached_imports() {
    let path = fixtures::component("unused-sockets");
    let (_, view) = p3_json(&[&path]);
    let unreached = &view["unreached"];
    assert!(
        rows(&unreached["interfaces"]).any(|i| i == "wasi:sockets/ip-name-lookup@0.2.12"),
        "{unreached}"
    );
    let text = wcaudit(&["p3", &path]).stdout;
    assert!(
        text.contains("\nNot reached from any export (nothing to port):\n  "),
        "{text}"
    );
    // Unreached functions are one line, not rows.
    assert!(!text.contains("resolve-next-address"), "{text}");

    // Within a group, removed items come before changed ones.
    let text = wcaudit(&["p3", &fixtures::component("used-only")]).stdout;
    let removed = text
        .find("wasi:io/streams@0.2.12 → (removed in WASI 0.3)")
        .unwrap();
    let renamed = text
        .find("wasi:cli/stdout@0.2.12 → wasi:cli/stdout@0.3.0")
        .unwrap();
    assert!(removed < renamed, "{text}");
    assert!(text.contains("\nsteps:\n  1. Port your code:"), "{text}");
}

#[test]
fn p3_on_wit_takes_levels_and_shows_locations_and_suggestions() {
    let p2 = "testdata/wit/p2-design";
    let default = wcaudit(&["p3", p2]);
    assert!(!default.stdout.contains("P3M014"), "{}", default.stdout);
    let raised = wcaudit(&["p3", p2, "-W", "P3M014", "-W", "callback-style"]);
    assert_eq!(raised.code, 1);
    assert_contains(
        &raised.stdout,
        "  warning[P3M014] closed-error-enum: enum error-code in example:store/blobs@0.1.0 is closed",
    );
    assert_contains(&raised.stdout, "P3M015");
    assert!(
        raised
            .stdout
            .contains("    at testdata/wit/p2-design/api.wit:28:8\n    help: `variant error-code { …, other(option<string>) }`"),
        "{}",
        raised.stdout
    );
    // Allowing every p3-migration rule leaves nothing that blocks.
    let allowed = wcaudit(&["p3", p2, "-A", "p3-migration"]);
    assert_eq!(allowed.code, 0, "{}", allowed.stdout);
    // A bad selector is a usage error.
    assert_eq!(wcaudit(&["p3", p2, "-W", "no-such-rule"]).code, 2);
    insta::assert_snapshot!(
        "p3_text_wit_design",
        wcaudit(&["p3", p2, "-W", "P3M014"]).stdout
    );
}

#[test]
fn p3_exit_codes() {
    assert_eq!(wcaudit(&["p3", "testdata/wat/p3-wasi.wat"]).code, 0);
    assert_eq!(wcaudit(&["p3", &fixtures::component("used-only")]).code, 1);
    assert_eq!(wcaudit(&["p3", "testdata/no-such-file.wasm"]).code, 2);
}

/// `p3` on WIT says what `check` says: an exported WASI 0.2 entry point and
/// the imports a world takes by `include`, each at a WIT line.
#[test]
fn wit_exports_and_included_imports_are_located() {
    let run = super::wcaudit(&["p3", "testdata/wit/declared-app", "--format", "json"]);
    let view: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let export = rows(&view["findings"])
        .find(|f| f["rule"] == "p2-handler-export")
        .expect("the exported wasi:cli/run is reported");
    assert_eq!(
        export["location"]["file"],
        "testdata/wit/declared-app/world.wit"
    );
    assert_eq!(export["location"]["line"], 6);
}
