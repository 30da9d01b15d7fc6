//! The JSON report. Its schema is documented in the README; `version`
//! changes whenever a field changes meaning or goes away.

use serde::Serialize;

use crate::facts::origin::Origin;

use super::{Report, Summary};
use crate::rules::{Finding, Location};

pub(crate) const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    inputs: Vec<JsonInput<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stale_baseline: Option<&'a [super::baseline::Entry]>,
    /// Why a baseline that matched none of its entries is suspect.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_warning: Option<&'a str>,
    totals: Totals,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Totals {
    inputs: usize,
    input_errors: usize,
    deny: usize,
    warn: usize,
    suppressed: usize,
    folded: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    failed: bool,
}

#[derive(Serialize)]
struct JsonInput<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<JsonError<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<JsonSummary<'a>>,
    findings: Vec<JsonFinding<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressed: Vec<JsonSuppressed<'a>>,
    /// Findings about code that is not the program's, per origin and rule.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    folded: Vec<JsonFolded<'a>>,
}

#[derive(Serialize)]
struct JsonFolded<'a> {
    origin: Origin,
    rule_id: &'static str,
    rule: &'static str,
    count: usize,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    #[serde(flatten)]
    finding: JsonFinding<'a>,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonError<'a> {
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    kind: &'static str,
    size: usize,
    components: usize,
    modules: usize,
    max_depth: u32,
    imports: usize,
    exports: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    world: Option<&'a str>,
    producers: &'a [String],
    features: &'a [&'static str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    runtimes: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    capabilities: &'a [super::CapabilitySummary],
    notes: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    replay: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    program: Option<&'a super::ProgramSummary>,
}

#[derive(Serialize)]
pub(crate) struct JsonFinding<'a> {
    rule_id: &'static str,
    rule: &'static str,
    category: &'static str,
    level: &'static str,
    message: &'a str,
    location: JsonLocation<'a>,
    /// The binary location of a finding anchored to WIT with `--wit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    related_location: Option<JsonLocation<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    path: &'a [String],
    /// `path` with raw name-section symbols, when it shows some demangled.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    raw_path: &'a [String],
    /// Whose code each step of `path` is: an origin, or null for exports
    /// and imports.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    path_origins: &'a [Option<crate::facts::origin::Origin>],
    /// The raw symbol of the function the message names, when the message
    /// shows it demangled.
    #[serde(skip_serializing_if = "Option::is_none")]
    symbol: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    capability: Option<&'static str>,
    /// `reached`, `reached-indirectly`, `indeterminate` or `unreachable`,
    /// for findings about an import or a capability.
    #[serde(skip_serializing_if = "Option::is_none")]
    reach: Option<&'static str>,
    /// Only an embedded language runtime calls it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    runtime_inherited: bool,
    /// What `check --replay` measured for the finding's import.
    #[serde(skip_serializing_if = "Option::is_none")]
    replay: Option<JsonMeasured<'a>>,
    /// Whose code the finding is about.
    origin: Origin,
    fingerprint: String,
}

#[derive(Serialize)]
pub(crate) struct JsonMeasured<'a> {
    entry: &'a str,
    invocations: usize,
    calls_per_invocation: f64,
    min: u64,
    max: u64,
}

pub(crate) fn measured(m: &crate::rules::Measured) -> JsonMeasured<'_> {
    JsonMeasured {
        entry: &m.entry,
        invocations: m.invocations,
        calls_per_invocation: m.calls.per_invocation,
        min: m.calls.min,
        max: m.calls.max,
    }
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    component_path: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

fn location(location: &Location) -> JsonLocation<'_> {
    match location {
        Location::Binary {
            file,
            component_path,
            offset,
        } => JsonLocation {
            file,
            component_path: Some(component_path),
            byte_offset: *offset,
            line: None,
            column: None,
        },
        Location::Text {
            file,
            line,
            column,
            range,
        } => JsonLocation {
            file,
            component_path: None,
            byte_offset: Some(range.start),
            line: Some(*line),
            column: Some(*column),
        },
    }
}

impl JsonFinding<'_> {
    /// `level[ID] name: message`.
    pub(crate) fn one_line(&self) -> String {
        let level = if self.level == "deny" {
            "error"
        } else {
            "warning"
        };
        format!("{level}[{}] {}: {}", self.rule_id, self.rule, self.message)
    }
}

pub(crate) fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule_id: f.rule.id,
        rule: f.rule.name,
        category: f.rule.category.as_str(),
        level: f.level.as_str(),
        message: &f.message,
        location: location(&f.location),
        related_location: f.related.as_ref().map(location),
        path: &f.path,
        raw_path: &f.raw_path,
        path_origins: &f.path_origins,
        symbol: f.symbol.as_deref(),
        notes: &f.notes,
        help: f.help.as_deref(),
        capability: f.capability,
        reach: f.reach.map(|r| r.reach.as_str()),
        runtime_inherited: f.reach.is_some_and(|r| r.runtime),
        replay: f.measured.as_ref().map(measured),
        origin: f.origin,
        fingerprint: f.fingerprint(),
    }
}

fn summary(s: &Summary) -> JsonSummary<'_> {
    JsonSummary {
        kind: s.kind,
        size: s.size,
        components: s.components,
        modules: s.modules,
        max_depth: s.max_depth,
        imports: s.imports,
        exports: s.exports,
        world: s.world.as_deref(),
        producers: &s.producers,
        features: &s.features,
        runtimes: &s.runtimes,
        capabilities: &s.capabilities,
        notes: &s.notes,
        replay: &s.replay,
        program: s.program.as_ref(),
    }
}

pub(super) fn render(report: &Report) -> String {
    let inputs = report
        .inputs
        .iter()
        .map(|input| JsonInput {
            file: &input.file,
            error: input.outcome.as_ref().err().map(|e| JsonError {
                message: &e.message,
                byte_offset: e.offset,
                line: e.line_col.map(|(l, _)| l),
                column: e.line_col.map(|(_, c)| c),
            }),
            summary: input.outcome.as_ref().ok().map(summary),
            findings: input.findings.iter().map(finding).collect(),
            suppressed: input
                .suppressed
                .iter()
                .map(|(f, reason)| JsonSuppressed {
                    finding: finding(f),
                    reason,
                })
                .collect(),
            folded: input
                .folded_groups()
                .into_iter()
                .map(|group| JsonFolded {
                    origin: group.origin,
                    rule_id: group.rule.id,
                    rule: group.rule.name,
                    count: group.findings.len(),
                    findings: group.findings.into_iter().map(finding).collect(),
                })
                .collect(),
        })
        .collect();
    let json = JsonReport {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "wcaudit",
            version: env!("CARGO_PKG_VERSION"),
        },
        inputs,
        stale_baseline: report.baseline.as_ref().map(|b| b.stale.as_slice()),
        baseline_warning: report
            .baseline
            .as_ref()
            .and_then(|b| b.matched_nothing.as_deref()),
        totals: Totals {
            inputs: report.inputs.len(),
            input_errors: report.errors().count(),
            deny: report.count(crate::rules::Level::Deny),
            warn: report.count(crate::rules::Level::Warn),
            suppressed: report.suppressed().count(),
            folded: report.folded().count(),
            baselined: report.baseline.as_ref().map(|b| b.matched),
            failed: report.fails(),
        },
    };
    let mut text =
        crate::untrusted::json(serde_json::to_string_pretty(&json).expect("report serializes"));
    text.push('\n');
    text
}
