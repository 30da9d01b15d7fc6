//! Reading `wcaudit.toml`: the file's shape as serde sees it, then every
//! value checked and turned into the configuration's own types, each
//! error located at the text that caused it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use super::capabilities::known_capability;
use super::{Config, ConfigError, DiffChange, Section, Suppression, targets};
use crate::report::Show;
use crate::rules::{Level, LevelOverrides, Pattern, TargetWorld};
use crate::wasi::grants::Granted;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    capabilities: RawCapabilities,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    grants: Option<RawGrants>,
    /// `"profile:NAME"`, or a table `{ profile = "NAME" }` /
    /// `{ world = "PATH", name = "WORLD" }`.
    #[serde(default)]
    targets: Option<Spanned<toml::Value>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    suppress: Vec<RawSuppress>,
    #[serde(default)]
    diff: Option<RawDiff>,
    #[serde(default)]
    output: Option<RawOutput>,
}

/// What the top level and every `[[overrides]]` entry may set.
struct RawSection<'a> {
    capabilities: &'a RawCapabilities,
    rules: &'a BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    grants: &'a Option<RawGrants>,
    targets: &'a Option<Spanned<toml::Value>>,
}

impl RawConfig {
    fn section(&self) -> RawSection<'_> {
        RawSection {
            capabilities: &self.capabilities,
            rules: &self.rules,
            grants: &self.grants,
            targets: &self.targets,
        }
    }
}

