//! Replay: exact counts on fixtures with known call counts, stubs and
//! scenarios, entry points, and the sandbox stopping or denying hostile
//! guests.

use std::time::Duration;

use super::{assert_contains, check_json, fixtures, rows, wcaudit};
use crate::replay::{
    self, Answered, Budget, Compiler, DirGrant, EntryRequest, Grants, HttpRequest, ReplayOptions,
    ReplayReport, Scenario, StopReason,
};

fn run(name: &str, options: ReplayOptions) -> ReplayReport {
    let bytes = fixtures::build_replay(name);
    replay::replay(name, &bytes, &options).unwrap_or_else(|e| panic!("replay {name}: {e}"))
}

fn options() -> ReplayOptions {
    ReplayOptions {
        iterations: 1,
        ..ReplayOptions::default()
    }
}

/// The default options with the guest's memory capped at `bytes`.
fn memory_cap(bytes: usize) -> ReplayOptions {
    let budget = Budget {
        max_memory: bytes,
        ..Budget::default()
    };
    ReplayOptions {
        budget,
        ..options()
    }
}

/// The default options with a replay stopped after `timeout`.
fn deadline(timeout: Duration) -> ReplayOptions {
    let budget = Budget {
        timeout,
        ..Budget::default()
    };
    ReplayOptions {
        budget,
        ..options()
    }
}

/// Calls per invocation of `interface#function`, or empty.
fn calls(report: &ReplayReport, interface: &str, function: &str) -> Vec<u64> {
    report
        .calls
        .iter()
        .find(|row| row.interface == interface && row.function == function)
        .map(|row| row.calls.clone())
        .unwrap_or_default()
}

fn write_temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new("target/wcaudit-fixtures/replay");
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_loop_of_n_wasi_calls_counts_n_per_invocation() {
    let report = run(
        "env-loop",
        ReplayOptions {
            iterations: 3,
            ..options()
        },
    );
    assert_eq!(report.completed, 3);
    assert!(report.stopped.is_none());
    assert_eq!(report.entry, "wasi:cli/run@0.2.12#run");
    assert_eq!(
        calls(&report, "wasi:cli/environment@0.2.12", "get-environment"),
        [1000, 1000, 1000]
    );
    assert_eq!(report.calls.len(), 1, "{:?}", report.calls);
    assert_eq!(report.calls[0].answered, Answered::Wasi);
    // The transition hook agrees: nothing else crossed into the host.
    assert_eq!(report.host_transitions, Some(1000));
    assert!(
        report
            .denied
            .iter()
            .any(|d| d.capability == "environment" && d.grant == "--env")
    );
}

#[test]
fn granted_environment_is_not_reported_as_denied() {
    let report = run(
        "env-loop",
        ReplayOptions {
            grants: Grants {
                env: vec![("MODE".into(), "replay".into())],
                ..Grants::default()
            },
            ..options()
        },
    );
    assert_eq!(
        calls(&report, "wasi:cli/environment@0.2.12", "get-environment"),
        [1000]
    );
    assert!(report.denied.is_empty(), "{:?}", report.denied);
}

#[test]
fn custom_imports_and_resource_methods_are_stubbed_and_counted() {
    let report = run(
        "host-api",
        ReplayOptions {
            entry: EntryRequest::Invoke {
                function: "process".into(),
                args: Some("100".into()),
            },
            iterations: 2,
            ..options()
        },
    );
    assert_eq!(report.completed, 2);
    assert_eq!(report.entry, "test:replay/api@0.1.0#process(100)");
    let host = "test:replay/host@0.1.0";
    assert_eq!(calls(&report, host, "open"), [1, 1]);
    assert_eq!(calls(&report, host, "get-header"), [100, 100]);
    assert_eq!(calls(&report, host, "[method]conn.send"), [100, 100]);
    assert_eq!(calls(&report, host, "[resource-drop]conn"), [1, 1]);
    let send = report
        .calls
        .iter()
        .find(|r| r.function == "[method]conn.send")
        .unwrap();
    assert_eq!(send.answered, Answered::Stub);
    assert_eq!(send.bytes_out, 2 * 100 * 16, "16 bytes per send");
    // `none` by default: no lookup finds the header.
    assert_eq!(report.first.as_ref().unwrap().result.as_deref(), Some("0"));
}

