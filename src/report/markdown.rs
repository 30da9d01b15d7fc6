//! Markdown for pull-request summaries (`$GITHUB_STEP_SUMMARY`): a table
//! per input, findings by severity, and a Mermaid graph of exports →
//! capability classes, which GitHub renders.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{CapabilitySummary, Report};
use crate::rules::{Finding, Level, Location};
use crate::untrusted::{self, code};

/// Findings listed per severity; past this the summary says how many more,
/// keeping it far below GitHub's 1 MiB step-summary limit.
const LISTED: usize = 100;

/// Findings listed per rule and file before the rest are counted.
const PER_RULE: usize = 5;

/// Exports drawn per graph; the rest are one "and N more" node.
const EXPORTS_DRAWN: usize = 12;

/// Interfaces named in a capability node; the rest are counted.
const INTERFACES_NAMED: usize = 3;

pub(crate) fn render(report: &Report) -> String {
    let mut out = String::from("## wcaudit\n\n");
    let _ = writeln!(
        out,
        "**{}** error{}, **{}** warning{} in {} input{}{}\n",
        report.count(Level::Deny),
        if report.count(Level::Deny) == 1 {
            ""
        } else {
            "s"
        },
        report.count(Level::Warn),
        if report.count(Level::Warn) == 1 {
            ""
        } else {
            "s"
        },
        report.inputs.len(),
        if report.inputs.len() == 1 { "" } else { "s" },
        match report.suppressed().count() {
            0 => String::new(),
            n => format!(" ({n} suppressed)"),
        }
    );
    out.push_str(
        "| input | kind | errors | warnings | folded | capabilities |\n|---|---|---|---|---|---|\n",
    );
    for input in &report.inputs {
        let count = |level| input.findings.iter().filter(|f| f.level == level).count();
        match &input.outcome {
            Ok(summary) => {
                let classes: Vec<String> = summary
                    .capabilities
                    .iter()
                    .filter(|c| c.class != "support")
                    .map(|c| format!("{} ({})", c.class, c.reach_word()))
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    code(&input.file),
                    summary.kind,
                    count(Level::Deny),
                    count(Level::Warn),
                    input.folded.len(),
                    if classes.is_empty() {
                        "none".to_string()
                    } else {
                        classes.join(", ")
                    }
                );
            }
            Err(error) => {
                let _ = writeln!(
                    out,
                    "| {} | unreadable: {} | | | | |",
                    code(&input.file),
                    cell(&error.to_string())
                );
            }
        }
    }
    for (title, level) in [("Errors", Level::Deny), ("Warnings", Level::Warn)] {
        let findings: Vec<&Finding> = report.findings().filter(|f| f.level == level).collect();
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {title} ({})\n", findings.len());
        // Never a wall of one rule: a few per rule and file, then a count.
        let mut per_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut listed = 0;
        for finding in &findings {
            let seen = per_rule
                .entry((finding.location.file(), finding.rule.id))
                .or_default();
            *seen += 1;
            if *seen > PER_RULE || listed >= LISTED {
                continue;
            }
            listed += 1;
            let origin = if finding.origin.is_program() {
                String::new()
            } else {
                format!(" ({})", finding.origin.name)
            };
            let _ = writeln!(
                out,
                "- **{} {}**{origin} {}: {}",
                finding.rule.id,
                finding.rule.name,
                location(&finding.location),
                inline(&finding.message)
            );
        }
        for ((file, rule), count) in &per_rule {
            if *count > PER_RULE {
                let _ = writeln!(
                    out,
                    "- … and {} more {rule} in {}",
                    count - PER_RULE,
                    code(file)
                );
            }
        }
        if findings.len()
            > listed
                + per_rule
                    .values()
                    .map(|c| c.saturating_sub(PER_RULE))
                    .sum::<usize>()
        {
            let _ = writeln!(
                out,
                "- … and more: the JSON or SARIF report lists every finding"
            );
        }
    }
    let folded: Vec<&super::InputReport> = report
        .inputs
        .iter()
        .filter(|i| !i.folded.is_empty())
        .collect();
    if !folded.is_empty() {
        let _ = writeln!(
            out,
            "\n### Folded: about code that is not the program's ({})\n",
            report.folded().count()
        );
        for input in folded {
            let groups: Vec<String> = input
                .folded_groups()
                .iter()
                .map(|g| {
                    format!(
                        "{} ({}): {} {}",
                        g.origin.name,
                        g.origin.kind.as_str(),
                        g.findings.len(),
                        g.rule.name
                    )
                })
                .collect();
            let _ = writeln!(out, "- {}: {}", code(&input.file), groups.join("; "));
        }
        out.push_str("\n`wcaudit check --show runtime,adapter,glue` lists them.\n");
    }
    for input in &report.inputs {
        let Ok(summary) = &input.outcome else {
            continue;
        };
        if summary.capabilities.iter().all(|c| c.class == "support") {
            continue;
        }
        let _ = writeln!(out, "\n### {}: exports → capabilities\n", code(&input.file));
        out.push_str(&mermaid(&summary.capabilities, &summary.entry_points, &[]));
    }
    out
}

fn location(location: &Location) -> String {
    match location {
        Location::Binary { file, offset, .. } => match offset {
            Some(offset) => format!("{} @ {offset:#x}", code(file)),
            None => code(file),
        },
        Location::Text { file, line, .. } => code(&format!("{file}:{line}")),
    }
}

