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
    /// (exact import name, function) → calls. A function the component
    /// imports bare (not in an instance) is under `ROOT`.
    pub(crate) calls: BTreeMap<(String, String), ObservedCalls>,
    /// (exact import name, function) → calls while instantiating (start
    /// functions), before any invocation.
    pub(crate) instantiation: BTreeMap<(String, String), u64>,
}

/// The interface name replay files bare imported functions under.
pub(crate) const ROOT: &str = "(root)";

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

    /// Calls to any function of `interface` (destructors aside), summed;
    /// for a bare imported function, calls to it.
    pub(crate) fn interface(&self, interface: &str) -> Option<ObservedCalls> {
        let mut sum: Option<ObservedCalls> = None;
        for ((name, function), calls) in &self.calls {
            let bare = name == ROOT && function == interface;
            if !(name == interface || bare)
                || function.starts_with("[resource-drop]")
                || calls.max == 0
            {
                continue;
            }
            let total = sum.get_or_insert_with(ObservedCalls::default);
            total.per_invocation += calls.per_invocation;
            total.min += calls.min;
            total.max += calls.max;
        }
        sum
    }

    /// Calls to an import's function (`Some`), or to any function of an
    /// imported interface or to a bare imported function (`None`), made
    /// while instantiating.
    pub(crate) fn while_instantiating(&self, import: &str, function: Option<&str>) -> u64 {
        self.instantiation
            .iter()
            .filter(|((name, f), _)| match function {
                Some(function) => name == import && f == function,
                None => {
                    (name == import && !f.starts_with("[resource-drop]"))
                        || (name == ROOT && f == import)
                }
            })
            .map(|(_, n)| *n)
            .sum()
    }

    /// Whether replay saw the function (or any function of the import, for
    /// `None`) called at all, in an invocation or while instantiating.
    pub(crate) fn saw(&self, import: &str, function: Option<&str>) -> bool {
        let invoked = match function {
            Some(function) => self.function(import, function).is_some(),
            None => self.interface(import).is_some(),
        };
        invoked || self.while_instantiating(import, function) > 0
    }
}
