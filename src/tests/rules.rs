//! Every rule fires on its firing fixtures, with the expected subjects,
//! and stays silent on its silent ones.

use super::{fixtures, json_findings, wcaudit};

use super::rules_support::{assert_fires, assert_silent, findings};

#[test]
fn unreachable_import_fires_per_interface_and_per_function() {
    let rule = "unreachable-import";
    assert_fires(
        "fixture:unused-sockets",
        rule,
        // One finding for the class; each interface in its notes.
        &["imports 3 network interfaces or functions that no export reaches"],
    );
    assert_fires(
        "fixture:partial-interface",
        rule,
        &["wasi:cli/environment@0.2.12#get-environment"],
    );
    assert_fires(
        "testdata/wat/nested-composition.wat",
        rule,
        &["test:host/net@0.1.0"],
    );
    assert_fires(
        "testdata/wat/core-module-preview1.wat",
        rule,
        &["wasi_snapshot_preview1#environ_get"],
    );
}

#[test]
fn unreachable_import_is_silent_when_everything_is_used() {
    let rule = "unreachable-import";
    for spec in [
        "fixture:used-only",
        "fixture:adapter",
        "fixture:indirect-call",
        "fixture:poll-p2",
        "testdata/wat/component-no-imports.wat",
    ] {
        assert_silent(spec, rule);
    }
}

#[test]
fn core_module_fires_only_on_core_modules() {
    assert_fires(
        "testdata/wat/core-module-preview1.wat",
        "core-module",
        &["imports wasi_snapshot_preview1 (2 functions) and needs an adapter"],
    );
    assert_silent("fixture:used-only", "core-module");
    assert_silent("testdata/wat/nested-composition.wat", "core-module");
}

#[test]
fn wasi_io_poll_fires_on_binaries_and_wit() {
    assert_fires(
        "fixture:poll-p2",
        "wasi-io-poll",
        &["imports wasi:io/poll@0.2.12"],
    );
    assert_fires(
        "testdata/wit/poll-world",
        "wasi-io-poll",
        &[
            "interface example:jobs/jobs uses wasi:io/poll@0.2.12",
            "world example:jobs/runner imports wasi:io/poll@0.2.12",
        ],
    );
    assert_silent("fixture:used-only", "wasi-io-poll");
    assert_silent("testdata/wit/clean", "wasi-io-poll");
}