#[test]
fn scenarios_script_what_stubs_return() {
    let scenario = write_temp(
        "headers.toml",
        "[[stub]]\nfunction = \"test:replay/host#get-header\"\nreturns = ['some(\"text/html\")', 'some(\"x\")', 'none']\n",
    );
    let report = run(
        "host-api",
        ReplayOptions {
            entry: EntryRequest::Invoke {
                function: "test:replay/api#process".into(),
                args: Some("10".into()),
            },
            scenario: Scenario::read(&scenario).unwrap(),
            ..options()
        },
    );
    // Two scripted hits, then `none` repeats.
    assert_eq!(report.first.unwrap().result.as_deref(), Some("2"));
    let get = report
        .calls
        .iter()
        .find(|r| r.function == "get-header")
        .unwrap();
    assert_eq!(get.bytes_in, 10, "text/html + x");

    let typo = write_temp(
        "typo.toml",
        "[[stub]]\nfunction = \"get-headr\"\nreturns = ['none']\n",
    );
    let bytes = fixtures::build_replay("host-api");
    let error = replay::replay(
        "host-api",
        &bytes,
        &ReplayOptions {
            scenario: Scenario::read(&typo).unwrap(),
            entry: EntryRequest::Invoke {
                function: "process".into(),
                args: None,
            },
            ..options()
        },
    )
    .unwrap_err();
    assert!(error.contains("typo.toml"), "{error}");
    assert!(
        error.contains("test:replay/host@0.1.0#get-header"),
        "{error}"
    );

    let wrong_type = write_temp(
        "wrong-type.toml",
        "[[stub]]\nfunction = \"get-header\"\nreturns = ['42']\n",
    );
    let error = replay::replay(
        "host-api",
        &bytes,
        &ReplayOptions {
            scenario: Scenario::read(&wrong_type).unwrap(),
            ..options()
        },
    )
    .unwrap_err();
    assert!(error.contains("cannot read `42`"), "{error}");
}

#[test]
fn wasi_p3_and_async_custom_imports_are_counted() {
    let report = run(
        "p3-env",
        ReplayOptions {
            iterations: 2,
            ..options()
        },
    );
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    assert_eq!(report.entry, "wasi:cli/run@0.3.0#run");
    assert_eq!(
        calls(&report, "wasi:cli/environment@0.3.0", "get-environment"),
        [500, 500]
    );
    assert_eq!(
        calls(&report, "test:replay/slow@0.1.0", "fetch"),
        [500, 500]
    );
}

#[test]
fn http_handlers_get_a_synthetic_request() {
    let request = HttpRequest {
        method: "POST".into(),
        path: "/items?page=2".into(),
        headers: vec![
            ("host".into(), "example.com".into()),
            ("x-test".into(), "1".into()),
        ],
        body: b"{}".to_vec(),
    };
    let report = run(
        "http-p2",
        ReplayOptions {
            entry: EntryRequest::Http(request),
            ..options()
        },
    );
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    let types = "wasi:http/types@0.2.12";
    assert_eq!(calls(&report, types, "[method]fields.get"), [18]);
    assert_eq!(
        calls(&report, types, "[method]incoming-request.headers"),
        [1]
    );
    assert_eq!(calls(&report, types, "[constructor]outgoing-response"), [1]);
    assert_eq!(calls(&report, types, "[static]response-outparam.set"), [1]);
    let http = report.first.unwrap().http.unwrap();
    assert_eq!(http.status, Ok(200));
    assert_contains(&report.entry, "POST /items?page=2");
}

#[test]
fn a_guest_that_never_returns_is_stopped_at_the_deadline() {
    let report = run(
        "spin",
        ReplayOptions {
            budget: Budget {
                timeout: Duration::from_millis(200),
                ..Budget::default()
            },
            iterations: 3,
            ..options()
        },
    );
    let stopped = report.stopped.unwrap();
    assert_eq!(stopped.reason, StopReason::Timeout);
    assert_eq!(stopped.invocation, 1, "the replay stops at the first");
    assert_eq!(report.completed, 0);

    let report = run(
        "spin",
        ReplayOptions {
            budget: Budget {
                fuel: Some(1_000_000),
                timeout: Duration::from_secs(60),
                ..Budget::default()
            },
            ..options()
        },
    );
    assert_eq!(report.stopped.unwrap().reason, StopReason::OutOfFuel);
}

