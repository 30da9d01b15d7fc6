//! Runs wcaudit over the component-model specification's test suite
//! (`test/**/*.wast` of WebAssembly/component-model), as a real-world check
//! of the parser and the linker: every binary the validator (wasmparser,
//! with every feature) accepts must be audited (exit 0 or 1), every one it
//! rejects must be refused (exit 2), and nothing may crash or hang.
//!
//! `cargo run --example spec_suite -- SUITE_DIR [WCAUDIT]`, or
//! `scripts/spec-suite.sh SUITE_DIR`. The suite is not vendored.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wast::parser::{self, ParseBuffer};
use wast::{QuoteWat, Wast, WastDirective, WastExecute, Wat};

/// What the suite's script says of one binary.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Spec {
    Valid,
    Invalid,
    Malformed,
}

#[derive(Default)]
struct Tally {
    files: usize,
    binaries: usize,
    /// Text that does not encode (malformed text, on purpose).
    text_only: usize,
    audited: usize,
    refused: usize,
    /// Scripts the `wast` crate wcaudit builds with cannot parse (a
    /// proposal newer than it): nothing in them is run.
    unparsed: Vec<String>,
    /// Where wasmparser and the suite disagree: wasmparser's business, not
    /// wcaudit's, but worth a line.
    validator_disagrees: Vec<String>,
    failures: Vec<String>,
}

const DEADLINE: Duration = Duration::from_secs(20);

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(suite) = args.next().map(PathBuf::from) else {
        eprintln!("usage: spec_suite SUITE_DIR [WCAUDIT]");
        std::process::exit(2);
    };
    let wcaudit = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/debug/wcaudit"));
    let mut files = Vec::new();
    collect(&suite, &mut files);
    files.sort();
    if files.is_empty() {
        eprintln!("spec_suite: no .wast files under {}", suite.display());
        std::process::exit(2);
    }
    let scratch = std::env::temp_dir().join(format!("wcaudit-spec-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("scratch directory");
    let mut tally = Tally::default();
    for file in &files {
        tally.files += 1;
        run_file(file, &suite, &wcaudit, &scratch, &mut tally);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    println!(
        "spec_suite: {} files, {} binaries: {} audited, {} refused; {} assertions are text that does not encode",
        tally.files, tally.binaries, tally.audited, tally.refused, tally.text_only
    );
    for line in &tally.unparsed {
        println!("skipped, the wast crate cannot parse it: {line}");
    }
    for line in &tally.validator_disagrees {
        println!("validator differs from the suite: {line}");
    }
    for line in &tally.failures {
        println!("FAIL {line}");
    }
    println!("spec_suite: {} failures", tally.failures.len());
    std::process::exit(i32::from(!tally.failures.is_empty()));
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "wast") {
            out.push(path);
        }
    }
}

fn run_file(file: &Path, suite: &Path, wcaudit: &Path, scratch: &Path, tally: &mut Tally) {
    let name = file
        .strip_prefix(suite)
        .unwrap_or(file)
        .display()
        .to_string();
    let Ok(text) = std::fs::read_to_string(file) else {
        tally.failures.push(format!("{name}: unreadable"));
        return;
    };
    let buffer = match ParseBuffer::new(&text) {
        Ok(buffer) => buffer,
        Err(e) => {
            tally.failures.push(format!("{name}: {e}"));
            return;
        }
    };
    let wast: Wast = match parser::parse(&buffer) {
        Ok(wast) => wast,
        Err(e) => {
            let first = e.to_string();
            let first = first.lines().next().unwrap_or_default().to_string();
            tally.unparsed.push(format!("{name}: {first}"));
            return;
        }
    };
    for (index, directive) in wast.directives.into_iter().enumerate() {
        let line = {
            let (line, _) = directive.span().linecol_in(&text);
            line + 1
        };
        let (spec, encoded) = match directive {
            WastDirective::Module(mut m) | WastDirective::ModuleDefinition(mut m) => {
                (Spec::Valid, m.encode())
            }
            WastDirective::AssertInvalid { mut module, .. } => (Spec::Invalid, module.encode()),
            WastDirective::AssertMalformed { mut module, .. } => {
                // Text that is malformed as text has no binary to audit.
                if !matches!(module, QuoteWat::Wat(_)) && module.encode().is_err() {
                    tally.text_only += 1;
                    continue;
                }
                (Spec::Malformed, module.encode())
            }
            WastDirective::AssertUnlinkable { mut module, .. } => (Spec::Valid, module.encode()),
            WastDirective::AssertTrap {
                exec: WastExecute::Wat(mut module),
                ..
            }
            | WastDirective::AssertReturn {
                exec: WastExecute::Wat(mut module),
                ..
            }
            | WastDirective::AssertException {
                exec: WastExecute::Wat(mut module),
                ..
            } => (Spec::Valid, encode_wat(&mut module)),
            _ => continue,
        };
        let bytes = match encoded {
            Ok(bytes) => bytes,
            Err(_) if spec != Spec::Valid => {
                tally.text_only += 1;
                continue;
            }
            Err(e) => {
                tally.failures.push(format!(
                    "{name}:{line}: a valid module does not encode: {e}"
                ));
                continue;
            }
        };
        tally.binaries += 1;
        let accepted = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
            .validate_all(&bytes)
            .is_ok();
        if accepted != (spec == Spec::Valid) {
            tally.validator_disagrees.push(format!(
                "{name}:{line}: the suite says {spec:?}, wasmparser {}",
                if accepted { "accepts it" } else { "rejects it" }
            ));
        }
        let path = scratch.join(format!("{index}.wasm"));
        if std::fs::write(&path, &bytes).is_err() {
            tally.failures.push(format!("{name}:{line}: cannot write"));
            continue;
        }
        match audit(wcaudit, &path) {
            Ok(0 | 1) if accepted => tally.audited += 1,
            Ok(2) if !accepted => tally.refused += 1,
            Ok(code) => tally.failures.push(format!(
                "{name}:{line}: the validator {} it, wcaudit exited {code}",
                if accepted { "accepts" } else { "rejects" }
            )),
            Err(why) => tally.failures.push(format!("{name}:{line}: {why}")),
        }
        let _ = std::fs::remove_file(&path);
    }
}

fn encode_wat(module: &mut Wat) -> Result<Vec<u8>, wast::Error> {
    module.encode()
}

/// wcaudit's exit code on one binary, or why there is none (a crash, a
/// signal, the deadline).
fn audit(wcaudit: &Path, input: &Path) -> Result<i32, String> {
    let mut child = Command::new(wcaudit)
        .args(["check", "--no-config", "--format", "json"])
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", wcaudit.display()))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                return status
                    .code()
                    .filter(|c| *c != 101)
                    .ok_or_else(|| format!("wcaudit crashed ({status})"));
            }
            Ok(None) if start.elapsed() > DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("wcaudit ran past {} s", DEADLINE.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(e.to_string()),
        }
    }
}
