//! Outputs a component cannot forge: the hostile fixtures in
//! `testdata/hostile/` put line breaks, forged `ran:` lines, GitHub
//! workflow commands, carriage returns, terminal escapes, bidi overrides
//! and Markdown/HTML in every string the binary formats admit. No output
//! of any command or format may show such a character raw, and no line
//! may begin (after its indentation) with text from the input.

use super::wcaudit;
use crate::untrusted::is_unsafe;

const INPUTS: &[&str] = &[
    "testdata/hostile/core-module.wat",
    "testdata/hostile/component.wat",
];

/// Text the fixtures put right after a line break, and what a line would
/// start with if one got through.
const FORGED_STARTS: &[&str] = &["ran:", "::error", "::warning", "##[", "\u{202e}"];

/// Checks one output. Lines starting with one of `own` (after their
/// indentation) are wcaudit's own, such as GitHub annotations.
pub(crate) fn assert_safe(what: &str, output: &str, own: &[&str]) {
    for c in output.chars() {
        assert!(
            c == '\n' || !is_unsafe(c),
            "{what}: raw U+{:04X} in\n{output}",
            c as u32
        );
    }
    for line in output.lines() {
        let start = line.trim_start();
        if own.iter().any(|o| start.starts_with(o)) {
            continue;
        }
        for forged in FORGED_STARTS {
            assert!(
                !start.starts_with(forged),
                "{what}: a line starts with input text `{forged}`:\n{line}"
            );
        }
    }
}

/// Markdown outside code spans and the Mermaid block must not hold a link,
/// an image or HTML from the input: every `[` and `<` there is escaped,
/// and every backtick run closes. Code spans are found as CommonMark finds them.
fn assert_inert_markdown(what: &str, output: &str) {
    let mut in_fence = false;
    for line in output.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            // A Mermaid label cannot end early or hold HTML.
            if let Some(open) = line.find("[\"").or_else(|| line.find("{{\"")) {
                let label = &line[open..];
                let inner = label
                    .trim_start_matches(['[', '(', '{'])
                    .trim_start_matches('"');
                let inner = inner
                    .trim_end_matches([']', ')', '}'])
                    .trim_end_matches('"');
                assert!(!inner.contains('"'), "{what}: quote in label {line}");
                assert!(
                    !inner.replace("<br/>", "").contains('<'),
                    "{what}: HTML in label {line}"
                );
            }
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let run_at = |i: usize| chars[i..].iter().take_while(|c| **c == '`').count();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 2,
                '`' => {
                    let run = run_at(i);
                    let mut j = i + run;
                    let mut closed = false;
                    while j < chars.len() {
                        if chars[j] == '`' {
                            let other = run_at(j);
                            if other == run {
                                closed = true;
                                j += other;
                                break;
                            }
                            j += other;
                        } else {
                            j += 1;
                        }
                    }
                    assert!(closed, "{what}: unmatched backtick in\n{line}");
                    i = j;
                }
                '<' => panic!("{what}: raw `<` outside code in\n{line}"),
                '[' => panic!("{what}: raw `[` outside code in\n{line}"),
                _ => i += 1,
            }
        }
    }
}

fn run(args: &[&str]) -> String {
    let run = wcaudit(args);
    assert!(run.code < 2, "{args:?}: {}", run.stderr);
    format!("{}{}", run.stdout, run.stderr)
}

#[test]
fn check_formats_escape_hostile_names() {
    for input in INPUTS {
        for format in ["human", "json", "sarif", "github", "markdown"] {
            let what = format!("check {input} --format {format}");
            let out = run(&["check", input, "--format", format, "--color", "never"]);
            // Each fixture's hostile function calls its import in a loop,
            // so every format names it.
            assert!(out.contains("pwned::name"), "{what}:\n{out}");
            let own: &[&str] = if format == "github" {
                &[
                    "::warning file=",
                    "::error file=",
                    "::notice title=wcaudit::",
                ]
            } else {
                &[]
            };
            assert_safe(&what, &out, own);
            if format == "markdown" {
                assert_inert_markdown(&what, &out);
            }
            if matches!(format, "json" | "sarif") {
                serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
            }
        }
    }
}

#[test]
fn json_keeps_hostile_names_exactly() {
    let out = run(&["check", INPUTS[0], "--format", "json"]);
    // Written as `\u` escapes, read back as the input's own characters.
    assert!(
        out.contains("\\u202e") && out.contains("\\u001b[2J"),
        "{out}"
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = report["inputs"][0]["findings"].to_string();
    assert!(findings.contains('\u{202e}'), "{findings}");
}

#[test]
fn views_escape_hostile_names() {
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for input in INPUTS {
        for format in ["text", "json"] {
            runs.push(vec!["imports", input, "--format", format]);
            runs.push(vec!["grants", input, "--format", format]);
        }
        for format in ["text", "json", "markdown"] {
            runs.push(vec!["p3", input, "--format", format]);
        }
        for format in ["mermaid", "dot", "json"] {
            runs.push(vec!["graph", input, "--format", format]);
        }
    }
    for format in ["text", "json", "markdown"] {
        runs.push(vec!["diff", INPUTS[0], INPUTS[1], "--format", format]);
        runs.push(vec!["diff", INPUTS[1], INPUTS[0], "--format", format]);
    }
    for args in runs {
        let what = args.join(" ");
        let out = run(&args);
        // Grants name only WASI interfaces of a component.
        if !(args[0] == "grants" && args[1] == INPUTS[1]) {
            assert!(
                out.contains("pwned"),
                "{what} shows no hostile name:\n{out}"
            );
        }
        assert_safe(&what, &out, &[]);
        if args.contains(&"markdown") {
            assert_inert_markdown(&what, &out);
        }
        if args.contains(&"mermaid") {
            // Each label is one quoted string: no quote of the input ends it.
            for line in out.lines() {
                assert!(line.matches('"').count() <= 2, "{what}: {line}");
            }
        }
    }
}