#[test]
fn a_guest_stuck_in_a_host_call_is_stopped_too() {
    // On the virtual clock the hour passes at once; on the real one the
    // guest waits in the host past the deadline.
    let report = run("stuck", options());
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    let report = run(
        "stuck",
        ReplayOptions {
            budget: Budget {
                timeout: Duration::from_millis(500),
                ..Budget::default()
            },
            grants: Grants {
                real_clock: true,
                ..Grants::default()
            },
            ..options()
        },
    );
    let stopped = report.stopped.clone().unwrap();
    assert_eq!(stopped.reason, StopReason::Timeout);
    assert_contains(&stopped.message, "never completed");
    assert_eq!(
        calls(
            &report,
            "wasi:clocks/monotonic-clock@0.2.12",
            "subscribe-duration"
        ),
        [1]
    );
}

#[test]
fn the_virtual_clock_replays_the_same_way_and_moves_as_the_guest_waits() {
    let times = || {
        let report = run("clock", deadline(Duration::from_secs(30)));
        assert!(report.stopped.is_none(), "{:?}", report.stopped);
        report.first.unwrap().result.unwrap()
    };
    // 2025-01-01T00:00:00Z, and the 1 ms the guest waited for with `ready`.
    assert_eq!(times(), "(1735689600, 1000000)");
    assert_eq!(times(), "(1735689600, 1000000)");
}

#[test]
fn the_deadline_covers_compilation() {
    let started = std::time::Instant::now();
    let report = run("slow-compile", deadline(Duration::from_millis(10)));
    let stopped = report.stopped.unwrap();
    assert_eq!(stopped.reason, StopReason::Timeout);
    assert!(
        stopped
            .message
            .starts_with("wasmtime was still compiling it after 10ms"),
        "{} (after {:?})",
        stopped.message,
        started.elapsed()
    );
    assert!(report.calls.is_empty());
}

#[test]
fn unbounded_memory_growth_hits_the_cap() {
    let report = run("grow", memory_cap(8 << 20));
    let stopped = report.stopped.unwrap();
    assert_eq!(stopped.reason, StopReason::MemoryLimit);
    assert_contains(&stopped.message, "over the 8 MiB limit");
}

#[test]
fn tables_count_against_the_memory_cap_all_together() {
    // Twenty tables of 2 MiB each, every one far under the per-table limit.
    let report = run("tables", memory_cap(16 << 20));
    let stopped = report.stopped.unwrap();
    assert_eq!(stopped.reason, StopReason::MemoryLimit);
    assert!(
        stopped.during_instantiation,
        "tables are made with the instance"
    );
    assert!(
        stopped
            .message
            .starts_with("tables would take the guest's storage to 18 MiB")
            && stopped
                .message
                .contains("tables 18 MiB), over the 16 MiB limit"),
        "{}",
        stopped.message
    );

    let report = run("tables", memory_cap(64 << 20));
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
}

#[test]
fn values_crossing_into_stubs_are_bounded_by_the_memory_cap() {
    let flood = |function: &str, max_memory: usize| {
        run(
            "flood",
            ReplayOptions {
                entry: EntryRequest::Invoke {
                    function: function.into(),
                    args: None,
                },
                budget: Budget {
                    max_memory,
                    ..Budget::default()
                },
                ..options()
            },
        )
    };
    // 4 MiB of 32-flag values would lift as 33 million strings.
    let report = flood("run", 16 << 20);
    let stopped = report.stopped.clone().unwrap();
    assert_eq!(stopped.reason, StopReason::MemoryLimit);
    assert_eq!(
        stopped.message,
        "an argument to test:flood/sink#take exceeds 299593 bytes, what --max-memory \
         (16 MiB) allows for its types once copied into the host"
    );
    assert!(
        calls(&report, "test:flood/sink", "take")
            .iter()
            .all(|c| *c == 0)
    );

    // An export's result is bounded too, and what the report shows of it.
    let report = flood("dump", 16 << 20);
    let stopped = report.stopped.unwrap();
    assert_eq!(stopped.reason, StopReason::MemoryLimit);
    assert!(
        stopped
            .message
            .starts_with("a value copied from the guest to the host (an argument to test:flood/sink#take, or the result of dump())"),
        "{}",
        stopped.message
    );
    let report = flood("dump", 512 << 20);
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    let result = report.first.unwrap().result.unwrap();
    assert!(result.len() < 5000, "{}", result.len());
    assert!(
        result.ends_with("… (49152 bytes of WAVE in all, 4096 shown)"),
        "{}",
        &result[result.len() - 100..]
    );
}

