//! What a reviewer sees by default: findings about code that is not the
//! program's are folded and counted, `--show` brings them back, and the
//! gate never folds.

use super::{assert_contains, rows, wcaudit};

const GO: &str = "testdata/wat/go-shaped.wat";

fn json(args: &[&str]) -> serde_json::Value {
    let run = wcaudit(args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// `check --show all` of one input, as JSON.
fn shown_all(input: &str) -> serde_json::Value {
    json(&[
        "check",
        input,
        "--no-config",
        "--format",
        "json",
        "--show",
        "all",
    ])
}

/// The first finding of `rule` in a report's first input.
fn finding<'a>(report: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    report["inputs"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("{rule} fires: {report}"))
}

#[test]
fn runtime_loops_are_folded_and_counted_and_the_programs_stay() {
    let report = json(&["check", GO, "--no-config", "--format", "json"]);
    let input = &report["inputs"][0];
    let loops: Vec<&serde_json::Value> = rows(&input["findings"])
        .filter(|f| f["rule"] == "import-call-in-loop")
        .collect();
    assert_eq!(loops.len(), 1, "{loops:#?}");
    assert!(
        loops[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("main.main calls")
    );
    assert_eq!(loops[0]["origin"]["kind"], "program");
    let folded = &input["folded"][0];
    assert_eq!(folded["origin"]["kind"], "runtime");
    assert_eq!(folded["origin"]["name"], "Go runtime");
    assert_eq!(folded["rule"], "import-call-in-loop");
    assert_eq!(folded["count"], 1);
    assert!(
        folded["findings"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("runtime.write1 calls")
    );
    assert_eq!(report["totals"]["folded"], 1);

    let human = wcaudit(&["check", GO, "--no-config", "--color", "never"]);
    assert_contains(
        &human.stdout,
        "  Go runtime (runtime): 1 import-call-in-loop\n  `--show runtime` lists them",
    );
    assert!(
        human
            .stdout
            .contains("warning[CHT002] import-call-in-loop · program")
    );

    let sarif = json(&["check", GO, "--no-config", "--format", "sarif"]);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let folded: Vec<_> = results
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .collect();
    assert_eq!(folded.len(), 1);
    assert_eq!(folded[0]["properties"]["origin"]["name"], "Go runtime");
    assert!(
        folded[0]["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .contains("--show runtime")
    );
}

#[test]
fn show_brings_folded_findings_back() {
    for show in ["runtime", "all"] {
        let report = json(&[
            "check",
            GO,
            "--no-config",
            "--format",
            "json",
            "--show",
            show,
        ]);
        let loops = rows(&report["inputs"][0]["findings"])
            .filter(|f| f["rule"] == "import-call-in-loop")
            .count();
        assert_eq!(loops, 2, "--show {show}");
        assert_eq!(report["totals"]["folded"], 0);
    }
}

#[test]
fn denied_findings_are_never_folded() {
    let report = json(&[
        "check",
        GO,
        "--no-config",
        "--format",
        "json",
        "-D",
        "import-call-in-loop",
    ]);
    let denied = rows(&report["inputs"][0]["findings"])
        .filter(|f| f["rule"] == "import-call-in-loop" && f["level"] == "deny")
        .count();
    assert_eq!(denied, 2);
    assert_eq!(report["totals"]["folded"], 0);
}

/// The summary's runtimes and capability rows of an input.
fn summary(input: &str) -> serde_json::Value {
    let report = json(&["check", input, "--no-config", "--format", "json"]);
    report["inputs"][0]["summary"].clone()
}

#[test]
fn starlingmonkey_is_recognised_from_its_producers_and_reaches_nothing_itself() {
    let summary = summary("testdata/wat/engine-starlingmonkey.wat");
    assert_eq!(summary["runtimes"][0], "SpiderMonkey (StarlingMonkey)");
    let network = &summary["capabilities"][0];
    assert_eq!(network["class"], "network");
    assert_eq!(network["reach"], "indeterminate");
    assert_eq!(network["runtime_inherited"], true);
    assert_eq!(network["origin"]["name"], "SpiderMonkey (StarlingMonkey)");
    let report = shown_all("testdata/wat/engine-starlingmonkey.wat");
    let opaque = finding(&report, "runtime-opaque");
    // The toolchain's own name is the evidence, before the language.
    assert_eq!(
        opaque["notes"][0],
        "recognised by producer ComponentizeJS 0.22.0"
    );
}

#[test]
fn an_engine_without_producers_is_recognised_by_its_functions() {
    let summary = summary("testdata/wat/engine-quickjs-stripped.wat");
    assert_eq!(summary["runtimes"][0], "QuickJS");
    let environment = &summary["capabilities"][0];
    assert_eq!(environment["reach"], "indeterminate");
    assert_eq!(environment["runtime_inherited"], true);
}

/// Human and GitHub output mark the step where a path leaves the program,
/// once, not every step after it.
#[test]
fn paths_mark_where_the_code_stops_being_the_programs() {
    let input = "testdata/wat/engine-quickjs-stripped.wat";
    let human = wcaudit(&["check", input, "--no-config", "--show", "all"]);
    assert_contains(&human.stdout, "→ module main: run · runtime: QuickJS\n");
    assert_contains(&human.stdout, "→ module main: JS_Eval\n");
    let github = wcaudit(&[
        "check",
        input,
        "--no-config",
        "--show",
        "all",
        "--format",
        "github",
    ]);
    assert_contains(
        &github.stdout,
        "path: export run → module main: run · runtime: QuickJS → module main: JS_Eval → import",
    );
}

#[test]
fn a_linked_python_components_libraries_are_the_runtimes_and_an_unknown_extension_the_programs() {
    let input = "testdata/wat/runtime-python-linked.wat";
    let summary = summary(input);
    assert_eq!(summary["runtimes"][0], "CPython (componentize-py)");
    let class = |name: &str| {
        summary["capabilities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["class"] == name)
            .unwrap_or_else(|| panic!("{name}: {summary}"))
            .clone()
    };
    // libc.so reads the clock, reached through the linker's `main`
    // trampoline: neither is the program's code.
    let clocks = class("clocks");
    assert_eq!(clocks["reach"], "indeterminate");
    assert_eq!(clocks["runtime_inherited"], true);
    assert_eq!(clocks["origin"]["name"], "CPython (componentize-py)");
    // Each step of the path says whose code it is; exports and imports
    // are nobody's.
    assert_eq!(
        clocks["path"].as_array().unwrap().len(),
        clocks["path_origins"].as_array().unwrap().len()
    );
    assert_eq!(clocks["path_origins"][0], serde_json::Value::Null);
    assert_eq!(
        clocks["path_origins"][1]["name"],
        "CPython (componentize-py)"
    );
    // A library no table names stays the program's: nothing is hidden by
    // a guess.
    let random = class("random");
    assert_eq!(random["reach"], "reached");
    assert!(random["runtime_inherited"].is_null(), "{random}");
    assert_eq!(random["origin"]["kind"], "program");
    // The p3 summary names the runtime once, as a sentence says it.
    let report = shown_all(input);
    let p3 = finding(&report, "p3-migration-summary");
    assert!(
        p3["message"]
            .as_str()
            .unwrap()
            .ends_with("1 of them called only by CPython (componentize-py))"),
        "{p3}"
    );
    // Mixed WASI releases: the runtime's is the toolchain's to choose.
    let mixed = finding(&report, "mixed-wasi-versions");
    assert!(
        mixed["help"]
            .as_str()
            .unwrap()
            .contains("import the release CPython (componentize-py) is built against"),
        "{mixed}"
    );
}

#[test]
fn a_world_only_an_engine_uses_is_the_runtimes_to_narrow_and_folds() {
    let input = "testdata/wat/engine-quickjs-surface.wat";
    let report = json(&["check", input, "--no-config", "--format", "json"]);
    let findings = report["inputs"][0]["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["rule"] != "overbroad-world"),
        "{findings:#?}"
    );
    let report = shown_all(input);
    let overbroad = finding(&report, "overbroad-world");
    assert_eq!(
        overbroad["message"],
        "imports 2 capability classes; no export provably reaches any; only QuickJS may use clocks, random"
    );
    assert_eq!(overbroad["origin"]["name"], "QuickJS");
    // The engine implements wasi:cli/run as well as every call that
    // changes: the port is the toolchain's, and folds.
    let p3 = finding(&report, "p3-migration-summary");
    assert_eq!(p3["origin"]["name"], "QuickJS");
    // The world's own interface is the program's, reached or not.
    let summary = summary(input);
    let custom = summary["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["class"] == "custom")
        .expect("the store is a capability row");
    assert_eq!(custom["origin"]["kind"], "program");
    assert_eq!(custom["runtime_inherited"], true);
}

#[test]
fn native_programs_are_not_mistaken_for_engines() {
    for input in [GO, "fixture:used-only"] {
        let path = super::rules_support::input(input);
        let summary = summary(&path);
        assert!(summary["runtimes"].is_null(), "{input}: {summary}");
        assert!(
            rows(&summary["capabilities"]).all(|c| c["runtime_inherited"].is_null()),
            "{input}"
        );
    }
}

#[test]
fn unreachable_imports_are_one_finding_per_class_unless_asked_otherwise() {
    let path = super::fixtures::component("unused-sockets");
    let findings = unreachable_imports(&path, &["--no-config"]);
    assert_eq!(findings.len(), 1);
    let notes = findings[0]["notes"].to_string();
    for interface in ["instance-network", "tcp-create-socket", "ip-name-lookup"] {
        assert!(notes.contains(interface), "{notes}");
    }
    let config = ungrouping_config("ungrouped");
    assert_eq!(unreachable_imports(&path, &["--config", &config]).len(), 3);
}

/// The unreachable-import findings of `check INPUT ARGS --format json`.
fn unreachable_imports(input: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["check", input, "--format", "json"];
    all.extend_from_slice(args);
    rows(&json(&all)["inputs"][0]["findings"])
        .filter(|f| f["rule"] == "unreachable-import")
        .cloned()
        .collect()
}

/// A project's wcaudit.toml asking for one unreachable-import finding per
/// interface or function; its path.
fn ungrouping_config(project: &str) -> String {
    let dir = format!("target/wcaudit-fixtures/projects/{project}");
    std::fs::create_dir_all(&dir).unwrap();
    let config = format!("{dir}/wcaudit.toml");
    std::fs::write(
        &config,
        "[rules]\nunreachable-import = { group-by-class = 0 }\n",
    )
    .unwrap();
    config
}

#[test]
fn a_world_no_export_uses_is_one_unreachable_import_finding() {
    let input = "testdata/wat/unused-world.wat";
    let whole = unreachable_imports(input, &["--no-config"]);
    assert_eq!(whole.len(), 1, "{whole:#?}");
    assert_eq!(
        whole[0]["message"],
        "no export reaches any of its 2 imported interfaces or functions (2 capability classes: clocks, random)"
    );
    assert_eq!(
        whole[0]["notes"],
        serde_json::json!([
            "clocks: wasi:clocks/monotonic-clock@0.2.12",
            "random: wasi:random/random@0.2.12"
        ])
    );
    let config = ungrouping_config("unused-world-apart");
    assert_eq!(unreachable_imports(input, &["--config", &config]).len(), 2);
}

#[test]
fn the_configuration_says_whose_findings_to_show_and_the_command_line_wins() {
    let dir = std::path::Path::new("target/wcaudit-fixtures/projects/show-runtime");
    std::fs::create_dir_all(dir).unwrap();
    let config = dir.join("wcaudit.toml");
    std::fs::write(&config, "[output]\nshow = [\"runtime\"]\n").unwrap();
    let config = config.to_str().unwrap();
    let loops = |report: &serde_json::Value| {
        rows(&report["inputs"][0]["findings"])
            .filter(|f| f["rule"] == "import-call-in-loop")
            .count()
    };
    let configured = json(&["check", GO, "--config", config, "--format", "json"]);
    assert_eq!(loops(&configured), 2);
    assert_eq!(configured["totals"]["folded"], 0);
    let overridden = json(&[
        "check", GO, "--config", config, "--format", "json", "--show", "adapter",
    ]);
    assert_eq!(loops(&overridden), 1);
    assert_eq!(overridden["totals"]["folded"], 1);

    std::fs::write(
        dir.join("wcaudit.toml"),
        "[output]\nshow = [\"runtimes\"]\n",
    )
    .unwrap();
    let run = wcaudit(&["check", GO, "--config", config]);
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "unknown origin `runtimes` (did you mean `runtime`?): expected one of runtime, adapter, glue, all",
    );
}

#[test]
fn the_p3_summary_notes_at_most_eight_interfaces_and_counts_the_rest() {
    let report = json(&[
        "check",
        "testdata/wit/p2-wide",
        "--no-config",
        "--format",
        "json",
    ]);
    let summary = finding(&report, "p3-migration-summary").clone();
    assert!(
        summary["message"]
            .as_str()
            .unwrap()
            .ends_with("change in WASI 0.3 (in 10 interfaces)"),
        "{summary}"
    );
    let notes: Vec<&str> = summary["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 9, "{notes:#?}");
    assert!(notes[..8].iter().all(|n| n.starts_with("imports wasi:")));
    assert_eq!(
        notes[8],
        "and 2 more interfaces: `wcaudit p3` lists every one"
    );
}
