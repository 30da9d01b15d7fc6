//! WASI 0.3 migration rules and the `wcaudit p3` readiness report.

use super::rules_support::{assert_fires, assert_fires_with, assert_silent};
use super::{fixtures, wcaudit};

/// A text fixture derived from another by replacing text.
fn derived(name: &str, from: &str, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(from).unwrap();
    for (old, new) in edits {
        assert!(text.contains(old), "{from} has no `{old}`");
        text = text.replace(old, new);
    }
    let path = format!("target/wcaudit-fixtures/{name}.wat");
    std::fs::create_dir_all("target/wcaudit-fixtures").unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn rc_pinned() -> String {
    derived(
        "p3-rc",
        "testdata/wat/p3-wasi.wat",
        &[(
            "wasi:clocks/monotonic-clock@0.3.0",
            "wasi:clocks/monotonic-clock@0.3.0-rc-2026-03-15",
        )],
    )
}

fn mixed() -> String {
    derived(
        "p3-mixed",
        "testdata/wat/p3-wasi.wat",
        &[(
            "  (alias export $clock",
            "  (import \"wasi:cli/environment@0.2.12\" (instance\n    (export \"get-arguments\" (func (result (list string))))))\n  (alias export $clock",
        )],
    )
}

#[test]
fn p2_wasi_items_name_each_fate_and_replacement() {
    let rule = "p2-wasi-items";
    let on = ["-W", rule];
    assert_fires_with(
        "fixture:used-only",
        rule,
        &on,
        &[
            "imports wasi:io/streams@0.2.12: 1 of its 1 used functions change in WASI 0.3",
            "imports wasi:cli/stdout@0.2.12: 1 of its 1 used functions change in WASI 0.3",
        ],
    );
    assert_fires_with(
        "testdata/wit/p2-world",
        rule,
        &on,
        &["imports wasi:cli/stdout@0.2.12: 1 of its 1 used functions change in WASI 0.3"],
    );
    // Off by default: the summary says it in one finding.
    assert_silent("fixture:used-only", rule);
    assert_fires(
        "fixture:used-only",
        "p3-migration-summary",
        &[
            "2 WASI 0.2 functions this component uses change in WASI 0.3 (in 2 interfaces), and it exports wasi:cli/run@0.2.12",
        ],
    );
    assert_silent("testdata/wat/p3-wasi.wat", "p3-migration-summary");
    assert_fires_with("testdata/wat/p3-wasi.wat", rule, &on, &[]);
    assert_fires_with("fixture:chatty-headers", rule, &on, &[]);
    let path = fixtures::component("used-only");
    let run = wcaudit(&["check", &path, "--format", "json", "-W", rule]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let notes = report["inputs"][0]["findings"].to_string();
    assert!(
        notes.contains("get-stdout: renamed+changed → wasi:cli/stdout@0.3.0 write-via-stream: func(data: stream<u8>) -> future<result<_, error-code>>"),
        "{notes}"
    );
}

#[test]
fn p2_handler_exports_show_the_p3_signature() {
    let rule = "p2-handler-export";
    let on = ["-W", rule];
    assert_fires_with(
        "fixture:used-only",
        rule,
        &on,
        &[
            "exports wasi:cli/run@0.2.12; WASI 0.3 hosts call wasi:cli/run@0.3.0 run: async func() -> result",
        ],
    );
    assert_fires_with(
        "fixture:http-handler-files",
        rule,
        &on,
        &[
            "exports wasi:http/incoming-handler@0.2.12; WASI 0.3 hosts call wasi:http/handler@0.3.0 handle: async func(request: request) -> result<response, error-code>",
        ],
    );
    assert_silent("testdata/wat/p3-wasi.wat", rule);
}

#[test]
fn release_candidate_pins_are_errors() {
    let rc = rc_pinned();
    assert_fires(
        &rc,
        "wasi-rc-pin",
        &[
            "imports wasi:clocks/monotonic-clock@0.3.0-rc-2026-03-15, a WASI release candidate that wasmtime 46 and later do not link",
        ],
    );
    assert_eq!(wcaudit(&["check", &rc]).code, 1);
    assert_silent("testdata/wat/p3-wasi.wat", "wasi-rc-pin");
}

#[test]
fn mixed_p2_p3_names_both_sides() {
    let mixed = mixed();
    assert_fires(
        &mixed,
        "mixed-p2-p3",
        &[
            "imports WASI 0.2 (wasi:cli/environment@0.2.12) and WASI 0.3 (wasi:clocks/monotonic-clock@0.3.0) interfaces",
        ],
    );
    assert_silent("fixture:used-only", "mixed-p2-p3");
    assert_silent("testdata/wat/p3-wasi.wat", "mixed-p2-p3");
}

#[test]
fn features_beyond_wasi_p3_are_reported() {
    let stackful = derived(
        "p3-stackful-lift",
        "testdata/wat/p3-async.wat",
        &[
            (r#" async (callback (core func $i "callback"))"#, " async"),
            (
                r#"(func (export "run") (result i32)"#,
                r#"(func (export "run")"#,
            ),
            (
                "(i64.const 1000)))\n      (i32.const 0))",
                "(i64.const 1000))))",
            ),
        ],
    );
    assert_fires(
        &stackful,
        "beyond-wasi-p3",
        &[
            "uses stackful async lifts (cm_async_stackful), which WASI 0.3 hosts do not enable by default",
        ],
    );
    assert_silent("testdata/wat/p3-async.wat", "beyond-wasi-p3");
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
    let stdout = view["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["interface"] == "wasi:cli/stdout@0.2.12")
        .unwrap();
    assert_eq!(stdout["becomes"], "wasi:cli/stdout@0.3.0");
    assert_eq!(stdout["items"][0]["status"], "renamed+changed");
    assert_eq!(
        wcaudit(&["p3", &rc_pinned()]).code,
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

/// Every WIT design rule fires on its WASI 0.2-style shape and stays silent
/// on the WASI 0.3-style twin.
#[test]
fn wit_design_rules_fire_on_p2_shapes() {
    let p2 = "testdata/wit/p2-design";
    let cases: &[(&str, &[&str])] = &[
        (
            "hand-rolled-pollable",
            &[
                "resource pollable in example:store/blobs@0.1.0 polls for readiness (ready/block)",
                "example:store/blobs@0.1.0#[method]blob.subscribe returns a pollable",
                "example:store/blobs@0.1.0#[method]pending-reply.subscribe returns a pollable",
            ],
        ),
        (
            "future-like-resource",
            &[
                "resource pending-reply in example:store/blobs@0.1.0 only hands out one deferred value",
            ],
        ),
        (
            "chunked-io-resource",
            &["resource blob in example:store/blobs@0.1.0 moves bytes in chunks (read, write)"],
        ),
        (
            "start-finish-pair",
            &[
                "example:store/blobs@0.1.0 has start-login and finish-login; in WASI 0.3 make them one async func login",
            ],
        ),
        (
            "blocking-sync-func",
            &["example:store/blobs@0.1.0#blocking-fetch may block but is not async"],
        ),
        (
            "outparam-resource",
            &["resource reply-outparam in example:store/blobs@0.1.0 is an out-parameter"],
        ),
        (
            "double-async",
            &[
                "example:store/blobs@0.1.0#upload is async and also takes or returns a stream or future",
            ],
        ),
    ];
    for (rule, expected) in cases {
        assert_fires(p2, rule, expected);
        assert_silent("testdata/wit/p3-design", rule);
        assert_silent("testdata/wit/clean", rule);
        assert_silent("fixture:chatty-headers", rule);
    }
    // Design advice is off by default; when raised it fires on the p2 shape only.
    for (rule, expected) in [
        (
            "closed-error-enum",
            "enum error-code in example:store/blobs@0.1.0 is closed",
        ),
        (
            "callback-style",
            "example:store/blobs@0.1.0 emulates callbacks (register, on-message)",
        ),
    ] {
        assert_silent(p2, rule);
        let raised = super::wcaudit(&["check", p2, "--format", "json", "-W", rule]);
        let found: Vec<String> = super::json_findings(&raised)
            .into_iter()
            .filter(|(r, _)| r == rule)
            .map(|(_, m)| m)
            .collect();
        assert_eq!(found.len(), 1, "{rule}: {found:?}");
        assert!(found[0].contains(expected), "{rule}: {found:?}");
        let clean = super::wcaudit(&[
            "check",
            "testdata/wit/p3-design",
            "--format",
            "json",
            "-W",
            rule,
        ]);
        assert!(
            super::json_findings(&clean).iter().all(|(r, _)| r != rule),
            "{rule}"
        );
    }
}

#[test]
fn release_candidate_pins_in_wit() {
    assert_fires(
        "testdata/wit/rc-world",
        "wasi-rc-pin",
        &[
            "world timer imports wasi:clocks/monotonic-clock@0.3.0-rc-2026-03-15, a WASI release candidate",
        ],
    );
    assert_silent("testdata/wit/p2-world", "wasi-rc-pin");
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
    view["interfaces"]
        .as_array()
        .unwrap()
        .iter()
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
        unreached["interfaces"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i == "wasi:sockets/ip-name-lookup@0.2.12"),
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
    assert!(
        raised.stdout.contains(
            "  warning[P3M014] closed-error-enum: enum error-code in example:store/blobs@0.1.0 is closed"
        ),
        "{}",
        raised.stdout
    );
    assert!(raised.stdout.contains("P3M015"), "{}", raised.stdout);
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
    let export = view["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "p2-handler-export")
        .expect("the exported wasi:cli/run is reported");
    assert_eq!(
        export["location"]["file"],
        "testdata/wit/declared-app/world.wit"
    );
    assert_eq!(export["location"]["line"], 6);
}
