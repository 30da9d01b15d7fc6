//! The command line: parses arguments, runs load → model → graph → rules
//! on each input, and hands the results to the report stage.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

mod replay;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::config::{self, Config};
use crate::graph::ImportGraph;
use crate::load::{self, InputError, Limits};
use crate::model::{self, BinaryModel, Model, NodeKind};
use crate::report::{self, ColorChoice, Format, InputReport, Report, Summary};
use crate::rules::{self, Level, LevelOverrides, Policy, Subject};

/// Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage or
/// input errors.
pub(crate) const EXIT_CLEAN: u8 = 0;
pub(crate) const EXIT_FINDINGS: u8 = 1;
pub(crate) const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "wcaudit",
    version,
    about = "Static capability audit and lint for WebAssembly components",
    long_about = "Audits WebAssembly components, core modules and WIT: what each export can reach, \
                  which imports are never used, p3 migration hazards.\n\n\
                  Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Audit components, core modules and WIT; report findings.
    Check(CheckArgs),
    /// Record the current findings, so `check --baseline` reports only new ones.
    Baseline(BaselineArgs),
    /// Report how ready a component or WIT package is for WASI 0.3.
    P3(P3Args),
    /// Print the wasmtime permissions a component needs, for what it reaches.
    Grants(ImportsArgs),
    /// List what a component imports and exports, and what each export reaches.
    Imports(ImportsArgs),
    /// Draw the import graph (exports → modules → imported interfaces).
    Graph(GraphArgs),
    /// Compare two builds (files, or directories paired by path): capabilities
    /// gained and lost, imports, reachability and exports; exit 1 when a
    /// capability is gained.
    Diff(DiffArgs),
    /// Run a component under a sandboxed, counting wasmtime host and report
    /// its calls per imported function (needs the `replay` feature).
    Replay(Box<replay::ReplayArgs>),
    /// List every rule.
    Rules(RulesArgs),
    /// Print the documentation of a rule.
    Explain {
        /// Rule id (CAP001) or name (unreachable-import).
        rule: String,
    },
}

#[derive(Args)]
struct InputArgs {
    /// Files (.wasm, .wat, .wit) and directories to audit. Inputs are
    /// identified by content; directories are walked.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Only audit files under directories that match this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip files and directories that match this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Largest input file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_input_bytes)]
    max_input_size: u64,
    /// Threads for validating function bodies (default: the number of cores, at most 8).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Give up on an input after this many seconds of parsing, linking and
    /// decoding its WIT world.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().max_time.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    max_time: u64,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
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
    /// Report only findings not recorded in this baseline (see `wcaudit baseline`),
    /// and list baseline entries that no longer match.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Also run each component once under the counting host (as `wcaudit
    /// replay` does, default entry point and sandbox) and attach the
    /// measured calls to the findings (needs the `replay` feature).
    #[arg(long)]
    replay: bool,
    /// Scripted results for the stubs of --replay (see `wcaudit replay --scenario`).
    #[arg(long, value_name = "FILE", requires = "replay")]
    scenario: Option<PathBuf>,
    /// The directory SARIF locations are relative to (uriBaseId
    /// %SRCROOT%); inputs outside it get absolute file:// URIs. Default: the
    /// top of the enclosing git work tree, else the working directory.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Succeed when the paths hold no input to audit (by default a gate
    /// that audits nothing fails with exit 2).
    #[arg(long)]
    allow_empty: bool,
}

/// `-A/-W/-D`, shared by `check` and `p3`.
#[derive(Args)]
struct LevelArgs {
    /// Set rules or categories to allow (repeatable; later flags win).
    #[arg(short = 'A', long = "allow", value_name = "RULE|CATEGORY")]
    allow: Vec<String>,
    /// Set rules or categories to warn.
    #[arg(short = 'W', long = "warn", value_name = "RULE|CATEGORY")]
    warn: Vec<String>,
    /// Set rules or categories to deny.
    #[arg(short = 'D', long = "deny", value_name = "RULE|CATEGORY")]
    deny: Vec<String>,
}

#[derive(Args)]
struct PolicyArgs {
    /// Policy file; by default the nearest wcaudit.toml from each input's
    /// directory upward.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore wcaudit.toml files.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
}