#[test]
fn sockets_are_denied_unless_granted() {
    let report = run("sockets", options());
    assert_eq!(
        report.stopped.as_ref().unwrap().reason,
        StopReason::RunFailed
    );
    assert_eq!(
        calls(
            &report,
            "wasi:sockets/tcp-create-socket@0.2.12",
            "create-tcp-socket"
        ),
        [1]
    );
    assert!(
        report.denied.iter().any(|d| d.capability == "network"
            && d.what.contains("create-tcp-socket")
            && d.grant == "--allow-network"),
        "{:?}",
        report.denied
    );
}

#[test]
fn files_are_denied_unless_a_directory_is_granted() {
    let bytes = fixtures::build("reads-files").unwrap();
    let report = replay::replay("reads-files", &bytes, &options()).unwrap();
    assert!(report.stopped.is_none());
    assert!(
        report
            .denied
            .iter()
            .any(|d| d.capability == "filesystem" && d.grant == "--dir")
    );
    let granted = ReplayOptions {
        grants: Grants {
            dirs: vec![DirGrant::parse("testdata::/data:ro").unwrap()],
            ..Grants::default()
        },
        ..options()
    };
    let report = replay::replay("reads-files", &bytes, &granted).unwrap();
    assert!(report.denied.is_empty(), "{:?}", report.denied);
}

/// `process(rounds)` of the host-api fixture.
fn process(rounds: u32) -> EntryRequest {
    EntryRequest::Invoke {
        function: "process".into(),
        args: Some(rounds.to_string()),
    }
}

#[test]
fn one_compilation_replays_each_entry_as_its_own_replay_does() {
    let bytes = fixtures::build_replay("host-api");
    let entries = [process(3), process(0), process(7)];
    for compiler in [Compiler::Optimizing, Compiler::Quick] {
        let each = ReplayOptions {
            compiler,
            ..options()
        };
        let together = replay::replay_each("host-api", &bytes, &each, &entries).unwrap();
        assert_eq!(together.len(), entries.len());
        for (entry, report) in entries.iter().zip(&together) {
            let alone = replay::replay(
                "host-api",
                &bytes,
                &ReplayOptions {
                    entry: entry.clone(),
                    compiler,
                    ..options()
                },
            )
            .unwrap();
            assert_eq!(report.entry, alone.entry);
            assert_eq!(
                format!("{:?}", report.observed()),
                format!("{:?}", alone.observed()),
                "{compiler:?}"
            );
        }
        let sends: Vec<_> = together
            .iter()
            .map(|report| {
                calls(report, "test:replay/host@0.1.0", "[method]conn.send")
                    .iter()
                    .sum::<u64>()
            })
            .collect();
        assert_eq!(sends, [3, 0, 7], "{compiler:?}");
    }
}

#[test]
fn entry_points_are_chosen_or_explained() {
    let bytes = fixtures::build_replay("host-api");
    // One exported function: run by default with default arguments.
    let report = replay::replay("host-api", &bytes, &options()).unwrap();
    assert_eq!(report.entry, "test:replay/api@0.1.0#process(0)");
    let error = replay::replay(
        "host-api",
        &bytes,
        &ReplayOptions {
            entry: EntryRequest::Invoke {
                function: "nope".into(),
                args: None,
            },
            ..options()
        },
    )
    .unwrap_err();
    assert!(error.contains("test:replay/api@0.1.0#process"), "{error}");
    let error = replay::replay(
        "host-api",
        &bytes,
        &ReplayOptions {
            entry: EntryRequest::Invoke {
                function: "process".into(),
                args: Some("\"text\"".into()),
            },
            ..options()
        },
    )
    .unwrap_err();
    assert!(error.starts_with("--args"), "{error}");
    let error = replay::replay(
        "host-api",
        &bytes,
        &ReplayOptions {
            entry: EntryRequest::Http(HttpRequest::default()),
            ..options()
        },
    )
    .unwrap_err();
    assert!(error.contains("no wasi:http"), "{error}");
}

