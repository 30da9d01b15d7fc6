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
    let run = wcaudit(&[
        "check",
        "--replay",
        "testdata/hostile/replay/error-context.wat",
    ]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "--replay could not run any component of the run: \
             testdata/hostile/replay/error-context.wat: it uses `canon error-context.new`"
        ),
        "{}",
        run.stderr
    );
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
    let run = wcaudit(&["replay", "testdata/hostile/replay/many-memories.wat"]);
    assert!(
        run.stdout
            .contains("partial: invocation 1 stopped while instantiating):\n"),
        "{}",
        run.stdout
    );
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
    let report = stops_at_the_handle_limit("hostile-handles");
    let made: u64 = report
        .calls
        .iter()
        .find(|row| row.function == "make")
        .map_or(0, |row| row.total());
    assert_eq!(made, 100_000);
}

/// One function with `locals` i64 locals and `pairs` × (get, get, add,
/// set) over them.
fn costly_module(locals: usize, pairs: usize) -> String {
    let mut wat = String::from(
        "(module\n  (memory (export \"memory\") 1)\n  \
         (func (export \"wasi:cli/run@0.2.12#run\") (result i32)\n    (local",
    );
    wat.push_str(&" i64".repeat(locals));
    wat.push_str(")\n");
    for i in 0..pairs {
        let (a, b, c) = (
            (i * 7) % locals,
            (i * 13 + 1) % locals,
            (i * 31 + 2) % locals,
        );
        wat.push_str(&format!(
            "    local.get {a} local.get {b} i64.mul local.set {c}\n"
        ));
    }
    wat.push_str("    i32.const 0))\n");
    wat
}

#[test]
fn pathological_functions_are_not_compiled_at_all() {
    // 20,000 locals × 14,000 operators: over 2^28.
    let bytes = fixtures::build_replay_from("hostile-compile-cost", &costly_module(20_000, 3_500));
    let started = Instant::now();
    let report = replay::replay(
        "hostile-compile-cost",
        &bytes,
        &ReplayOptions {
            budget: Budget {
                timeout: Duration::from_secs(600),
                ..Budget::default()
            },
            ..options()
        },
    )
    .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "refused before compiling, whatever the deadline: {:?}",
        started.elapsed()
    );
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::Timeout);
    assert!(stop.during_instantiation);
    assert!(
        stop.message
            .starts_with("function 0 of a code section (its body at byte 0x")
            && stop.message.contains(
                "has 20000 locals (parameters included) and 14002 operators, which would take wasmtime far past"
            ),
        "{}",
        stop.message
    );
    assert!(report.calls.is_empty());
    let path = file("hostile-compile-cost", &bytes);
    assert_outputs_safe(&path, &[]);
    let run = wcaudit(&["check", "--replay", &path, "--timeout", "600s"]);
    assert!(
        run.stdout
            .contains("would take wasmtime far past the deadline"),
        "{}{}",
        run.stdout,
        run.stderr
    );

    // Large but ordinary: 200 locals × 6,000 operators compile.
    let bytes = fixtures::build_replay_from("hostile-compile-cost", &costly_module(200, 1_500));
    let report = replay_in_time("ordinary", &bytes, &options());
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
}

#[test]
fn async_exports_that_never_finish_stop_at_the_deadline() {
    // Yielding forever: each turn is short, the deadline still holds.
    let report = replay_in_time("hostile-p3-yield", &fixture("hostile-p3-yield"), &options());
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::Timeout, "{stop:?}");
    assert!(!stop.during_instantiation);
    assert_eq!(report.completed, 0);

    // Waiting on a timer on the real clock: the host call never completes
    // in time.
    let sleep = |real_clock| {
        replay_in_time(
            "hostile-p3-sleep",
            &fixture("hostile-p3-sleep"),
            &ReplayOptions {
                grants: crate::replay::Grants {
                    real_clock,
                    ..Default::default()
                },
                ..options()
            },
        )
    };
    let report = sleep(true);
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::Timeout, "{stop:?}");
    assert!(stop.message.contains("never completed"), "{}", stop.message);
    // On the virtual clock the hour passes at once; then the guest waits
    // on nothing, which wasmtime sees can never end.
    for report in [
        sleep(false),
        replay_in_time("hostile-p3-wait", &fixture("hostile-p3-wait"), &options()),
    ] {
        let stop = stopped(&report);
        assert_eq!(stop.reason, StopReason::Trap, "{stop:?}");
        assert!(
            stop.message.contains("deadlock detected"),
            "{}",
            stop.message
        );
    }
    assert_outputs_safe(&file("hostile-p3-wait", &fixture("hostile-p3-wait")), &[]);
}

