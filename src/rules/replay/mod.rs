//! The replay rule, and what `check --replay` measured attached to the
//! findings about imports.

pub(crate) mod replay_contradiction;

use super::{Category, Finding, Measured};
use crate::model::{Observed, ObservedCalls};

/// `64 calls`, or `6.5 calls (5 to 8)` when invocations differ.
pub(crate) fn calls_text(calls: &ObservedCalls) -> String {
    let plural = |n: f64| if n == 1.0 { "call" } else { "calls" };
    if calls.min == calls.max {
        format!("{} {}", calls.max, plural(calls.max as f64))
    } else {
        format!(
            "{:.2} {} ({} to {})",
            calls.per_invocation,
            plural(calls.per_invocation),
            calls.min,
            calls.max
        )
    }
}

/// `1 call`, `3 calls`.
pub(crate) fn count_text(n: u64) -> String {
    format!("{n} {}", if n == 1 { "call" } else { "calls" })
}

pub(crate) fn annotate(findings: &mut [Finding], observed: &Observed) {
    for finding in findings {
        if finding.rule.category == Category::Replay {
            continue;
        }
        let Some((interface, function)) = &finding.wit_item else {
            continue;
        };
        let seen = match function {
            Some(function) => observed.function(interface, function),
            None => observed.interface(interface),
        };
        let entry = &observed.entry;
        let instantiating = observed.while_instantiating(interface, function.as_deref());
        let note = match (&seen, finding.rule.category) {
            // Calls a start function made are calls too: "not called" would
            // read as confirming a claim the replay refutes.
            (None, _) if instantiating > 0 => format!(
                "replay: {} while instantiating, none per invocation of {entry}",
                count_text(instantiating)
            ),
            // The calls repeat, as the finding says; their number is
            // replay's, which the finding's count need not match (its input
            // may take fewer iterations).
            (Some(calls), Category::Chatty) if calls.max > 1 => format!(
                "confirmed, calls repeat: replay saw {} per invocation of {entry}",
                calls_text(calls)
            ),
            (Some(_), Category::Chatty) => format!(
                "not confirmed: replay of {entry} saw 1 call per invocation (its input may not take the loop)"
            ),
            (None, Category::Chatty) => format!(
                "not confirmed: replay of {entry} saw no calls (its input may not take this path)"
            ),
            (Some(calls), _) => format!("replay: {} per invocation of {entry}", calls_text(calls)),
            (None, _) => format!("replay: not called by {entry}"),
        };
        finding.notes.push(note);
        finding.measured = Some(Measured {
            entry: entry.clone(),
            invocations: observed.invocations,
            calls: seen.unwrap_or_default(),
        });
    }
}

#[cfg(test)]
mod tests;
