//! Compiling a component for replay within the deadline.
//!
//! Cranelift cannot be interrupted, and a function built to be slow to
//! compile takes minutes. The preflight bounds keep the worst from
//! starting; what is left can still take tens of seconds and hundreds of
//! megabytes, and a thread past the deadline cannot be stopped: `check
//! --replay` over a directory of such inputs ran all their compilations
//! at once in the background. So the wcaudit binary compiles in a child
//! process of itself, killed at the deadline, and loads the compiled code
//! it writes back. Without the binary (wcaudit as a library, the tests)
//! compilation runs on a thread the replay waits for only until the
//! deadline, left to finish unobserved.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use wasmtime::Engine;
use wasmtime::component::Component;

use super::sandbox::{self, Budget, Compiler};
use super::stop::error_text;
use crate::model::PastDeadline;

/// The first argument that makes the wcaudit binary a compiler child.
const CHILD_ARGUMENT: &str = "__replay-compile";

/// The executable that compiles in a child process, once the binary has
/// registered itself.
static COMPILER: OnceLock<PathBuf> = OnceLock::new();

/// What a compilation child says of itself when it fails: at most this
/// much of its stderr is read.
const CHILD_MESSAGE_CAP: u64 = 16 << 10;

/// For the binary's `main`: serves a compilation when this process is a
/// compiler child (returning its exit code), else registers this
/// executable as the compiler for replays and returns `None`.
pub fn binary_entry() -> Option<u8> {
    let mut args = std::env::args_os().skip(1);
    if args.next().is_some_and(|first| first == CHILD_ARGUMENT) {
        let fuel = args.next().is_some_and(|flag| flag == "fuel");
        return Some(serve(fuel));
    }
    if let Ok(exe) = std::env::current_exe() {
        let _ = COMPILER.set(exe);
    }
    None
}

/// The child's side: the component's bytes on stdin, wasmtime's compiled
/// form on stdout, or the error on stderr and exit code 1.
fn serve(fuel: bool) -> u8 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        eprint!("cannot read the component: {e}");
        return 1;
    }
    let budget = Budget {
        fuel: fuel.then_some(1),
        ..Budget::default()
    };
    let engine = match sandbox::engine(&budget, Compiler::Optimizing) {
        Ok((engine, _)) => engine,
        Err(e) => {
            eprint!("{e}");
            return 1;
        }
    };
    match engine.precompile_component(&bytes) {
        Ok(compiled) => match std::io::stdout().lock().write_all(&compiled) {
            Ok(()) => 0,
            Err(e) => {
                eprint!("cannot hand back the compiled code: {e}");
                1
            }
        },
        Err(e) => {
            eprint!("wasmtime cannot compile it: {}", error_text(&e));
            1
        }
    }
}

/// Compiles `bytes` for `engine` (made from `budget` and `compiler`),
/// waiting no longer than `timeout`. The child compiles only for the
/// optimizing engine, the one it makes itself; quick compilations are
/// short and stay on a thread.
pub(super) fn compile(
    engine: &Engine,
    budget: &Budget,
    compiler: Compiler,
    bytes: &[u8],
    timeout: Duration,
) -> Result<Result<Component, String>, PastDeadline> {
    let child = match compiler {
        Compiler::Optimizing => COMPILER.get().map(PathBuf::as_path),
        Compiler::Quick => None,
    };
    compile_with(child, engine, budget, bytes, timeout)
}

/// `compile`, in a child process of `compiler` when there is one.
pub(crate) fn compile_with(
    compiler: Option<&Path>,
    engine: &Engine,
    budget: &Budget,
    bytes: &[u8],
    timeout: Duration,
) -> Result<Result<Component, String>, PastDeadline> {
    let deadline = Instant::now() + timeout;
    match compiler {
        Some(exe) => match in_child(exe, engine, budget, bytes, deadline) {
            Spawned::Finished(outcome) => outcome,
            // A binary that cannot start itself still compiles.
            Spawned::NotStarted => on_thread(engine, bytes, deadline),
        },
        None => on_thread(engine, bytes, deadline),
    }
}

fn on_thread(
    engine: &Engine,
    bytes: &[u8],
    deadline: Instant,
) -> Result<Result<Component, String>, PastDeadline> {
    let engine = engine.clone();
    let bytes = bytes.to_vec();
    crate::model::until_deadline(
        Some(deadline),
        |_| "wasmtime panicked while compiling it".to_string(),
        move || {
            Component::new(&engine, &bytes)
                .map_err(|e| format!("wasmtime cannot compile it: {}", error_text(&e)))
        },
    )
}

enum Spawned {
    Finished(Result<Result<Component, String>, PastDeadline>),
    NotStarted,
}

