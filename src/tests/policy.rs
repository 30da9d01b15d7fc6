//! wcaudit.toml: discovery, capability allow/deny, rule levels, overrides,
//! suppressions and configuration errors.

use std::path::Path;

use super::{assert_contains, check_json, fixtures, json_findings, rows, wcaudit};

/// A directory holding `config` as wcaudit.toml and copies of fixtures.
fn project(name: &str, config: &str, components: &[&str]) -> String {
    let dir = Path::new("target/wcaudit-fixtures/projects").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("wcaudit.toml"), config).unwrap();
    for component in components {
        let built = fixtures::component(component);
        std::fs::copy(built, dir.join(format!("{component}.wasm"))).unwrap();
    }
    dir.to_string_lossy().replace('\\', "/")
}

fn levels_of(run: &super::Run, rule: &str) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    rows(&report["inputs"])
        .flat_map(|i| i["findings"].as_array().unwrap().clone())
        .filter(|f| f["rule"] == rule)
        .map(|f| f["level"].as_str().unwrap().to_string())
        .collect()
}

const DENY_SOCKETS: &str = "[capabilities]\ndeny = [\"wasi:sockets/*\"]\n";

#[test]
fn denied_capability_fails_only_when_reachable() {
    let dir = project(
        "deny-sockets",
        DENY_SOCKETS,
        &["uses-sockets", "unused-sockets"],
    );
    let reached = check_json(&format!("{dir}/uses-sockets.wasm"));
    assert_eq!(reached.code, 1, "{}", reached.stdout);
    assert_eq!(levels_of(&reached, "denied-capability"), ["deny", "deny"]);
    let messages: Vec<String> = json_findings(&reached)
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    assert!(
        messages.iter().any(|m| m.contains(
            "wasi:sockets/tcp-create-socket@0.2.12 is denied by `wasi:sockets/*` (target/wcaudit-fixtures/projects/deny-sockets/wcaudit.toml) and reached"
        )),
        "{messages:#?}"
    );

    let unreached = check_json(&format!("{dir}/unused-sockets.wasm"));
    assert_eq!(unreached.code, 0, "{}", unreached.stdout);
    let levels = levels_of(&unreached, "denied-capability");
    assert!(
        !levels.is_empty() && levels.iter().all(|l| l == "warn"),
        "{levels:?}"
    );
    assert!(
        json_findings(&unreached)
            .iter()
            .any(|(_, m)| m.contains("imported but unreachable"))
    );
}

#[test]
fn allow_lists_and_classes() {
    let dir = project(
        "allow-stdio",
        "[capabilities]\nallow = [\"stdio\"]\n",
        &["used-only", "uses-sockets"],
    );
    let clean = check_json(&format!("{dir}/used-only.wasm"));
    assert_eq!(clean.code, 0);
    assert!(levels_of(&clean, "denied-capability").is_empty());
    let run = check_json(&format!("{dir}/uses-sockets.wasm"));
    assert_eq!(run.code, 1);
    assert!(
        json_findings(&run)
            .iter()
            .any(|(_, m)| m.contains("is not on the allow list"))
    );
}

#[test]
fn overrides_apply_by_path() {
    let config = format!(
        "{DENY_SOCKETS}\n[[overrides]]\npath = \"uses-*.wasm\"\n[overrides.rules]\ndenied-capability = \"allow\"\n"
    );
    let dir = project("overrides", &config, &["uses-sockets", "unused-sockets"]);
    let run = check_json(&dir);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for input in report["inputs"].as_array().unwrap() {
        let denied = rows(&input["findings"])
            .filter(|f| f["rule"] == "denied-capability")
            .count();
        let file = input["file"].as_str().unwrap();
        if file.ends_with("uses-sockets.wasm") {
            assert_eq!(denied, 0, "{file}");
        } else {
            assert!(denied > 0, "{file}");
        }
    }
}

