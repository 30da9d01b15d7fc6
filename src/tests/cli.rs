//! Exit codes, levels, bad input, directory walking and determinism.

use super::{assert_contains, fixtures, json_findings, rows, wcaudit};

#[test]
fn exit_codes_follow_the_fail_level() {
    let path = fixtures::component("unused-sockets");
    assert_eq!(
        wcaudit(&["check", &path]).code,
        0,
        "warnings alone do not fail"
    );
    assert_eq!(wcaudit(&["check", &path, "--fail-on", "warn"]).code, 1);
    assert_eq!(
        wcaudit(&["check", &path, "-D", "unreachable-import"]).code,
        1
    );
    assert_eq!(
        wcaudit(&["check", &path, "-D", "capability", "-A", "CAP001"]).code,
        0
    );
    assert_eq!(
        wcaudit(&["check", &path, "-D", "all", "--fail-on", "never"]).code,
        0
    );
    let clean = fixtures::component("used-only");
    // Clean of everything but WASI 0.3 migration work.
    assert_eq!(
        wcaudit(&["check", &clean, "--fail-on", "warn", "-A", "p3-migration"]).code,
        0
    );
}

#[test]
fn allowed_rules_report_nothing() {
    let path = fixtures::component("unused-sockets");
    let run = wcaudit(&["check", &path, "--format", "json", "-A", "all"]);
    assert!(json_findings(&run).is_empty());
    let run = wcaudit(&["check", &path, "--format", "json", "-A", "capability"]);
    assert!(
        json_findings(&run)
            .iter()
            .all(|(rule, _)| rule != "unreachable-import")
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(wcaudit(&["check"]).code, 2);
    assert_eq!(
        wcaudit(&["check", "testdata", "-W", "no-such-rule"]).code,
        2
    );
    assert_eq!(wcaudit(&["explain", "no-such-rule"]).code, 2);
    assert_eq!(wcaudit(&["check", "testdata", "--include", "["]).code, 2);
}

/// Every bad input gets one line naming the file (and the offset where
/// known), exit 2, and the other inputs of the run are still audited.
#[test]
fn bad_inputs_are_errors_not_panics() {
    let truncated_path = "target/wcaudit-fixtures/truncated.wasm";
    let bytes = fixtures::build("unused-sockets").unwrap();
    std::fs::create_dir_all("target/wcaudit-fixtures").unwrap();
    std::fs::write(truncated_path, &bytes[..bytes.len() / 2]).unwrap();
    let cases: &[(&str, &str)] = &[
        ("testdata/bad/empty.wasm", "file is empty"),
        ("testdata/bad/not-wasm.txt", "not WebAssembly"),
        (
            "testdata/bad/unbalanced.wat",
            "testdata/bad/unbalanced.wat:3:1: invalid WebAssembly text",
        ),
        ("testdata/bad/invalid-body.wat", "type mismatch"),
        ("testdata/bad/syntax-error.wit", "syntax-error.wit:4:11"),
        (truncated_path, "unexpected end-of-file"),
        ("testdata/no-such-file.wasm", "cannot read"),
    ];
    for (path, expected) in cases {
        super::hardening::assert_refused(path, expected);
    }
    let truncated = wcaudit(&["check", truncated_path]);
    assert_contains(&truncated.stderr, "at byte offset 0x");
}

/// The inputs a `check --format json` run audited, in report order.
fn audited_files(args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let report: serde_json::Value = serde_json::from_str(&wcaudit(&all).stdout).unwrap();
    rows(&report["inputs"])
        .map(|i| i["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn directories_are_walked_with_globs() {
    // Every .wat file, in sorted order.
    let mut expected: Vec<String> = std::fs::read_dir("testdata/wat")
        .unwrap()
        .map(|e| format!("testdata/wat/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    expected.sort();
    assert_eq!(audited_files(&["testdata/wat"]), expected);
    assert_eq!(
        audited_files(&[
            "testdata/wat",
            "--include",
            "**/nested-*",
            "--include",
            "core-*"
        ]),
        [
            "testdata/wat/core-module-preview1.wat",
            "testdata/wat/nested-composition.wat"
        ]
    );
    let excluded = audited_files(&["testdata/wat", "--exclude", "**/core-*"]);
    assert_eq!(excluded.len(), expected.len() - 1);
    assert!(!excluded.iter().any(|f| f.contains("core-module")));
    // A directory with .wit files is one WIT input, deps included.
    let mut wit_dirs: Vec<String> = std::fs::read_dir("testdata/wit")
        .unwrap()
        .map(|e| format!("testdata/wit/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    wit_dirs.sort();
    assert_eq!(audited_files(&["testdata/wit"]), wit_dirs);
    // A `.wasm` file that is not wasm is audited, and fails, rather than skipped.
    assert!(audited_files(&["testdata/bad"]).contains(&"testdata/bad/empty.wasm".to_string()));
}

/// Same input, same bytes out, in every format.
#[test]
fn output_is_deterministic() {
    let path = fixtures::component("unused-sockets");
    for format in ["human", "json", "sarif", "github"] {
        let a = wcaudit(&[
            "check",
            &path,
            "testdata/wit/poll-world",
            "--format",
            format,
        ]);
        let b = wcaudit(&[
            "check",
            &path,
            "testdata/wit/poll-world",
            "--format",
            format,
        ]);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
    for format in ["mermaid", "dot", "json"] {
        let a = wcaudit(&["graph", &path, "--format", format]);
        let b = wcaudit(&["graph", &path, "--format", format]);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

#[test]
fn explain_accepts_ids_and_names() {
    let by_name = wcaudit(&["explain", "unreachable-import"]);
    let by_id = wcaudit(&["explain", "cap001"]);
    assert_eq!(by_name.code, 0);
    assert_eq!(by_name.stdout, by_id.stdout);
    assert!(by_name.stdout.contains("## Why it matters"));
}

#[test]
fn output_file_is_written() {
    let path = fixtures::component("unused-sockets");
    let out = "target/wcaudit-fixtures/out.sarif";
    let run = wcaudit(&["check", &path, "--format", "sarif", "--output", out]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.is_empty());
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

/// The model does not depend on how many threads validate bodies.
#[test]
fn output_does_not_depend_on_thread_count() {
    // Enough bodies that several threads each get a share.
    let mut wat = String::from(
        "(module\n  (import \"env\" \"used\" (func $used))\n  (import \"env\" \"unused\" (func $unused))\n",
    );
    for i in 0..2000 {
        let callee = if i % 97 == 0 {
            "$used".to_string()
        } else {
            format!("$f{}", i + 1)
        };
        wat.push_str(&format!("  (func $f{i} (loop (call {callee})))\n"));
    }
    wat.push_str("  (func $f2000)\n  (export \"start\" (func $f0)))\n");
    let path = "target/wcaudit-fixtures/many-bodies.wat";
    std::fs::create_dir_all("target/wcaudit-fixtures").unwrap();
    std::fs::write(path, wat).unwrap();
    let one = wcaudit(&["check", path, "--format", "json", "-j", "1", "-A", "chatty"]);
    let four = wcaudit(&["check", path, "--format", "json", "-j", "4", "-A", "chatty"]);
    assert_eq!(one.stdout, four.stdout);
    let found = json_findings(&one);
    assert_eq!(found.len(), 2, "{found:?}"); // core-module and the unused import
    assert!(
        found.iter().any(|(_, m)| m.contains("env#unused")),
        "{found:?}"
    );
}

/// What was built for an input is freed whatever its size: a small one's
/// before `free_built` returns, a large one's on a thread of its own.
#[test]
fn built_values_are_freed_small_at_once_and_large_in_the_background() {
    use std::sync::mpsc;
    use std::time::Duration;

    struct SaysWhenDropped(mpsc::Sender<std::thread::ThreadId>);
    impl Drop for SaysWhenDropped {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }
    let here = std::thread::current().id();

    let (sender, dropped) = mpsc::channel();
    crate::audit::free_built(
        SaysWhenDropped(sender),
        crate::audit::BACKGROUND_DROP_BYTES - 1,
    );
    assert_eq!(
        dropped.try_recv(),
        Ok(here),
        "a small input's are freed in place"
    );

    let (sender, dropped) = mpsc::channel();
    crate::audit::free_built(SaysWhenDropped(sender), crate::audit::BACKGROUND_DROP_BYTES);
    let on = dropped.recv_timeout(Duration::from_secs(30));
    assert!(
        matches!(on, Ok(id) if id != here),
        "a large input's are freed on another thread: {on:?}"
    );
}

/// A gate that audits nothing fails, unless asked not to.
#[test]
fn an_empty_run_fails_unless_allowed() {
    let dir = "target/wcaudit-fixtures/empty-dir";
    std::fs::create_dir_all(dir).unwrap();
    let run = wcaudit(&["check", dir]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_contains(
        &run.stderr,
        "no inputs found in target/wcaudit-fixtures/empty-dir",
    );
    let run = wcaudit(&["check", dir, "--allow-empty"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = wcaudit(&["check", "testdata/wat", "--include", "*.nothing"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "left after --include/--exclude");
}

/// An input that could not be read is not counted as checked.
#[test]
fn unreadable_inputs_are_not_counted_as_checked() {
    let run = wcaudit(&[
        "check",
        "testdata/examples/hello-sockets.wat",
        "testdata/bad/empty.wasm",
        "--color",
        "never",
    ]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stdout, "in 1 input checked; 1 input could not be read");
}

/// `--granted` is parsed strictly: a word that is not a wasmtime option or
/// its value is an error, with the nearest option.
#[test]
fn granted_flags_are_parsed_strictly() {
    let input = "testdata/examples/hello-sockets.wat";
    for (flags, expected) in [
        ("foo bar", "`foo` is not a wasmtime option"),
        ("--dirr x", "did you mean `--dir`?"),
        ("-S htp", "did you mean `http`?"),
    ] {
        let run = wcaudit(&["check", input, "--granted", flags]);
        assert_eq!(run.code, 2, "{flags}");
        assert!(run.stderr.contains(expected), "{flags}: {}", run.stderr);
    }
    let run = wcaudit(&[
        "check",
        input,
        "--granted",
        "-S inherit-network -W fuel=100",
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
}

#[test]
fn unknown_rules_get_a_suggestion() {
    let run = wcaudit(&[
        "check",
        "testdata/examples/hello-sockets.wat",
        "-A",
        "unreachable-imports",
    ]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "did you mean `unreachable-import`?");
}

/// SARIF locations are relative to the root with `%SRCROOT%` however the
/// input was named, and absolute `file://` URIs outside it.
#[test]
fn sarif_locations_are_relative_to_the_root() {
    let uris = |args: &[&str]| -> Vec<(String, Option<String>)> {
        let mut argv = vec!["check", "--format", "sarif", "--no-config"];
        argv.extend(args);
        let run = wcaudit(&argv);
        assert!(run.code <= 1, "{}", run.stderr);
        let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let run = &log["runs"][0];
        assert!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
                .as_str()
                .unwrap()
                .ends_with('/')
        );
        rows(&run["results"])
            .map(|r| {
                let at = &r["locations"][0]["physicalLocation"]["artifactLocation"];
                (
                    at["uri"].as_str().unwrap().to_string(),
                    at["uriBaseId"].as_str().map(str::to_string),
                )
            })
            .collect()
    };
    let input = "testdata/examples/hello-sockets.wat";
    let cwd = std::env::current_dir().unwrap();
    let absolute = cwd.join(input);
    let dotdot = format!("src/../{input}");
    let expected = (input.to_string(), Some("%SRCROOT%".to_string()));
    for args in [
        vec![input],
        vec![absolute.to_str().unwrap()],
        vec![dotdot.as_str()],
        vec![input, "--root", "."],
    ] {
        let found = uris(&args);
        assert!(!found.is_empty());
        assert!(found.iter().all(|u| *u == expected), "{args:?}: {found:?}");
    }
    // A root below the input: the input is outside it.
    let found = uris(&[input, "--root", "src"]);
    let file_uri = format!("file://{}", absolute.to_str().unwrap());
    assert!(
        found
            .iter()
            .all(|(uri, base)| *uri == file_uri && base.is_none()),
        "{found:?}"
    );
    let run = wcaudit(&["check", input, "--root", "no/such/dir"]);
    assert_eq!(run.code, 2);
}

/// GitHub shows at most 10 annotations of each level per step: at most
/// 10 per file and per level, errors first, then one notice counting the
/// rest.
#[test]
fn github_annotations_are_capped_and_ranked() {
    let mut args = vec![
        "check".to_string(),
        "--format".into(),
        "github".into(),
        "--no-config".into(),
        "-W".into(),
        "all".into(),
        "-D".into(),
        "network-access".into(),
    ];
    args.extend(
        super::fixtures::ALL
            .iter()
            .map(|f| super::fixtures::component(f)),
    );
    args.push("testdata/wat".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = wcaudit(&args);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let (notice, annotations) = lines.split_last().unwrap();
    assert!(
        notice.starts_with("::notice title=wcaudit::")
            && notice.contains("more findings not shown"),
        "{notice}"
    );
    let count = |prefix: &str| annotations.iter().filter(|l| l.starts_with(prefix)).count();
    assert!(
        count("::error") > 0 && count("::error") <= 10,
        "{}",
        run.stdout
    );
    assert_eq!(count("::warning"), 10, "{}", run.stdout);
    assert!(count("::notice") <= 9, "{}", run.stdout);
    let mut per_file = std::collections::BTreeMap::<&str, usize>::new();
    for line in annotations {
        let file = line
            .split("file=")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap();
        *per_file.entry(file).or_default() += 1;
    }
    assert!(per_file.values().all(|n| *n <= 10), "{per_file:?}");
    let first_warning = annotations
        .iter()
        .position(|l| l.starts_with("::warning"))
        .unwrap();
    assert!(first_warning > 0, "errors come first");
    assert!(
        annotations[first_warning..]
            .iter()
            .all(|l| !l.starts_with("::error")),
        "{}",
        run.stdout
    );
}

/// The same file named three ways is audited once, and its SARIF
/// fingerprint and annotation path do not depend on how it was named.
#[test]
fn names_of_one_file_give_one_identity() {
    let input = "testdata/examples/hello-sockets.wat";
    let absolute = std::env::current_dir().unwrap().join(input);
    let dotdot = format!("src/../{input}");
    let run = wcaudit(&[
        "check",
        input,
        absolute.to_str().unwrap(),
        "--format",
        "json",
        "--no-config",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["inputs"].as_array().unwrap().len(),
        1,
        "audited once"
    );
    let fingerprints = |path: &str| -> Vec<String> {
        let run = wcaudit(&["check", path, "--format", "sarif", "--no-config"]);
        let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        rows(&log["runs"][0]["results"])
            .map(|r| r["partialFingerprints"]["primaryLocationLineHash"].to_string())
            .collect()
    };
    let plain = fingerprints(input);
    assert!(!plain.is_empty());
    assert_eq!(plain, fingerprints(absolute.to_str().unwrap()));
    assert_eq!(plain, fingerprints(&dotdot));
    let github = wcaudit(&["check", &dotdot, "--format", "github", "--no-config"]);
    assert!(
        github
            .stdout
            .lines()
            .all(|l| l.contains(&format!("file={input},"))),
        "{}",
        github.stdout
    );
}

/// Links in a walked directory are followed (a cycle ends), a broken one
/// that names an input is an error, and a named pipe with no writer is
/// refused instead of hanging the run.
#[cfg(unix)]
#[test]
fn links_and_pipes_do_not_escape_or_hang_the_gate() {
    let dir = std::path::Path::new("target/wcaudit-fixtures/links");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    let real = std::fs::canonicalize("testdata/examples/hello-sockets.wat").unwrap();
    std::os::unix::fs::symlink(&real, dir.join("dist/app.wat")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("dist/loop")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/x.wasm", dir.join("dist/broken.wasm")).unwrap();
    let run = wcaudit(&[
        "check",
        dir.join("dist").to_str().unwrap(),
        "--format",
        "json",
        "--no-config",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "broken.wasm: cannot read: a symbolic link to nothing readable",
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let audited: Vec<&str> = rows(&report["inputs"])
        .filter(|i| i["summary"].is_object())
        .map(|i| i["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        audited,
        ["target/wcaudit-fixtures/links/dist/app.wat"],
        "{audited:?}"
    );

    let fifo = dir.join("pipe.wasm");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let run = wcaudit(&[
            "check",
            fifo.to_str().unwrap(),
            "testdata/examples/hello-sockets.wat",
            "--no-config",
        ]);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("pipe.wasm: empty input") || run.stderr.contains("pipe.wasm"),
            "{}",
            run.stderr
        );
        assert_contains(&run.stdout, "1 input checked");
    }
}

/// `wasmtime serve` links only the HTTP proxy world by itself: a handler
/// importing more needs `-S cli` to instantiate, reached or not.
#[test]
fn grants_for_serve_include_what_instantiation_needs() {
    let path = super::fixtures::component("http-handler-files");
    let run = wcaudit(&["grants", &path]);
    assert_contains(&run.stdout, "wasmtime serve -S cli");
    assert_contains(&run.stdout, "to instantiate under `wasmtime serve`");
}

/// Every view takes reach from the same place and words it the same way:
/// what only an embedded runtime calls is `indeterminate, runtime` in the
/// summary, findings, `imports`, `grants`, Markdown and SARIF, and `grants`
/// builds its command line from what the program itself reaches.
#[test]
fn reach_is_worded_the_same_in_every_view() {
    let input = "testdata/wat/runtime-python-env.wat";
    let runtime = "indeterminate, runtime";

    let human = wcaudit(&[
        "check",
        input,
        "--no-config",
        "--color",
        "never",
        "--show",
        "all",
    ]);
    assert!(
        human
            .stdout
            .contains("capabilities environment (indeterminate, runtime), exit (reached)"),
        "{}",
        human.stdout
    );
    let json = wcaudit(&["check", input, "--no-config", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let capabilities = &report["inputs"][0]["summary"]["capabilities"];
    let environment = capabilities
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["class"] == "environment")
        .unwrap();
    assert_eq!(environment["reach"], "indeterminate");
    assert_eq!(environment["runtime_inherited"], true);
    let markdown = wcaudit(&["check", input, "--no-config", "--format", "markdown"]);
    assert!(
        markdown
            .stdout
            .contains("environment (indeterminate, runtime)"),
        "{}",
        markdown.stdout
    );

    let imports = wcaudit(&["imports", input]);
    let row = imports
        .stdout
        .lines()
        .find(|l| l.contains("get-arguments"))
        .unwrap();
    assert!(row.contains(runtime), "{row}");
    let imports = wcaudit(&["imports", input, "--format", "json"]);
    let view: serde_json::Value = serde_json::from_str(&imports.stdout).unwrap();
    let row = rows(&view["imports"])
        .find(|r| r["function"] == "get-arguments")
        .unwrap();
    assert_eq!(
        (&row["reach"], &row["runtime_inherited"]),
        (&"indeterminate".into(), &true.into())
    );

    let grants = wcaudit(&["grants", input]);
    assert_contains(&grants.stdout, "wasmtime run -S cli testdata");
    assert_contains(
        &grants.stdout,
        "may need (only the embedded language runtime reaches these; confirm with `wcaudit replay`):\n  --env <NAME>=<VALUE>  wasi:cli/environment@0.2.12 (indeterminate, runtime)",
    );
    let grants = wcaudit(&["grants", input, "--format", "json"]);
    let view: serde_json::Value = serde_json::from_str(&grants.stdout).unwrap();
    assert_eq!(view["runtime_may_need"][0]["reach"], runtime);
    assert_eq!(view["needs"][0]["reach"], "reached");

    // A policy still fails on it, and says whose code reaches it.
    let dir = "target/wcaudit-fixtures/projects/runtime-deny";
    std::fs::create_dir_all(dir).unwrap();
    let config = format!("{dir}/wcaudit.toml");
    std::fs::write(&config, "[capabilities]\ndeny = [\"environment\"]\n").unwrap();
    let run = wcaudit(&["check", input, "--config", &config, "--format", "sarif"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        "may be reached by the embedded runtime (indeterminate, runtime)",
    );
}

/// A file name is the input's too: one that holds a line break, an escape
/// or a workflow command is shown escaped in every format, never starting
/// a line; a hostile wcaudit.toml is shown, not obeyed.
#[cfg(unix)]
#[test]
fn file_names_and_config_text_cannot_forge_lines() {
    let dir = std::path::Path::new("target/wcaudit-fixtures/hostile-names");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    for name in [
        "a\n::error title=nl::b\x1b[31m.wat",
        "::error title=pwned::x.wat",
    ] {
        std::fs::copy("testdata/examples/hello-sockets.wat", dir.join(name)).unwrap();
    }
    for format in ["human", "json", "sarif", "github", "markdown"] {
        let run = wcaudit(&[
            "check",
            dir.to_str().unwrap(),
            "--format",
            format,
            "--no-config",
            "--color",
            "never",
        ]);
        let out = format!("{}{}", run.stdout, run.stderr);
        assert!(!out.contains('\x1b'), "{format}: {out}");
        for line in out.lines() {
            let line = line.trim_start();
            assert!(
                !line.starts_with("::error title=") && !line.starts_with("::error title=nl"),
                "{format}: {line}"
            );
        }
    }
    let config = dir.join("evil.toml");
    std::fs::write(
        &config,
        "[rules]\n\"x\\n::error title=cfg::pwned\\u001b[31m\" = \"deny\"\n",
    )
    .unwrap();
    let run = wcaudit(&[
        "check",
        "testdata/examples/hello-sockets.wat",
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains('\x1b'), "{}", run.stderr);
    assert!(
        run.stderr
            .lines()
            .all(|l| !l.trim_start().starts_with("::")),
        "{}",
        run.stderr
    );
}
