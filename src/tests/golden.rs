//! Every output wcaudit writes for every fixture, byte for byte, against the
//! files under `testdata/golden/`: a restructuring that is meant to change
//! nothing proves it here, and a change that is meant to change an output
//! shows every byte of it in review. `WCAUDIT_BLESS=1 cargo test golden`
//! rewrites the files.

use std::path::{Path, PathBuf};

use super::{fixtures, wcaudit};

const DIR: &str = "testdata/golden";

/// The inputs: every component fixture, and every text fixture.
fn inputs() -> Vec<String> {
    let mut inputs: Vec<String> = fixtures::ALL
        .iter()
        .map(|f| fixtures::component(f))
        .collect();
    for dir in ["testdata/wat", "testdata/soundness", "testdata/hostile"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "wat"))
            .collect();
        files.sort();
        inputs.extend(files.iter().map(|p| p.to_string_lossy().replace('\\', "/")));
    }
    inputs.push("testdata/wit/poll-world".into());
    inputs.push("testdata/wit/p2-design".into());
    inputs
}

/// What is compared for one input: (name of the output, the output).
fn outputs(input: &str) -> Vec<(String, String)> {
    // The SARIF root is where the checkout is, which differs between
    // machines.
    let root = format!(
        "\"file://{}/\"",
        std::env::current_dir().unwrap().to_str().unwrap()
    );
    let mut out = Vec::new();
    for format in ["human", "json", "sarif", "markdown"] {
        let run = wcaudit(&[
            "check",
            input,
            "--no-config",
            "--format",
            format,
            "--color",
            "never",
        ]);
        let stdout = if format == "sarif" {
            without_rule_descriptors(&run.stdout)
        } else {
            run.stdout
        };
        let text = format!("exit {}\n{}{}", run.code, stdout, run.stderr);
        out.push((
            format!("check.{format}"),
            text.replace(&root, "\"file:///[checkout]/\""),
        ));
    }
    let is_wit = input.starts_with("testdata/wit/");
    let mut views = vec!["imports", "p3"];
    if !is_wit {
        views.extend(["graph", "grants"]);
    }
    for view in views {
        let run = wcaudit(&[view, input, "--format", "json"]);
        out.push((
            format!("{view}.json"),
            format!("exit {}\n{}{}", run.code, run.stdout, run.stderr),
        ));
    }
    out
}

/// SARIF with the rule descriptors (the same in every log, and most of its
/// bytes) left out: `rules.sarif-rules` holds them once.
fn without_rule_descriptors(sarif: &str) -> String {
    let Ok(mut log) = serde_json::from_str::<serde_json::Value>(sarif) else {
        return sarif.to_string();
    };
    if let Some(rules) = log["runs"][0]["tool"]["driver"].get_mut("rules") {
        *rules = serde_json::json!("(see rules.sarif-rules)");
    }
    let mut text = serde_json::to_string_pretty(&log).unwrap();
    text.push('\n');
    text
}

fn file_name(input: &str, output: &str) -> PathBuf {
    let stem: String = input
        .trim_start_matches("target/wcaudit-fixtures/")
        .trim_start_matches("testdata/")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Path::new(DIR).join(format!("{stem}.{output}"))
}

#[test]
fn every_output_matches_its_golden_file() {
    let bless = std::env::var_os("WCAUDIT_BLESS").is_some();
    let mut differ = Vec::new();
    let mut expected_files = std::collections::BTreeSet::new();
    for input in inputs() {
        for (output, text) in outputs(&input) {
            let path = file_name(&input, &output);
            expected_files.insert(path.clone());
            if bless {
                std::fs::create_dir_all(DIR).unwrap();
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                differ.push(path.display().to_string());
            }
        }
    }
    // The rule descriptors, once.
    let run = wcaudit(&[
        "check",
        "testdata/wat/component-no-imports.wat",
        "--format",
        "sarif",
        "--no-config",
    ]);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rules =
        serde_json::to_string_pretty(&log["runs"][0]["tool"]["driver"]["rules"]).unwrap() + "\n";
    let path = Path::new(DIR).join("rules.sarif-rules");
    expected_files.insert(path.clone());
    if bless {
        std::fs::write(&path, &rules).unwrap();
    } else if std::fs::read_to_string(&path).ok().as_deref() != Some(rules.as_str()) {
        differ.push(path.display().to_string());
    }
    // A diff between two fixtures, both ways.
    let base = fixtures::component("used-only");
    let head = fixtures::component("unused-sockets");
    for (name, args) in [
        ("diff.json", vec!["diff", &base, &head, "--format", "json"]),
        (
            "diff.markdown",
            vec!["diff", &base, &head, "--format", "markdown"],
        ),
        ("diff-back.text", vec!["diff", &head, &base]),
    ] {
        let run = wcaudit(&args);
        let text = format!("exit {}\n{}{}", run.code, run.stdout, run.stderr);
        let path = Path::new(DIR).join(name);
        expected_files.insert(path.clone());
        if bless {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            differ.push(path.display().to_string());
        }
    }
    if bless {
        for entry in std::fs::read_dir(DIR).unwrap() {
            let path = entry.unwrap().path();
            if !expected_files.contains(&path) {
                std::fs::remove_file(path).unwrap();
            }
        }
    }
    assert!(
        differ.is_empty(),
        "{} outputs differ from testdata/golden (compare with `git diff` after \
         `WCAUDIT_BLESS=1 cargo test golden`):\n{}",
        differ.len(),
        differ.join("\n")
    );
}