fn in_child(
    exe: &Path,
    engine: &Engine,
    budget: &Budget,
    bytes: &[u8],
    deadline: Instant,
) -> Spawned {
    let spawned = Command::new(exe)
        .arg(CHILD_ARGUMENT)
        .arg(if budget.fuel.is_some() {
            "fuel"
        } else {
            "no-fuel"
        })
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = spawned else {
        return Spawned::NotStarted;
    };
    let (Some(mut stdin), Some(mut stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Spawned::NotStarted;
    };
    // The pipes are drained on threads of their own, so that neither side
    // waits on a full pipe; the result arrives when stdout closes.
    let input = bytes.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    std::thread::spawn(move || {
        let mut compiled = Vec::new();
        let read = stdout.read_to_end(&mut compiled).map(|_| compiled);
        let mut message = String::new();
        let _ = stderr.take(CHILD_MESSAGE_CAP).read_to_string(&mut message);
        let _ = sender.send((read, message));
    });
    let received = receiver.recv_timeout(deadline.saturating_duration_since(Instant::now()));
    let Ok((read, message)) = received else {
        // Past the deadline: the compilation stops here, not in the
        // background. Killing the child closes its pipes, which ends both
        // threads.
        let _ = child.kill();
        let _ = child.wait();
        let _ = feeder.join();
        return Spawned::Finished(Err(PastDeadline));
    };
    let status = child.wait();
    let _ = feeder.join();
    let outcome = match (status, read) {
        (Ok(status), Ok(compiled)) if status.success() => load(engine, &compiled),
        (Ok(status), _) if status.code() == Some(1) => Err(message),
        (Ok(status), _) => Err(format!(
            "wasmtime ended while compiling it ({status}){}",
            if message.is_empty() {
                String::new()
            } else {
                format!(": {}", message.trim())
            }
        )),
        (Err(e), _) => Err(format!("the compiler process was lost: {e}")),
    };
    Spawned::Finished(Ok(outcome))
}

fn load(engine: &Engine, compiled: &[u8]) -> Result<Component, String> {
    // SAFETY: the bytes are what `Engine::precompile_component` made in a
    // child process of this same executable, with an engine of the same
    // configuration (`sandbox::engine`), read from a pipe only that child
    // writes; wasmtime checks the header, version and configuration again.
    #[allow(unsafe_code)]
    let loaded = unsafe { Component::deserialize(engine, compiled) };
    loaded.map_err(|e| format!("cannot load the compiled component: {}", error_text(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::fixtures::build_replay;

    /// The wcaudit binary cargo builds beside the test binary (for the
    /// integration tests), which is what compiles in a child.
    fn binary() -> PathBuf {
        let test_binary = std::env::current_exe().unwrap();
        let binary = test_binary
            .parent()
            .and_then(Path::parent)
            .map(|dir| dir.join(format!("wcaudit{}", std::env::consts::EXE_SUFFIX)))
            .unwrap();
        assert!(binary.exists(), "{} was not built", binary.display());
        binary
    }

    fn engine() -> Engine {
        sandbox::engine(&Budget::default(), Compiler::Optimizing)
            .unwrap()
            .0
    }

    /// Children of this process that are compiling for it.
    #[cfg(target_os = "linux")]
    fn compiler_children() -> Vec<String> {
        let me = std::process::id().to_string();
        let mut found = Vec::new();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let dir = entry.path();
            let (Ok(stat), Ok(cmdline)) = (
                std::fs::read_to_string(dir.join("stat")),
                std::fs::read(dir.join("cmdline")),
            ) else {
                continue;
            };
            // The parent's pid is the second field after the name, which
            // ends at the last ')'.
            let parent = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1));
            let compiling = String::from_utf8_lossy(&cmdline).contains(CHILD_ARGUMENT);
            if parent == Some(me.as_str()) && compiling {
                found.push(dir.display().to_string());
            }
        }
        found
    }

    #[test]
    fn a_child_compiles_what_a_thread_compiles() {
        let bytes = build_replay("env-loop");
        let engine = engine();
        let budget = Budget::default();
        let timeout = Duration::from_secs(60);
        let in_child = compile_with(Some(&binary()), &engine, &budget, &bytes, timeout)
            .expect("within the deadline")
            .expect("compiled");
        let on_thread = compile_with(None, &engine, &budget, &bytes, timeout)
            .expect("within the deadline")
            .expect("compiled");
        let exports = |component: &Component| {
            component
                .component_type()
                .exports(&engine)
                .map(|(name, _)| name.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(exports(&in_child), exports(&on_thread));
        assert!(!exports(&in_child).is_empty());

        // With fuel on, the child compiles for an engine that counts it.
        let fueled = Budget {
            fuel: Some(1_000),
            ..Budget::default()
        };
        let fueled_engine = sandbox::engine(&fueled, Compiler::Optimizing).unwrap().0;
        compile_with(Some(&binary()), &fueled_engine, &fueled, &bytes, timeout)
            .expect("within the deadline")
            .expect("compiled for the fueled engine");
    }

    #[test]
    fn what_wasmtime_refuses_is_its_error() {
        let refused = compile_with(
            Some(&binary()),
            &engine(),
            &Budget::default(),
            b"\0asm\x0d\0\x01\0\xff",
            Duration::from_secs(60),
        )
        .expect("within the deadline")
        .map(|_| ())
        .expect_err("not a component");
        assert!(
            refused.starts_with("wasmtime cannot compile it: "),
            "{refused}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_compilation_past_the_deadline_is_stopped_not_left_running() {
        // 1,000 live i64 locals over 20,000 multiplies: under the
        // preflight bounds, seconds for Cranelift.
        let mut core =
            String::from("(module (func (export \"wasi:cli/run@0.2.12#run\") (result i32) (local");
        core.push_str(&" i64".repeat(1_000));
        core.push(')');
        for i in 0..20_000 {
            let (a, b, c) = ((i * 7) % 1_000, (i * 13 + 1) % 1_000, (i * 31 + 2) % 1_000);
            core.push_str(&format!(
                " local.get {a} local.get {b} i64.mul local.set {c}"
            ));
        }
        core.push_str(" i32.const 0))");
        let bytes = crate::tests::fixtures::build_replay_from("slow-compile", &core);
        let outcome = compile_with(
            Some(&binary()),
            &engine(),
            &Budget::default(),
            &bytes,
            Duration::from_millis(50),
        );
        assert!(
            matches!(outcome, Err(PastDeadline)),
            "{:?}",
            outcome.map(|compiled| compiled.map(|_| ()))
        );
        assert_eq!(compiler_children(), Vec::<String>::new());
    }
}
