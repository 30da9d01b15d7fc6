//! Host calls a replay measured, per imported function: what the rules
//! compare their static claims against. Plain data, so that the static
//! stages need nothing of wasmtime.

use std::collections::BTreeMap;

/// What one replay of a component observed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Observed {
    /// What ran, e.g. `wasi:cli/run@0.2.12#run`.
    pub(crate) entry: String,
    /// Invocations measured.
    pub(crate) invocations: usize,
    /// Why the replay stopped early, if it did.
    pub(crate) stopped: Option<String>,
    /// (exact import name, function) → calls.
    pub(crate) calls: BTreeMap<(String, String), ObservedCalls>,
}

/// Calls to one imported function, per invocation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct ObservedCalls {
    pub(crate) per_invocation: f64,
    pub(crate) min: u64,
    pub(crate) max: u64,
}

impl Observed {
    /// Calls to `interface#function`; `None` when replay saw none.
    pub(crate) fn function(&self, interface: &str, function: &str) -> Option<ObservedCalls> {
        self.calls
            .get(&(interface.to_string(), function.to_string()))
            .copied()
            .filter(|c| c.max > 0)
    }

    /// Calls to any function of `interface` (destructors aside), summed.
    pub(crate) fn interface(&self, interface: &str) -> Option<ObservedCalls> {
        let mut sum: Option<ObservedCalls> = None;
        for ((name, function), calls) in &self.calls {
            if name != interface || function.starts_with("[resource-drop]") || calls.max == 0 {
                continue;
            }
            let total = sum.get_or_insert_with(ObservedCalls::default);
            total.per_invocation += calls.per_invocation;
            total.min += calls.min;
            total.max += calls.max;
        }
        sum
    }
}