/// The path from an export goes through the adapter module to WASI, and
/// the adapter is named as the module that calls the import.
#[test]
fn paths_cross_the_adapter_boundary() {
    let path = fixtures::component("adapter");
    let run = wcaudit(&["imports", &path, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let view: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let write = view["imports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["function"] == "[method]output-stream.blocking-write-and-flush")
        .expect("the stream write is listed");
    assert_eq!(write["reach"], "reached");
    assert_eq!(write["reached_from"][0], "wasi:cli/run@0.2.12#run");
    let by = write["imported_by"].as_array().unwrap();
    assert_eq!(by.len(), 1, "{by:?}");
    assert!(by[0].as_str().unwrap().contains("adapter"), "{by:?}");
}

#[test]
fn indirect_calls_are_reached_indirectly() {
    let path = fixtures::component("indirect-call");
    let run = wcaudit(&["imports", &path, "--format", "json"]);
    let view: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for row in view["imports"].as_array().unwrap() {
        if row["function"].is_string() {
            assert_eq!(row["reach"], "reached-indirectly", "{row}");
        } else {
            assert_eq!(row["reach"], "types-only", "{row}");
        }
    }
}

/// Imports passed into a nested component resolve through it.
#[test]
fn composition_resolves_through_nested_components() {
    let run = wcaudit(&[
        "imports",
        "testdata/wat/nested-composition.wat",
        "--format",
        "json",
    ]);
    let view: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let reach: Vec<(String, String)> = view["imports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["interface"].as_str().unwrap().into(),
                r["reach"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        reach,
        [
            ("test:host/log@0.1.0".to_string(), "reached".to_string()),
            ("test:host/net@0.1.0".to_string(), "unreachable".to_string()),
        ]
    );
}

/// The README's bundled example shows what the fixture it was printed from shows.
#[test]
fn bundled_example_matches_its_fixture() {
    let example = findings("testdata/examples/hello-sockets.wat", "unreachable-import");
    let fixture = findings("fixture:unused-sockets", "unreachable-import");
    assert_eq!(example, fixture);
}

/// A WIT package encoded as wasm is read as WIT; findings point at the file.
#[test]
fn wasm_encoded_wit_packages_are_wit_inputs() {
    let mut resolve = wit_parser::Resolve::default();
    let (package, _) = resolve.push_path("testdata/wit/poll-world").unwrap();
    let bytes = wit_component::encode(&resolve, package, false).unwrap();
    let path = "target/wcaudit-fixtures/poll-world.wit.wasm";
    std::fs::create_dir_all("target/wcaudit-fixtures").unwrap();
    std::fs::write(path, bytes).unwrap();
    let run = wcaudit(&["check", path, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["inputs"][0]["summary"]["kind"], "wit");
    assert_fires(
        path,
        "wasi-io-poll",
        &[
            "interface example:jobs/jobs uses wasi:io/poll@0.2.12",
            "world example:jobs/runner imports wasi:io/poll@0.2.12",
        ],
    );
}

#[test]
fn ambient_environment_fires_when_environment_is_imported() {
    let rule = "ambient-environment";
    assert_fires(
        "fixture:partial-interface",
        rule,
        &["imports wasi:cli/environment@0.2.12 (reached)"],
    );
    // Unreachable, it is `unreachable-import`'s to report.
    assert_silent("fixture:cli-surface", rule);
    assert_silent("fixture:used-only", rule);
}

/// Off by default; a policy or `-W` turns it on.
#[test]
fn network_access_fires_only_when_raised_and_reachable() {
    let rule = "network-access";
    assert_silent("fixture:uses-sockets", rule);
    let path = fixtures::component("uses-sockets");
    let run = wcaudit(&["check", &path, "--format", "json", "-W", rule]);
    let found: Vec<String> = json_findings(&run)
        .into_iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, m)| m)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("wasi:sockets/tcp-create-socket@0.2.12"),
        "{found:?}"
    );
    assert!(found[0].contains("(reached)"), "{found:?}");
    for silent in ["unused-sockets", "used-only"] {
        let path = fixtures::component(silent);
        let run = wcaudit(&["check", &path, "--format", "json", "-W", rule]);
        assert!(
            json_findings(&run).iter().all(|(r, _)| r != rule),
            "{silent}"
        );
    }
}

#[test]
fn filesystem_access_fires_only_when_raised_and_reachable() {
    let rule = "filesystem-access";
    assert_silent("fixture:reads-files", rule);
    let path = fixtures::component("reads-files");
    let run = wcaudit(&["check", &path, "--format", "json", "-W", rule]);
    let found: Vec<(String, String)> = json_findings(&run)
        .into_iter()
        .filter(|(r, _)| r == rule)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .1
            .contains("wasi:filesystem/preopens@0.2.12 (reached)")
    );
    let clean = fixtures::component("used-only");
    let run = wcaudit(&["check", &clean, "--format", "json", "-W", rule]);
    assert!(json_findings(&run).iter().all(|(r, _)| r != rule));
}

#[test]
fn insecure_random_fires_when_reached() {
    assert_fires(
        "fixture:insecure-random",
        "insecure-random",
        &["imports wasi:random/insecure@0.2.12 (reached)"],
    );
    assert_silent("fixture:used-only", "insecure-random");
    assert_silent("fixture:dead", "insecure-random");
}

#[test]
fn mixed_wasi_versions_fires_per_package() {
    assert_fires(
        "fixture:mixed-versions",
        "mixed-wasi-versions",
        &["wasi:cli is imported at 0.2.12 and 0.2.9"],
    );
    assert_silent("fixture:used-only", "mixed-wasi-versions");
}

#[test]
fn dead_component_fires_without_exports() {
    assert_fires(
        "fixture:dead",
        "dead-component",
        &["exports nothing but imports random"],
    );
    assert_silent("fixture:used-only", "dead-component");
    assert_silent("testdata/wat/component-no-imports.wat", "dead-component");
    assert_silent("testdata/wat/core-module-preview1.wat", "dead-component");
}

#[test]
fn runtime_opaque_fires_on_embedded_interpreters() {
    assert_fires(
        "testdata/wat/runtime-python.wat",
        "runtime-opaque",
        &["embeds CPython (componentize-py)"],
    );
    assert_silent("testdata/wat/nested-composition.wat", "runtime-opaque");
    assert_silent("fixture:adapter", "runtime-opaque");
}

#[test]
fn overbroad_world_fires_on_http_handlers_and_dragged_in_surfaces() {
    let rule = "overbroad-world";
    assert_fires(
        "fixture:http-handler-files",
        rule,
        &["an HTTP handler that imports filesystem, which wasi:http/proxy hosts do not provide"],
    );
    assert_fires(
        "testdata/wat/opaque-surface.wat",
        rule,
        &[
            "imports 4 capability classes; exports reach 1 (clocks); indeterminate: random, insecure-random, exit",
        ],
    );
    // Classes that are all provably unreachable are unreachable-import's.
    for silent in [
        "fixture:cli-surface",
        "fixture:used-only",
        "fixture:unused-sockets",
        "fixture:dead",
        "fixture:partial-interface",
    ] {
        assert_silent(silent, rule);
    }
}

/// A preview1 core module's imports are classified function by function.
#[test]
fn preview1_functions_have_capability_classes() {
    let run = wcaudit(&[
        "check",
        "testdata/wat/core-module-preview1.wat",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let classes: Vec<(String, String, String)> = report["inputs"][0]["summary"]["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["class"].as_str().unwrap().to_string(),
                c["reach"].as_str().unwrap().to_string(),
                c["interfaces"][0].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        classes,
        [
            (
                "environment".into(),
                "unreachable".into(),
                "wasi_snapshot_preview1#environ_get".into()
            ),
            (
                "stdio".into(),
                "reached".into(),
                "wasi_snapshot_preview1#fd_write".into()
            ),
        ]
    );
}

#[test]
fn import_call_in_loop_counts_calls_per_invocation() {
    let rule = "import-call-in-loop";
    assert_fires(
        "fixture:chatty-headers",
        rule,
        &[
            "test:headers/processor@0.1.0#process calls test:headers/fine@0.1.0#get-header in a loop: 64 calls per call (16 × 4)",
            "test:headers/processor@0.1.0#process calls test:headers/fine@0.1.0#set-header in a loop: up to 64 calls per call (16 × 4)",
        ],
    );
    // Through the adapter: the app's fd_write in a 10-step loop.
    assert_fires(
        "fixture:adapter",
        rule,
        &["calls wasi_snapshot_preview1#fd_write in a loop: 10 calls per call"],
    );
    assert_fires(
        "testdata/wat/runtime-python.wat",
        rule,
        &[
            "host call patterns live in CPython (componentize-py) bytecode: how often imports are called per request is not statically determinable",
        ],
    );
    for silent in [
        "fixture:coarse-headers",
        "fixture:used-only",
        "fixture:unused-sockets",
    ] {
        assert_silent(silent, rule);
    }
}

#[test]
fn chatty_findings_suggest_the_batched_signature() {
    let path = fixtures::component("chatty-headers");
    let run = wcaudit(&["check", &path, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let notes: Vec<String> = report["inputs"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "import-call-in-loop")
        .flat_map(|f| f["notes"].as_array().unwrap().clone())
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    assert!(
        notes.contains(
            &"a batched form: `get-headers: func(names: list<string>) -> list<option<string>>`"
                .to_string()
        ),
        "{notes:?}"
    );
    let adapter = fixtures::component("adapter");
    let run = wcaudit(&["check", &adapter, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let finding = report["inputs"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "import-call-in-loop")
        .unwrap()
        .clone();
    let note = finding["notes"][0].as_str().unwrap();
    assert!(note.starts_with("each call reaches wasi:cli/stdout@0.2.12#get-stdout, wasi:io/streams@0.2.12#[method]output-stream.blocking-write-and-flush through module wit-component:adapter:wasi_snapshot_preview1"), "{note}");
}

#[test]
fn chatty_interface_reports_one_item_shapes() {
    let rule = "chatty-interface";
    assert_fires(
        "testdata/wit/chatty",
        rule,
        &[
            "interface example:gateway/headers@0.1.0 handles one item per call (get-header, set-header) and has no batch form",
            "resource request in example:gateway/requests@0.1.0 returns one field per call (method, path, query, scheme)",
        ],
    );
    assert_fires(
        "fixture:chatty-headers",
        rule,
        &["interface test:headers/fine@0.1.0 handles one item per call (get-header, set-header)"],
    );
    for silent in [
        "fixture:coarse-headers",
        "fixture:used-only",
        "testdata/wit/clean",
        "testdata/wit/poll-world",
    ] {
        assert_silent(silent, rule);
    }
}

/// Thresholds come from wcaudit.toml.
#[test]
fn chatty_interface_thresholds_are_configurable() {
    let dir = std::path::Path::new("target/wcaudit-fixtures/projects/thresholds");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(fixtures::component("chatty-headers"), dir.join("app.wasm")).unwrap();
    std::fs::write(
        dir.join("wcaudit.toml"),
        "[rules]\nchatty-interface = { level = \"deny\", min-functions = 3 }\n",
    )
    .unwrap();
    let app = dir.join("app.wasm").to_string_lossy().into_owned();
    let run = wcaudit(&["check", &app, "--format", "json"]);
    assert!(
        json_findings(&run)
            .iter()
            .all(|(r, _)| r != "chatty-interface"),
        "3 one-item functions are needed now"
    );
    std::fs::write(
        dir.join("wcaudit.toml"),
        "[rules]\nchatty-interface = { level = \"deny\", min-functions = 2 }\n",
    )
    .unwrap();
    let run = wcaudit(&["check", &app, "--format", "json"]);
    assert_eq!(run.code, 1, "denied");
    std::fs::write(
        dir.join("wcaudit.toml"),
        "[rules]\nchatty-interface = { min-lookups = 2 }\n",
    )
    .unwrap();
    let run = wcaudit(&["check", &app]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "`chatty-interface` has no threshold `min-lookups` (it has: min-functions, min-getters)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn serial_async_awaits_fires_on_one_at_a_time_waits() {
    let rule = "serial-async-awaits";
    assert_fires(
        "testdata/wat/p3-serial-awaits.wat",
        rule,
        &[
            "run starts test:p3/net@0.1.0#fetch and waits for it in every iteration of a loop: 4 sequential waits per call",
        ],
    );
    assert_silent("testdata/wat/p3-concurrent-awaits.wat", rule);
    assert_silent("testdata/wat/p3-async.wat", rule);
    assert_silent("fixture:chatty-headers", rule);

    // The async import lowered synchronously: every call blocks.
    let text = std::fs::read_to_string("testdata/wat/p3-serial-awaits.wat").unwrap();
    let blocking = text
        .replace(
            r#"(canon lower (func $fetch) async (memory (core memory $mem "memory")))"#,
            "(canon lower (func $fetch))",
        )
        .replace(
            r#"(import "host" "fetch" (func $fetch (param i32 i32) (result i32)))"#,
            r#"(import "host" "fetch" (func $fetch (param i32) (result i32)))"#,
        )
        .replace(
            "(call $fetch (local.get $i) (i32.const 64))",
            "(call $fetch (local.get $i))",
        );
    assert_ne!(text, blocking);
    let path = "target/wcaudit-fixtures/p3-blocking-awaits.wat";
    std::fs::create_dir_all("target/wcaudit-fixtures").unwrap();
    std::fs::write(path, blocking).unwrap();
    assert_fires(
        path,
        rule,
        &[
            "run calls async test:p3/net@0.1.0#fetch synchronously in a loop, so each call blocks until it finishes: 4 sequential waits per call",
        ],
    );
}

/// With --wit, findings about imported functions and interfaces point at
/// their WIT declarations; the binary becomes the related location and the
/// fingerprint does not change.
#[test]
fn wit_anchors_move_findings_to_wit_lines() {
    let path = fixtures::component("chatty-headers");
    let plain = wcaudit(&["check", &path, "--format", "json"]);
    let anchored = wcaudit(&[
        "check",
        &path,
        "--format",
        "json",
        "--wit",
        "testdata/wasi/headers.wit",
    ]);
    let findings = |run: &super::Run| -> Vec<serde_json::Value> {
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        report["inputs"][0]["findings"].as_array().unwrap().clone()
    };
    let get_header = findings(&anchored)
        .into_iter()
        .find(|f| {
            f["rule"] == "import-call-in-loop"
                && f["message"].as_str().unwrap().contains("get-header")
        })
        .unwrap();
    assert_eq!(get_header["location"]["file"], "testdata/wasi/headers.wit");
    assert_eq!(get_header["location"]["line"], 5);
    assert_eq!(get_header["related_location"]["file"], path.as_str());
    let interface = findings(&anchored)
        .into_iter()
        .find(|f| f["rule"] == "chatty-interface")
        .unwrap();
    assert_eq!(interface["location"]["line"], 4);
    let prints = |run: &super::Run| -> Vec<String> {
        let mut all: Vec<String> = findings(run)
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect();
        all.sort();
        all
    };
    assert_eq!(prints(&plain), prints(&anchored));
    let sarif = wcaudit(&[
        "check",
        &path,
        "--format",
        "sarif",
        "--wit",
        "testdata/wasi/headers.wit",
    ]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "CHT002")
        .unwrap()
        .clone();
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "testdata/wasi/headers.wit"
    );
    assert!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_i64()
            .unwrap()
            > 1
    );
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        path.as_str()
    );
}

/// A loop over an import a sibling component provides is chatty between
/// components; the finding names both.
#[test]
fn import_call_in_loop_crosses_composition() {
    assert_fires(
        "testdata/wat/composed-chatty.wat",
        "import-call-in-loop",
        &["run calls provider#get in a loop: 12 calls per call"],
    );
    let run = wcaudit(&[
        "check",
        "testdata/wat/composed-chatty.wat",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let notes = report["inputs"][0]["findings"][0]["notes"].to_string();
    assert!(
        notes.contains("each call crosses from component › component consumer into component › component provider (get)"),
        "{notes}"
    );
    assert_silent("testdata/wat/nested-composition.wat", "import-call-in-loop");
}

/// The second chatty signal: many distinct host call sites per export.
#[test]
fn many_call_sites_per_export_are_reported_past_the_threshold() {
    let dir = std::path::Path::new("target/wcaudit-fixtures/projects/call-sites");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(fixtures::component("used-only"), dir.join("app.wasm")).unwrap();
    let app = dir.join("app.wasm").to_string_lossy().into_owned();
    let count = |config: &str| -> Vec<String> {
        std::fs::write(dir.join("wcaudit.toml"), config).unwrap();
        json_findings(&wcaudit(&["check", &app, "--format", "json"]))
            .into_iter()
            .filter(|(r, m)| r == "import-call-in-loop" && m.starts_with("export"))
            .map(|(_, m)| m)
            .collect()
    };
    assert!(
        count("").is_empty(),
        "the default threshold is well above 2"
    );
    assert_eq!(
        count("[rules]\nimport-call-in-loop = { min-call-sites = 2 }\n"),
        ["export wasi:cli/run@0.2.12#run can reach 2 call sites of 2 host functions"]
    );
}

#[test]
fn surplus_export_fires_on_hooks_and_exports_the_declared_world_lacks() {
    let rule = "surplus-export";
    assert_fires(
        "fixture:surplus-export",
        rule,
        &[
            "exports the function `init` (componentize-qjs's pre-initialisation hook)",
            "exports `debug-dump`, which the declared world test:surplus/app does not",
        ],
    );
    // The hook is a warning; another surplus export only a note.
    let path = fixtures::component("surplus-export");
    let run = wcaudit(&["check", &path, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let levels: Vec<(&str, &str)> = report["inputs"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| (f["message"].as_str().unwrap(), f["level"].as_str().unwrap()))
        .map(|(m, l)| (m.split(' ').nth(1).unwrap(), l))
        .collect();
    assert_eq!(levels, [("the", "warn"), ("`debug-dump`,", "allow")]);
    assert_eq!(
        report["inputs"][0]["summary"]["world"], "test:surplus/app",
        "the summary names the declared world"
    );
}

#[test]
fn surplus_export_is_silent_without_a_declared_world_or_when_it_has_every_export() {
    let rule = "surplus-export";
    // Declares the very world it exports, hook included.
    assert_silent("fixture:declared-world", rule);
    // No declared world: `debug-dump` and `run` have nothing to be compared
    // with, and nothing is a known hook.
    for spec in [
        "fixture:used-only",
        "fixture:adapter",
        "testdata/wat/component-no-imports.wat",
        "testdata/wat/nested-composition.wat",
    ] {
        assert_silent(spec, rule);
    }
}

/// With no record of its world in the binary, `--wit` names the world the
/// component declares: the hook it keeps on purpose is silent, the export
/// that world lacks is a note.
#[test]
fn surplus_export_takes_the_declared_world_from_wit() {
    let path = fixtures::component("preinit-hook");
    let surplus = |extra: &[&str]| -> Vec<(String, String)> {
        let mut args = vec!["check", path.as_str(), "--format", "json", "--no-config"];
        args.extend(extra);
        let run = wcaudit(&args);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        report["inputs"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "surplus-export")
            .map(|f| {
                (
                    f["message"].as_str().unwrap().to_string(),
                    f["level"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let alone = surplus(&[]);
    assert_eq!(alone.len(), 1, "{alone:?}");
    assert!(alone[0].0.contains("pre-initialisation hook"), "{alone:?}");
    let declared = surplus(&["--wit", "testdata/wit/declared-app"]);
    assert_eq!(
        declared,
        [(
            "exports `debug-dump`, which the declared world test:declared-app/app does not"
                .to_string(),
            "allow".to_string()
        )]
    );
}