#[test]
fn output_before_a_timeout_is_shown_as_partial() {
    let report = replay_in_time("hostile-partial", &fixture("hostile-partial"), &options());
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::Timeout, "{stop:?}");
    assert_eq!(
        report.first.as_ref().unwrap().stdout,
        b"before the loop\x1b[2J\n"
    );
    assert!(report.partial());
    let write = report
        .calls
        .iter()
        .find(|row| row.function == "[method]output-stream.blocking-write-and-flush")
        .expect("the write before the loop is counted");
    assert_eq!(write.calls, [1]);

    let path = file("hostile-partial", &fixture("hostile-partial"));
    let run = wcaudit(&["replay", &path, "--timeout", "1s"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "Calls per invocation (means; bytes are guest → host and host → guest; \
             partial: invocation 1 stopped before it ended):"
        ) && run
            .stdout
            .contains("stdout of the first invocation (20 bytes, partial: it stopped before it ended):\n  | before the loop\\x1b[2J\n"),
        "{}",
        run.stdout
    );
    let run = wcaudit(&["check", "--replay", &path, "--timeout", "1s"]);
    assert!(
        run.stdout.contains(
            "stopped at invocation 1: the guest was still running at the deadline (--timeout) \
             (its calls up to the stop are counted: partial)"
        ),
        "{}",
        run.stdout
    );
    let json = wcaudit(&["replay", &path, "--timeout", "1s", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["partial"], true);
    assert_eq!(value["stdout_bytes"], 20);
    assert_outputs_safe(&path, &[]);
}

#[test]
fn one_call_copies_at_most_64_mib_whatever_the_memory_cap() {
    let flood = |max_memory: usize| {
        replay_in_time(
            "flood",
            &fixture("flood"),
            &ReplayOptions {
                entry: replay::EntryRequest::Invoke {
                    function: "run".into(),
                    args: None,
                },
                budget: Budget {
                    max_memory,
                    timeout: Duration::from_secs(20),
                    ..Budget::default()
                },
                ..options()
            },
        )
    };
    // 4 MiB of 32-flag values would lift as 33 million strings: over the
    // per-call cap even when --max-memory would allow it.
    for max_memory in [1 << 30, 8 << 30] {
        let report = flood(max_memory);
        let stop = stopped(&report);
        assert_eq!(stop.reason, StopReason::MemoryLimit);
        assert_eq!(
            stop.message,
            "an argument to test:flood/sink#take exceeds 1198372 bytes, what the 64 MiB cap on \
             one call's copy allows for its types once copied into the host"
        );
    }
}

#[test]
fn waitable_sets_without_bound_hit_the_handle_limit() {
    stops_at_the_handle_limit("hostile-p3-sets");
}

/// Replays `name` with a generous deadline (a stub call is slow in a debug
/// build: the handle limit must come first) and checks it stopped there.
fn stops_at_the_handle_limit(name: &str) -> ReplayReport {
    let report = replay_in_time(
        name,
        &fixture(name),
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
    report
}

#[test]
fn a_trap_in_a_hostile_function_name_cannot_forge_lines() {
    let path = "testdata/hostile/replay/trap-name.wat";
    let report = replay_in_time("trap-name", &component(path), &options());
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::Trap, "{stop:?}");
    assert!(
        stop.message.contains("::error title=pwned::trap"),
        "the name is shown: {}",
        stop.message
    );
    assert_outputs_safe(path, &[]);
}

/// `count` functions of `locals` i64 locals and `pairs` × (get, get,
/// mul, set) each.
fn many_costly_functions(count: usize, locals: usize, pairs: usize) -> String {
    let one = costly_module(locals, pairs);
    let start = one.find("    (local").unwrap();
    let end = one.rfind("))").unwrap();
    let body = &one[start..end];
    let mut wat = String::from("(module\n  (memory (export \"memory\") 1)\n");
    for i in 0..count {
        wat.push_str(&format!("  (func $f{i} (result i32)\n{body})\n"));
    }
    wat.push_str("  (func (export \"wasi:cli/run@0.2.12#run\") (result i32) (i32.const 0)))\n");
    wat
}

#[test]
fn many_functions_each_under_the_bound_add_up() {
    // 20 functions of 10,000 locals × 24,002 operators: each under 2^28,
    // together over 2^32.
    let wat = many_costly_functions(20, 10_000, 6_000);
    let bytes = fixtures::build_replay_from("hostile-compile-cost", &wat);
    let started = Instant::now();
    let report = replay::replay("many", &bytes, &options()).unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::Timeout);
    assert!(
        stop.message
            .starts_with("its functions up to the one at byte 0x")
            && stop
                .message
                .contains("add up to more than 2^32 locals × operators"),
        "{}",
        stop.message
    );
}

#[test]
fn a_header_set_over_16_kib_stops_as_memory_limit() {
    let report = replay_in_time(
        "hostile-fields",
        &fixture("hostile-fields"),
        &ReplayOptions {
            entry: replay::EntryRequest::Invoke {
                function: "fill".into(),
                args: None,
            },
            ..options()
        },
    );
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::MemoryLimit, "{stop:?}");
    assert_eq!(
        stop.message,
        "a wasi:http header set (`fields`) would hold more than 16 KiB, the most replay \
         allows one to hold"
    );
    // Each 1 KiB value and its name count: the append that would pass
    // 16 KiB stops the replay.
    let appends: u64 = report
        .calls
        .iter()
        .find(|row| row.function == "[method]fields.append")
        .map_or(0, |row| row.total());
    assert!((10..=17).contains(&appends), "{appends}");
}

