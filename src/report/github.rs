//! GitHub workflow-command annotations, the fallback for repositories
//! without code scanning.

use std::fmt::Write;

use super::Report;
use crate::rules::{Level, Location};

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    for input in &report.inputs {
        if let Err(e) = &input.outcome {
            let _ = writeln!(
                out,
                "::error file={},title=wcaudit input error::{}",
                property(&e.file),
                data(&e.to_string())
            );
        }
        for f in &input.findings {
            let command = match f.level {
                Level::Deny => "error",
                Level::Warn => "warning",
                Level::Allow => "notice",
            };
            let (line, col) = match &f.location {
                Location::Wit { line, column, .. } => (*line, Some(*column)),
                Location::Binary { .. } => (1, None),
            };
            let mut props = format!("file={},line={line}", property(f.location.file()));
            if let Some(col) = col {
                let _ = write!(props, ",col={col}");
            }
            let _ = write!(
                props,
                ",title={}",
                property(&format!("{} {}", f.rule.id, f.rule.name))
            );
            let mut message = f.message.clone();
            if !f.path.is_empty() {
                let _ = write!(message, "\npath: {}", f.path.join(" → "));
            }
            for note in &f.notes {
                let _ = write!(message, "\nnote: {note}");
            }
            let _ = writeln!(out, "::{command} {props}::{}", data(&message));
        }
    }
    out
}

/// Escapes the message part of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_workflow_command_text() {
        assert_eq!(super::data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
