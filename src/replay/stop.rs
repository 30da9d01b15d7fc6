//! How a replay stops: the reasons, and turning what wasmtime or the
//! host returned (a trap, an exit, a limit the sandbox enforced, a
//! deadline) into the reason and a message for the report.

use wasmtime::{Store, Trap};

use super::host::HostState;
use super::{ReplayOptions, entry, sandbox, stubs};

#[derive(Clone, Debug)]
pub(crate) struct Stopped {
    /// 1-based.
    pub(crate) invocation: u32,
    pub(crate) during_instantiation: bool,
    pub(crate) reason: StopReason,
    pub(crate) message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StopReason {
    Timeout,
    OutOfFuel,
    MemoryLimit,
    Exit(i32),
    RunFailed,
    Trap,
}

impl StopReason {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            StopReason::Timeout => "timeout",
            StopReason::OutOfFuel => "out-of-fuel",
            StopReason::MemoryLimit => "memory-limit",
            StopReason::Exit(_) => "exit",
            StopReason::RunFailed => "run-failed",
            StopReason::Trap => "trap",
        }
    }
}

/// What one call may copy from the guest to the host: wasmtime's
/// hostcall fuel, set so that the `Val`s it lifts (stub arguments, the
/// result of an exported function) take at most `--max-memory`.
pub(super) struct HostCallLimit {
    pub(super) fuel: usize,
    max_memory: usize,
    /// Where a value of any size can cross: stubs taking lists or
    /// strings, and the exported function called.
    places: Vec<String>,
}

/// wasmtime's error when a call's hostcall fuel runs out.
const HOSTCALL_FUEL_EXHAUSTED: &str = "fuel allocated for hostcalls has been exhausted";

impl HostCallLimit {
    pub(super) fn new(
        max_memory: usize,
        stubs: &stubs::Stubs,
        entry: &entry::Entry,
    ) -> HostCallLimit {
        let per_fuel = stubs.host_bytes_per_fuel.max(entry.host_bytes_per_fuel());
        let mut places: Vec<String> = stubs
            .unbounded
            .iter()
            .map(|stub| format!("an argument to {stub}"))
            .collect();
        if let entry::Entry::Func {
            results_unbounded: true,
            ..
        } = entry
        {
            places.push(format!("the result of {}", entry.describe()));
        }
        HostCallLimit {
            fuel: sandbox::max_host_copy(max_memory) / per_fuel,
            max_memory,
            places,
        }
    }

    fn message(&self) -> String {
        let place = match self.places.as_slice() {
            [one] => one.clone(),
            [] => "a value copied from the guest to the host".to_string(),
            many => format!(
                "a value copied from the guest to the host ({})",
                many.join(", or ")
            ),
        };
        format!(
            "{place} exceeds {} bytes, what {} allows for its types once copied into the host",
            self.fuel,
            if self.max_memory > sandbox::MAX_HOST_COPY {
                format!(
                    "the {} cap on one call's copy",
                    sandbox::size(sandbox::MAX_HOST_COPY)
                )
            } else {
                format!("--max-memory ({})", sandbox::size(self.max_memory))
            }
        )
    }
}

pub(super) fn stopped(
    invocation: u32,
    during_instantiation: bool,
    result: Result<(), wasmtime::Error>,
    store: &Store<HostState>,
    host_call: &HostCallLimit,
) -> Stopped {
    let Err(error) = result else {
        unreachable!("only errors stop a replay")
    };
    if error
        .chain()
        .any(|cause| cause.to_string().contains(HOSTCALL_FUEL_EXHAUSTED))
    {
        return Stopped {
            invocation,
            during_instantiation,
            reason: StopReason::MemoryLimit,
            message: host_call.message(),
        };
    }
    if let Some(message) = host_limit(&error, host_call.max_memory) {
        return Stopped {
            invocation,
            during_instantiation,
            reason: StopReason::MemoryLimit,
            message,
        };
    }
    let reason = if let Some(exit) = error.downcast_ref::<wasmtime_wasi::I32Exit>() {
        StopReason::Exit(exit.0)
    } else if store.data().limits.exceeded().is_some() {
        StopReason::MemoryLimit
    } else {
        match error.downcast_ref::<Trap>() {
            Some(Trap::OutOfFuel) => StopReason::OutOfFuel,
            Some(Trap::Interrupt) => StopReason::Timeout,
            _ => StopReason::Trap,
        }
    };
    let message = match reason {
        StopReason::Exit(code) => format!("the guest exited with status {code}"),
        StopReason::OutOfFuel => "the guest ran out of fuel (--fuel)".to_string(),
        StopReason::Timeout => {
            "the guest was still running at the deadline (--timeout)".to_string()
        }
        _ => error_text(&error),
    };
    Stopped {
        invocation,
        during_instantiation,
        reason,
        message,
    }
}

