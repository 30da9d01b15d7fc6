//! What every rule test shares: audit an input in-process (the library
//! pipeline, not the command line) and render one rule's findings as a
//! compact, deterministic text for an insta snapshot. Each rule has one
//! snapshot holding the inputs it must fire on and those it must stay
//! silent on; the helper also asserts both, so a snapshot blessed by
//! mistake over a silent firing input (or a noisy silent one) still fails.

use std::fmt::Write as _;
use std::path::Path;

use super::{Finding, Level, LevelOverrides, Location, Policy};
use crate::model::Observed;

/// One input a rule is run on, with what it is run with.
pub(crate) struct Input {
    /// `fixture:NAME` for a component fixture, else a path.
    spec: String,
    /// A wcaudit.toml whose policy and levels apply.
    config: Option<String>,
    /// What a replay measured, handed to the rules as `check --replay`
    /// would.
    observed: Option<Observed>,
}

pub(crate) fn input(spec: &str) -> Input {
    Input {
        spec: spec.to_string(),
        config: None,
        observed: None,
    }
}

impl Input {
    pub(crate) fn with_config(mut self, path: &str) -> Input {
        self.config = Some(path.to_string());
        self
    }

    pub(crate) fn with_observed(mut self, observed: Observed) -> Input {
        self.observed = Some(observed);
        self
    }

    fn label(&self) -> String {
        let mut label = self.spec.clone();
        if let Some(config) = &self.config {
            let _ = write!(label, " with {config}");
        }
        if let Some(observed) = &self.observed {
            let _ = write!(label, " with a replay of {}", observed.entry);
        }
        label
    }

    /// The findings of `rule` on this input, every rule having run (some
    /// rules merge or withhold others' findings). A rule that is off by
    /// default is raised to warn, so that its silence is its own.
    fn findings(&self, rule: &str) -> Vec<Finding> {
        let path = match self.spec.strip_prefix("fixture:") {
            Some(name) => crate::tests::fixtures::component(name),
            None => self.spec.clone(),
        };
        let path = Path::new(&path);
        let meta = super::find(rule).unwrap_or_else(|| panic!("no rule `{rule}`"));
        let mut levels = LevelOverrides::default();
        let policy = match &self.config {
            Some(config) => {
                let config = crate::config::load(Path::new(config))
                    .unwrap_or_else(|e| panic!("{config}: {}", e.render()));
                config.levels_for(path, &mut levels).unwrap();
                config.policy_for(path)
            }
            None => Policy::default(),
        };
        if levels.level_of(meta) == Level::Allow {
            levels.push(meta.id, Level::Warn).unwrap();
        }
        let observed = self.observed.clone();
        let replayer = move |_: &str, _: &[u8]| Ok(observed.clone().unwrap_or_default());
        let report = crate::audit::audit(
            path,
            &crate::load::Limits::default(),
            &levels,
            &policy,
            self.observed
                .is_some()
                .then_some(&replayer as &crate::audit::Replayer),
        );
        if let Err(e) = &report.outcome {
            panic!("{} could not be audited: {e:?}", self.label());
        }
        report
            .findings
            .into_iter()
            .filter(|f| f.rule.id == meta.id)
            .collect()
    }
}

/// Runs `rule` on each input of `fires` (each must give at least one
/// finding) and of `silent` (each must give none), and renders it all.
pub(crate) fn rule(rule: &str, fires: &[Input], silent: &[Input]) -> String {
    let mut out = String::new();
    let meta = super::find(rule).unwrap_or_else(|| panic!("no rule `{rule}`"));
    if meta.default_level == Level::Allow {
        out.push_str("off by default: raised to warn here\n");
    }
    for input in fires {
        let findings = input.findings(rule);
        let _ = writeln!(out, "fires on {}:", input.label());
        for finding in &findings {
            render(&mut out, finding);
        }
        assert!(
            !findings.is_empty(),
            "{rule} must fire on {}",
            input.label()
        );
    }
    for input in silent {
        let findings = input.findings(rule);
        let mut rendered = String::new();
        for finding in &findings {
            render(&mut rendered, finding);
        }
        assert!(
            findings.is_empty(),
            "{rule} must stay silent on {}:\n{rendered}",
            input.label()
        );
        let _ = writeln!(out, "silent on {}", input.label());
    }
    out
}

/// Shorthand for inputs that need nothing but their spec.
pub(crate) fn specs(specs: &[&str]) -> Vec<Input> {
    specs.iter().map(|s| input(s)).collect()
}

fn render(out: &mut String, f: &Finding) {
    let _ = writeln!(out, "  {} {}: {}", f.level.as_str(), f.rule.id, f.message);
    let _ = writeln!(out, "    at {}", location(&f.location));
    if let Some(related) = &f.related {
        let _ = writeln!(out, "    related {}", location(related));
    }
    let _ = writeln!(out, "    subject {}", f.subject);
    if f.origin != crate::facts::origin::Origin::PROGRAM {
        let _ = writeln!(out, "    origin {}", f.origin.name);
    }
    for step in &f.path {
        let _ = writeln!(out, "    path {step}");
    }
    for grouped in &f.grouped {
        let _ = writeln!(out, "    groups {grouped}");
    }
    for note in &f.notes {
        let _ = writeln!(out, "    note {note}");
    }
    if let Some(help) = &f.help {
        let _ = writeln!(out, "    help {help}");
    }
}

fn location(at: &Location) -> String {
    match at {
        Location::Binary {
            file,
            component_path,
            offset,
        } => {
            let mut text = format!("{file} [{}]", component_path.join(" › "));
            if let Some(offset) = offset {
                let _ = write!(text, " @{offset:#x}");
            }
            text
        }
        Location::Wit {
            file, line, column, ..
        } => format!("{file}:{line}:{column}"),
    }
}
