//! `wcaudit diff`: what changed between two builds.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, PolicyArgs, emit};
use crate::config;
use crate::graph::ImportGraph;
use crate::load::{self, InputError, Limits};
use crate::model::{self, Model, NodeKind};
use crate::report;

#[derive(Args)]
pub(super) struct DiffArgs {
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
    #[arg(long, value_name = "CHANGE", value_enum)]
    fail_on: Vec<config::DiffChange>,
    #[command(flatten)]
    policy: PolicyArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Markdown,
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
        targets: report::p3_view::binary_targets(&model),
        view: report::imports_view::build(&model, &graph, &crate::facts::Facts::of(&model, &graph)),
    })
}

pub(super) fn run(
    args: DiffArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, String> {
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
                    let _ = writeln!(
                        stderr,
                        "error: {}",
                        crate::untrusted::text(&error.to_string())
                    );
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
        configured.unwrap_or_else(|| vec![config::DiffChange::CapabilityGained])
    };
    Ok(if failed_input {
        EXIT_ERROR
    } else if diffs
        .iter()
        .any(|d| d.changes().iter().any(|c| fail_on.contains(c)))
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
