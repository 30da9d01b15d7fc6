//! Baselines: the findings a team has accepted for now. `wcaudit baseline`
//! writes them; `check --baseline` reports only findings not in it and
//! lists entries that no longer match. Entries are keyed by fingerprint
//! (rule, file, subject), which does not change when unrelated parts of a
//! component do.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::InputReport;

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub(crate) file: String,
    pub(crate) rule: String,
    pub(crate) subject: String,
    pub(crate) fingerprint: String,
    /// The message when recorded, for people reading the file.
    pub(crate) message: String,
}

pub(crate) struct Baseline {
    entries: Vec<Entry>,
}

/// What applying a baseline did.
#[derive(Debug, Default)]
pub(crate) struct BaselineOutcome {
    /// Current findings the baseline already records.
    pub(crate) matched: usize,
    /// Entries for audited files that match no current finding.
    pub(crate) stale: Vec<Entry>,
}

/// The baseline of a run's findings, as JSON, sorted.
pub(crate) fn write(inputs: &[InputReport]) -> String {
    let mut findings: Vec<Entry> = inputs
        .iter()
        .flat_map(|i| i.findings.iter())
        .map(|f| Entry {
            file: f.location.file().to_string(),
            rule: f.rule.id.to_string(),
            subject: f.subject.clone(),
            fingerprint: f.fingerprint(),
            message: f.message.clone(),
        })
        .collect();
    findings.sort();
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let mut text = serde_json::to_string_pretty(&BaselineFile {
        version: VERSION,
        findings,
    })
    .expect("baseline serializes");
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
    if file.version != VERSION {
        return Err(format!(
            "{shown}: baseline version {} is not supported (expected {VERSION})",
            file.version
        ));
    }
    Ok(Baseline {
        entries: file.findings,
    })
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
        for input in inputs.iter_mut() {
            input.findings.retain(|f| {
                let fingerprint = f.fingerprint();
                if recorded.contains(fingerprint.as_str()) {
                    seen.insert(fingerprint);
                    matched += 1;
                    false
                } else {
                    true
                }
            });
        }
        let audited: BTreeSet<&str> = inputs.iter().map(|i| i.file.as_str()).collect();
        let stale = self
            .entries
            .iter()
            .filter(|e| audited.contains(e.file.as_str()) && !seen.contains(&e.fingerprint))
            .cloned()
            .collect();
        BaselineOutcome { matched, stale }
    }
}
