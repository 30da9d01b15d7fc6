//! What every rule test shares: a family's cases, read from
//! `testdata/rules/<family>/cases.txt`, audited in-process (the library
//! pipeline, not the command line), and rendered per rule as a compact,
//! deterministic text for one insta snapshot. The helper also asserts
//! that each rule fires on its firing inputs and stays silent on the
//! others, so a snapshot blessed by mistake still fails, and a test below
//! that every registered rule has both kinds of case.
//!
//! A cases file is paragraphs, one a rule: its name (and, optionally, the
//! snapshot's name when it is not the rule's), then one line an input,
//! `fires INPUT` or `silent INPUT`. An input is `fixture:NAME`,
//! `compose:NAME` (a composition `src/tests/compose.rs` builds) or a path,
//! optionally followed by `config=PATH` (a wcaudit.toml whose policy and
//! levels apply) or `replay=[INTERFACE#FUNCTION*CALLS]` (what a replay of
//! `wasi:cli/run@0.2.12#run` saw, once) or `program=PATH` (the guest
//! program given as `--program` gives it). Lines starting with `#` are
//! comments.

use std::fmt::Write as _;
use std::path::Path;

use super::{Finding, Level, LevelOverrides, Location, Policy};
use crate::model::Observed;

/// One input a rule is run on, with what it is run with.
struct Input {
    /// `fixture:NAME` for a component fixture, else a path.
    spec: String,
    /// A wcaudit.toml whose policy and levels apply.
    config: Option<String>,
    /// What a replay measured, handed to the rules as `check --replay`
    /// would.
    observed: Option<Observed>,
    /// The guest program, as `--program` gives it.
    program: Option<crate::program::GivenProgram>,
}

impl Input {
    /// `INPUT [config=PATH] [replay=...]`, as a cases file has it.
    fn parse(text: &str) -> Input {
        let mut words = text.split_whitespace();
        let mut input = Input {
            spec: words.next().expect("an input").to_string(),
            config: None,
            observed: None,
            program: None,
        };
        for word in words {
            if let Some(path) = word.strip_prefix("config=") {
                input.config = Some(path.to_string());
            } else if let Some(calls) = word.strip_prefix("replay=") {
                input.observed = Some(replay(calls));
            } else if let Some(path) = word.strip_prefix("program=") {
                input.program = Some(
                    crate::program::GivenProgram::read(Path::new(path))
                        .unwrap_or_else(|e| panic!("{path}: {e}")),
                );
            } else {
                panic!("`{word}` in `{text}` is neither config=, replay= nor program=");
            }
        }
        input
    }

    fn label(&self) -> String {
        let mut label = self.spec.clone();
        if let Some(config) = &self.config {
            let _ = write!(label, " with {config}");
        }
        if let Some(observed) = &self.observed {
            let _ = write!(label, " with a replay of {}", observed.entry);
        }
        if let Some(program) = &self.program {
            let _ = write!(label, " with the program {}", program.root.display());
        }
        label
    }

    /// The findings of `rule` on this input, every rule having run (some
    /// rules merge or withhold others' findings). A rule that is off by
    /// default is raised to warn, so that its silence is its own.
    fn findings(&self, rule: &str) -> Vec<Finding> {
        let path = if let Some(name) = self.spec.strip_prefix("fixture:") {
            crate::tests::fixtures::component(name)
        } else if let Some(name) = self.spec.strip_prefix("compose:") {
            crate::tests::compose::composition(name)
        } else {
            self.spec.clone()
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
            self.program.as_ref(),
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

/// What a replay of `wasi:cli/run@0.2.12#run` saw: `INTERFACE#FUNCTION*N`
/// calls, or nothing.
fn replay(calls: &str) -> Observed {
    let mut observed = Observed {
        entry: "wasi:cli/run@0.2.12#run".into(),
        invocations: 1,
        ..Observed::default()
    };
    if let Some((item, count)) = calls.split_once('*') {
        let (interface, function) = item.split_once('#').expect("INTERFACE#FUNCTION");
        let count: u64 = count.parse().expect("a number of calls");
        let calls = crate::model::ObservedCalls {
            per_invocation: count as f64,
            min: count,
            max: count,
        };
        let key = (interface.to_string(), function.to_string());
        observed.calls.insert(key, calls);
    }
    observed
}

/// One paragraph of a cases file.
struct Cases {
    rule: String,
    snapshot: String,
    fires: Vec<Input>,
    silent: Vec<Input>,
}

fn parse(file: &str) -> Vec<Cases> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut all: Vec<Cases> = Vec::new();
    let mut open = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            open = false;
            continue;
        }
        if !open {
            let mut words = line.split_whitespace();
            let rule = words.next().unwrap().to_string();
            let snapshot = words
                .next()
                .map_or_else(|| rule.replace('-', "_"), str::to_string);
            all.push(Cases {
                rule,
                snapshot,
                fires: Vec::new(),
                silent: Vec::new(),
            });
            open = true;
            continue;
        }
        let cases = all.last_mut().unwrap();
        match line.split_once(' ') {
            Some(("fires", input)) => cases.fires.push(Input::parse(input)),
            Some(("silent", input)) => cases.silent.push(Input::parse(input)),
            _ => panic!("{file}: `{line}` is neither `fires INPUT` nor `silent INPUT`"),
        }
    }
    all
}

/// Every snapshot of a family: (its name, its text), in file order.
pub(crate) fn family(name: &str) -> Vec<(String, String)> {
    parse(&format!("testdata/rules/{name}/cases.txt"))
        .into_iter()
        .map(|c| (c.snapshot, render_rule(&c.rule, &c.fires, &c.silent)))
        .collect()
}

/// Runs `rule` on each input of `fires` (each must give at least one
/// finding) and of `silent` (each must give none), and renders it all.
fn render_rule(rule: &str, fires: &[Input], silent: &[Input]) -> String {
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
        Location::Text {
            file, line, column, ..
        } => format!("{file}:{line}:{column}"),
    }
}

#[test]
fn every_rule_has_cases_that_fire_and_that_stay_silent() {
    let mut fires = std::collections::BTreeSet::new();
    let mut silent = std::collections::BTreeSet::new();
    for family in ["capability", "chatty", "hygiene", "p3", "policy", "replay"] {
        let file = format!("testdata/rules/{family}/cases.txt");
        for cases in parse(&file) {
            let rule = super::find(&cases.rule)
                .unwrap_or_else(|| panic!("{file}: no rule {}", cases.rule));
            if !cases.fires.is_empty() {
                fires.insert(rule.name);
            }
            if !cases.silent.is_empty() {
                silent.insert(rule.name);
            }
        }
    }
    for rule in super::RULES {
        let name = rule.meta().name;
        assert!(fires.contains(name), "{name} has no firing case");
        assert!(silent.contains(name), "{name} has no silent case");
    }
}
