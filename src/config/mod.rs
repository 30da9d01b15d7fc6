//! `wcaudit.toml`: the policy a team checks components against. Found
//! from an input's directory upward (like clippy.toml), or named with
//! `--config`. Every key is documented in the README.

use std::path::{Path, PathBuf};

use globset::GlobMatcher;

use crate::report::Show;
use crate::rules::{Level, LevelOverrides, Pattern, Policy};
use crate::wasi::grants::Granted;

mod capabilities;
mod error;
mod parse;
mod targets;

pub(crate) use error::ConfigError;
pub(crate) use parse::parse_text;

pub(crate) const FILE_NAME: &str = "wcaudit.toml";

/// A kind of change `wcaudit diff` reports and can fail on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub(crate) enum DiffChange {
    /// The default: a capability class (or subclass) the base lacked.
    CapabilityGained,
    ImportAdded,
    ReachChanged,
    ExportAdded,
    ExportRemoved,
    TargetChanged,
}

impl DiffChange {
    pub(crate) const ALL: &[DiffChange] = &[
        DiffChange::CapabilityGained,
        DiffChange::ImportAdded,
        DiffChange::ReachChanged,
        DiffChange::ExportAdded,
        DiffChange::ExportRemoved,
        DiffChange::TargetChanged,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DiffChange::CapabilityGained => "capability-gained",
            DiffChange::ImportAdded => "import-added",
            DiffChange::ReachChanged => "reach-changed",
            DiffChange::ExportAdded => "export-added",
            DiffChange::ExportRemoved => "export-removed",
            DiffChange::TargetChanged => "target-changed",
        }
    }
}

/// A loaded configuration: the policy and levels for any input path.
#[derive(Debug, Default)]
pub(crate) struct Config {
    /// Display path of the file, for messages; `None` when no file applies.
    pub(crate) file: Option<String>,
    dir: PathBuf,
    base: Section,
    overrides: Vec<(GlobMatcher, Section)>,
    suppressions: Vec<Suppression>,
    /// `[diff] fail-on`.
    pub(crate) diff_fail_on: Option<Vec<DiffChange>>,
    /// `[output] show`: whose findings `check` shows instead of folding.
    pub(crate) show: Option<Vec<Show>>,
    /// Allow patterns over non-WASI packages, with their spans: each must
    /// match an import of some input, or it is a typo (checked once the
    /// inputs are known).
    custom_allow: Vec<(Pattern, std::ops::Range<usize>)>,
    /// Every path glob (`[[overrides]]` and `[[suppress]]`), with what it
    /// is and its span, to say which match no input of a run.
    path_globs: Vec<(&'static str, String, GlobMatcher, std::ops::Range<usize>)>,
    /// The file's text, for locating errors found after loading.
    text: String,
}

#[derive(Debug, Default, Clone)]
struct Section {
    allow: Vec<Pattern>,
    deny: Vec<Pattern>,
    levels: Vec<(String, Level)>,
    thresholds: Vec<((&'static str, &'static str), i64)>,
    /// `[grants]`: the last section that sets it wins.
    granted: Option<Granted>,
    /// `targets`: the last section that sets it wins.
    target: Option<std::rc::Rc<crate::rules::TargetWorld>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Suppression {
    pub(crate) rule: String,
    path: Option<GlobMatcher>,
    subject: Option<GlobMatcher>,
    pub(crate) reason: String,
}

impl Config {
    /// The policy that applies to `input`: the base section, then every
    /// override whose path glob matches, in file order.
    pub(crate) fn policy_for(&self, input: &Path) -> Policy {
        let relative = self.relative(input);
        let mut policy = Policy {
            file: self.file.clone(),
            ..Policy::default()
        };
        let sections = std::iter::once(&self.base).chain(
            self.overrides
                .iter()
                .filter(|(glob, _)| relative.as_deref().is_some_and(|r| glob.is_match(r)))
                .map(|(_, s)| s),
        );
        for section in sections {
            policy.allow.extend(section.allow.iter().cloned());
            policy.deny.extend(section.deny.iter().cloned());
            policy.thresholds.extend(section.thresholds.iter().copied());
            if section.granted.is_some() {
                policy.granted.clone_from(&section.granted);
            }
            if section.target.is_some() {
                policy.target.clone_from(&section.target);
            }
        }
        policy
    }

    /// Rule levels from the file for `input`, in file order; the command
    /// line's `-A/-W/-D` are applied after these.
    pub(crate) fn levels_for(
        &self,
        input: &Path,
        overrides: &mut LevelOverrides,
    ) -> Result<(), String> {
        let relative = self.relative(input);
        let sections = std::iter::once(&self.base).chain(
            self.overrides
                .iter()
                .filter(|(glob, _)| relative.as_deref().is_some_and(|r| glob.is_match(r)))
                .map(|(_, s)| s),
        );
        for section in sections {
            for (selector, level) in &section.levels {
                overrides.push(selector, *level)?;
            }
        }
        Ok(())
    }

    /// Warnings for path globs that match none of `inputs` (the inputs of
    /// a run this configuration applies to): a misspelt directory would
    /// otherwise make an override or a suppression do nothing, silently.
    pub(crate) fn unmatched_paths(&self, inputs: &[PathBuf]) -> Vec<String> {
        let relative: Vec<String> = inputs.iter().filter_map(|i| self.relative(i)).collect();
        self.path_globs
            .iter()
            .filter(|(_, _, glob, _)| !relative.iter().any(|r| glob.is_match(r)))
            .map(|(what, text, _, span)| {
                let located = ConfigError {
                    file: self.file.clone().unwrap_or_default(),
                    text: self.text.clone(),
                    span: Some(span.clone()),
                    message: format!("{what} path `{text}` matches no input of this run"),
                };
                located.render().replacen("error:", "warning:", 1)
            })
            .collect()
    }

    /// The suppression that covers a finding, if any.
    pub(crate) fn suppression(
        &self,
        input: &Path,
        rule_id: &str,
        rule_name: &str,
        subject: &str,
    ) -> Option<&Suppression> {
        let relative = self.relative(input);
        self.suppressions.iter().find(|s| {
            (s.rule == rule_id || s.rule == rule_name)
                && s.path
                    .as_ref()
                    .is_none_or(|p| relative.as_deref().is_some_and(|r| p.is_match(r)))
                && s.subject.as_ref().is_none_or(|p| p.is_match(subject))
        })
    }

    /// `input` relative to the configuration's directory, with `/`.
    fn relative(&self, input: &Path) -> Option<String> {
        let absolute = std::fs::canonicalize(input).ok()?;
        let dir = std::fs::canonicalize(&self.dir).ok()?;
        let relative = absolute.strip_prefix(dir).ok()?;
        Some(
            relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }
}

/// The nearest `wcaudit.toml` in `start` or a parent directory.
pub(crate) fn discover(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Reads and checks a configuration file.
pub(crate) fn load(path: &Path) -> Result<Config, ConfigError> {
    let file = crate::load::display_path(path);
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: file.clone(),
        text: String::new(),
        span: None,
        message: format!("cannot read: {e}"),
    })?;
    parse_text(&file, path.parent().unwrap_or(Path::new(".")), &text)
}

#[cfg(test)]
mod tests;
