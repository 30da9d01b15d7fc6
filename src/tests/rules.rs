//! What the command line adds to the rules: views of what they see
//! (`imports`, the summary), thresholds and levels from wcaudit.toml,
//! `--wit` anchors and declared worlds, inputs of every kind. Each rule's
//! own firing and silent cases are beside it, in `src/rules/<family>/tests.rs`.

use super::{assert_contains, check_json, fixtures, json_findings, rows, wcaudit};

use super::rules_support::{assert_fires, findings};

/// The path from an export goes through the adapter module to WASI, and
/// the adapter is named as the module that calls the import.
#[test]
fn paths_cross_the_adapter_boundary() {
    let path = fixtures::component("adapter");
    let run = wcaudit(&["imports", &path, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let view: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let write = rows(&view["imports"])
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
    let reach: Vec<(String, String)> = rows(&view["imports"])
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
    let run = check_json(path);
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

/// A preview1 core module's imports are classified function by function.
#[test]
fn preview1_functions_have_capability_classes() {
    let run = check_json("testdata/wat/core-module-preview1.wat");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let classes: Vec<(String, String, String)> =
        rows(&report["inputs"][0]["summary"]["capabilities"])
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
    let run = check_json(&app);
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
    let run = check_json(&app);
    assert_eq!(run.code, 1, "denied");
    std::fs::write(
        dir.join("wcaudit.toml"),
        "[rules]\nchatty-interface = { min-lookups = 2 }\n",
    )
    .unwrap();
    let run = wcaudit(&["check", &app]);
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "`chatty-interface` has no threshold `min-lookups` (it has: min-functions, min-getters)",
    );
}

/// With --wit, findings about imported functions and interfaces point at
/// their WIT declarations; the binary becomes the related location and the
/// fingerprint does not change.
#[test]
fn wit_anchors_move_findings_to_wit_lines() {
    let path = fixtures::component("chatty-headers");
    let plain = check_json(&path);
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
    let result = rows(&sarif["runs"][0]["results"])
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
        json_findings(&check_json(&app))
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
        rows(&report["inputs"][0]["findings"])
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
    // A world the binary records is the summary's, too.
    let recorded = fixtures::component("surplus-export");
    let run = check_json(&recorded);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["inputs"][0]["summary"]["world"], "test:surplus/app");
}