/// A finding's message or an error inside a Markdown line or table cell.
fn inline(text: &str) -> String {
    untrusted::markdown(text)
}

fn cell(text: &str) -> String {
    inline(text)
}

/// A label for a Mermaid node, in quotes, from text already made safe
/// with `untrusted::mermaid` (so that the label may hold `<br/>`).
fn label(safe: &str) -> String {
    format!("\"{safe}\"")
}

/// The graph of exports → capability classes. Classes stand for their
/// interfaces (named up to a few), so a component with hundreds of
/// imports still draws a handful of nodes. Exports that reach no
/// capability are drawn too, after those that do. Classes in `gained` are
/// outlined as new.
pub(crate) fn mermaid(
    capabilities: &[CapabilitySummary],
    entry_points: &[String],
    gained: &[String],
) -> String {
    let mut out = String::from("```mermaid\nflowchart LR\n");
    let mut exports: BTreeMap<&str, usize> = BTreeMap::new();
    let reaching = capabilities.iter().flat_map(|c| c.reached_from.iter());
    for export in reaching.chain(entry_points) {
        let next = exports.len();
        exports.entry(export.as_str()).or_insert(next);
    }
    let mut order: Vec<(&str, usize)> = exports.iter().map(|(e, i)| (*e, *i)).collect();
    order.sort_by_key(|(_, i)| *i);
    let hidden = order.len().saturating_sub(EXPORTS_DRAWN);
    for (export, index) in order.iter().take(EXPORTS_DRAWN) {
        let _ = writeln!(out, "  e{index}[{}]", label(&untrusted::mermaid(export)));
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "  more[{}]",
            label(&format!("… and {hidden} more exports"))
        );
    }
    // What only an interpreter's engine may reach is one node: the graph
    // cannot say which export needs which of it. When the guest program
    // was read, the classes it uses are drawn as the program's, and the
    // node holds what the engine alone may call.
    let engine_only = |c: &&CapabilitySummary| c.runtime_inherited && c.program != Some(true);
    let inherited: Vec<&CapabilitySummary> = capabilities
        .iter()
        .filter(|c| c.class != "support")
        .filter(engine_only)
        .collect();
    if !inherited.is_empty() {
        let classes: Vec<&str> = inherited.iter().map(|c| c.class).collect();
        let read = inherited.iter().any(|c| c.program.is_some());
        let _ = writeln!(
            out,
            "  rt[{}]",
            label(&if read {
                format!(
                    "engine only (the program never uses): {}",
                    classes.join(", ")
                )
            } else {
                format!(
                    "runtime-inherited: {}<br/>replay to confirm",
                    classes.join(", ")
                )
            })
        );
        let mut from: Vec<usize> = inherited
            .iter()
            .flat_map(|c| c.reached_from.iter())
            .map(|e| exports[e.as_str()])
            .filter(|i| order.iter().take(EXPORTS_DRAWN).any(|(_, o)| o == i))
            .collect();
        from.sort_unstable();
        from.dedup();
        for index in from {
            let _ = writeln!(out, "  e{index} -.-> rt");
        }
    }
    for (n, capability) in capabilities
        .iter()
        .filter(|c| c.class != "support" && !engine_only(c))
        .enumerate()
    {
        let mut named: Vec<String> = capability
            .interfaces
            .iter()
            .take(INTERFACES_NAMED)
            .map(|i| untrusted::mermaid(i))
            .collect();
        let more = capability.interfaces.len().saturating_sub(INTERFACES_NAMED);
        let extra = if more > 0 {
            format!(", +{more} more")
        } else {
            String::new()
        };
        if named.is_empty() {
            named.push("(exported handler)".to_string());
        }
        let _ = writeln!(
            out,
            "  c{n}[{}]",
            label(&format!(
                "{} ({})<br/>{}{extra}",
                capability.class,
                if capability.program == Some(true) {
                    "used by the program"
                } else {
                    capability.reach_word()
                },
                named.join(", ")
            ))
        );
        if capability.reach == "unreachable" {
            let _ = writeln!(out, "  class c{n} unreachable");
        }
        // Gains are named at the finest level (`network.sockets`); the
        // graph draws classes.
        let class_of = |g: &str| g.split_once('.').map_or(g, |(class, _)| class).to_string();
        if gained.iter().any(|g| class_of(g) == capability.class) {
            let _ = writeln!(out, "  class c{n} gained");
        }
        let mut linked_more = false;
        for export in &capability.reached_from {
            let index = exports[export.as_str()];
            if order
                .iter()
                .position(|(_, i)| *i == index)
                .unwrap_or(usize::MAX)
                < EXPORTS_DRAWN
            {
                let arrow = if capability.reach == "reached" || capability.program == Some(true) {
                    "-->"
                } else {
                    "-.->"
                };
                let _ = writeln!(out, "  e{index} {arrow} c{n}");
            } else if !linked_more {
                let _ = writeln!(out, "  more -.-> c{n}");
                linked_more = true;
            }
        }
    }
    out.push_str("  classDef unreachable stroke-dasharray: 5 5\n");
    if !gained.is_empty() {
        out.push_str("  classDef gained stroke:#d73a49,stroke-width:3px\n");
    }
    out.push_str("```\n");
    out
}
