//! `wcaudit baseline`: records the current findings, so that `check
//! --baseline` reports only new ones.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::check::{Given, collect};
use super::{EXIT_CLEAN, EXIT_ERROR, InputArgs, PolicyArgs};
use crate::load;
use crate::report;

#[derive(Args)]
pub(super) struct BaselineArgs {
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

pub(super) fn run(
    args: BaselineArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, String> {
    let inputs = match collect(
        &args.input,
        &args.policy,
        &Given {
            allow_empty: args.allow_empty,
            ..Given::default()
        },
        None,
        stderr,
    )? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    for input in &inputs {
        if let Err(error) = &input.outcome {
            let _ = writeln!(
                stderr,
                "error: {}",
                crate::untrusted::text(&error.to_string())
            );
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
