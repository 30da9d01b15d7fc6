//! What a reviewer sees by default: findings about code that is not the
//! program's are folded and counted, `--show` brings them back, and the
//! gate never folds.

use super::wcaudit;

const GO: &str = "testdata/wat/go-shaped.wat";

fn json(args: &[&str]) -> serde_json::Value {
    let run = wcaudit(args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn runtime_loops_are_folded_and_counted_and_the_programs_stay() {
    let report = json(&["check", GO, "--no-config", "--format", "json"]);
    let input = &report["inputs"][0];
    let loops: Vec<&serde_json::Value> = input["findings"]
        .as_array()
        .unwrap()
        .iter()
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
    assert!(
        human.stdout.contains(
            "  Go runtime (runtime): 1 import-call-in-loop\n  `--show runtime` lists them"
        ),
        "{}",
        human.stdout
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
        let loops = report["inputs"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
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
    let denied = report["inputs"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "import-call-in-loop" && f["level"] == "deny")
        .count();
    assert_eq!(denied, 2);
    assert_eq!(report["totals"]["folded"], 0);
}
