//! Every Markdown table wcaudit writes has as many cells in each row as
//! in its header: a table that does not is drawn wrong or not at all.

use super::{fixtures, wcaudit};

/// The cells of a table row: split on `|` outside code spans, except an
/// escaped `\|`.
fn cells(row: &str) -> usize {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let (mut count, mut in_code, mut escaped) = (1, false, false);
    for c in inner.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '`' => in_code = !in_code,
            '|' if !in_code => count += 1,
            _ => {}
        }
    }
    count
}

/// Panics naming the first table whose rows differ from its header.
pub(crate) fn assert_tables_well_formed(markdown: &str, what: &str) {
    let mut header: Option<(usize, &str)> = None;
    let mut tables = 0;
    for line in markdown.lines() {
        if !line.trim_start().starts_with('|') {
            header = None;
            continue;
        }
        match header {
            None => {
                header = Some((cells(line), line));
                tables += 1;
            }
            Some((columns, head)) => assert_eq!(
                cells(line),
                columns,
                "{what}: a row of the table headed\n{head}\nhas a different number of cells:\n{line}"
            ),
        }
    }
    assert!(tables > 0, "{what}: no table in\n{markdown}");
}

#[test]
fn the_checker_counts_cells_as_markdown_does() {
    assert_eq!(cells("| a | b |"), 2);
    assert_eq!(cells("| `a|b` | c \\| d |"), 2);
    assert_eq!(cells("|---|---|---|"), 3);
}

#[test]
fn every_markdown_table_is_well_formed() {
    let base = fixtures::component("used-only");
    let head = fixtures::component("unused-sockets");
    let runs = [
        (
            "diff",
            wcaudit(&["diff", &base, &head, "--format", "markdown"]),
        ),
        (
            "check",
            wcaudit(&["check", &head, "--format", "markdown", "--no-config"]),
        ),
        ("p3", wcaudit(&["p3", &head, "--format", "markdown"])),
        ("rules", wcaudit(&["rules", "--format", "markdown"])),
    ];
    let mut every: Vec<String> = fixtures::ALL
        .iter()
        .map(|f| fixtures::component(f))
        .collect();
    every.push("testdata/wat".into());
    let mut args = vec!["check", "--format", "markdown", "--no-config"];
    args.extend(every.iter().map(String::as_str));
    let runs = runs
        .into_iter()
        .chain([("check of every fixture", wcaudit(&args))]);
    for (what, run) in runs {
        assert!(run.code <= 1, "{what}: {}", run.stderr);
        assert_tables_well_formed(&run.stdout, what);
    }
}