impl RawOverride {
    fn section(&self) -> RawSection<'_> {
        RawSection {
            capabilities: &self.capabilities,
            rules: &self.rules,
            grants: &self.grants,
            targets: &self.targets,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDiff {
    /// Which changes make `wcaudit diff` exit 1.
    #[serde(rename = "fail-on")]
    fail_on: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    /// Whose findings `check` shows instead of folding, as `--show`.
    show: Vec<Spanned<String>>,
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
    /// `"profile:NAME"`, or a table `{ profile = "NAME" }` /
    /// `{ world = "PATH", name = "WORLD" }`.
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

/// Checks a configuration's text; `dir` is where relative paths in it
/// (WIT targets) start.
pub(crate) fn parse_text(file: &str, dir: &Path, text: &str) -> Result<Config, ConfigError> {
    let parser = Parser { file, dir, text };
    let raw: RawConfig =
        toml::from_str(text).map_err(|e| parser.error(e.span(), e.message().trim().to_string()))?;
    let base = parser.section(&raw.section())?;
    let mut overrides = Vec::new();
    let mut path_globs = Vec::new();
    for o in &raw.overrides {
        let glob = parser.glob(&o.path)?;
        path_globs.push((
            "[[overrides]]",
            o.path.get_ref().clone(),
            glob.clone(),
            o.path.span(),
        ));
        overrides.push((glob, parser.section(&o.section())?));
    }
    let mut suppressions = Vec::new();
    for s in &raw.suppress {
        let suppression = parser.suppression(s)?;
        if let (Some(path), Some(glob)) = (&s.path, &suppression.path) {
            path_globs.push((
                "[[suppress]]",
                path.get_ref().clone(),
                glob.clone(),
                path.span(),
            ));
        }
        suppressions.push(suppression);
    }
    let custom_allow = std::iter::once(&raw.capabilities)
        .chain(raw.overrides.iter().map(|o| &o.capabilities))
        .flat_map(|c| c.allow.iter())
        .filter(|p| {
            p.get_ref()
                .split_once(':')
                .is_some_and(|(ns, _)| ns != "wasi")
        })
        .filter_map(|p| Some((pattern_of(p.get_ref())?, p.span())))
        .collect();
    let diff_fail_on = match &raw.diff {
        Some(diff) => Some(
            diff.fail_on
                .iter()
                .map(|change| parser.named(change, "change", DiffChange::ALL, |c| c.as_str()))
                .collect::<Result<_, _>>()?,
        ),
        None => None,
    };
    let show = match &raw.output {
        Some(output) => Some(
            output
                .show
                .iter()
                .map(|origin| parser.named(origin, "origin", Show::ALL, |s| s.as_str()))
                .collect::<Result<_, _>>()?,
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
        show,
        custom_allow,
        path_globs,
        text: text.to_string(),
    })
}

fn pattern_of(text: &str) -> Option<Pattern> {
    Some(Pattern {
        text: text.to_string(),
        matcher: Glob::new(text).ok()?.compile_matcher(),
    })
}

/// One file being read: where its errors point.
struct Parser<'a> {
    file: &'a str,
    dir: &'a Path,
    text: &'a str,
}

impl Parser<'_> {
    fn error(&self, span: Option<Range<usize>>, message: String) -> ConfigError {
        ConfigError {
            file: self.file.to_string(),
            text: self.text.to_string(),
            span,
            message,
        }
    }

    fn glob(&self, p: &Spanned<String>) -> Result<GlobMatcher, ConfigError> {
        Glob::new(p.get_ref())
            .map(|g| g.compile_matcher())
            .map_err(|e| {
                self.error(
                    Some(p.span()),
                    format!("bad glob `{}`: {}", p.get_ref(), e.kind()),
                )
            })
    }

    fn pattern(&self, p: &Spanned<String>) -> Result<Pattern, ConfigError> {
        let matcher = self.glob(p)?;
        known_capability(p.get_ref()).map_err(|e| self.error(Some(p.span()), e))?;
        Ok(Pattern {
            text: p.get_ref().clone(),
            matcher,
        })
    }

    /// One of a closed vocabulary, by its name, with a hint for a typo.
    fn named<T: Copy>(
        &self,
        value: &Spanned<String>,
        what: &str,
        all: &[T],
        name: impl Fn(T) -> &'static str,
    ) -> Result<T, ConfigError> {
        let names = || all.iter().map(|t| name(*t));
        all.iter()
            .find(|t| name(**t) == value.get_ref())
            .copied()
            .ok_or_else(|| {
                self.error(
                    Some(value.span()),
                    format!(
                        "unknown {what} `{}`{}: expected one of {}",
                        value.get_ref(),
                        crate::suggest::hint(value.get_ref(), names()),
                        names().collect::<Vec<_>>().join(", ")
                    ),
                )
            })
    }

    fn section(&self, raw: &RawSection<'_>) -> Result<Section, ConfigError> {
        let mut section = Section {
            allow: raw
                .capabilities
                .allow
                .iter()
                .map(|p| self.pattern(p))
                .collect::<Result<_, _>>()?,
            deny: raw
                .capabilities
                .deny
                .iter()
                .map(|p| self.pattern(p))
                .collect::<Result<_, _>>()?,
            ..Section::default()
        };
        for (selector, value) in raw.rules {
            self.rule(selector, value, &mut section)?;
        }
        if let Some(g) = raw.grants {
            section.granted = Some(
                Granted::parse(g.wasmtime.get_ref())
                    .map_err(|e| self.error(Some(g.wasmtime.span()), e))?,
            );
        }
        if let Some(spec) = raw.targets {
            section.target = Some(std::rc::Rc::new(
                self.target(spec.get_ref())
                    .map_err(|e| self.error(Some(spec.span()), e))?,
            ));
        }
        Ok(section)
    }

    fn level(&self, value: &str, span: Range<usize>) -> Result<Level, ConfigError> {
        match value {
            "allow" => Ok(Level::Allow),
            "warn" => Ok(Level::Warn),
            "deny" => Ok(Level::Deny),
            other => Err(self.error(
                Some(span),
                format!("unknown level `{other}`: expected \"allow\", \"warn\" or \"deny\""),
            )),
        }
    }

    /// A `[rules]` entry: a level, or a table of a level and thresholds.
    fn rule(
        &self,
        selector: &Spanned<String>,
        value: &Spanned<toml::Value>,
        section: &mut Section,
    ) -> Result<(), ConfigError> {
        let span = value.span();
        let level = match value.get_ref() {
            toml::Value::String(level) => Some(self.level(level, span.clone())?),
            toml::Value::Table(table) => self.rule_table(selector, table, span, section)?,
            _ => {
                return Err(self.error(
                    Some(span),
                    "a rule takes a level (\"warn\") or a table ({ level = \"warn\", … })".into(),
                ));
            }
        };
        if let Some(level) = level {
            // Check the selector now, so a typo is reported with its location.
            LevelOverrides::default()
                .push(selector.get_ref(), level)
                .map_err(|e| self.error(Some(selector.span()), e))?;
            section.levels.push((selector.get_ref().clone(), level));
        }
        Ok(())
    }

    fn rule_table(
        &self,
        selector: &Spanned<String>,
        table: &toml::Table,
        span: Range<usize>,
        section: &mut Section,
    ) -> Result<Option<Level>, ConfigError> {
        let rule = crate::rules::find(selector.get_ref()).ok_or_else(|| {
            self.error(
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
                    self.error(Some(span.clone()), "`level` must be a string".into())
                })?;
                level = Some(self.level(text, span.clone())?);
                continue;
            }
            let threshold = rule
                .thresholds
                .iter()
                .find(|t| t.key == key)
                .ok_or_else(|| {
                    let known: Vec<&str> = rule.thresholds.iter().map(|t| t.key).collect();
                    let has = if known.is_empty() {
                        String::new()
                    } else {
                        format!(" (it has: {})", known.join(", "))
                    };
                    self.error(
                        Some(span.clone()),
                        format!("`{}` has no threshold `{key}`{has}", rule.name),
                    )
                })?;
            let n = v.as_integer().filter(|n| *n >= 0).ok_or_else(|| {
                self.error(
                    Some(span.clone()),
                    format!("`{key}` must be a whole number"),
                )
            })?;
            section.thresholds.push(((rule.id, threshold.key), n));
        }
        Ok(level)
    }

    fn suppression(&self, s: &RawSuppress) -> Result<Suppression, ConfigError> {
        if crate::rules::find(s.rule.get_ref()).is_none() {
            return Err(self.error(
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
            return Err(self.error(Some(s.reason.span()), "a suppression needs a reason".into()));
        }
        Ok(Suppression {
            rule: s.rule.get_ref().clone(),
            path: s.path.as_ref().map(|p| self.glob(p)).transpose()?,
            subject: s.subject.as_ref().map(|p| self.glob(p)).transpose()?,
            reason: s.reason.get_ref().clone(),
        })
    }

    /// Reads the `targets` value: a profile or a world in WIT on disk.
    fn target(&self, spec: &toml::Value) -> Result<TargetWorld, String> {
        match spec {
            toml::Value::String(text) => match text.strip_prefix("profile:") {
                Some(name) => targets::profile(name),
                None => targets::world(&self.dir.join(text), None),
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
                    (None, Some(path)) => targets::world(&self.dir.join(path), text("name")?),
                    _ => Err("targets needs either `profile` or `world`".into()),
                }
            }
            _ => Err("targets must be \"profile:NAME\", a WIT path, or a table".into()),
        }
    }
}
