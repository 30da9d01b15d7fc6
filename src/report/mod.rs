//! Report: renders audit results for people (miette diagnostics), machines
//! (JSON), GitHub code scanning (SARIF) and workflow annotations, plus the
//! `imports` table and the `graph` drawings.

mod artifacts;
pub(crate) mod baseline;
pub(crate) mod diff_view;
mod github;
pub(crate) mod grants_view;
pub(crate) mod graph_view;
mod human;
pub(crate) mod imports_view;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod p3_view;
#[cfg(feature = "replay")]
pub(crate) mod replay_view;
mod sarif;

use crate::facts::origin::{Origin, OriginKind};
use crate::load::InputError;
use crate::rules::{Finding, Level};

pub(crate) use human::ColorChoice;

/// The audit of one input.
pub(crate) struct InputReport {
    pub(crate) file: String,
    pub(crate) outcome: Result<Summary, InputError>,
    pub(crate) findings: Vec<Finding>,
    /// Findings a `[[suppress]]` entry covers, with its reason: counted in
    /// every report, never silently dropped.
    pub(crate) suppressed: Vec<(Finding, String)>,
    /// Findings about code that is not the program's, folded by default:
    /// counted and summed up per origin and rule in every report.
    pub(crate) folded: Vec<Finding>,
    /// Whose findings to show instead of folding (`--show`, else the
    /// configuration's `[output] show`).
    pub(crate) show: Vec<Show>,
}

/// Whose findings to show instead of folding them (`--show`): the
/// program's always are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Show {
    /// Language runtimes, standard libraries and interpreter engines.
    Runtime,
    /// The preview1 adapter.
    Adapter,
    /// Toolchain-generated glue.
    Glue,
    /// Everything.
    All,
}

impl Show {
    pub(crate) const ALL: &[Show] = &[Show::Runtime, Show::Adapter, Show::Glue, Show::All];

    /// The name `--show` and `[output] show` take.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Show::Runtime => "runtime",
            Show::Adapter => "adapter",
            Show::Glue => "glue",
            Show::All => "all",
        }
    }

    fn covers(self, kind: OriginKind) -> bool {
        match self {
            Show::Runtime => kind == OriginKind::Runtime,
            Show::Adapter => kind == OriginKind::Adapter,
            Show::Glue => kind == OriginKind::Glue,
            Show::All => true,
        }
    }
}

/// The `--show` value that brings back the findings of an origin kind.
pub(crate) fn show_flag(kind: OriginKind) -> &'static str {
    match kind {
        OriginKind::Runtime => Show::Runtime.as_str(),
        OriginKind::Adapter => Show::Adapter.as_str(),
        OriginKind::Glue => Show::Glue.as_str(),
        OriginKind::Program => Show::All.as_str(),
    }
}

/// How reports name an origin in one word or two: `program`,
/// `runtime: Go runtime`.
pub(crate) fn origin_label(origin: Origin) -> String {
    if origin.is_program() {
        origin.kind.as_str().to_string()
    } else {
        format!("{}: {}", origin.kind.as_str(), origin.name)
    }
}

/// A path's steps as text, each step where the code stops being the
/// program's (or changes hands again) marked with whose it now is
/// (`module main: runtime.main · runtime: Go runtime`), so a reader sees
/// where the path leaves the program. `escape` is applied to each label
/// before it is marked.
pub(crate) fn path_steps(
    path: &[String],
    origins: &[Option<Origin>],
    escape: impl Fn(&str) -> String,
) -> Vec<String> {
    // A path starts at an export, which is the program's to answer for.
    let mut last = Origin::PROGRAM;
    path.iter()
        .enumerate()
        .map(|(i, step)| {
            let mut shown = escape(step);
            if let Some(origin) = origins.get(i).copied().flatten() {
                if last != origin {
                    shown.push_str(" · ");
                    shown.push_str(&origin_label(origin));
                }
                last = origin;
            }
            shown
        })
        .collect()
}

/// The folded findings of one origin and rule.
pub(crate) struct FoldedGroup<'a> {
    pub(crate) origin: Origin,
    pub(crate) rule: &'static crate::rules::RuleMeta,
    pub(crate) findings: Vec<&'a Finding>,
}