#[test]
fn the_command_line_reports_and_exits_by_outcome() {
    let dir = std::path::Path::new("target/wcaudit-fixtures/replay");
    std::fs::create_dir_all(dir).unwrap();
    let spin = dir.join("spin.wasm");
    std::fs::write(&spin, fixtures::build_replay("spin")).unwrap();
    let run = wcaudit(&["replay", spin.to_str().unwrap(), "--timeout", "100ms"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "stopped: invocation 1");

    let env = dir.join("env-loop.wasm");
    std::fs::write(&env, fixtures::build_replay("env-loop")).unwrap();
    let run = wcaudit(&[
        "replay",
        env.to_str().unwrap(),
        "-n",
        "2",
        "--env",
        "A=1",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("replay_env_loop_json", run.stdout);
    let again = wcaudit(&[
        "replay",
        env.to_str().unwrap(),
        "-n",
        "2",
        "--env",
        "A=1",
        "--format",
        "json",
    ]);
    assert_eq!(run.stdout, again.stdout, "same input, same bytes out");

    let run = wcaudit(&["replay", "testdata/bad/not-wasm.txt"]);
    assert_eq!(run.code, 2);
    let run = wcaudit(&["replay", "testdata/wat/core-module-preview1.wat"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "replay runs components");
    let run = wcaudit(&["replay", env.to_str().unwrap(), "--timeout", "forever"]);
    assert_eq!(run.code, 2);
}

fn replay_fixture_file(name: &str) -> String {
    let dir = std::path::Path::new("target/wcaudit-fixtures/replay");
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{name}.wasm"));
    let bytes = fixtures::build_replay(name);
    if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
        std::fs::write(&path, bytes).unwrap();
    }
    path.to_string_lossy().into_owned()
}

#[test]
fn check_replay_confirms_chatty_findings_with_measured_calls() {
    let path = replay_fixture_file("env-loop");
    let run = wcaudit(&["check", &path, "--replay", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let input = &report["inputs"][0];
    assert_eq!(
        input["summary"]["replay"][0],
        "replay: ran wasi:cli/run@0.2.12#run (1 invocation), 1 imported function called"
    );
    let in_loop = rows(&input["findings"])
        .find(|f| f["rule"] == "import-call-in-loop")
        .expect("the loop is found statically");
    assert_eq!(in_loop["replay"]["calls_per_invocation"], 1000.0);
    assert!(
        rows(&in_loop["notes"]).any(
            |n| n == "confirmed, calls repeat: replay saw 1000 calls per invocation of wasi:cli/run@0.2.12#run"
        ),
        "{in_loop}"
    );
    // SARIF carries the measurement as a result property.
    let run = wcaudit(&["check", &path, "--replay", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let result = rows(&sarif["runs"][0]["results"])
        .find(|r| r["ruleId"] == "CHT002")
        .unwrap();
    assert_eq!(result["properties"]["replay"]["max"], 1000);
    // Without --replay nothing is measured.
    let run = check_json(&path);
    assert!(!run.stdout.contains("\"replay\""), "{}", run.stdout);
}

#[test]
fn check_replay_reports_skipped_inputs_and_stopped_replays() {
    // A module is audited but not replayed; a component without an entry
    // point is audited and the replay's reason is given.
    let run = wcaudit(&[
        "check",
        "testdata/wat/core-module-preview1.wat",
        "--replay",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        report["inputs"][0]["summary"]["replay"][0]
            .as_str()
            .unwrap()
            .starts_with("replay skipped"),
        "{}",
        run.stdout
    );
    let path = replay_fixture_file("spin");
    let run = wcaudit(&["check", &path, "--replay", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let line = report["inputs"][0]["summary"]["replay"][0]
        .as_str()
        .unwrap();
    assert!(line.contains("stopped at invocation 1"), "{line}");
}

#[test]
fn wasi_p3_http_handlers_get_a_synthetic_request() {
    let report = run(
        "http-p3",
        ReplayOptions {
            entry: EntryRequest::Http(HttpRequest::default()),
            iterations: 2,
            ..options()
        },
    );
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    assert_eq!(
        report.entry,
        "wasi:http/handler@0.3.0#handle (GET /, 1 header, 0 byte body)"
    );
    let types = "wasi:http/types@0.3.0";
    assert_eq!(calls(&report, types, "[method]request.get-headers"), [1, 1]);
    assert_eq!(calls(&report, types, "[method]fields.get"), [5, 5]);
    assert_eq!(calls(&report, types, "[static]response.new"), [1, 1]);
    let http = report.first.unwrap().http.unwrap();
    assert_eq!(http.status, Ok(200));
}

#[test]
fn outgoing_http_is_denied_unless_granted() {
    let report = run("http-out", options());
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    assert_eq!(
        calls(&report, "wasi:http/outgoing-handler@0.2.12", "handle"),
        [1]
    );
    let denial = report
        .denied
        .iter()
        .find(|d| d.capability == "http")
        .expect("the request is denied and reported");
    assert_eq!(
        denial.what,
        "outgoing HTTP request GET https://example.com/items"
    );
    assert_eq!(denial.grant, "--allow-http");
}

#[test]
fn check_replay_gives_indeterminate_imports_their_observed_counts() {
    let path = replay_fixture_file("indeterminate");
    let run = wcaudit(&["check", &path, "--replay", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let lines = &report["inputs"][0]["summary"]["replay"];
    assert_eq!(
        lines[1],
        "replay called 1 statically indeterminate import function: \
         wasi:cli/environment@0.2.12#get-environment (1 call per invocation)",
        "{lines}"
    );
    let run = wcaudit(&["imports", &path]);
    assert_contains(&run.stdout, "indeterminate");
    // A replay stopped before the call proves nothing about it.
    let run = wcaudit(&[
        "check", &path, "--replay", "--fuel", "1", "--format", "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let lines = &report["inputs"][0]["summary"]["replay"];
    assert_eq!(
        lines[1],
        "replay stopped early: 1 statically indeterminate import function it did not see called may still be",
        "{lines}"
    );
}

/// `check --replay` takes replay's entry, input and sandbox options: an
/// export-only component runs the function it is told to, with the
/// arguments given, and the counts are those of that invocation.
#[test]
fn check_replay_runs_the_function_and_arguments_asked_for() {
    let path = replay_fixture_file("host-api");
    let run = wcaudit(&[
        "check", &path, "--replay", "--invoke", "process", "--args", "3", "--format", "json",
    ]);
    assert!(run.code < 2, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let input = &report["inputs"][0];
    assert_eq!(
        input["summary"]["replay"][0],
        "replay: ran test:replay/api@0.1.0#process(3) (1 invocation), 4 imported functions called"
    );
    // Three rounds, so three lookups (by default, zero rounds: none).
    let in_loop = rows(&input["findings"])
        .find(|f| {
            f["rule"] == "import-call-in-loop"
                && f["message"].as_str().unwrap().contains("get-header")
        })
        .expect("the loop is found statically");
    assert_eq!(in_loop["replay"]["calls_per_invocation"], 3.0, "{in_loop}");
    // An entry point no component of the run has is a mistake in the
    // command: exit 2, naming what the component does export. In a run
    // where another component has it, it is a note on this one.
    let run = wcaudit(&[
        "check",
        &path,
        "--replay",
        "--invoke",
        "nope",
        "--timeout",
        "1s",
    ]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!(
            "--replay could not run any component of the run: {path}: --invoke nope"
        )) && run.stderr.contains("#process"),
        "{}",
        run.stderr
    );
    let other = replay_fixture_file("env-loop");
    let run = wcaudit(&[
        "check", &path, &other, "--replay", "--invoke", "process", "--format", "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let notes: Vec<String> = rows(&report["inputs"])
        .flat_map(|i| {
            i["summary"]["replay"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    assert!(
        notes.iter().any(|n| n.starts_with("replay did not run:")),
        "{notes:?}"
    );
    // A bad option is a usage error before any input is audited.
    let run = wcaudit(&["check", &path, "--replay", "--timeout", "forever"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{}", run.stderr);
    assert_contains(&run.stderr, "--timeout forever");
}

/// Replay's options mean nothing to `check` without `--replay`: each is a
/// usage error, not silently ignored. Their defaults are not given options.
#[test]
fn check_refuses_replay_options_without_replay() {
    let path = replay_fixture_file("host-api");
    for options in [
        &["--invoke", "process"][..],
        &["--invoke", "process", "--args", "3"],
        &["--request", "GET /"],
        &["-H", "accept: text/plain"],
        &["--scenario", "scenario.toml"],
        &["--env", "A=1"],
        &["--dir", "."],
        &["--allow-network"],
        &["--real-clock"],
        &["--timeout", "1s"],
        &["--fuel", "1000"],
        &["--max-memory", "1G"],
    ] {
        let mut args = vec!["check", path.as_str()];
        args.extend(options);
        let run = wcaudit(&args);
        assert_eq!(run.code, 2, "{options:?}");
        assert!(
            run.stderr.contains("required arguments were not provided")
                && run.stderr.contains("--replay"),
            "{options:?}: {}",
            run.stderr
        );
    }
    let run = wcaudit(&["check", &path]);
    assert!(run.code < 2, "{}", run.stderr);
}

/// Guest stdout with carriage returns, escapes, a bidi override and lines
/// that would forge `ran:` or a workflow command is shown escaped, each
/// line behind the view's `|`, in `replay` and in `check --replay`.
#[test]
fn guest_output_cannot_forge_lines() {
    let path = replay_fixture_file("hostile-stdout");
    let run = wcaudit(&["replay", &path]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_contains(&run.stdout, "  | hello\\r\\x1b[2Jforged");
    assert_contains(&run.stdout, "  | ::error title=pwned::guest");
    crate::tests::untrusted_output::assert_safe("replay", &run.stdout, &["ran:   1 of 1"]);
    let ran = run
        .stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("ran:"))
        .count();
    assert_eq!(ran, 1, "only replay's own `ran:` line:\n{}", run.stdout);
    let json = wcaudit(&["replay", &path, "--format", "json"]);
    crate::tests::untrusted_output::assert_safe("replay json", &json.stdout, &[]);
    for format in ["human", "json", "sarif", "github", "markdown"] {
        let run = wcaudit(&[
            "check", "--replay", &path, "--format", format, "--color", "never",
        ]);
        let out = format!("{}{}", run.stdout, run.stderr);
        let own: &[&str] = if format == "github" {
            &["::warning file=", "::error file="]
        } else {
            &[]
        };
        crate::tests::untrusted_output::assert_safe(format, &out, own);
    }
}

#[test]
fn serial_and_concurrent_await_fixtures_start_the_subtasks_their_findings_count() {
    // The fixtures of serial-async-awaits (fires and silent), under both
    // async ABIs: each starts four fetches, which replay counts; the
    // stackful serial one is claimed at exactly four sequential waits.
    for (name, finding) in [
        (
            "p3-callback-serial",
            Some("one subtask at a time (callback ABI)"),
        ),
        ("p3-callback-concurrent", None),
        ("p3-stackful-serial", Some("4 sequential waits per call")),
        ("p3-stackful-concurrent", None),
    ] {
        let path = format!("testdata/wat/{name}.wat");
        let bytes = wat::parse_file(&path).unwrap();
        let report = replay::replay(name, &bytes, &options()).unwrap();
        assert!(report.stopped.is_none(), "{name}: {:?}", report.stopped);
        assert_eq!(calls(&report, "test:p3/net@0.1.0", "fetch"), [4], "{name}");

        let serial: Vec<String> = super::json_findings(&check_json(&path))
            .into_iter()
            .filter(|(rule, _)| rule == "serial-async-awaits")
            .map(|(_, message)| message)
            .collect();
        match finding {
            Some(text) => assert!(
                serial.len() == 1 && serial[0].contains(text),
                "{name}: {serial:?}"
            ),
            None => assert!(serial.is_empty(), "{name}: {serial:?}"),
        }
    }
}