/// Limits outside the `ResourceLimiter` (how many instances, memories,
/// tables, resources and handles an invocation holds; the size of a
/// header set; random bytes made at once), found by the words of the
/// error wasmtime or wasmtime-wasi returns: only the error tells.
fn host_limit(error: &wasmtime::Error, max_memory: usize) -> Option<String> {
    error.chain().find_map(|cause| {
        let text = cause.to_string();
        if let Some(rest) = text.strip_prefix("resource limit exceeded: ") {
            let kind = match rest.split(" count too high").next() {
                Some("memory") => "memories",
                Some("table") => "tables",
                _ => "instances",
            };
            Some(format!(
                "the component made more than {} core {kind} in one invocation, the most \
                 replay allows of each kind (instances, memories, tables)",
                sandbox::MAX_PER_KIND
            ))
        } else if text.contains("resource table has no free keys") {
            Some(format!(
                "the guest held more than {} WASI resources (streams, pollables, fields, \
                 descriptors, …) at once, the most replay allows",
                sandbox::MAX_WASI_RESOURCES
            ))
        } else if text.starts_with("requested len ") && text.contains(" exceeds limit ") {
            Some(format!(
                "the guest asked for more random bytes in one call than the {} one call may \
                 copy into the host (--max-memory, at most {})",
                sandbox::size(sandbox::max_host_copy(max_memory)),
                sandbox::size(sandbox::MAX_HOST_COPY)
            ))
        } else if text.contains("total size of fields exceeds limit") {
            Some(format!(
                "a wasi:http header set (`fields`) would hold more than {}, the most replay \
                 allows one to hold",
                sandbox::size(sandbox::MAX_FIELDS_BYTES)
            ))
        } else if text.contains("store handle limit exceeded") {
            Some(format!(
                "the guest held more than {} resource handles at once (those stubs make \
                 included), the most replay allows",
                sandbox::MAX_HANDLES
            ))
        } else {
            None
        }
    })
}

pub(super) fn timed_out(
    invocation: u32,
    during_instantiation: bool,
    options: &ReplayOptions,
) -> Stopped {
    Stopped {
        invocation,
        during_instantiation,
        reason: StopReason::Timeout,
        message: format!(
            "no answer after {:?}: the guest waited on a host call that never completed",
            entry::wall_clock_limit(options.budget.timeout)
        ),
    }
}

/// An error and its causes on one line, with the innermost wasm function
/// of a trap instead of the whole backtrace.
pub(super) fn error_text(error: &wasmtime::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string();
        let first = text.lines().next().unwrap_or("").trim();
        if first.is_empty()
            || first.starts_with("error while executing at wasm backtrace")
            || parts.iter().any(|p| p.contains(first))
        {
            continue;
        }
        parts.push(first.to_string());
    }
    let mut text = parts.join(": ");
    if let Some(frame) = error
        .downcast_ref::<wasmtime::WasmBacktrace>()
        .and_then(|bt| bt.frames().first())
    {
        let function = frame.func_name().map_or_else(
            || format!("function {}", frame.func_index()),
            crate::model::readable_symbol,
        );
        let module = frame
            .module()
            .name()
            .map_or_else(|| "a core module".to_string(), crate::model::printable_name);
        text.push_str(&format!(" (in `{function}` of {module})"));
    }
    text
}
