//! Replay against components written to break its sandbox, a round after
//! the first: each must stop at its limit, within the deadline, with the
//! right reason, and no output may carry a raw control character from it.

use std::time::{Duration, Instant};

use super::{fixtures, wcaudit};
use crate::replay::{self, Budget, ReplayOptions, ReplayReport, StopReason};
use crate::tests::untrusted_output::assert_safe;

/// The deadline every test here gives the replay.
const DEADLINE: Duration = Duration::from_secs(2);

fn options() -> ReplayOptions {
    ReplayOptions {
        iterations: 1,
        budget: Budget {
            timeout: DEADLINE,
            ..Budget::default()
        },
        ..ReplayOptions::default()
    }
}

/// Replays `bytes`, checking it ends within the deadline, its wall-clock
/// grace and some slack for a loaded machine.
fn replay_in_time(name: &str, bytes: &[u8], options: &ReplayOptions) -> ReplayReport {
    let started = Instant::now();
    let report =
        replay::replay(name, bytes, options).unwrap_or_else(|e| panic!("replay {name}: {e}"));
    let took = started.elapsed();
    assert!(
        took < options.budget.timeout + Duration::from_secs(6),
        "{name} took {took:?}"
    );
    report
}

fn fixture(name: &str) -> Vec<u8> {
    fixtures::build_replay(name)
}

fn component(path: &str) -> Vec<u8> {
    wat::parse_file(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Writes `bytes` where the CLI can read them.
fn file(name: &str, bytes: &[u8]) -> String {
    let dir = std::path::Path::new("target/wcaudit-fixtures/hostile-replay");
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{name}.wasm"));
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// `replay` in text and JSON and `check --replay` in every format: none
/// shows a raw control character or lets the input start a line.
fn assert_outputs_safe(path: &str, extra: &[&str]) {
    for format in ["text", "json"] {
        let mut args = vec!["replay", path, "--format", format, "--timeout", "2s"];
        args.extend(extra);
        let run = wcaudit(&args);
        assert!(run.code < 2, "{format}: {}{}", run.stdout, run.stderr);
        assert_safe(format, &format!("{}{}", run.stdout, run.stderr), &["ran:"]);
        let ran = run
            .stdout
            .lines()
            .filter(|l| l.trim_start().starts_with("ran:"))
            .count();
        assert!(ran <= 1, "only replay's own `ran:` line:\n{}", run.stdout);
    }
    for format in ["human", "json", "sarif", "github", "markdown"] {
        let mut args = vec![
            "check",
            "--replay",
            path,
            "--format",
            format,
            "--color",
            "never",
            "--timeout",
            "2s",
        ];
        args.extend(extra);
        let run = wcaudit(&args);
        assert!(run.code < 2, "{format}: {}{}", run.stdout, run.stderr);
        let own: &[&str] = if format == "github" {
            &["::warning file=", "::error file=", "::notice file="]
        } else {
            &[]
        };
        assert_safe(format, &format!("{}{}", run.stdout, run.stderr), own);
    }
}

fn stopped(report: &ReplayReport) -> &replay::Stopped {
    report
        .stopped
        .as_ref()
        .unwrap_or_else(|| panic!("{} was not stopped", report.file))
}

#[test]
fn error_context_is_refused_before_compiling() {
    let bytes = component("testdata/hostile/replay/error-context.wat");
    let started = Instant::now();
    let error = replay::replay("error-context", &bytes, &options()).unwrap_err();
    assert!(started.elapsed() < DEADLINE);
    assert!(
        error.starts_with("it uses `canon error-context.new` (canonical section at byte 0x"),
        "{error}"
    );
    let run = wcaudit(&["replay", "testdata/hostile/replay/error-context.wat"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("testdata/hostile/replay/error-context.wat")
            && run.stderr.contains("error-context.new"),
        "{}",
        run.stderr
    );
    assert_safe("error-context", &run.stderr, &[]);
}

#[test]
fn thousands_of_core_instances_memories_or_tables_hit_the_count_limit() {
    for (name, kind) in [
        ("many-instances", "instances"),
        ("many-memories", "memories"),
        ("many-tables", "tables"),
    ] {
        let path = format!("testdata/hostile/replay/{name}.wat");
        let report = replay_in_time(name, &component(&path), &options());
        let stop = stopped(&report);
        assert_eq!(stop.reason, StopReason::MemoryLimit, "{name}: {stop:?}");
        assert!(stop.during_instantiation, "{name}");
        assert_eq!(
            stop.message,
            format!(
                "the component made more than 1000 core {kind} in one invocation, the most \
                 replay allows of each kind (instances, memories, tables)"
            )
        );
    }
    assert_outputs_safe("testdata/hostile/replay/many-memories.wat", &[]);
}

#[test]
fn wasi_resources_held_without_bound_hit_the_resource_limit() {
    let report = replay_in_time(
        "hostile-pollables",
        &fixture("hostile-pollables"),
        &options(),
    );
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::MemoryLimit, "{stop:?}");
    assert!(
        stop.message
            .starts_with("the guest held more than 4096 WASI resources"),
        "{}",
        stop.message
    );
    let subscribed: u64 = report
        .calls
        .iter()
        .find(|row| row.function == "subscribe-duration")
        .map_or(0, |row| row.total());
    // A pollable takes more than one entry of the host's table.
    assert!((1000..=4097).contains(&subscribed), "{subscribed}");
    assert_outputs_safe(
        &file("hostile-pollables", &fixture("hostile-pollables")),
        &[],
    );
}

#[test]
fn stub_handles_without_bound_hit_the_handle_limit() {
    // A stub call is slow in a debug build: the deadline is generous, the
    // handle limit must come first.
    let report = replay_in_time(
        "hostile-handles",
        &fixture("hostile-handles"),
        &ReplayOptions {
            budget: Budget {
                timeout: Duration::from_secs(30),
                ..Budget::default()
            },
            ..options()
        },
    );
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::MemoryLimit, "{stop:?}");
    assert!(
        stop.message
            .starts_with("the guest held more than 100000 resource handles"),
        "{}",
        stop.message
    );
    let made: u64 = report
        .calls
        .iter()
        .find(|row| row.function == "make")
        .map_or(0, |row| row.total());
    assert_eq!(made, 100_000);
}
