//! `wcaudit.toml`: the policy a team checks components against. Found
//! from an input's directory upward (like clippy.toml), or named with
//! `--config`. Every key is documented in the README.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::rules::{Level, LevelOverrides, Pattern, Policy};
use crate::wasi::grants::Granted;

mod capabilities;
mod error;
mod targets;

use capabilities::known_capability;
pub(crate) use error::ConfigError;

pub(crate) const FILE_NAME: &str = "wcaudit.toml";

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    capabilities: RawCapabilities,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    suppress: Vec<RawSuppress>,
    #[serde(default)]
    grants: Option<RawGrants>,
    /// `"profile:NAME"`, or a table `{ profile = "NAME" }` /
    /// `{ world = "PATH", name = "WORLD" }`.
    #[serde(default)]
    targets: Option<Spanned<toml::Value>>,
    #[serde(default)]
    diff: Option<RawDiff>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDiff {
    /// Which changes make `wcaudit diff` exit 1.
    #[serde(rename = "fail-on")]
    fail_on: Vec<Spanned<String>>,
}

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrants {
    /// The permission flags the component is run with, as given to
    /// `wasmtime run` or `wasmtime serve`.
    wasmtime: Spanned<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCapabilities {
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    deny: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    path: Spanned<String>,
    #[serde(default)]
    capabilities: RawCapabilities,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    grants: Option<RawGrants>,
    #[serde(default)]
    targets: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppress {
    rule: Spanned<String>,
    #[serde(default)]
    path: Option<Spanned<String>>,
    #[serde(default)]
    subject: Option<Spanned<String>>,
    reason: Spanned<String>,
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

pub(crate) fn parse_text(file: &str, dir: &Path, text: &str) -> Result<Config, ConfigError> {
    let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
        file: file.to_string(),
        text: text.to_string(),
        span,
        message,
    };
    let raw: RawConfig =
        toml::from_str(text).map_err(|e| error(e.span(), e.message().trim().to_string()))?;
    let section = |capabilities: &RawCapabilities,
                   rules: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
                   grants: &Option<RawGrants>,
                   targets: &Option<Spanned<toml::Value>>|
     -> Result<Section, ConfigError> {
        let pattern = |p: &Spanned<String>| -> Result<Pattern, ConfigError> {
            let matcher = Glob::new(p.get_ref())
                .map_err(|e| {
                    error(
                        Some(p.span()),
                        format!("bad glob `{}`: {}", p.get_ref(), e.kind()),
                    )
                })?
                .compile_matcher();
            known_capability(p.get_ref()).map_err(|e| error(Some(p.span()), e))?;
            Ok(Pattern {
                text: p.get_ref().clone(),
                matcher,
            })
        };
        let mut levels = Vec::new();
        let mut thresholds = Vec::new();
        let parse_level = |value: &str, span: std::ops::Range<usize>| match value {
            "allow" => Ok(Level::Allow),
            "warn" => Ok(Level::Warn),
            "deny" => Ok(Level::Deny),
            other => Err(error(
                Some(span),
                format!("unknown level `{other}`: expected \"allow\", \"warn\" or \"deny\""),
            )),
        };
        for (selector, value) in rules {
            let span = value.span();
            let level = match value.get_ref() {
                toml::Value::String(level) => Some(parse_level(level, span.clone())?),
                toml::Value::Table(table) => {
                    let rule = crate::rules::find(selector.get_ref()).ok_or_else(|| {
                        error(
                            Some(selector.span()),
                            format!(
                                "thresholds need a rule, and `{}` is not one (see `wcaudit rules`)",
                                selector.get_ref()
                            ),
                        )
                    })?;
                    let mut level = None;
                    for (key, v) in table {
                        if key == "level" {
                            let text = v.as_str().ok_or_else(|| {
                                error(Some(span.clone()), "`level` must be a string".into())
                            })?;
                            level = Some(parse_level(text, span.clone())?);
                            continue;
                        }
                        let threshold =
                            rule.thresholds
                                .iter()
                                .find(|t| t.key == key)
                                .ok_or_else(|| {
                                    let known: Vec<&str> =
                                        rule.thresholds.iter().map(|t| t.key).collect();
                                    error(
                                        Some(span.clone()),
                                        format!(
                                            "`{}` has no threshold `{key}`{}",
                                            rule.name,
                                            if known.is_empty() {
                                                String::new()
                                            } else {
                                                format!(" (it has: {})", known.join(", "))
                                            }
                                        ),
                                    )
                                })?;
                        let n = v.as_integer().filter(|n| *n >= 0).ok_or_else(|| {
                            error(
                                Some(span.clone()),
                                format!("`{key}` must be a whole number"),
                            )
                        })?;
                        thresholds.push(((rule.id, threshold.key), n));
                    }
                    level
                }
                _ => {
                    return Err(error(
                        Some(span),
                        "a rule takes a level (\"warn\") or a table ({ level = \"warn\", … })"
                            .into(),
                    ));
                }
            };
            if let Some(level) = level {
                // Check the selector now, so a typo is reported with its location.
                LevelOverrides::default()
                    .push(selector.get_ref(), level)
                    .map_err(|e| error(Some(selector.span()), e))?;
                levels.push((selector.get_ref().clone(), level));
            }
        }
        Ok(Section {
            allow: capabilities
                .allow
                .iter()
                .map(pattern)
                .collect::<Result<_, _>>()?,
            deny: capabilities
                .deny
                .iter()
                .map(pattern)
                .collect::<Result<_, _>>()?,
            levels,
            thresholds,
            granted: match grants {
                Some(g) => Some(
                    Granted::parse(g.wasmtime.get_ref())
                        .map_err(|e| error(Some(g.wasmtime.span()), e))?,
                ),
                None => None,
            },
            target: match targets {
                Some(spec) => Some(std::rc::Rc::new(
                    target(spec.get_ref(), dir).map_err(|e| error(Some(spec.span()), e))?,
                )),
                None => None,
            },
        })
    };
    let glob = |p: &Spanned<String>| -> Result<GlobMatcher, ConfigError> {
        Glob::new(p.get_ref())
            .map(|g| g.compile_matcher())
            .map_err(|e| {
                error(
                    Some(p.span()),
                    format!("bad glob `{}`: {}", p.get_ref(), e.kind()),
                )
            })
    };
    let base = section(&raw.capabilities, &raw.rules, &raw.grants, &raw.targets)?;
    let mut overrides = Vec::new();
    for o in &raw.overrides {
        overrides.push((
            glob(&o.path)?,
            section(&o.capabilities, &o.rules, &o.grants, &o.targets)?,
        ));
    }
    let custom_allow = std::iter::once(&raw.capabilities)
        .chain(raw.overrides.iter().map(|o| &o.capabilities))
        .flat_map(|c| c.allow.iter())
        .filter(|p| {
            p.get_ref()
                .split_once(':')
                .is_some_and(|(ns, _)| ns != "wasi")
        })
        .filter_map(|p| {
            let matcher = Glob::new(p.get_ref()).ok()?.compile_matcher();
            Some((
                Pattern {
                    text: p.get_ref().clone(),
                    matcher,
                },
                p.span(),
            ))
        })
        .collect();
    let mut path_globs = Vec::new();
    for o in &raw.overrides {
        path_globs.push((
            "[[overrides]]",
            o.path.get_ref().clone(),
            glob(&o.path)?,
            o.path.span(),
        ));
    }
    for s in &raw.suppress {
        if let Some(path) = &s.path {
            path_globs.push((
                "[[suppress]]",
                path.get_ref().clone(),
                glob(path)?,
                path.span(),
            ));
        }
    }
    let mut suppressions = Vec::new();
    for s in &raw.suppress {
        if crate::rules::find(s.rule.get_ref()).is_none() {
            return Err(error(
                Some(s.rule.span()),
                format!(
                    "unknown rule `{}`{} (see `wcaudit rules`)",
                    s.rule.get_ref(),
                    crate::suggest::hint(
                        s.rule.get_ref(),
                        crate::rules::RULES.iter().map(|r| r.meta().name)
                    )
                ),
            ));
        }
        if s.reason.get_ref().trim().is_empty() {
            return Err(error(
                Some(s.reason.span()),
                "a suppression needs a reason".into(),
            ));
        }
        suppressions.push(Suppression {
            rule: s.rule.get_ref().clone(),
            path: s.path.as_ref().map(glob).transpose()?,
            subject: s.subject.as_ref().map(glob).transpose()?,
            reason: s.reason.get_ref().clone(),
        });
    }
    let diff_fail_on = match &raw.diff {
        Some(diff) => Some(
            diff.fail_on
                .iter()
                .map(|change| {
                    let names = || DiffChange::ALL.iter().map(|c| c.as_str());
                    DiffChange::ALL
                        .iter()
                        .find(|c| c.as_str() == change.get_ref())
                        .copied()
                        .ok_or_else(|| {
                            error(
                                Some(change.span()),
                                format!(
                                    "unknown change `{}`{}: expected one of {}",
                                    change.get_ref(),
                                    crate::suggest::hint(change.get_ref(), names()),
                                    names().collect::<Vec<_>>().join(", ")
                                ),
                            )
                        })
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    Ok(Config {
        file: Some(file.to_string()),
        dir: dir.to_path_buf(),
        base,
        overrides,
        suppressions,
        diff_fail_on,
        custom_allow,
        path_globs,
        text: text.to_string(),
    })
}

/// Reads the `targets` value: a profile or a world in WIT on disk.
fn target(spec: &toml::Value, dir: &Path) -> Result<crate::rules::TargetWorld, String> {
    match spec {
        toml::Value::String(text) => match text.strip_prefix("profile:") {
            Some(name) => targets::profile(name),
            None => targets::world(&dir.join(text), None),
        },
        toml::Value::Table(table) => {
            for key in table.keys() {
                if !["profile", "world", "name"].contains(&key.as_str()) {
                    return Err(format!(
                        "unknown key `{key}` in targets: expected `profile`, or `world` and `name`"
                    ));
                }
            }
            let text = |key: &str| -> Result<Option<&str>, String> {
                match table.get(key) {
                    None => Ok(None),
                    Some(toml::Value::String(s)) => Ok(Some(s.as_str())),
                    Some(_) => Err(format!("targets.{key} must be a string")),
                }
            };
            match (text("profile")?, text("world")?) {
                (Some(name), None) => targets::profile(name),
                (None, Some(path)) => targets::world(&dir.join(path), text("name")?),
                _ => Err("targets needs either `profile` or `world`".into()),
            }
        }
        _ => Err("targets must be \"profile:NAME\", a WIT path, or a table".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ConfigError {
        parse_text("wcaudit.toml", Path::new("."), text).unwrap_err()
    }

    #[test]
    fn errors_point_at_the_offending_text() {
        let e = err("[capabilities]\ndeny = [\"wasi:sockets/[\"]\n");
        assert!(e.message.contains("bad glob"), "{}", e.message);
        assert!(
            e.render().starts_with("error: wcaudit.toml:2:9:"),
            "{}",
            e.render()
        );

        let e = err("[rules]\nunreachable-import = \"loud\"\n");
        assert!(
            e.render()
                .starts_with("error: wcaudit.toml:2:22: unknown level"),
            "{}",
            e.render()
        );

        let e = err("[rules]\nno-such-rule = \"deny\"\n");
        assert!(
            e.render()
                .starts_with("error: wcaudit.toml:2:1: unknown rule"),
            "{}",
            e.render()
        );

        let e = err("[capabilitiez]\n");
        assert!(e.message.contains("unknown field"), "{}", e.message);
        assert!(
            e.render().starts_with("error: wcaudit.toml:1:"),
            "{}",
            e.render()
        );

        let e = err("[[suppress]]\nrule = \"CAP001\"\nreason = \" \"\n");
        assert!(e.message.contains("needs a reason"), "{}", e.message);

        let e = err("[[suppress]]\nrule = \"CAP001\"\n");
        assert!(e.message.contains("reason"), "{}", e.message);
    }

    #[test]
    fn patterns_match_interfaces_and_classes() {
        let config = parse_text(
            "wcaudit.toml",
            Path::new("."),
            "[capabilities]\ndeny = [\"wasi:sockets/*\", \"environment\", \"wasi:http/outgoing-handler@0.2.*\"]\n",
        )
        .unwrap();
        let policy = config.policy_for(Path::new("x.wasm"));
        let denied = |name: &str| policy.deny.iter().any(|p| p.matches(name));
        assert!(denied("wasi:sockets/tcp@0.2.12"));
        assert!(denied("wasi:cli/environment@0.2.9"));
        assert!(denied("wasi:http/outgoing-handler@0.2.12"));
        assert!(!denied("wasi:http/outgoing-handler@0.3.0"));
        assert!(!denied("wasi:cli/stdout@0.2.12"));
    }

    #[test]
    fn patterns_name_a_class_or_a_subclass() {
        let config = parse_text(
            "wcaudit.toml",
            Path::new("."),
            "[capabilities]\nallow = [\"network.http-outgoing\"]\ndeny = [\"network.dns\"]\n",
        )
        .unwrap();
        let policy = config.policy_for(Path::new("x.wasm"));
        assert_eq!(policy.denial("wasi:http/outgoing-handler@0.2.12"), None);
        assert_eq!(policy.denial("wasi:http/client@0.3.0"), None);
        assert_eq!(
            policy.denial("wasi:sockets/tcp@0.2.12").as_deref(),
            Some("not on the allow list")
        );
        assert_eq!(
            policy
                .denial("wasi:sockets/ip-name-lookup@0.2.12")
                .as_deref(),
            Some("denied by `network.dns`")
        );
        let broad = parse_text(
            "wcaudit.toml",
            Path::new("."),
            "[capabilities]\ndeny = [\"network\"]\n",
        )
        .unwrap()
        .policy_for(Path::new("x.wasm"));
        assert!(broad.denial("wasi:sockets/udp@0.2.12").is_some());
        assert!(broad.denial("wasi:http/outgoing-handler@0.2.12").is_some());
    }
}

#[cfg(test)]
mod readme {
    /// The README's wcaudit.toml example is a valid configuration.
    #[test]
    fn readme_example_parses() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("```toml\n")
            .expect("the README has a TOML example")
            + 8;
        let end = start + readme[start..].find("```").unwrap();
        let example = &readme[start..end];
        let config = super::parse_text("README.md", std::path::Path::new("."), example)
            .unwrap_or_else(|e| panic!("{}", e.render()));
        assert!(config.base.target.is_some() && config.base.granted.is_some());
        assert_eq!(config.suppressions.len(), 1);
        assert_eq!(config.overrides.len(), 1);
    }
}
