//! GitHub workflow-command annotations, the fallback for repositories
//! without code scanning.

use std::fmt::Write;

use super::Report;
use super::artifacts::Artifacts;
use crate::rules::{Finding, Level, Location};

/// GitHub shows at most 10 error, 10 warning and 10 notice annotations of
/// a step (and 50 of a job), so only the most important findings become
/// annotations, and no file takes them all.
const PER_FILE: usize = 10;
const PER_LEVEL: usize = 10;
const PER_RUN: usize = 50;

pub(super) fn render(report: &Report) -> String {
    let artifacts = Artifacts::new(&report.root);
    // Input errors, then findings by level and by how severe their rule
    // is (security first); within that, in report order.
    let mut annotations: Vec<(Level, u32, &str, String)> = Vec::new();
    for input in &report.inputs {
        if let Err(e) = &input.outcome {
            annotations.push((
                Level::Deny,
                u32::MAX,
                &input.file,
                format!(
                    "::error file={},title=wcaudit input error::{}",
                    property(&artifacts.name(&e.file)),
                    data(&text(&e.to_string()))
                ),
            ));
        }
        for f in &input.findings {
            annotations.push((f.level, severity(f), &input.file, annotation(f, &artifacts)));
        }
    }
    annotations.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let mut out = String::new();
    let mut per_file: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut per_level: std::collections::HashMap<Level, usize> = std::collections::HashMap::new();
    let (mut shown, mut held_back) = (0, 0);
    // The closing notice takes a notice's place.
    let level_cap = |level: Level| PER_LEVEL - usize::from(level == Level::Allow);
    for (level, _, file, line) in &annotations {
        let count = per_file.entry(file).or_default();
        let of_level = per_level.entry(*level).or_default();
        if shown == PER_RUN - 1 || *count == PER_FILE || *of_level == level_cap(*level) {
            held_back += 1;
            continue;
        }
        *count += 1;
        *of_level += 1;
        shown += 1;
        out.push_str(line);
        out.push('\n');
    }
    if held_back > 0 {
        let _ = writeln!(
            out,
            "::notice title=wcaudit::{}",
            data(&format!(
                "{held_back} more finding{} not shown as annotations (GitHub shows {PER_LEVEL} of each level per step; at most {PER_FILE} per file, errors and security findings first); the full report is in the job summary, the SARIF upload, or `wcaudit check --format human`",
                if held_back == 1 { "" } else { "s" }
            ))
        );
    }
    out
}

/// How severe a finding's rule is, for ordering: its security severity
/// (CVSS-like, 0.0–10.0) in tenths, 0 when it has none.
fn severity(f: &Finding) -> u32 {
    f.rule
        .security_severity
        .and_then(|s| s.parse::<f32>().ok())
        .map_or(0, |s| (s * 10.0) as u32)
}

fn annotation(f: &Finding, artifacts: &Artifacts) -> String {
    let command = match f.level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "notice",
    };
    let (line, col) = match &f.location {
        Location::Text { line, column, .. } => (*line, Some(*column)),
        Location::Binary { .. } => (1, None),
    };
    let mut props = format!(
        "file={},line={line}",
        property(&artifacts.name(f.location.file()))
    );
    if let Some(col) = col {
        let _ = write!(props, ",col={col}");
    }
    let _ = write!(
        props,
        ",title={}",
        property(&format!("{} {}", f.rule.id, f.rule.name))
    );
    // Lines are joined here, after each part is escaped, so that only
    // these line breaks reach the annotation.
    let mut message = text(&f.message).into_owned();
    if !f.path.is_empty() {
        let steps = super::path_steps(&f.path, &f.path_origins, |s| text(s).into_owned());
        let _ = write!(message, "\npath: {}", steps.join(" → "));
    }
    for note in &f.notes {
        let _ = write!(message, "\nnote: {}", text(note));
    }
    format!("::{command} {props}::{}", data(&message))
}

use crate::untrusted::{text, workflow_data as data, workflow_property as property};