#[test]
fn denied_requests_are_listed_briefly_and_boundedly() {
    let report = replay_in_time(
        "hostile-http-flood",
        &fixture("hostile-http-flood"),
        &options(),
    );
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    let http: Vec<_> = report
        .denied
        .iter()
        .filter(|d| d.capability == "http")
        .collect();
    assert_eq!(http.len(), 101, "a hundred listed, and a count of the rest");
    assert!(http.iter().all(|d| d.what.chars().count() <= 201));
    assert!(
        http.iter()
            .any(|d| d.what == "1900 more attempts, not listed"),
        "{http:?}"
    );
    let path = file("hostile-http-flood", &fixture("hostile-http-flood"));
    let run = wcaudit(&["replay", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.len() < 40_000, "{} bytes", run.stdout.len());
    assert_outputs_safe(&path, &[]);
}

#[test]
fn a_host_call_blocked_on_a_named_pipe_does_not_hang_wcaudit() {
    let dir = std::path::Path::new("target/wcaudit-fixtures/hostile-replay/fifo-dir");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let fifo = dir.join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("no mkfifo here; skipped");
        return;
    }
    let bytes = fixtures::build_replay_reading_files("hostile-fifo");
    let options = ReplayOptions {
        grants: crate::replay::Grants {
            dirs: vec![
                crate::replay::DirGrant::parse(&format!("{}::/data:ro", dir.display())).unwrap(),
            ],
            ..Default::default()
        },
        budget: Budget {
            timeout: Duration::from_secs(1),
            ..Budget::default()
        },
        ..options()
    };
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(replay::replay("hostile-fifo", &bytes, &options));
    });
    let outcome = receive.recv_timeout(Duration::from_secs(20));
    // Release the host's blocked open either way, so nothing stays stuck.
    let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
    let report = outcome
        .expect("the replay returns though the host call is still blocked")
        .unwrap();
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::Timeout, "{stop:?}");
    assert!(stop.message.contains("never completed"), "{}", stop.message);
}

#[test]
fn random_bytes_are_made_no_more_than_one_call_may_copy() {
    let random = |max_memory: usize| {
        replay_in_time(
            "hostile-random",
            &fixture("hostile-random"),
            &ReplayOptions {
                budget: Budget {
                    max_memory,
                    timeout: Duration::from_secs(20),
                    ..Budget::default()
                },
                ..options()
            },
        )
    };
    // 48 MiB asked for: over a 16 MiB --max-memory before the host makes
    // any, within the 64 MiB cap when --max-memory allows it.
    let report = random(16 << 20);
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::MemoryLimit, "{stop:?}");
    assert_eq!(
        stop.message,
        "the guest asked for more random bytes in one call than the 16 MiB one call may copy \
         into the host (--max-memory, at most 64 MiB)"
    );
    let report = random(128 << 20);
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
}

#[test]
fn blocked_stackful_tasks_count_their_stacks_against_the_memory_cap() {
    // 4,000 stackful tasks, each blocked deep in recursion, held 760 MB
    // under a 64 MiB cap before their stacks were counted.
    let path = "testdata/hostile/replay/blocked-tasks.wat";
    let report = replay_in_time(
        "blocked-tasks",
        &component(path),
        &ReplayOptions {
            budget: Budget {
                max_memory: 64 << 20,
                ..options().budget
            },
            ..options()
        },
    );
    let stop = stopped(&report);
    assert_eq!(stop.reason, StopReason::MemoryLimit, "{stop:?}");
    assert!(!stop.during_instantiation);
    assert!(
        stop.message.starts_with(
            "the stacks of tasks in flight would take the guest's storage to 65600 KiB"
        ),
        "{}",
        stop.message
    );
    assert!(
        stop.message
            .ends_with("task stacks 64 MiB), over the 64 MiB limit (--max-memory)")
    );
    assert_outputs_safe(path, &[]);
}

#[test]
fn what_a_store_held_is_given_back_for_the_next_invocation() {
    // Each invocation grows memory to 40 MiB of a 64 MiB cap: counted once
    // per store, not summed over the invocations.
    let grow = fixtures::build_replay_from(
        "grow",
        r#"(module
  (memory (export "memory") 1)
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (drop (memory.grow (i32.const 639)))
    (i32.const 0)))"#,
    );
    let report = replay_in_time(
        "grow-to-40m",
        &grow,
        &ReplayOptions {
            iterations: 3,
            budget: Budget {
                max_memory: 64 << 20,
                ..options().budget
            },
            ..options()
        },
    );
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    assert_eq!(report.completed, 3);
}
