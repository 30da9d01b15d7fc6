//! Diagnostics for people, rendered by miette: WIT findings get a source
//! snippet; binary findings name the file, the component path, the byte
//! offset and an example path from an export.

use std::collections::BTreeMap;
use std::fmt::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
    SourceCode,
};

use super::Report;
use crate::rules::{Finding, Level, Location};
use crate::untrusted::text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColorChoice {
    Always,
    Never,
}

/// Output width is fixed so that reports are the same bytes everywhere.
const WIDTH: usize = 100;

pub(crate) fn render(report: &Report, color: ColorChoice) -> String {
    let theme = match color {
        ColorChoice::Always => GraphicalTheme::unicode(),
        ColorChoice::Never => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false)
        .with_context_lines(1);
    let mut sources: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut out = String::new();
    for input in &report.inputs {
        let Ok(summary) = &input.outcome else {
            continue; // printed to stderr by the caller
        };
        let capabilities: Vec<String> = summary
            .capabilities
            .iter()
            .filter(|c| c.class != "support")
            .map(|c| format!("{} ({})", c.class, c.reach_word()))
            .collect();
        if !capabilities.is_empty() {
            let _ = writeln!(
                out,
                "{}: capabilities {}\n",
                input.file,
                capabilities.join(", ")
            );
        }
        if let Some(program) = &summary.program {
            let _ = writeln!(out, "{}: {}", input.file, text(&program.line()));
            for note in &program.notes {
                let _ = writeln!(out, "{}: program: {}", input.file, text(note));
            }
            out.push('\n');
        }
        for line in &summary.replay {
            let _ = writeln!(out, "{}: {}", input.file, text(line));
        }
        if !summary.replay.is_empty() {
            out.push('\n');
        }
        for finding in &input.findings {
            let source = match &finding.location {
                Location::Text { file, .. } => sources
                    .entry(file.clone())
                    .or_insert_with(|| std::fs::read_to_string(file).ok())
                    .clone()
                    .map(|source| NamedSource::new(text(file), masked(&source))),
                Location::Binary { .. } => None,
            };
            let diagnostic = FindingDiagnostic { finding, source };
            let _ = handler.render_report(&mut out, &diagnostic);
            out.push('\n');
        }
        out.push_str(&folded_notes(input));
    }
    if let Some(baseline) = &report.baseline {
        for entry in &baseline.stale {
            let _ = writeln!(
                out,
                "stale baseline entry: {} {} in {} ({})",
                text(&entry.rule),
                text(&entry.subject),
                text(&entry.file),
                text(&entry.fingerprint)
            );
        }
    }
    if let Some(warning) = report
        .baseline
        .as_ref()
        .and_then(|b| b.matched_nothing.as_ref())
    {
        out.push_str(&format!("warning: {}\n", text(warning)));
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// WIT source for a snippet, with what `untrusted::text` escapes replaced
/// by characters of the same length in bytes, so that the finding's byte
/// range still points at the same text. Line ends stay.
fn masked(source: &str) -> String {
    if !source.chars().any(crate::untrusted::is_unsafe) {
        return source.to_string();
    }
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if !crate::untrusted::is_unsafe(c) || line_end || c == '\t' {
            out.push(c);
        } else if c.len_utf8() == 3 {
            out.push('\u{fffd}');
        } else {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        }
    }
    out
}

/// One line per origin and rule for the findings folded away, and the
/// flag that lists them.
fn folded_notes(input: &super::InputReport) -> String {
    let groups = input.folded_groups();
    if groups.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "{}: {} about code that is not the program's (folded):\n",
        input.file,
        plural(input.folded.len(), "finding")
    );
    let mut shows: Vec<&str> = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        if i == 0 || groups[i - 1].origin != group.origin {
            let _ = write!(
                out,
                "  {} ({}): ",
                group.origin.name,
                group.origin.kind.as_str()
            );
        } else {
            out.push_str(", ");
        }
        let _ = write!(out, "{} {}", group.findings.len(), group.rule.name);
        if groups
            .get(i + 1)
            .is_none_or(|next| next.origin != group.origin)
        {
            out.push('\n');
        }
        let show = super::show_flag(group.origin.kind);
        if !shows.contains(&show) {
            shows.push(show);
        }
    }
    let _ = writeln!(out, "  `--show {}` lists them\n", shows.join(","));
    out
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn summary_line(report: &Report) -> String {
    let errors = report.errors().count();
    let checked = report.inputs.len() - errors;
    let mut line = format!(
        "wcaudit: {}, {} in {} checked",
        plural(report.count(Level::Deny), "error"),
        plural(report.count(Level::Warn), "warning"),
        plural(checked, "input"),
    );
    if let Some(baseline) = &report.baseline {
        let _ = write!(
            line,
            "; {} in the baseline",
            plural(baseline.matched, "finding")
        );
        if !baseline.stale.is_empty() {
            let stale = baseline.stale.len();
            let entries = if stale == 1 { "entry" } else { "entries" };
            let _ = write!(line, ", {stale} {entries} stale");
        }
    }
    let folded = report.folded().count();
    if folded > 0 {
        let _ = write!(
            line,
            "; {} about other code than the program's folded",
            plural(folded, "finding")
        );
    }
    let suppressed = report.suppressed().count();
    if suppressed > 0 {
        let _ = write!(
            line,
            "; {} suppressed by configuration",
            plural(suppressed, "finding")
        );
    }
    if errors > 0 {
        let _ = write!(line, "; {} could not be read", plural(errors, "input"));
    }
    line
}

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<String>>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text(&self.finding.message))
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", text(&self.finding.message))?;
        if let Location::Binary {
            file,
            component_path,
            offset,
        } = &self.finding.location
        {
            write!(f, "\n  --> {}", text(file))?;
            if let Some(offset) = offset {
                write!(f, " @ {offset:#x}")?;
            }
            if !component_path.is_empty() {
                write!(f, " in {}", text(&component_path.join(" › ")))?;
            }
        }
        if let Some(Location::Binary {
            file,
            offset,
            component_path,
        }) = &self.finding.related
        {
            write!(f, "\n  in: {}", text(file))?;
            if let Some(offset) = offset {
                write!(f, " @ {offset:#x}")?;
            }
            if !component_path.is_empty() {
                write!(f, " in {}", text(&component_path.join(" › ")))?;
            }
        }
        if !self.finding.path.is_empty() {
            let steps = super::path_steps(&self.finding.path, &self.finding.path_origins, |s| {
                text(s).into_owned()
            });
            write!(f, "\n  path: {}", steps.join("\n     → "))?;
        }
        for note in &self.finding.notes {
            write!(f, "\n  note: {}", text(note))?;
        }
        Ok(())
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let origin = self.finding.origin;
        Some(Box::new(format!(
            "{}[{}] {} · {}",
            match self.finding.level {
                Level::Deny => "error",
                Level::Warn => "warning",
                // A finding its rule caps below a warning.
                Level::Allow => "note",
            },
            self.finding.rule.id,
            self.finding.rule.name,
            super::origin_label(origin)
        )))
    }

    fn severity(&self) -> Option<Severity> {
        Some(match self.finding.level {
            Level::Deny => Severity::Error,
            Level::Warn => Severity::Warning,
            Level::Allow => Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(text(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        match (&self.finding.location, &self.source) {
            (Location::Text { range, .. }, Some(_)) => Some(Box::new(std::iter::once(
                LabeledSpan::new_primary_with_span(
                    Some(self.finding.rule.name.to_string()),
                    (range.start, range.len().max(1)),
                ),
            ))),
            _ => None,
        }
    }
}