#[test]
fn rule_levels_come_from_the_file_and_the_command_line_wins() {
    let dir = project(
        "levels",
        "[rules]\nunreachable-import = \"deny\"\n",
        &["unused-sockets"],
    );
    let input = format!("{dir}/unused-sockets.wasm");
    assert_eq!(wcaudit(&["check", &input]).code, 1);
    assert_eq!(
        wcaudit(&["check", &input, "-W", "unreachable-import"]).code,
        0
    );
    assert_eq!(wcaudit(&["check", &input, "--no-config"]).code, 0);
}

#[test]
fn suppressions_are_counted_not_hidden() {
    let config = "[[suppress]]\nrule = \"unreachable-import\"\nsubject = \"wasi:sockets/*\"\nreason = \"sockets come with the runtime; tracked in #12\"\n";
    let dir = project("suppress", config, &["unused-sockets"]);
    let run = check_json(&format!("{dir}/unused-sockets.wasm"));
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        json_findings(&run)
            .iter()
            .all(|(r, _)| r != "unreachable-import")
    );
    // The three sockets interfaces are one finding for the class.
    assert_eq!(report["totals"]["suppressed"], 1);
    assert_eq!(
        report["inputs"][0]["suppressed"][0]["reason"],
        "sockets come with the runtime; tracked in #12"
    );
    let human = wcaudit(&[
        "check",
        &format!("{dir}/unused-sockets.wasm"),
        "--color",
        "never",
    ]);
    assert!(
        human
            .stdout
            .contains("1 finding suppressed by configuration"),
        "{}",
        human.stdout
    );
    let sarif = wcaudit(&[
        "check",
        &format!("{dir}/unused-sockets.wasm"),
        "--format",
        "sarif",
    ]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let suppressed = rows(&sarif["runs"][0]["results"])
        .filter(|r| r["suppressions"][0]["kind"] == "external")
        .count();
    // The grouped sockets finding, and the folded glue finding.
    assert_eq!(
        suppressed,
        1 + report["totals"]["folded"].as_u64().unwrap() as usize
    );
}

#[test]
fn explicit_config_and_errors() {
    let dir = project("explicit", "", &["uses-sockets"]);
    let input = format!("{dir}/uses-sockets.wasm");
    assert_eq!(
        wcaudit(&["check", &input]).code,
        0,
        "an empty file denies nothing"
    );
    let policy = "target/wcaudit-fixtures/projects/deny.toml";
    std::fs::write(policy, DENY_SOCKETS).unwrap();
    assert_eq!(wcaudit(&["check", &input, "--config", policy]).code, 1);

    let bad = "target/wcaudit-fixtures/projects/bad.toml";
    std::fs::write(bad, "[capabilities]\ndeny = [\"wasi:sockets/[\"]\n").unwrap();
    let run = wcaudit(&["check", &input, "--config", bad]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: target/wcaudit-fixtures/projects/bad.toml:2:9: bad glob"),
        "{}",
        run.stderr
    );
    std::fs::write(bad, "[capabilites]\n").unwrap();
    let run = wcaudit(&["check", &input, "--config", bad]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "bad.toml:1:");
    assert_contains(&run.stderr, "unknown field");
}

