//! Soundness of `unreachable` (issue 19): components written by hand to
//! reach the import `hit` by routes the analysis once missed. Each must
//! not have `hit` claimed unreachable; under replay, no import replay saw
//! called may be claimed unreachable (the oracle in
//! `fuzzing::refuted_claims`). Controls keep `hit` truly unreachable, so
//! that soundness is not bought by giving up.

use super::{assert_contains, wcaudit};

/// What static analysis must say about `hit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Claim {
    /// Anything but `unreachable`.
    NotUnreachable,
    /// Exactly this reach.
    Exactly(&'static str),
}

/// Whether replay can run the fixture, and what it must see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "replay"), allow(dead_code))]
enum Replay {
    /// `run()` (or instantiation) calls `hit`.
    CallsHit,
    /// Nothing calls `hit`.
    NoHit,
    /// wasmtime cannot run it here; the reason.
    Cannot(&'static str),
}

struct Fixture {
    name: &'static str,
    claim: Claim,
    #[cfg_attr(not(feature = "replay"), allow(dead_code))]
    replay: Replay,
}

const fn f(name: &'static str, claim: Claim, replay: Replay) -> Fixture {
    Fixture {
        name,
        claim,
        replay,
    }
}

use Claim::{Exactly, NotUnreachable};
use Replay::{CallsHit, Cannot, NoHit};

const FIXTURES: &[Fixture] = &[
    f("01-global-init-table-set", NotUnreachable, CallsHit),
    f("02-typed-global-call-ref", NotUnreachable, CallsHit),
    f("03-global-across-instances", NotUnreachable, CallsHit),
    f("04-table-initializer", NotUnreachable, CallsHit),
    // The segments of one instance run in order: slot 1 ends up `$hit`.
    f("05-null-first-element", Exactly("reached"), CallsHit),
    f("06-element-global-get-active", NotUnreachable, CallsHit),
    f("07-element-global-get-passive", NotUnreachable, CallsHit),
    f("08-gc-struct-element", NotUnreachable, CallsHit),
    f("09-subtype-call-indirect", NotUnreachable, CallsHit),
    f("10-subtype-call-ref", NotUnreachable, CallsHit),
    f("11-equivalent-types", NotUnreachable, CallsHit),
    f("12-shared-table-start", NotUnreachable, CallsHit),
    f(
        "13-nested-exported-instance",
        Exactly("reached"),
        Cannot("replay's entry selection does not reach functions of nested exported instances"),
    ),
    f(
        "14-stack-switching",
        Exactly("indeterminate"),
        Cannot("wasmtime runs without stack switching here"),
    ),
    f(
        "15-opaque-module-writes-table",
        Exactly("indeterminate"),
        Cannot("replay cannot provide an imported core module"),
    ),
    // Loops counted to 3 that some calls of `run` skip (none, here): the
    // analysis may not claim every call makes 3 calls (`COUNTED`).
    f("16-counted-loop-under-if", Exactly("reached"), NoHit),
    f(
        "17-counted-loop-after-early-exit",
        Exactly("reached"),
        NoHit,
    ),
    // Loops counted to 3 that run otherwise: left early by a branch, a
    // callee's throw or a tail call (fewer calls), run again by a second
    // back edge or a second write of the counter.
    f("18-counted-loop-left-early", Exactly("reached"), CallsHit),
    f(
        "19-counted-loop-second-back-edge",
        Exactly("reached"),
        CallsHit,
    ),
    f(
        "20-counted-loop-counter-written-twice",
        Exactly("reached"),
        CallsHit,
    ),
    f(
        "21-counted-loop-callee-throws",
        Exactly("reached"),
        CallsHit,
    ),
    f("22-counted-loop-tail-call", Exactly("reached"), CallsHit),
    f(
        "23-component-start-function",
        Exactly("reached"),
        Cannot("wasmtime 48 refuses component start functions"),
    ),
    f("90-control-other-type", Exactly("unreachable"), NoHit),
    f("91-control-unused-table", Exactly("unreachable"), NoHit),
    f(
        "92-control-counted-loop-after-caught-throw",
        Exactly("reached"),
        CallsHit,
    ),
];

/// What `import-call-in-loop` says of `run`'s loop counted to 3 in each
/// fixture with one: exact only where every call of `run` makes the calls.
const COUNTED: &[(&str, &str)] = &[
    ("16-counted-loop-under-if", "up to 3 calls per call"),
    ("17-counted-loop-after-early-exit", "up to 3 calls per call"),
    ("18-counted-loop-left-early", "up to 3 calls per call"),
    (
        "19-counted-loop-second-back-edge",
        "in a loop (iteration count not known statically)",
    ),
    (
        "20-counted-loop-counter-written-twice",
        "in a loop (iteration count not known statically)",
    ),
    ("21-counted-loop-callee-throws", "up to 3 calls per call"),
    ("22-counted-loop-tail-call", "up to 3 calls per call"),
    (
        "92-control-counted-loop-after-caught-throw",
        ": 3 calls per call",
    ),
];

fn path(name: &str) -> String {
    format!("testdata/soundness/{name}.wat")
}

/// `interface → reach` from `imports --format json`.
fn static_reach(name: &str) -> Vec<(String, String)> {
    let run = wcaudit(&["imports", "--format", "json", &path(name)]);
    assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    json["imports"]
        .as_array()
        .expect("imports")
        .iter()
        .map(|i| {
            (
                i["interface"].as_str().unwrap().to_string(),
                i["reach"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_fixture_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir("testdata/soundness")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".wat").map(str::to_string))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = FIXTURES.iter().map(|f| f.name).collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn hand_made_evasions_do_not_make_hit_unreachable() {
    let mut wrong = Vec::new();
    for fixture in FIXTURES {
        let reach = static_reach(fixture.name);
        let hit = reach
            .iter()
            .find(|(i, _)| i == "hit")
            .map(|(_, r)| r.as_str())
            .unwrap_or_else(|| panic!("{}: no import `hit` in {reach:?}", fixture.name));
        let ok = match fixture.claim {
            NotUnreachable => hit != "unreachable",
            Exactly(expected) => hit == expected,
        };
        if !ok {
            wrong.push(format!(
                "{}: hit is {hit}, want {:?}",
                fixture.name, fixture.claim
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_table_shared_with_a_start_function_keeps_both_writers() {
    // Slot 0 holds `$hit` while the first instance starts, then the
    // second instance's function: neither import is proven unused, and
    // neither is claimed reached exactly.
    let reach = static_reach("12-shared-table-start");
    assert_eq!(
        reach,
        [
            ("hit".to_string(), "reached-indirectly".to_string()),
            ("reached".to_string(), "reached-indirectly".to_string()),
        ]
    );
}

#[test]
fn stack_switching_is_indeterminate_with_its_reason() {
    let run = wcaudit(&["imports", &path("14-stack-switching")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, "stack switching");
}

#[test]
fn loop_counts_are_exact_only_when_every_call_makes_them() {
    for (name, count) in COUNTED {
        let run = wcaudit(&["check", &path(name)]);
        assert_contains(&run.stdout, count);
    }
}

#[test]
fn calls_while_instantiating_refute_unreachable() {
    // The oracle counts a start function's calls: an observation with
    // only those still refutes a claim of `unreachable`.
    let bytes = wat::parse_file(path("91-control-unused-table")).unwrap();
    let mut observed = crate::model::Observed {
        entry: "run()".into(),
        invocations: 1,
        ..Default::default()
    };
    assert!(
        crate::fuzzing::refuted_claims(&bytes, &observed)
            .unwrap()
            .is_empty()
    );
    observed
        .instantiation
        .insert(("(root)".into(), "hit".into()), 1);
    assert_eq!(
        crate::fuzzing::refuted_claims(&bytes, &observed).unwrap(),
        ["hit"]
    );
}

#[test]
fn check_with_replay_counts_calls_while_instantiating() {
    // `check --replay` must not present an import a start function called
    // as "not called": the claim of `unreachable` is refuted, and the
    // finding says so.
    use crate::graph::ImportGraph;
    use crate::model::{Model, Observed};
    use crate::rules::{self, LevelOverrides, Policy, Subject};

    let limits = crate::load::Limits::default();
    let loaded = crate::load::load(
        std::path::Path::new(&path("91-control-unused-table")),
        &limits,
    )
    .unwrap();
    let Ok(Model::Binary(model)) = crate::model::build(&loaded, &limits) else {
        panic!("a component");
    };
    let graph = ImportGraph::build(&model);
    let mut observed = Observed {
        entry: "run()".into(),
        invocations: 1,
        ..Observed::default()
    };
    observed
        .instantiation
        .insert(("(root)".into(), "hit".into()), 2);
    let findings = rules::run(
        &Subject::Binary(rules::Binary::new(
            &model,
            &graph,
            &crate::facts::Facts::of(&model, &graph),
            &Policy::default(),
            Some(&observed),
        )),
        &LevelOverrides::default(),
    );
    let contradiction = findings
        .iter()
        .find(|f| f.rule.id == "RPL001")
        .expect("replay-contradiction fires");
    assert!(
        contradiction
            .message
            .contains("saw 2 calls while instantiating"),
        "{}",
        contradiction.message
    );
    assert!(
        findings.iter().all(|f| f.rule.id != "CAP001"),
        "unreachable-import withholds the refuted claim"
    );
    assert!(
        findings
            .iter()
            .flat_map(|f| &f.notes)
            .all(|n| !n.contains("not called")),
        "{findings:#?}"
    );
}

#[cfg(feature = "replay")]
mod under_replay {
    use super::*;
    use crate::replay::{self, ReplayOptions};

    fn bytes(name: &str) -> Vec<u8> {
        wat::parse_file(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// Calls to `hit` replay counted, in invocations and while
    /// instantiating.
    fn hit_calls(report: &replay::ReplayReport) -> u64 {
        report
            .calls
            .iter()
            .chain(&report.instantiation)
            .filter(|row| row.function == "hit")
            .map(|row| row.total())
            .sum()
    }

    /// The oracle can fail: with element segments switched off in the
    /// analysis, it catches the claim that an import replay saw called is
    /// unreachable.
    #[test]
    fn the_oracle_catches_a_broken_analysis() {
        let name = "05-null-first-element";
        let bytes = bytes(name);
        let report = replay::replay(name, &bytes, &ReplayOptions::default()).unwrap();
        assert!(hit_calls(&report) > 0);
        let observed = report.observed();
        let sound = crate::fuzzing::refuted_claims(&bytes, &observed).unwrap();
        assert!(sound.is_empty(), "{sound:?}");
        crate::model::IGNORE_ELEMENT_SEGMENTS.with(|flag| flag.set(true));
        let broken = crate::fuzzing::refuted_claims(&bytes, &observed);
        crate::model::IGNORE_ELEMENT_SEGMENTS.with(|flag| flag.set(false));
        let broken = broken.unwrap();
        assert!(!broken.is_empty(), "the oracle saw nothing wrong");
        assert!(broken.iter().any(|item| item.contains("hit")), "{broken:?}");
    }

    /// The generated-program oracle with a deadline of 30 s per replay
    /// instead of the fuzz target's 500 ms, which covers compiling too: a
    /// debug build on a busy machine can take longer, and a replay stopped
    /// by the deadline checks nothing. Fuel still bounds every run.
    fn generated(bytes: &[u8]) -> Option<Result<crate::fuzzing::Checked, String>> {
        crate::fuzzing::soundness_generated_within(bytes, std::time::Duration::from_secs(30))
    }

    /// Fixed inputs for the generated-program oracle: 256 bytes each from
    /// xorshift64.
    fn generated_inputs(count: usize) -> Vec<Vec<u8>> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        (0..count)
            .map(|_| {
                (0..256)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        state as u8
                    })
                    .collect()
            })
            .collect()
    }

    /// The generated-program oracle (the `soundness_generated` fuzz
    /// target) on a fixed set of inputs: programs that reach imports by
    /// direct calls, loops, branches, table slots written by element
    /// segments, `table.set`, `table.init`, `table.grow`, `table.copy`
    /// and a start function, slot indices kept in memory, `call_ref`, tail
    /// calls, destructors and async lowerings, and `count(n)`'s loops.
    /// Every one must replay, most must call an import, many must have
    /// exact counts compared, and no claim may be refuted.
    #[test]
    fn generated_programs_refute_no_claim() {
        let (mut calling, mut counted) = (0, 0);
        for bytes in generated_inputs(32) {
            match generated(&bytes) {
                Some(Ok(checked)) => {
                    calling += usize::from(checked.calls > 0);
                    counted += usize::from(checked.exact_counts > 0);
                }
                None => {}
                Some(Err(e)) => panic!("a generated program did not replay: {e}"),
            }
        }
        assert!(
            calling >= 16,
            "only {calling} of 32 programs called an import"
        );
        // Fewer than the others: one loop statement in six disturbs its
        // loop on purpose, which then has no exact count.
        assert!(
            counted >= 6,
            "only {counted} of 32 programs had an exact count compared"
        );
    }

    /// The minimized corpus of the `soundness_generated` fuzz target
    /// (testdata/fuzz/soundness_generated, written by `scripts/fuzz.sh
    /// --minimize`), through the same oracle on stable Rust.
    #[test]
    fn soundness_generated_corpus() {
        let dir = "testdata/fuzz/soundness_generated";
        let mut inputs: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|entry| entry.unwrap().path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "{dir} is empty");
        let mut checked = 0;
        for input in inputs {
            let bytes = std::fs::read(&input).unwrap();
            let outcome = std::panic::catch_unwind(|| generated(&bytes))
                .unwrap_or_else(|_| panic!("{}: the oracle fails", input.display()));
            checked += usize::from(matches!(outcome, Some(Ok(_))));
        }
        assert!(checked > 0, "no input of {dir} was replayed");
    }

    /// A longer run of the same oracle, on demand:
    /// `WCAUDIT_SWEEP=N cargo test --features replay -- --ignored sweep`.
    #[test]
    #[ignore = "a sweep of many replays; run on demand"]
    fn generated_programs_sweep() {
        let count = std::env::var("WCAUDIT_SWEEP")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1000);
        let started = std::time::Instant::now();
        let (mut calling, mut counts) = (0, 0);
        for bytes in generated_inputs(count) {
            if let Some(Ok(checked)) = generated(&bytes) {
                calling += usize::from(checked.calls > 0);
                counts += checked.exact_counts;
            }
        }
        eprintln!(
            "sweep: {count} programs, {calling} calling an import, {counts} exact counts confirmed, no refuted claim, {:.0?}",
            started.elapsed()
        );
    }

    /// The first of `inputs` generated programs on which the oracle
    /// reports a violation while the test-only `sabotage` is on.
    fn first_violation_with(
        sabotage: &'static std::thread::LocalKey<std::cell::Cell<bool>>,
        inputs: usize,
    ) -> Option<usize> {
        sabotage.with(|flag| flag.set(true));
        let caught = generated_inputs(inputs)
            .iter()
            .position(|bytes| std::panic::catch_unwind(|| generated(bytes)).is_err());
        sabotage.with(|flag| flag.set(false));
        caught
    }

    /// The oracle can fail on generated programs too: with element
    /// segments switched off in the analysis, it reports a violation within
    /// 512 executions of the same inputs (at the 293rd today: most
    /// programs also reach each import another way).
    #[test]
    fn the_generated_oracle_catches_a_broken_analysis() {
        let caught = first_violation_with(&crate::model::IGNORE_ELEMENT_SEGMENTS, 512)
            .expect("no violation in 512 executions");
        eprintln!("element segments off: caught at execution {}", caught + 1);
    }

    /// The count check can fail too: with every counted call site
    /// claiming one call more than its loops make, the oracle reports a
    /// violation within 64 executions of the same inputs.
    #[test]
    fn the_generated_oracle_catches_a_miscount() {
        let caught = first_violation_with(&crate::model::MISCOUNT_LOOPS, 64)
            .expect("no violation in 64 executions");
        eprintln!("loops miscounted: caught at execution {}", caught + 1);
    }

    /// With the scan blind to what disturbs a counted loop (leaving it
    /// early, branching back to it twice, writing its counter twice), the
    /// generated loops that do so make the oracle report a violation
    /// within 256 executions (at the 127th).
    #[test]
    fn the_generated_oracle_catches_disturbed_loops_claimed_exact() {
        let caught = first_violation_with(&crate::model::IGNORE_LOOP_DISTURBANCES, 256)
            .expect("no violation in 256 executions");
        eprintln!(
            "disturbed loops claimed exact: caught at execution {}",
            caught + 1
        );
    }

    /// The count check on the fixtures with a loop counted to 3: no count
    /// claimed exact differs from replay's, and the control's is compared.
    #[test]
    fn replay_confirms_the_exact_loop_counts() {
        for (name, count) in COUNTED {
            let bytes = bytes(name);
            let report = replay::replay(name, &bytes, &ReplayOptions::default()).unwrap();
            let verdict =
                crate::fuzzing::violated_claims(&bytes, &[("run", report.observed())]).unwrap();
            assert!(
                verdict.violations.is_empty(),
                "{name}: {:?}",
                verdict.violations
            );
            let exact = usize::from(count.starts_with(": "));
            assert_eq!(verdict.exact_counts, exact, "{name}");
        }
    }

    /// The count check fails on a wrong count: with the sabotage on, the
    /// control's loop claims 4 calls where replay counts 3.
    #[test]
    fn the_count_check_catches_a_miscount() {
        let name = "92-control-counted-loop-after-caught-throw";
        let bytes = bytes(name);
        let report = replay::replay(name, &bytes, &ReplayOptions::default()).unwrap();
        crate::model::MISCOUNT_LOOPS.with(|flag| flag.set(true));
        let verdict = crate::fuzzing::violated_claims(&bytes, &[("run", report.observed())]);
        crate::model::MISCOUNT_LOOPS.with(|flag| flag.set(false));
        let violations = verdict.unwrap().violations;
        assert_eq!(violations.len(), 1, "{violations:?}");
        assert_contains(
            &violations[0],
            "exactly 4 times per invocation, replay counted 3..=3",
        );
    }

    #[test]
    fn replay_refutes_no_claim_of_unreachable() {
        let mut wrong = Vec::new();
        for fixture in FIXTURES {
            if let Cannot(_) = fixture.replay {
                continue;
            }
            let bytes = bytes(fixture.name);
            let options = ReplayOptions {
                iterations: 1,
                ..ReplayOptions::default()
            };
            let report = replay::replay(fixture.name, &bytes, &options)
                .unwrap_or_else(|e| panic!("replay {}: {e}", fixture.name));
            assert!(
                report.stopped.is_none(),
                "{}: {:?}",
                fixture.name,
                report.stopped
            );
            let calls = hit_calls(&report);
            match fixture.replay {
                CallsHit => assert!(calls > 0, "{}: replay saw no call to hit", fixture.name),
                NoHit => assert_eq!(calls, 0, "{}: replay saw hit called", fixture.name),
                Cannot(_) => unreachable!(),
            }
            let refuted = crate::fuzzing::refuted_claims(&bytes, &report.observed())
                .unwrap_or_else(|e| panic!("{}: {e}", fixture.name));
            if !refuted.is_empty() {
                wrong.push(format!("{}: {refuted:?}", fixture.name));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn fixtures_replay_cannot_run_still_fail_to_run() {
        // When wasmtime learns to run them, they move to the replayed set.
        for fixture in FIXTURES {
            let Cannot(reason) = fixture.replay else {
                continue;
            };
            let report = replay::replay(
                fixture.name,
                &bytes(fixture.name),
                &ReplayOptions::default(),
            );
            let ran_hit = report.as_ref().is_ok_and(|r| hit_calls(r) > 0);
            assert!(!ran_hit, "{}: replay now runs it ({reason})", fixture.name);
        }
    }

    #[test]
    fn replay_refuses_a_component_start_function_before_compiling() {
        // wasmtime's own refusal named a feature ("component model
        // `value`s"), not the start function; the preflight names it.
        let name = "23-component-start-function";
        let error = replay::replay(name, &bytes(name), &ReplayOptions::default()).unwrap_err();
        assert_contains(
            &error,
            "it has a component start function (byte 0xa3), which wasmtime 48 cannot run",
        );
    }
}
