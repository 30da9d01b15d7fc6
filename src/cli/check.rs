//! `wcaudit check` (and the input collection `baseline` shares): audits
//! every input under its configuration, applies `--wit` and the baseline,
//! and renders the report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{ArgMatches, Args, ValueEnum};

use super::{
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, InputArgs, LevelArgs, PolicyArgs, emit, level_overrides,
    limits, replay,
};
use crate::audit;
use crate::config::{self, Config};
use crate::load;
use crate::model::{self, Model};
use crate::report::{self, ColorChoice, Format, InputReport, Report};
use crate::rules::{self, Level, LevelOverrides};

#[derive(Args)]
// Replay's options mean nothing without --replay: refuse them rather than
// ignore them.
#[command(mut_group(replay::REPLAY_RUN_GROUP, |group| group.requires("replay")))]
pub(super) struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    levels: LevelArgs,
    /// Exit 1 when a finding is at or above this level.
    #[arg(long, value_enum, default_value_t = FailOn::Deny)]
    fail_on: FailOn,
    #[command(flatten)]
    policy: PolicyArgs,
    /// The wasmtime permission flags the component will run with, e.g.
    /// '-S http --dir data::/data': reports reachable capabilities they do
    /// not cover and grants nothing needs (overrides [grants] in wcaudit.toml).
    #[arg(long, value_name = "FLAGS", allow_hyphen_values = true)]
    granted: Option<String>,
    /// WIT (a file or a directory with deps/) describing the components:
    /// findings about imports and interfaces point at its lines.
    #[arg(long, value_name = "PATH")]
    wit: Option<PathBuf>,
    /// The guest program of an interpreter component (a .js, .mjs or .py
    /// file, or a directory of them): what it uses of the imports is read
    /// from it. It must be the program the component carries.
    #[arg(long, value_name = "PATH")]
    program: Option<PathBuf>,
    /// Report only findings not recorded in this baseline (see `wcaudit baseline`),
    /// and list baseline entries that no longer match.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Show findings about code that is not the program's instead of
    /// folding them into one line per origin and rule: a language runtime's
    /// or engine's, the preview1 adapter's, toolchain glue's, or all.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "ORIGIN")]
    show: Vec<report::Show>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Also run each component once under the counting host (as `wcaudit
    /// replay` does, with the options below) and attach the measured calls
    /// to the findings (needs the `replay` feature).
    #[arg(long)]
    replay: bool,
    /// The directory SARIF locations are relative to (uriBaseId
    /// %SRCROOT%); inputs outside it get absolute file:// URIs. Default: the
    /// top of the enclosing git work tree, else the working directory.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Succeed when the paths hold no input to audit (by default a gate
    /// that audits nothing fails with exit 2).
    #[arg(long)]
    allow_empty: bool,
    #[command(flatten, next_help_heading = "Replay options (with --replay)")]
    replay_run: replay::ReplayRun,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Warn,
    Deny,
    /// Never fail on findings (input errors still exit 2).
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