/// A baseline hides what it records, keeps matching when unrelated parts
/// of the component change, and lists entries that no longer match.
#[test]
fn baselines_report_only_new_findings() {
    let dir = Path::new("target/wcaudit-fixtures/projects/baseline");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let app = dir.join("app.wasm");
    std::fs::copy(fixtures::component("unused-sockets"), &app).unwrap();
    let app = app.to_string_lossy().into_owned();
    let baseline = dir.join("baseline.json").to_string_lossy().into_owned();
    // Only the rule this test is about.
    std::fs::write(
        dir.join("wcaudit.toml"),
        // One finding per interface, so that one of them can change.
        "[rules]\nall = \"allow\"\nunreachable-import = { level = \"warn\", group-by-class = 0 }\n",
    )
    .unwrap();

    let run = wcaudit(&["baseline", &app, "--output", &baseline]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "recorded 3 findings");

    let same = wcaudit(&[
        "check",
        &app,
        "--baseline",
        &baseline,
        "--format",
        "json",
        "--fail-on",
        "warn",
    ]);
    assert_eq!(same.code, 0, "{}", same.stdout);
    let report: serde_json::Value = serde_json::from_str(&same.stdout).unwrap();
    assert_eq!(report["totals"]["baselined"], 3);
    assert!(report["stale_baseline"].as_array().unwrap().is_empty());

    // A different build: still imports ip-name-lookup unused (matched), no
    // longer the other two sockets interfaces (stale), and newly imports
    // environment and exit without using them (new).
    std::fs::copy(fixtures::component("cli-surface"), &app).unwrap();
    let changed = wcaudit(&["check", &app, "--baseline", &baseline, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&changed.stdout).unwrap();
    assert_eq!(report["totals"]["baselined"], 1);
    let stale: Vec<&str> = rows(&report["stale_baseline"])
        .map(|e| e["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        stale,
        [
            "wasi:sockets/instance-network@0.2.12",
            "wasi:sockets/tcp-create-socket@0.2.12"
        ]
    );
    let new: Vec<String> = json_findings(&changed)
        .into_iter()
        .filter(|(r, _)| r == "unreachable-import")
        .map(|(_, m)| m)
        .collect();
    assert_eq!(new.len(), 2, "{new:?}");
    assert!(new.iter().all(|m| !m.contains("ip-name-lookup")), "{new:?}");
    let human = wcaudit(&["check", &app, "--baseline", &baseline, "--color", "never"]);
    assert!(
        human
            .stdout
            .contains("stale baseline entry: CAP001 wasi:sockets/instance-network@0.2.12"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("1 finding in the baseline, 2 entries stale"),
        "{}",
        human.stdout
    );

    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"version\": 1, \"findings\": 3}").unwrap();
    let run = wcaudit(&["check", &app, "--baseline", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "bad.json:1:");
}

#[test]
fn grants_are_derived_from_what_is_reachable() {
    let path = fixtures::component("reads-files");
    let run = wcaudit(&["grants", &path, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let view: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(view["needs"][0]["flag"], "--dir <HOST>::<GUEST>");
    assert_eq!(
        view["command"],
        format!("wasmtime run --dir <HOST>::<GUEST> {path}")
    );
    // Unreachable imports need nothing: only stdout (wasi:cli) is needed.
    let unused = fixtures::component("unused-sockets");
    let view: serde_json::Value =
        serde_json::from_str(&wcaudit(&["grants", &unused, "--format", "json"]).stdout).unwrap();
    let flags: Vec<&str> = rows(&view["needs"])
        .map(|n| n["flag"].as_str().unwrap())
        .collect();
    assert_eq!(flags, ["-S cli"], "{view}");
    let sockets = fixtures::component("uses-sockets");
    let text = wcaudit(&["grants", &sockets]).stdout;
    assert!(text.contains("-S inherit-network  wasi:sockets/instance-network@0.2.12, wasi:sockets/tcp-create-socket@0.2.12 (reached)"), "{text}");
    let handler = fixtures::component("http-handler-files");
    let view: serde_json::Value =
        serde_json::from_str(&wcaudit(&["grants", &handler, "--format", "json"]).stdout).unwrap();
    assert!(
        view["command"]
            .as_str()
            .unwrap()
            .starts_with("wasmtime serve -S cli --dir"),
        "{view}"
    );
}

#[test]
fn granted_flags_are_checked_both_ways() {
    let path = fixtures::component("reads-files");
    let run = wcaudit(&["check", &path, "--format", "json", "--granted", "-S http"]);
    assert_eq!(run.code, 1);
    let found = json_findings(&run);
    assert!(found.iter().any(|(r, m)| r == "ungranted-capability"
        && m.contains("reaches wasi:filesystem/preopens@0.2.12, which needs --dir <HOST>::<GUEST>; the grants are `-S http`")), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(r, m)| r == "unused-grant" && m.contains("-S http is granted")),
        "{found:?}"
    );

    let ok = wcaudit(&[
        "check",
        &path,
        "--format",
        "json",
        "--granted",
        "--dir data::/data",
    ]);
    assert_eq!(ok.code, 0);
    assert!(
        json_findings(&ok)
            .iter()
            .all(|(r, _)| r != "ungranted-capability" && r != "unused-grant")
    );

    // The same from the configuration file.
    let dir = project(
        "grants",
        "[grants]\nwasmtime = \"-S http\"\n",
        &["reads-files"],
    );
    let run = check_json(&format!("{dir}/reads-files.wasm"));
    assert_eq!(run.code, 1);
    assert!(
        json_findings(&run)
            .iter()
            .any(|(r, _)| r == "ungranted-capability")
    );

    assert_eq!(
        wcaudit(&["check", &path, "--granted", "-S teleport"]).code,
        2
    );
    let bad = project(
        "bad-grants",
        "[grants]\nwasmtime = \"-S teleport\"\n",
        &["reads-files"],
    );
    let run = wcaudit(&["check", &format!("{bad}/reads-files.wasm")]);
    assert_eq!(run.code, 2);
    assert_contains(
        &run.stderr,
        "wcaudit.toml:2:12: unknown wasmtime -S option `teleport`",
    );
}

fn target_findings(config: &str, project_name: &str, component: &str) -> (u8, Vec<String>) {
    let dir = project(project_name, config, &[component]);
    let run = check_json(&format!("{dir}/{component}.wasm"));
    let found = json_findings(&run)
        .into_iter()
        .filter(|(r, _)| r == "target-mismatch")
        .map(|(_, m)| m)
        .collect();
    (run.code, found)
}

#[test]
fn target_profiles_explain_each_mismatch() {
    let (code, found) = target_findings(
        "targets = \"profile:http-proxy\"\n",
        "proxy-files",
        "http-handler-files",
    );
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            "imports wasi:filesystem/types@0.2.12, which profile http-proxy does not offer",
            "imports wasi:filesystem/preopens@0.2.12, which profile http-proxy does not offer"
        ]
    );
    let (_, found) = target_findings(
        "[targets]\nprofile = \"http-proxy\"\n",
        "proxy-cli",
        "used-only",
    );
    assert_eq!(
        found,
        ["does not export wasi:http/incoming-handler@0.2.12, which profile http-proxy requires"]
    );
    let (code, found) = target_findings("targets = \"profile:cli-command\"\n", "cli", "used-only");
    assert_eq!((code, found.len()), (0, 0));
    let (_, found) = target_findings("targets = \"profile:pure\"\n", "pure", "used-only");
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn target_worlds_come_from_the_users_wit() {
    let world = std::fs::canonicalize("testdata/targets/app").unwrap();
    let config = format!(
        "[targets]\nworld = \"{}\"\nname = \"app\"\n",
        world.display()
    );
    let (_, found) = target_findings(&config, "own-world", "used-only");
    assert_eq!(
        found,
        [
            "imports wasi:io/error@0.2.12, which world app does not offer",
            "imports wasi:io/streams@0.2.12, which world app does not offer"
        ]
    );
    let dir = project(
        "bad-profile",
        "targets = \"profile:lambda\"\n",
        &["used-only"],
    );
    let run = wcaudit(&["check", &format!("{dir}/used-only.wasm")]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "wcaudit.toml:1:11: unknown profile `lambda`");
}

/// An import the policy denies and the target world lacks is one finding
/// with both reasons, at the higher level.
#[test]
fn one_finding_per_offending_import() {
    let dir = project(
        "deny-and-target",
        "targets = \"profile:http-proxy\"\n[capabilities]\ndeny = [\"filesystem\"]\n",
        &["http-handler-files"],
    );
    let run = check_json(&format!("{dir}/http-handler-files.wasm"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut policy: Vec<&serde_json::Value> = rows(&report["inputs"][0]["findings"])
        .filter(|f| f["category"] == "policy")
        .collect();
    // Errors come first in the report; here, in rule order.
    policy.sort_by_key(|f| f["rule"] != "target-mismatch");
    // `types` grants nothing by itself, so only the target objects to it;
    // `preopens` is denied and off-target: one finding with both reasons.
    let summary: Vec<(String, &str)> = policy
        .iter()
        .map(|f| (f["rule"].to_string(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(policy.len(), 2, "{summary:#?}");
    assert_eq!(policy[0]["rule"], "target-mismatch");
    assert!(summary[0].1.contains("wasi:filesystem/types@0.2.12"));
    let merged = policy[1];
    assert_eq!(merged["rule"], "denied-capability");
    assert_eq!(merged["level"], "deny");
    assert!(summary[1].1.contains("wasi:filesystem/preopens@0.2.12"));
    let notes = merged["notes"].to_string();
    assert!(
        notes
            .contains("preopens@0.2.12, which profile http-proxy does not offer (target-mismatch)"),
        "{notes}"
    );
    // With the policy rule off, the target's finding stands on its own.
    let run = wcaudit(&[
        "check",
        &format!("{dir}/http-handler-files.wasm"),
        "--format",
        "json",
        "-A",
        "denied-capability",
    ]);
    let rules: Vec<String> = json_findings(&run).into_iter().map(|(r, _)| r).collect();
    assert_eq!(
        rules.iter().filter(|r| *r == "target-mismatch").count(),
        2,
        "{rules:?}"
    );
}

/// `[[overrides]]` may set `targets` and `[grants]`, so one file serves a
/// repository with a CLI and an HTTP component.
#[test]
fn overrides_set_targets_and_grants() {
    let dir = project(
        "override-targets",
        "targets = \"profile:cli-command\"\n\
         [[overrides]]\npath = \"http-*.wasm\"\ntargets = \"profile:http-proxy\"\n\
         [overrides.grants]\nwasmtime = \"-S http\"\n",
        &["http-handler-files", "used-only"],
    );
    let run = check_json(&dir);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rules_of = |file: &str| -> Vec<String> {
        rows(&report["inputs"])
            .filter(|i| i["file"].as_str().unwrap().ends_with(file))
            .flat_map(|i| i["findings"].as_array().unwrap().clone())
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let http = rules_of("http-handler-files.wasm");
    assert!(http.iter().any(|r| r == "target-mismatch"), "{http:?}");
    // `-S http` is granted and nothing needs it.
    assert!(http.iter().any(|r| r == "unused-grant"), "{http:?}");
    let cli = rules_of("used-only.wasm");
    assert!(!cli.iter().any(|r| r == "target-mismatch"), "{cli:?}");
    assert!(!cli.iter().any(|r| r == "unused-grant"), "{cli:?}");
}

/// Misspelt classes, WASI packages and interfaces are configuration
/// errors with a suggestion, said once, with the line and column.
#[test]
fn unknown_capabilities_are_configuration_errors() {
    let dir = project("typos", "", &["used-only"]);
    let input = format!("{dir}/used-only.wasm");
    let config = format!("{dir}/wcaudit.toml");
    for (text, expected) in [
        (
            "[capabilities]\nallow = [\"stdoi\"]\n",
            "wcaudit.toml:2:10: unknown capability class `stdoi` (did you mean `stdio`?)",
        ),
        (
            "[capabilities]\nallow = [\"stdio\", \"wasi:htp/*\"]\n",
            "wcaudit.toml:2:19: `wasi:htp/*` names no known WASI package (did you mean `wasi:http`?)",
        ),
        (
            "[capabilities]\ndeny = [\"wasi:sockets/tpc\"]\n",
            "wcaudit.toml:2:9: `wasi:sockets/tpc` names no known WASI interface (did you mean `wasi:sockets/tcp`?)",
        ),
        (
            "[capabilities]\nallow = [\"network.socket\"]\n",
            "(did you mean `network.sockets`?)",
        ),
        (
            "[capabilities]\nallow = [\"stdio\", \"corpus:header/*\"]\n",
            "`corpus:header/*` matches no known WASI package and no import of any input",
        ),
        (
            "[rules]\nunreachable-imports = \"deny\"\n",
            "(did you mean `unreachable-import`?)",
        ),
        (
            "[grants]\nwasmtime = \"-S htp\"\n",
            "unknown wasmtime -S option `htp` (did you mean `http`?)",
        ),
    ] {
        std::fs::write(&config, text).unwrap();
        let run = wcaudit(&["check", &input]);
        assert_eq!(run.code, 2, "{text}: {}", run.stdout);
        assert!(run.stderr.contains(expected), "{text}:\n{}", run.stderr);
        assert_eq!(
            run.stderr.matches(expected).count(),
            1,
            "said once:\n{}",
            run.stderr
        );
        assert_contains(&run.stderr, "^");
    }
    // Valid spellings of each kind pass; a custom package the input
    // imports may be allowed.
    std::fs::write(
        &config,
        "[capabilities]\nallow = [\"stdio\", \"network.http-outgoing\", \"wasi:cli/*\", \"wasi:*/*@0.2.*\"]\ndeny = [\"acme:secrets/*\"]\n",
    )
    .unwrap();
    let run = wcaudit(&["check", &input]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A baseline names files relative to itself: made in one directory, it
/// matches the same files from its parent; one that matches nothing says
/// so loudly.
#[test]
fn baselines_survive_a_change_of_directory() {
    let dir = Path::new("target/wcaudit-fixtures/projects/baseline-moved");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("u1")).unwrap();
    std::fs::copy(
        fixtures::component("unused-sockets"),
        dir.join("u1/app.wasm"),
    )
    .unwrap();
    let baseline = dir.join("u1/wcaudit-baseline.json");
    let run = wcaudit(&[
        "baseline",
        dir.join("u1/app.wasm").to_str().unwrap(),
        "--no-config",
        "--output",
        baseline.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert!(text.contains("\"file\": \"app.wasm\""), "{text}");
    let recorded = text.matches("\"fingerprint\"").count();
    assert!(recorded > 0);

    // The same file by another path: absolute, and through `..`.
    let absolute = std::fs::canonicalize(dir.join("u1/app.wasm")).unwrap();
    let dotdot = dir.join("u1/../u1/app.wasm");
    for input in [absolute.to_str().unwrap(), dotdot.to_str().unwrap()] {
        let run = wcaudit(&[
            "check",
            input,
            "--no-config",
            "--baseline",
            baseline.to_str().unwrap(),
            "--format",
            "json",
        ]);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(report["totals"]["baselined"], recorded, "{input}");
        assert!(
            report["inputs"][0]["findings"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    }

    // Moved elsewhere, the baseline matches nothing, and says so.
    std::fs::create_dir_all(dir.join("u2")).unwrap();
    std::fs::copy(dir.join("u1/app.wasm"), dir.join("u2/app.wasm")).unwrap();
    let run = wcaudit(&[
        "check",
        dir.join("u2/app.wasm").to_str().unwrap(),
        "--no-config",
        "--baseline",
        baseline.to_str().unwrap(),
        "--color",
        "never",
    ]);
    let warning = format!("matched none of its {recorded} entries: they name app.wasm relative to");
    assert_contains(&run.stderr, &warning);
    assert_contains(&run.stdout, &warning);

    // Version 1 named files as given on the command line, read as relative
    // to the working directory.
    let v1 = text.replace("\"version\": 2", "\"version\": 1").replace(
        "\"file\": \"app.wasm\"",
        "\"file\": \"target/wcaudit-fixtures/projects/baseline-moved/u1/app.wasm\"",
    );
    let old = dir.join("v1.json");
    std::fs::write(&old, v1).unwrap();
    let run = wcaudit(&[
        "check",
        dir.join("u1/app.wasm").to_str().unwrap(),
        "--no-config",
        "--baseline",
        old.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["totals"]["baselined"], recorded);
}

/// A path glob of `[[overrides]]` or `[[suppress]]` that matches no input
/// of the run is a warning at its line: a misspelt directory would
/// otherwise make it do nothing.
#[test]
fn path_globs_that_match_nothing_are_warned_about() {
    let dir = project(
        "unmatched-globs",
        "[[overrides]]\npath = \"compnents/**\"\n[overrides.rules]\nall = \"allow\"\n\
         [[suppress]]\nrule = \"unreachable-import\"\npath = \"used-only.wasm\"\nreason = \"known\"\n",
        &["used-only"],
    );
    let run = wcaudit(&["check", &dir]);
    assert!(
        run.stderr.contains("warning: ")
            && run.stderr.contains(
                "wcaudit.toml:2:8: [[overrides]] path `compnents/**` matches no input of this run"
            ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("used-only.wasm` matches no input"),
        "{}",
        run.stderr
    );
    assert!(run.code < 2);
}
