//! The replay rule on a replay that refutes the static analysis and on
//! one that agrees with it, and what the refutation withholds.

use crate::model::{Observed, ObservedCalls};
use crate::rules::snapshot::{input, rule};

fn replay() -> Observed {
    Observed {
        entry: "wasi:cli/run@0.2.12#run".into(),
        invocations: 1,
        ..Observed::default()
    }
}

/// A replay that saw a function the analysis calls unreachable.
fn refuting() -> Observed {
    let mut refuting = replay();
    refuting.calls.insert(
        (
            "wasi:sockets/tcp-create-socket@0.2.12".into(),
            "create-tcp-socket".into(),
        ),
        ObservedCalls {
            per_invocation: 2.0,
            min: 2,
            max: 2,
        },
    );
    refuting
}

#[test]
fn replay_contradiction() {
    insta::assert_snapshot!(rule(
        "replay-contradiction",
        &[input("fixture:unused-sockets").with_observed(refuting())],
        &[
            input("fixture:unused-sockets").with_observed(replay()),
            input("fixture:unused-sockets"),
        ],
    ));
}

/// The refuted claim is withheld: `unreachable-import` no longer names
/// the function replay saw called, only the socket imports it did not.
#[test]
fn unreachable_import_withholds_a_refuted_claim() {
    insta::assert_snapshot!(rule(
        "unreachable-import",
        &[input("fixture:unused-sockets").with_observed(refuting())],
        &[],
    ));
}