#[derive(Args)]
struct BaselineArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Write an empty baseline when the paths hold no input.
    #[arg(long)]
    allow_empty: bool,
    /// Where to write the baseline.
    #[arg(
        long,
        short,
        value_name = "FILE",
        default_value = "wcaudit-baseline.json"
    )]
    output: PathBuf,
}

#[derive(Args)]
struct ImportsArgs {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct P3Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    levels: LevelArgs,
    #[arg(long, value_enum, default_value_t = P3Format::Text)]
    format: P3Format,
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum P3Format {
    Text,
    Json,
    Markdown,
}

#[derive(Args)]
struct GraphArgs {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct DiffArgs {
    /// The earlier build: a component, or a directory of them.
    #[arg(value_name = "BASE")]
    base: PathBuf,
    /// The later build, of the same kind as BASE.
    #[arg(value_name = "HEAD")]
    head: PathBuf,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Which changes exit 1 (repeatable): capability-gained (the default),
    /// import-added, reach-changed, export-added, export-removed,
    /// target-changed. Overrides `[diff] fail-on` in wcaudit.toml.
    #[arg(long, value_name = "CHANGE", value_parser = clap::builder::PossibleValuesParser::new(config::DIFF_CHANGES))]
    fail_on: Vec<String>,
    #[command(flatten)]
    policy: PolicyArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Args)]
struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    format: RulesFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
    /// The index page of `rules/`.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Sarif,
    Github,
    /// For pull-request summaries: tables, findings by severity, and a
    /// Mermaid graph of exports → capabilities.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Mermaid,
    Dot,
    Json,
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

/// Runs wcaudit with `args` (including the program name), writing to the
/// given streams, and returns the exit code.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    model::contain_decoding_panics();
    let matches = match Cli::command().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let text = e.render().to_string();
            let _ = if e.use_stderr() {
                stderr.write_all(text.as_bytes())
            } else {
                stdout.write_all(text.as_bytes())
            };
            return code;
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = write!(stderr, "{}", e.render());
            return EXIT_ERROR;
        }
    };
    let result = match cli.command {
        Command::Check(args) => {
            let sub = matches
                .subcommand_matches("check")
                .expect("check was parsed");
            check(args, sub, stdout, stderr)
        }
        Command::Baseline(args) => baseline(args, stdout, stderr),
        Command::Imports(args) => imports(args, stdout),
        Command::Grants(args) => grants(args, stdout),
        Command::P3(args) => {
            let sub = matches.subcommand_matches("p3").expect("p3 was parsed");
            p3(args, sub, stdout)
        }
        Command::Graph(args) => graph(args, stdout),
        Command::Replay(args) => replay::run(*args, stdout, stderr),
        Command::Diff(args) => diff(args, stdout, stderr),
        Command::Rules(args) => Ok(list_rules(args, stdout)),
        Command::Explain { rule } => match rules::find(&rule) {
            Some(meta) => {
                let _ = stdout.write_all(rules::docs::explain(meta).as_bytes());
                Ok(EXIT_CLEAN)
            }
            None => Err(format!("unknown rule `{rule}` (see `wcaudit rules`)")),
        },
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            EXIT_ERROR
        }
    }
}

/// `-A/-W/-D` in the order given on the command line.
fn level_overrides(args: &LevelArgs, matches: &ArgMatches) -> Result<LevelOverrides, String> {
    let mut changes: Vec<(usize, &str, Level)> = Vec::new();
    for (id, values, level) in [
        ("allow", &args.allow, Level::Allow),
        ("warn", &args.warn, Level::Warn),
        ("deny", &args.deny, Level::Deny),
    ] {
        let indices: Vec<usize> = matches
            .indices_of(id)
            .map(Iterator::collect)
            .unwrap_or_default();
        for (value, index) in values.iter().zip(indices) {
            changes.push((index, value, level));
        }
    }
    changes.sort_by_key(|(index, _, _)| *index);
    let mut overrides = LevelOverrides::default();
    for (_, selector, level) in changes {
        overrides.push(selector, level)?;
    }
    Ok(overrides)
}

fn limits(input: &InputArgs) -> Limits {
    let defaults = Limits::default();
    Limits {
        max_input_bytes: input.max_input_size,
        max_time: std::time::Duration::from_secs(input.max_time),
        threads: input.jobs.unwrap_or(defaults.threads).max(1),
        ..defaults
    }
}