/// Whether a finding may be folded: it is about code that is not the
/// program's, and it is advice. What gates (policy findings, anything at
/// deny) and what says the analysis was wrong (replay) never folds.
fn foldable(finding: &Finding) -> bool {
    !finding.origin.is_program()
        && finding.level == Level::Warn
        && !matches!(
            finding.rule.category,
            crate::rules::Category::Policy | crate::rules::Category::Replay
        )
}

impl InputReport {
    /// Folds the findings about code that is not the program's, but for
    /// the origins `show` names.
    pub(crate) fn fold(&mut self) {
        let show = &self.show;
        let (folded, kept): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut self.findings)
            .into_iter()
            .partition(|f| foldable(f) && !show.iter().any(|s| s.covers(f.origin.kind)));
        self.findings = kept;
        self.folded = folded;
    }

    /// The folded findings, grouped per origin and rule, in origin order.
    pub(crate) fn folded_groups(&self) -> Vec<FoldedGroup<'_>> {
        let mut groups: Vec<FoldedGroup<'_>> = Vec::new();
        for finding in &self.folded {
            match groups
                .iter_mut()
                .find(|g| g.origin == finding.origin && std::ptr::eq(g.rule, finding.rule))
            {
                Some(group) => group.findings.push(finding),
                None => groups.push(FoldedGroup {
                    origin: finding.origin,
                    rule: finding.rule,
                    findings: vec![finding],
                }),
            }
        }
        groups.sort_by(|a, b| (a.origin, a.rule.id).cmp(&(b.origin, b.rule.id)));
        groups
    }
}

/// What an input is, in a few numbers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Summary {
    /// `component`, `core-module` or `wit`.
    pub(crate) kind: &'static str,
    pub(crate) size: usize,
    pub(crate) components: usize,
    pub(crate) modules: usize,
    pub(crate) max_depth: u32,
    pub(crate) imports: usize,
    pub(crate) exports: usize,
    pub(crate) world: Option<String>,
    pub(crate) producers: Vec<String>,
    pub(crate) features: Vec<&'static str>,
    /// Embedded language runtimes (interpreters).
    pub(crate) runtimes: Vec<String>,
    pub(crate) capabilities: Vec<CapabilitySummary>,
    /// Exported functions, those that reach no capability included.
    pub(crate) entry_points: Vec<String>,
    pub(crate) notes: Vec<String>,
    /// How `check --replay` went, and the statically indeterminate
    /// imports it saw called.
    pub(crate) replay: Vec<String>,
    /// Why `check --replay` could not run this component at all (an entry
    /// point it lacks, arguments that do not fit it).
    pub(crate) replay_refused: Option<String>,
    /// The guest program read from an interpreter component, if any.
    pub(crate) program: Option<ProgramSummary>,
}

/// The guest program of an interpreter component, as reports state it.
#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct ProgramSummary {
    pub(crate) language: &'static str,
    /// `embedded` (read from the component) or `given` (`--program`).
    pub(crate) source: &'static str,
    pub(crate) files: Vec<String>,
    /// Imported functions the program uses, does not use, and of which it
    /// cannot be decided.
    pub(crate) used: usize,
    pub(crate) unused: usize,
    pub(crate) indeterminate: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) notes: Vec<String>,
}

impl ProgramSummary {
    pub(crate) fn of(facts: &crate::facts::Facts) -> Option<ProgramSummary> {
        let program = facts.program.as_ref()?;
        let count = |state: &str| {
            program
                .usage
                .values()
                .filter(|u| u.as_str() == state)
                .count()
        };
        Some(ProgramSummary {
            language: program.language.as_str(),
            source: program.source.as_str(),
            files: program.files.clone(),
            used: count("used"),
            unused: count("unused"),
            indeterminate: count("indeterminate"),
            notes: program.notes.clone(),
        })
    }

