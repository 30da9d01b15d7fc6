//! The command line: the top-level arguments and the dispatch to one file
//! per subcommand, each holding its arguments and its `run`. The audit
//! itself is the library stage in `crate::audit`.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

mod baseline;
mod check;
mod diff;
mod inspect;
mod replay;
mod rules;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::load::Limits;
use crate::model;
use crate::rules::{Level, LevelOverrides};

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
    Check(Box<check::CheckArgs>),
    /// Record the current findings, so `check --baseline` reports only new ones.
    Baseline(baseline::BaselineArgs),
    /// Report how ready a component or WIT package is for WASI 0.3.
    P3(inspect::P3Args),
    /// Print the wasmtime permissions a component needs, for what it reaches.
    Grants(inspect::ImportsArgs),
    /// List what a component imports and exports, and what each export reaches.
    Imports(inspect::ImportsArgs),
    /// Draw the import graph (exports → modules → imported interfaces).
    Graph(inspect::GraphArgs),
    /// Compare two builds (files, or directories paired by path): capabilities
    /// gained and lost, imports, reachability and exports; exit 1 when a
    /// capability is gained.
    Diff(diff::DiffArgs),
    /// Run a component under a sandboxed, counting wasmtime host and report
    /// its calls per imported function (needs the `replay` feature).
    Replay(Box<replay::ReplayArgs>),
    /// List every rule.
    Rules(rules::RulesArgs),
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
            check::run(*args, sub, stdout, stderr)
        }
        Command::Baseline(args) => baseline::run(args, stdout, stderr),
        Command::Imports(args) => inspect::imports(args, stdout),
        Command::Grants(args) => inspect::grants(args, stdout),
        Command::P3(args) => {
            let sub = matches.subcommand_matches("p3").expect("p3 was parsed");
            inspect::p3(args, sub, stdout)
        }
        Command::Graph(args) => inspect::graph(args, stdout),
        Command::Replay(args) => replay::run(*args, stdout, stderr),
        Command::Diff(args) => diff::run(args, stdout, stderr),
        Command::Rules(args) => Ok(rules::list(args, stdout)),
        Command::Explain { rule } => rules::explain(&rule, stdout),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(stderr, "error: {}", crate::untrusted::text(&message));
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

/// A view as pretty JSON, with the characters that could rewrite a
/// terminal escaped (the values read back exactly).
fn json_text(view: &impl serde::Serialize) -> String {
    let mut text =
        crate::untrusted::json(serde_json::to_string_pretty(view).expect("view serializes"));
    text.push('\n');
    text
}