fn check(
    args: CheckArgs,
    matches: &ArgMatches,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, String> {
    let cli_levels = level_overrides(&args.levels, matches)?;
    let granted = args
        .granted
        .as_deref()
        .map(rules::grants::Granted::parse)
        .transpose()
        .map_err(|e| format!("--granted: {e}"))?;
    let replayer = if args.replay {
        Some(replay::for_check(args.scenario.as_deref())?)
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
    let mut inputs = match collect(
        &args.input,
        &args.policy,
        &cli_levels,
        granted.as_ref(),
        declared,
        replayer.as_deref(),
        args.allow_empty,
        stderr,
    )? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    if let Some(wit_model) = &wit_model {
        for input in &mut inputs {
            for finding in &mut input.findings {
                let Some((interface, function)) = &finding.wit_item else {
                    continue;
                };
                if let Some(at) = wit_model.anchor(interface, function.as_deref()) {
                    finding.move_to(rules::Location::Wit {
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
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
        FormatArg::Markdown => Format::Markdown,
    };
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
        let _ = writeln!(stderr, "error: {error}");
    }
    if let Some(warning) = report
        .baseline
        .as_ref()
        .and_then(|b| b.matched_nothing.as_ref())
    {
        let _ = writeln!(stderr, "warning: {warning}");
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

fn emit(text: &str, output: Option<&PathBuf>, stdout: &mut dyn Write) -> Result<(), String> {
    match output {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => stdout
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write output: {e}")),
    }
}

/// Audits every input under its configuration. `Ok(Err(code))` means a
/// configuration file was unusable (already reported on stderr).
fn collect(
    input: &InputArgs,
    policy_args: &PolicyArgs,
    cli_levels: &LevelOverrides,
    granted: Option<&rules::grants::Granted>,
    declared: Option<std::rc::Rc<model::DeclaredWorld>>,
    replayer: Option<&replay::Replayer>,
    allow_empty: bool,
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
    if discovery.inputs.is_empty() && discovery.errors.is_empty() && !allow_empty {
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
    let mut inputs: Vec<InputReport> = discovery
        .errors
        .into_iter()
        .map(|e| InputReport {
            file: e.file.clone(),
            outcome: Err(e),
            findings: Vec::new(),
            suppressed: Vec::new(),
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
        levels.extend(cli_levels);
        let mut policy = config.policy_for(path);
        if let Some(granted) = granted {
            policy.granted = Some(granted.clone());
        }
        policy.declared.clone_from(&declared);
        let mut report = audit(path, &limits, &levels, &policy, replayer);
        let (kept, suppressed): (Vec<_>, Vec<_>) = std::mem::take(&mut report.findings)
            .into_iter()
            .map(|f| {
                let reason = config
                    .suppression(path, f.rule.id, f.rule.name, &f.subject)
                    .map(|s| s.reason.clone());
                (f, reason)
            })
            .partition(|(_, reason)| reason.is_none());
        report.findings = kept.into_iter().map(|(f, _)| f).collect();
        report.suppressed = suppressed
            .into_iter()
            .map(|(f, reason)| (f, reason.unwrap_or_default()))
            .collect();
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

fn baseline(
    args: BaselineArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, String> {
    let inputs = match collect(
        &args.input,
        &args.policy,
        &LevelOverrides::default(),
        None,
        None,
        None,
        args.allow_empty,
        stderr,
    )? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    for input in &inputs {
        if let Err(error) = &input.outcome {
            let _ = writeln!(stderr, "error: {error}");
        }
    }
    let text = report::baseline::write(&inputs, &args.output);
    std::fs::write(&args.output, &text)
        .map_err(|e| format!("cannot write {}: {e}", args.output.display()))?;
    let count: usize = inputs.iter().map(|i| i.findings.len()).sum();
    let _ = writeln!(
        stdout,
        "wcaudit: recorded {count} finding{} in {}",
        if count == 1 { "" } else { "s" },
        load::display_path(&args.output)
    );
    Ok(if inputs.iter().any(|i| i.outcome.is_err()) {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    })
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

/// Load, model, graph and rules for one input (and replay, when asked).
fn audit(
    path: &std::path::Path,
    limits: &Limits,
    levels: &LevelOverrides,
    policy: &Policy,
    replayer: Option<&replay::Replayer>,
) -> InputReport {
    match load::load(path, limits) {
        Ok(loaded) => {
            let report = audit_loaded(&loaded, limits, levels, policy, replayer);
            let size = loaded.bytes.len();
            free_built(loaded, size);
            report
        }
        Err(e) => InputReport {
            file: load::display_path(path),
            outcome: Err(e),
            findings: Vec::new(),
            suppressed: Vec::new(),
        },
    }
}

/// Model, graph and rules for one input already read.
pub(crate) fn audit_loaded(
    loaded: &load::Loaded,
    limits: &Limits,
    levels: &LevelOverrides,
    policy: &Policy,
    replayer: Option<&replay::Replayer>,
) -> InputReport {
    let built = model::build(loaded, &limits.starting_now());
    audit_model(loaded, built, levels, policy, replayer)
}

/// Graph and rules for one input's model, or the report of its refusal.
pub(crate) fn audit_model(
    loaded: &load::Loaded,
    built: Result<Model, InputError>,
    levels: &LevelOverrides,
    policy: &Policy,
    replayer: Option<&replay::Replayer>,
) -> InputReport {
    match built {
        Ok(Model::Binary(binary)) => {
            let graph = ImportGraph::build(&binary);
            let report = audit_binary(loaded, &binary, &graph, levels, policy, replayer);
            let size = binary.size;
            free_built((binary, graph), size);
            report
        }
        Ok(Model::Wit(wit)) => InputReport {
            file: loaded.display.clone(),
            outcome: Ok(Summary {
                kind: "wit",
                notes: Vec::new(),
                ..Summary::default()
            }),
            findings: rules::run(&Subject::Wit(&wit), levels),
            suppressed: Vec::new(),
        },
        Err(e) => InputReport {
            file: loaded.display.clone(),
            outcome: Err(e),
            findings: Vec::new(),
            suppressed: Vec::new(),
        },
    }
}

/// Inputs from this size on are freed on a thread of their own.
pub(crate) const BACKGROUND_DROP_BYTES: usize = 1 << 20;

/// Frees what was built for an input of `input_size` bytes. A large
/// input's bytes, model and graph are hundreds of thousands of
/// allocations that take milliseconds to free, and nothing needs to wait
/// for that: they go to a thread of their own while the next input, or
/// the report, goes on. A small input's are freed here, where it costs
/// less than starting a thread.
pub(crate) fn free_built<T: Send + 'static>(value: T, input_size: usize) {
    if input_size >= BACKGROUND_DROP_BYTES {
        // Should the thread not start, the closure and `value` drop here.
        let _ = std::thread::Builder::new().spawn(move || drop(value));
    }
}

/// Rules (and replay, when asked) for one binary already modelled.
pub(crate) fn audit_binary(
    loaded: &load::Loaded,
    binary: &BinaryModel,
    graph: &ImportGraph,
    levels: &LevelOverrides,
    policy: &Policy,
    replayer: Option<&replay::Replayer>,
) -> InputReport {
    let mut notes = Vec::new();
    let observed = match replayer {
        Some(replayer) if binary.is_component => match replayer(&loaded.display, &loaded.bytes) {
            Ok(observed) => Some(observed),
            Err(reason) => {
                notes.push(format!("replay did not run: {reason}"));
                None
            }
        },
        Some(_) => {
            notes.push("replay skipped: it runs components, not core modules".to_string());
            None
        }
        None => None,
    };
    let findings = rules::run(
        &Subject::Binary {
            model: binary,
            graph,
            policy,
            observed: observed.as_ref(),
        },
        levels,
    );
    let mut summary = binary_summary(binary, graph);
    if let Some(observed) = &observed {
        notes.extend(replay_notes(binary, graph, observed));
    }
    summary.replay = notes;
    InputReport {
        file: loaded.display.clone(),
        outcome: Ok(summary),
        findings,
        suppressed: Vec::new(),
    }
}

/// What a replay adds to an input's summary: how it went, and the imports
/// static analysis could not decide, now with their measured calls.
fn replay_notes(
    model: &BinaryModel,
    graph: &ImportGraph,
    observed: &model::Observed,
) -> Vec<String> {
    const LISTED: usize = 20;
    let mut notes = vec![match &observed.stopped {
        None => format!(
            "replay: ran {} ({} invocation{}), {} imported function{} called",
            observed.entry,
            observed.invocations,
            if observed.invocations == 1 { "" } else { "s" },
            observed.calls.values().filter(|c| c.max > 0).count(),
            if observed.calls.len() == 1 { "" } else { "s" },
        ),
        Some(stopped) => format!("replay of {} stopped at {stopped}", observed.entry),
    }];
    let mut called = Vec::new();
    let mut not_called = 0;
    for function in graph.import_functions(model) {
        if function.reach != crate::graph::Reach::Indeterminate {
            continue;
        }
        let import = &model.linked.imports[function.import];
        let (item, calls) = match &function.name {
            Some(name) => (
                format!("{}#{name}", import.name),
                observed.function(&import.name, name),
            ),
            None => (import.name.clone(), observed.interface(&import.name)),
        };
        let instantiating = observed.while_instantiating(&import.name, function.name.as_deref());
        match calls {
            Some(calls) => called.push(format!(
                "{item} ({} per invocation)",
                rules::measured::calls_text(&calls)
            )),
            None if instantiating > 0 => called.push(format!(
                "{item} ({} while instantiating)",
                rules::measured::count_text(instantiating)
            )),
            None => not_called += 1,
        }
    }
    if !called.is_empty() {
        let more = called.len().saturating_sub(LISTED);
        called.truncate(LISTED);
        notes.push(format!(
            "replay called {} statically indeterminate import function{}: {}{}",
            called.len() + more,
            if called.len() + more == 1 { "" } else { "s" },
            called.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    if not_called > 0 {
        notes.push(format!(
            "replay did not call {not_called} statically indeterminate import function{}",
            if not_called == 1 { "" } else { "s" }
        ));
    }
    notes
}

fn binary_summary(model: &BinaryModel, graph: &ImportGraph) -> Summary {
    Summary {
        kind: if model.is_component {
            "component"
        } else {
            "core-module"
        },
        size: model.size,
        components: model.count(NodeKind::Component),
        modules: model.count(NodeKind::Module),
        max_depth: model.max_depth(),
        imports: model.linked.imports.len(),
        exports: model.linked.exports.len(),
        world: model.world.as_ref().map(|w| w.name.clone()),
        producers: model
            .all_producers()
            .into_iter()
            .map(|p| {
                format!("{}: {} {}", p.field, p.name, p.version)
                    .trim_end()
                    .to_string()
            })
            .collect(),
        features: model.features.iter().copied().collect(),
        runtimes: model
            .embedded_runtimes()
            .into_iter()
            .map(|r| r.runtime.to_string())
            .collect(),
        capabilities: report::CapabilitySummary::of(model, graph),
        notes: model.notes.clone(),
        replay: Vec::new(),
    }
}

/// Loads exactly one binary input for `graph`.
fn single_binary(input: &InputArgs) -> Result<Result<BinaryModel, InputError>, String> {
    Ok(match single_model(input)? {
        Ok(Model::Binary(b)) => Ok(*b),
        Ok(Model::Wit(w)) => Err(InputError::new(
            &w.file,
            None,
            "is WIT, not a component or module: the graph needs a binary".into(),
        )),
        Err(e) => Err(e),
    })
}

/// Loads exactly one input for `imports` and `graph`.
fn single_model(input: &InputArgs) -> Result<Result<Model, InputError>, String> {
    let limits = limits(input);
    let discovery = load::discover(&input.paths, &input.include, &input.exclude)?;
    if let Some(e) = discovery.errors.into_iter().next() {
        return Ok(Err(e));
    }
    let [path] = discovery.inputs.as_slice() else {
        return Err(format!(
            "expected exactly one component or module, found {} inputs",
            discovery.inputs.len()
        ));
    };
    Ok(load::load(path, &limits).and_then(|loaded| model::build(&loaded, &limits)))
}

/// One side of `diff`: the binary's imports view, size and module count.
fn diff_side(path: &std::path::Path) -> Result<report::diff_view::Side, InputError> {
    let limits = Limits::default();
    let model = load::load(path, &limits).and_then(|l| model::build(&l, &limits))?;
    let Model::Binary(model) = model else {
        return Err(InputError::new(
            &load::display_path(path),
            None,
            "diff compares components and modules, not WIT".to_string(),
        ));
    };
    let graph = ImportGraph::build(&model);
    Ok(report::diff_view::Side {
        file: model.file.clone(),
        size: model.size,
        modules: model.count(NodeKind::Module),
        targets: report::p3_view::used_functions(&model, &graph).0,
        view: report::imports_view::build(&model, &graph),
    })
}

fn diff(args: DiffArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<u8, String> {
    let mut pairs: Vec<(PathBuf, PathBuf)> = Vec::new();
    if args.base.is_dir() && args.head.is_dir() {
        let list =
            |root: &PathBuf| -> Result<std::collections::BTreeMap<PathBuf, PathBuf>, String> {
                let found = load::discover(std::slice::from_ref(root), &[], &[])?;
                Ok(found
                    .inputs
                    .into_iter()
                    .filter_map(|p| Some((p.strip_prefix(root).ok()?.to_path_buf(), p)))
                    .collect())
            };
        let (base, head) = (list(&args.base)?, list(&args.head)?);
        for (relative, path) in &head {
            match base.get(relative) {
                Some(before) => pairs.push((before.clone(), path.clone())),
                None => {
                    let _ = writeln!(
                        stderr,
                        "note: only in {}: {}",
                        args.head.display(),
                        relative.display()
                    );
                }
            }
        }
        for relative in base.keys().filter(|r| !head.contains_key(*r)) {
            let _ = writeln!(
                stderr,
                "note: only in {}: {}",
                args.base.display(),
                relative.display()
            );
        }
    } else if args.base.is_file() && args.head.is_file() {
        pairs.push((args.base.clone(), args.head.clone()));
    } else {
        return Err("diff takes two files or two directories".to_string());
    }
    let mut diffs = Vec::new();
    let mut failed_input = false;
    for (base, head) in pairs {
        match (diff_side(&base), diff_side(&head)) {
            (Ok(base), Ok(head)) => diffs.push(report::diff_view::compare(&base, &head)),
            (base, head) => {
                for error in [base.err(), head.err()].into_iter().flatten() {
                    let _ = writeln!(stderr, "error: {error}");
                }
                failed_input = true;
            }
        }
    }
    let text = match args.format {
        DiffFormat::Text => report::diff_view::render_text(&diffs),
        DiffFormat::Json => report::diff_view::render_json(&diffs),
        DiffFormat::Markdown => report::diff_view::render_markdown(&diffs),
    };
    emit(&text, args.output.as_ref(), stdout)?;
    let fail_on = if !args.fail_on.is_empty() {
        args.fail_on.clone()
    } else {
        let config_path = match (&args.policy.config, args.policy.no_config) {
            (_, true) => None,
            (Some(explicit), _) => Some(explicit.clone()),
            (None, false) => config::discover(&args.head),
        };
        let configured = match config_path {
            Some(path) => match config::load(&path) {
                Ok(config) => config.diff_fail_on,
                Err(e) => {
                    let _ = stderr.write_all(e.render().as_bytes());
                    return Ok(EXIT_ERROR);
                }
            },
            None => None,
        };
        configured.unwrap_or_else(|| vec![config::DIFF_CHANGES[0].to_string()])
    };
    Ok(if failed_input {
        EXIT_ERROR
    } else if diffs
        .iter()
        .any(|d| d.changes().iter().any(|c| fail_on.iter().any(|f| f == c)))
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn imports(args: ImportsArgs, stdout: &mut dyn Write) -> Result<u8, String> {
    let model = match single_model(&args.input)? {
        Ok(Model::Binary(model)) => model,
        Ok(Model::Wit(wit)) => {
            emit(
                &report::imports_view::render_wit(&wit),
                args.output.as_ref(),
                stdout,
            )?;
            return Ok(EXIT_CLEAN);
        }
        Err(e) => return Err(e.to_string()),
    };
    let graph = ImportGraph::build(&model);
    let view = report::imports_view::build(&model, &graph);
    let text = match args.format {
        TableFormat::Text => report::imports_view::render_text(&view),
        TableFormat::Json => {
            let mut t = serde_json::to_string_pretty(&view).expect("view serializes");
            t.push('\n');
            t
        }
    };
    emit(&text, args.output.as_ref(), stdout)?;
    Ok(EXIT_CLEAN)
}

/// `wcaudit p3`: exit 1 when not ready for WASI 0.3 (a core module, or a
/// p3-migration finding at warn or deny), 0 when ready.
fn p3(args: P3Args, matches: &ArgMatches, stdout: &mut dyn Write) -> Result<u8, String> {
    let levels = level_overrides(&args.levels, matches)?;
    let model = single_model(&args.input)?.map_err(|e| e.to_string())?;
    let policy = Policy::default();
    let p3_only = |findings: Vec<rules::Finding>| -> Vec<rules::Finding> {
        findings
            .into_iter()
            .filter(|f| f.rule.category == rules::Category::P3Migration)
            .collect()
    };
    let (file, input, targets, used, findings) = match &model {
        Model::Binary(binary) => {
            let graph = ImportGraph::build(binary);
            let findings = p3_only(rules::run(
                &Subject::Binary {
                    model: binary,
                    graph: &graph,
                    policy: &policy,
                    observed: None,
                },
                &levels,
            ));
            let (targets, used) = report::p3_view::used_functions(binary, &graph);
            let input = if binary.is_component {
                let runtimes = binary.embedded_runtimes();
                report::p3_view::Input::Component(runtimes.first().map(|r| r.runtime))
            } else {
                report::p3_view::Input::CoreModule(binary)
            };
            (binary.file.clone(), input, targets, used, findings)
        }
        Model::Wit(wit) => {
            let findings = p3_only(rules::run(&Subject::Wit(wit), &levels));
            let used = report::p3_view::wit_used(wit.world_imports());
            let input = report::p3_view::Input::Wit;
            (wit.file.clone(), input, "wit", used, findings)
        }
    };
    let view = report::p3_view::build(file, input, targets, used, &findings);
    let text = match args.format {
        P3Format::Text => report::p3_view::render_text(&view),
        P3Format::Markdown => report::p3_view::render_markdown(&view),
        P3Format::Json => {
            let mut t = serde_json::to_string_pretty(&view).expect("view serializes");
            t.push('\n');
            t
        }
    };
    emit(&text, args.output.as_ref(), stdout)?;
    Ok(if view.ready {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

fn grants(args: ImportsArgs, stdout: &mut dyn Write) -> Result<u8, String> {
    let model = match single_binary(&args.input)? {
        Ok(model) => model,
        Err(e) => return Err(e.to_string()),
    };
    let graph = ImportGraph::build(&model);
    let view = report::grants_view::build(&model, &graph);
    let text = match args.format {
        TableFormat::Text => report::grants_view::render_text(&view),
        TableFormat::Json => {
            let mut t = serde_json::to_string_pretty(&view).expect("view serializes");
            t.push('\n');
            t
        }
    };
    emit(&text, args.output.as_ref(), stdout)?;
    Ok(EXIT_CLEAN)
}

fn graph(args: GraphArgs, stdout: &mut dyn Write) -> Result<u8, String> {
    let model = match single_binary(&args.input)? {
        Ok(model) => model,
        Err(e) => return Err(e.to_string()),
    };
    let graph = ImportGraph::build(&model);
    let view = report::graph_view::build(&model, &graph);
    let text = match args.format {
        GraphFormat::Mermaid => report::graph_view::mermaid(&view),
        GraphFormat::Dot => report::graph_view::dot(&view),
        GraphFormat::Json => report::graph_view::json(&view),
    };
    emit(&text, args.output.as_ref(), stdout)?;
    Ok(EXIT_CLEAN)
}

fn list_rules(args: RulesArgs, stdout: &mut dyn Write) -> u8 {
    let text = match args.format {
        RulesFormat::Markdown => rules::docs::index(),
        RulesFormat::Text => {
            let mut out = String::new();
            for rule in rules::RULES {
                let m = rule.meta();
                out.push_str(&format!(
                    "{:<7} {:<20} {:<13} {:<5} {}\n",
                    m.id,
                    m.name,
                    m.category.as_str(),
                    m.default_level.as_str(),
                    m.summary
                ));
            }
            out
        }
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = rules::RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "id": m.id,
                        "name": m.name,
                        "category": m.category.as_str(),
                        "default_level": m.default_level.as_str(),
                        "summary": m.summary,
                    })
                })
                .collect();
            let mut t = serde_json::to_string_pretty(&list).expect("rules serialize");
            t.push('\n');
            t
        }
    };
    let _ = stdout.write_all(text.as_bytes());
    EXIT_CLEAN
}