    /// One line for people: "javascript program (embedded): uses 5 of 40
    /// imported functions, 30 unused, 5 indeterminate".
    pub(crate) fn line(&self) -> String {
        let total = self.used + self.unused + self.indeterminate;
        format!(
            "{} program ({}{}): uses {} of {total} imported functions, {} unused by it, {} indeterminate",
            self.language,
            self.source,
            if self.files.is_empty() {
                String::new()
            } else {
                format!(", {}", self.files.join(", "))
            },
            self.used,
            self.unused,
            self.indeterminate
        )
    }
}

/// One capability class of one component: what grants it and how it is
/// reached.
#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct CapabilitySummary {
    pub(crate) class: &'static str,
    pub(crate) reach: &'static str,
    pub(crate) interfaces: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) reached_from: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) imported_by: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) runtime_inherited: bool,
    /// Whether the guest program of an interpreter component uses (or may
    /// use) the class, when a program was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) program: Option<bool>,
    /// Whose code uses the capability.
    pub(crate) origin: crate::facts::origin::Origin,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) path: Vec<String>,
    /// `path` with raw name-section symbols, when it shows some demangled.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) raw_path: Vec<String>,
    /// Whose code each step of `path` is (null for exports and imports).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) path_origins: Vec<Option<Origin>>,
}

impl CapabilitySummary {
    /// The reach as every view words it.
    pub(crate) fn reach_word(&self) -> &'static str {
        if self.runtime_inherited {
            crate::facts::capabilities::RUNTIME_REACH
        } else {
            self.reach
        }
    }

    pub(crate) fn of(facts: &crate::facts::Facts) -> Vec<CapabilitySummary> {
        facts
            .capabilities
            .iter()
            .map(|u| CapabilitySummary {
                class: u.class.as_str(),
                reach: u.reach.as_str(),
                interfaces: u.interfaces.clone(),
                reached_from: u.reached_from.clone(),
                imported_by: u.imported_by.iter().cloned().collect(),
                runtime_inherited: u.runtime_inherited,
                program: u.interfaces.iter().try_fold(false, |any, i| {
                    facts.program_uses_interface(i).map(|uses| any || uses)
                }),
                origin: u.origin,
                path: u.path.clone(),
                raw_path: u.raw_path.clone(),
                path_origins: u.path_origins.clone(),
            })
            .collect()
    }
}

/// A whole run.
pub(crate) struct Report {
    pub(crate) inputs: Vec<InputReport>,
    pub(crate) fail_on: Level,
    /// Set when `--baseline` was given.
    pub(crate) baseline: Option<baseline::BaselineOutcome>,
    /// The directory SARIF locations are relative to (`%SRCROOT%`): an
    /// absolute path, so that inputs given by any path resolve the same.
    pub(crate) root: std::path::PathBuf,
}

impl Report {
    pub(crate) fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.inputs.iter().flat_map(|i| i.findings.iter())
    }

    pub(crate) fn errors(&self) -> impl Iterator<Item = &InputError> {
        self.inputs.iter().filter_map(|i| i.outcome.as_ref().err())
    }

    pub(crate) fn folded(&self) -> impl Iterator<Item = &Finding> {
        self.inputs.iter().flat_map(|i| i.folded.iter())
    }

    pub(crate) fn suppressed(&self) -> impl Iterator<Item = &(Finding, String)> {
        self.inputs.iter().flat_map(|i| i.suppressed.iter())
    }

    pub(crate) fn count(&self, level: Level) -> usize {
        self.findings().filter(|f| f.level == level).count()
    }

    /// True when some finding is at or above the fail level.
    pub(crate) fn fails(&self) -> bool {
        self.findings()
            .any(|f| f.level >= self.fail_on && f.level != Level::Allow)
    }
}

/// The formats of `check`'s report; the command line takes these values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    Sarif,
    Github,
    /// For pull-request summaries: tables, findings by severity, and a
    /// Mermaid graph of exports → capabilities.
    Markdown,
}

/// Renders a report in the chosen format.
pub(crate) fn render(report: &Report, format: Format, color: ColorChoice) -> String {
    match format {
        Format::Human => human::render(report, color),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Markdown => markdown::render(report),
    }
}