pub(super) fn run(
    args: CheckArgs,
    matches: &ArgMatches,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, String> {
    let cli_levels = level_overrides(&args.levels, matches)?;
    let granted = args
        .granted
        .as_deref()
        .map(crate::wasi::grants::Granted::parse)
        .transpose()
        .map_err(|e| format!("--granted: {e}"))?;
    let replayer = if args.replay {
        Some(replay::for_check(&args.replay_run)?)
    } else {
        None
    };
    let wit_model = match &args.wit {
        Some(wit) => {
            let limits = limits(&args.input);
            match load::load(wit, &limits).and_then(|l| model::build(&l, &limits)) {
                Ok(Model::Wit(w)) => Some(w),
                Ok(Model::Binary(_)) => return Err(format!("--wit {}: not WIT", wit.display())),
                Err(e) => return Err(format!("--wit: {e}")),
            }
        }
        None => None,
    };
    // A WIT of one world is what the components declare they export
    // (surplus-export), where a binary keeps no record of its own.
    let declared = wit_model
        .as_ref()
        .and_then(|w| w.only_world())
        .map(std::rc::Rc::new);
    let program = args
        .program
        .as_deref()
        .map(crate::program::GivenProgram::read)
        .transpose()
        .map_err(|e| format!("--program: {e}"))?;
    let mut inputs = match collect(
        &args.input,
        &args.policy,
        &Given {
            levels: cli_levels,
            granted,
            declared,
            allow_empty: args.allow_empty,
            show: args.show.clone(),
            program,
        },
        replayer.as_deref(),
        stderr,
    )? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    // An entry point or arguments that fit no component of the run are a
    // mistake in the command, not something to note and pass.
    if args.replay {
        let components: Vec<(&str, &report::Summary)> = inputs
            .iter()
            .filter_map(|i| i.outcome.as_ref().ok().map(|s| (i.file.as_str(), s)))
            .filter(|(_, s)| s.kind == "component")
            .collect();
        if !components.is_empty() && components.iter().all(|(_, s)| s.replay_refused.is_some()) {
            let (file, summary) = components[0];
            let reason = summary.replay_refused.as_deref().unwrap_or_default();
            return Err(format!(
                "--replay could not run any component of the run: {}: {}",
                crate::untrusted::text(file),
                crate::untrusted::text(reason)
            ));
        }
    }
    if let Some(wit_model) = &wit_model {
        for input in &mut inputs {
            for finding in &mut input.findings {
                let Some((interface, function)) = &finding.wit_item else {
                    continue;
                };
                if let Some(at) = wit_model.anchor(interface, function.as_deref()) {
                    finding.move_to(rules::Location::Text {
                        file: at.file,
                        line: at.line,
                        column: at.column,
                        range: at.range,
                    });
                }
            }
        }
    }
    let baseline = match &args.baseline {
        Some(path) => {
            let baseline = report::baseline::read(path)?;
            Some(baseline.apply(&mut inputs))
        }
        None => None,
    };
    for input in &mut inputs {
        input.fold();
    }
    let fail_on = match args.fail_on {
        FailOn::Warn => Level::Warn,
        FailOn::Deny => Level::Deny,
        FailOn::Never => Level::Allow,
    };
    let root = match &args.root {
        Some(root) if !root.is_dir() => {
            return Err(format!("--root {}: not a directory", root.display()));
        }
        Some(root) => {
            std::path::absolute(root).map_err(|e| format!("--root {}: {e}", root.display()))?
        }
        None => default_root(),
    };
    let report = Report {
        inputs,
        fail_on,
        baseline,
        root,
    };
    let format = args.format;
    let color = match args.color {
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
        ColorArg::Auto => {
            if args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
            {
                ColorChoice::Always
            } else {
                ColorChoice::Never
            }
        }
    };
    // Input errors always reach stderr, one line each, whatever the format.
    for error in report.errors() {
        let _ = writeln!(
            stderr,
            "error: {}",
            crate::untrusted::text(&error.to_string())
        );
    }
    if let Some(warning) = report
        .baseline
        .as_ref()
        .and_then(|b| b.matched_nothing.as_ref())
    {
        let _ = writeln!(stderr, "warning: {}", crate::untrusted::text(warning));
    }
    let text = report::render(&report, format, color);
    emit(&text, args.output.as_ref(), stdout)?;
    let failed = fail_on != Level::Allow && report.fails();
    Ok(if report.errors().next().is_some() {
        EXIT_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// The top of the git work tree around the working directory (the
/// directory holding `.git`, a directory or a worktree's file), else the
/// working directory itself.
fn default_root() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    cwd.ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(&cwd)
        .to_path_buf()
}

/// Audits every input under its configuration. `Ok(Err(code))` means a
/// configuration file was unusable (already reported on stderr).
/// What the command line says about every input, over what configuration
/// files say.
#[derive(Default)]
pub(super) struct Given {
    /// `-A/-W/-D`, applied after the files' levels.
    pub(super) levels: LevelOverrides,
    /// `--granted`.
    pub(super) granted: Option<crate::wasi::grants::Granted>,
    /// The one world of `--wit`.
    pub(super) declared: Option<std::rc::Rc<model::DeclaredWorld>>,
    /// `--allow-empty`.
    pub(super) allow_empty: bool,
    /// `--show`, over the files' `[output] show`.
    pub(super) show: Vec<report::Show>,
    /// `--program`.
    pub(super) program: Option<crate::program::GivenProgram>,
}

pub(super) fn collect(
    input: &InputArgs,
    policy_args: &PolicyArgs,
    given: &Given,
    replayer: Option<&audit::Replayer>,
    stderr: &mut dyn Write,
) -> Result<Result<Vec<InputReport>, u8>, String> {
    let limits = limits(input);
    let mut configs = ConfigCache::default();
    if let Some(path) = &policy_args.config {
        match configs.get(path) {
            Ok(_) => {}
            Err(rendered) => {
                let _ = stderr.write_all(rendered.as_bytes());
                return Ok(Err(EXIT_ERROR));
            }
        }
    }
    let discovery = load::discover(&input.paths, &input.include, &input.exclude)?;
    if discovery.inputs.is_empty() && discovery.errors.is_empty() && !given.allow_empty {
        let paths: Vec<String> = input.paths.iter().map(|p| load::display_path(p)).collect();
        return Err(format!(
            "no inputs found in {} (no .wasm, .wat or WIT{}); pass --allow-empty to accept an empty run",
            paths.join(", "),
            if input.include.is_empty() && input.exclude.is_empty() {
                ""
            } else {
                " left after --include/--exclude"
            }
        ));
    }
    let mut imports_by_config: std::collections::BTreeMap<PathBuf, Vec<String>> =
        std::collections::BTreeMap::new();
    let mut inputs_by_config: std::collections::BTreeMap<PathBuf, Vec<PathBuf>> =
        std::collections::BTreeMap::new();
    let mut inputs: Vec<InputReport> = discovery
        .errors
        .into_iter()
        .map(|e| InputReport {
            file: e.file.clone(),
            outcome: Err(e),
            findings: Vec::new(),
            suppressed: Vec::new(),
            folded: Vec::new(),
            show: Vec::new(),
        })
        .collect();
    for path in &discovery.inputs {
        let config_path = match (&policy_args.config, policy_args.no_config) {
            (_, true) => None,
            (Some(explicit), _) => Some(explicit.clone()),
            (None, false) => config::discover(path),
        };
        let config = match &config_path {
            Some(config_path) => match configs.get(config_path) {
                Ok(config) => config,
                Err(rendered) => {
                    let _ = stderr.write_all(rendered.as_bytes());
                    return Ok(Err(EXIT_ERROR));
                }
            },
            None => std::rc::Rc::new(Config::default()),
        };
        let mut levels = LevelOverrides::default();
        config.levels_for(path, &mut levels)?;
        levels.extend(&given.levels);
        let mut policy = config.policy_for(path);
        if given.granted.is_some() {
            policy.granted.clone_from(&given.granted);
        }
        policy.declared.clone_from(&given.declared);
        let mut report = audit::audit(
            path,
            &limits,
            &levels,
            &policy,
            replayer,
            given.program.as_ref(),
        );
        let (kept, suppressed): (Vec<_>, Vec<_>) = std::mem::take(&mut report.findings)
            .into_iter()
            .map(|f| {
                let covering =
                    |subject: &str| config.suppression(path, f.rule.id, f.rule.name, subject);
                // A finding that stands for several (one per capability
                // class) is covered when each of them is.
                let suppression = covering(&f.subject).or_else(|| {
                    let each: Option<Vec<_>> = f.grouped.iter().map(|s| covering(s)).collect();
                    each.and_then(|each| each.first().copied())
                });
                let reason = suppression.map(|s| s.reason.clone());
                (f, reason)
            })
            .partition(|(_, reason)| reason.is_none());
        report.findings = kept.into_iter().map(|(f, _)| f).collect();
        report.show = if given.show.is_empty() {
            config.show.clone().unwrap_or_default()
        } else {
            given.show.clone()
        };
        report.suppressed = suppressed
            .into_iter()
            .map(|(f, reason)| (f, reason.unwrap_or_default()))
            .collect();
        if let Some(config_path) = &config_path {
            inputs_by_config
                .entry(config_path.clone())
                .or_default()
                .push(path.clone());
        }
        if let (Some(config_path), Ok(summary)) = (config_path, &report.outcome) {
            imports_by_config.entry(config_path).or_default().extend(
                summary
                    .capabilities
                    .iter()
                    .flat_map(|c| c.interfaces.iter().cloned()),
            );
        }
        inputs.push(report);
    }
    for (config_path, paths) in &inputs_by_config {
        let config = configs.get(config_path).map_err(|e| e.to_string())?;
        for warning in config.unmatched_paths(paths) {
            let _ = stderr.write_all(warning.as_bytes());
        }
    }
    // A policy's allow entry for a custom package is checked against what
    // the inputs really import: a typo there would deny the real package.
    for (config_path, imports) in &imports_by_config {
        let config = configs.get(config_path).map_err(|e| e.to_string())?;
        if let Some(error) = config.unmatched_allow(imports.iter().map(String::as_str)) {
            let _ = stderr.write_all(error.render().as_bytes());
            return Ok(Err(EXIT_ERROR));
        }
    }
    Ok(Ok(inputs))
}

/// Configuration files by path, each read and checked once.
#[derive(Default)]
struct ConfigCache {
    loaded: std::collections::HashMap<PathBuf, std::rc::Rc<Config>>,
}

impl ConfigCache {
    /// The configuration at `path`, or its rendered error.
    fn get(&mut self, path: &std::path::Path) -> Result<std::rc::Rc<Config>, String> {
        if let Some(config) = self.loaded.get(path) {
            return Ok(config.clone());
        }
        let config = std::rc::Rc::new(config::load(path).map_err(|e| e.render())?);
        self.loaded.insert(path.to_path_buf(), config.clone());
        Ok(config)
    }
}
