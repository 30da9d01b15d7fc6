//! Baselines: the findings a team has accepted for now. `wcaudit baseline`
//! writes them; `check --baseline` reports only findings not in it and
//! lists entries that no longer match. Entries are keyed by fingerprint
//! (rule, file, subject), which does not change when unrelated parts of a
//! component do. Files are named relative to the baseline's own
//! directory, so the same files match from any working directory.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::InputReport;

/// Version 2 names files relative to the baseline's directory; version 1
/// named them as given on the command line, which is read as relative to
/// the working directory.
const VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    /// Relative to the baseline file's directory.
    pub(crate) file: String,
    pub(crate) rule: String,
    pub(crate) subject: String,
    pub(crate) fingerprint: String,
    /// The message when recorded, for people reading the file.
    pub(crate) message: String,
}

pub(crate) struct Baseline {
    entries: Vec<Entry>,
    /// The baseline file's directory, which entries' files are relative to.
    dir: PathBuf,
    /// The file, for messages.
    shown: String,
}

/// What applying a baseline did.
#[derive(Debug, Default)]
pub(crate) struct BaselineOutcome {
    /// Current findings the baseline already records.
    pub(crate) matched: usize,
    /// Entries for audited files that match no current finding.
    pub(crate) stale: Vec<Entry>,
    /// Set when the baseline has entries and matched none of them: most
    /// likely its paths do not name these inputs (moved, or a different
    /// root), which a gate must not take silently.
    pub(crate) matched_nothing: Option<String>,
}

/// The directory a baseline file's entries are relative to.
fn dir_of(baseline: &Path) -> PathBuf {
    crate::load::absolute_lexical(baseline.parent().unwrap_or(Path::new(".")))
}

/// The baseline of a run's findings, to be written at `path`, as JSON,
/// sorted.
pub(crate) fn write(inputs: &[InputReport], path: &Path) -> String {
    let dir = dir_of(path);
    let mut findings: Vec<Entry> = inputs
        .iter()
        .flat_map(|i| i.findings.iter())
        .map(|f| {
            let file = crate::load::relative_to(&dir, Path::new(f.file()));
            Entry {
                fingerprint: f.fingerprint_in(&file),
                file,
                rule: f.rule.id.to_string(),
                subject: f.subject.clone(),
                message: f.message.clone(),
            }
        })
        .collect();
    findings.sort();
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let mut text = crate::untrusted::json(
        serde_json::to_string_pretty(&BaselineFile {
            version: VERSION,
            findings,
        })
        .expect("baseline serializes"),
    );
    text.push('\n');
    text
}

pub(crate) fn read(path: &Path) -> Result<Baseline, String> {
    let shown = crate::load::display_path(path);
    let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{shown}:{}:{}: not a wcaudit baseline: {e}",
            e.line(),
            e.column()
        )
    })?;
    let dir = dir_of(path);
    let entries = match file.version {
        VERSION => file.findings,
        // Files as given on the command line: relative to where it ran,
        // taken to be here.
        1 => file
            .findings
            .into_iter()
            .map(|mut entry| {
                let fingerprint_v1 = entry.fingerprint.clone();
                entry.file = crate::load::relative_to(&dir, Path::new(&entry.file));
                entry.fingerprint = rehash(&entry, &fingerprint_v1);
                entry
            })
            .collect(),
        other => {
            return Err(format!(
                "{shown}: baseline version {other} is not supported (expected {VERSION} or 1)"
            ));
        }
    };
    Ok(Baseline {
        entries,
        dir,
        shown,
    })
}

/// An entry's fingerprint for its (new) file: rule id, file and subject,
/// as `Finding::fingerprint_in` computes it. Entries whose rule is no
/// longer known keep the old one, which matches nothing.
fn rehash(entry: &Entry, old: &str) -> String {
    match crate::rules::find(&entry.rule) {
        Some(rule) => crate::rules::Finding::new(
            rule,
            crate::rules::Location::Binary {
                file: entry.file.clone(),
                component_path: Vec::new(),
                offset: None,
            },
            entry.subject.clone(),
            String::new(),
        )
        .fingerprint(),
        None => old.to_string(),
    }
}

impl Baseline {
    /// Removes recorded findings from `inputs`; reports how many, and which
    /// entries for the audited files matched nothing.
    pub(crate) fn apply(self, inputs: &mut [InputReport]) -> BaselineOutcome {
        let recorded: BTreeSet<&str> = self
            .entries
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut matched = 0;
        let relative = |file: &str| crate::load::relative_to(&self.dir, Path::new(file));
        for input in inputs.iter_mut() {
            input.findings.retain(|f| {
                let fingerprint = f.fingerprint_in(&relative(f.file()));
                if recorded.contains(fingerprint.as_str()) {
                    seen.insert(fingerprint);
                    matched += 1;
                    false
                } else {
                    true
                }
            });
        }
        let audited: BTreeSet<String> = inputs.iter().map(|i| relative(&i.file)).collect();
        let stale = self
            .entries
            .iter()
            .filter(|e| audited.contains(&e.file) && !seen.contains(&e.fingerprint))
            .cloned()
            .collect();
        let matched_nothing = (matched == 0 && !self.entries.is_empty()).then(|| {
            let files: BTreeSet<&str> = self.entries.iter().map(|e| e.file.as_str()).collect();
            let named: Vec<&str> = files.iter().take(3).copied().collect();
            format!(
                "baseline {} matched none of its {} entries: they name {}{} relative to {}; check that the inputs are the files it was made for",
                self.shown,
                self.entries.len(),
                named.join(", "),
                if files.len() > named.len() { ", …" } else { "" },
                crate::load::display_path(&self.dir),
            )
        });
        BaselineOutcome {
            matched,
            stale,
            matched_nothing,
        }
    }
}
