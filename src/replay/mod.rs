//! Replay: runs a component under a sandboxed wasmtime host that counts
//! every call it makes to its imports, per invocation of an entry point.
//!
//! WASI 0.2 and 0.3 (and wasi:http) are wasmtime-wasi's real
//! implementations, counted through the tracing spans their bindings
//! open (`counting`) and, for 0.2 streams, the bytes they move
//! (`streams`). Every other import is stubbed from its type (`stubs`).
//! Each invocation gets a fresh instance.

mod clock;
pub(crate) mod compile;
mod counting;
mod entry;
#[cfg(unix)]
mod fibers;
mod host;
mod preflight;
mod provided;
mod sandbox;
mod scenario;
mod stop;
mod streams;
mod stubs;

use std::collections::{BTreeMap, HashMap};

use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

pub(crate) use entry::{EntryRequest, HttpRequest};
pub(crate) use host::Denial;
pub(crate) use sandbox::{Budget, Compiler, DirGrant, Grants};
pub(crate) use scenario::Scenario;
pub(crate) use stop::{StopReason, Stopped};

use counting::{TraceCounts, TracedFunction};
use host::{Denials, HostState};
use stop::{HostCallLimit, error_text, stopped, timed_out};

/// Everything a replay needs besides the component.
#[derive(Default)]
pub(crate) struct ReplayOptions {
    pub(crate) entry: EntryRequest,
    pub(crate) iterations: u32,
    pub(crate) grants: Grants,
    pub(crate) budget: Budget,
    pub(crate) scenario: Scenario,
    /// Off only to measure what counting costs.
    pub(crate) uncounted: bool,
    pub(crate) compiler: sandbox::Compiler,
}

/// What a replay measured.
#[derive(Clone, Debug)]
pub(crate) struct ReplayReport {
    pub(crate) file: String,
    pub(crate) entry: String,
    pub(crate) iterations: u32,
    /// Invocations that ran to the end.
    pub(crate) completed: u32,
    /// Why the replay stopped early, if it did.
    pub(crate) stopped: Option<Stopped>,
    /// What the first invocation returned.
    pub(crate) first: Option<FirstInvocation>,
    /// Calls during invocations (instantiation excluded).
    pub(crate) calls: Vec<CallRow>,
    /// Calls while instantiating (start functions), per instance.
    pub(crate) instantiation: Vec<CallRow>,
    pub(crate) denied: Vec<Denial>,
    pub(crate) notes: Vec<String>,
    /// Invocations whose calls were measured (completed or not).
    pub(crate) measured: usize,
    /// Every guest → host transition in the first invocation, builtins
    /// and destructors included: a cross-check on the counts.
    pub(crate) host_transitions: Option<u64>,
    /// Wall time to compile, and to instantiate and run all invocations;
    /// for benchmarks, never in reports (they must be deterministic).
    pub(crate) timings: (std::time::Duration, std::time::Duration),
}

#[derive(Clone, Debug, Default)]
pub(crate) struct FirstInvocation {
    pub(crate) result: Option<String>,
    pub(crate) http: Option<entry::HttpResponse>,
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
}

/// Who answered the calls of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Answered {
    /// wasmtime-wasi or wasmtime-wasi-http.
    Wasi,
    /// A stub built from the import's type.
    Stub,
}

/// Calls to one imported function, per invocation.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CallRow {
    /// The exact import name: `wasi:http/types@0.2.12`.
    pub(crate) interface: String,
    pub(crate) function: String,
    pub(crate) answered: Answered,
    /// One entry per measured invocation.
    pub(crate) calls: Vec<u64>,
    /// Totals over all invocations, guest → host and host → guest.
    pub(crate) bytes_out: u64,
    pub(crate) bytes_in: u64,
}

impl CallRow {
    pub(crate) fn total(&self) -> u64 {
        self.calls.iter().sum()
    }

    pub(crate) fn min(&self) -> u64 {
        self.calls.iter().copied().min().unwrap_or(0)
    }

    pub(crate) fn max(&self) -> u64 {
        self.calls.iter().copied().max().unwrap_or(0)
    }

    pub(crate) fn mean(&self) -> f64 {
        per(self.total(), self.calls.len())
    }
}

pub(crate) fn per(total: u64, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        // Two decimals are all a report shows; rounding here keeps JSON
        // free of float noise.
        ((total as f64 / n as f64) * 100.0).round() / 100.0
    }
}

impl ReplayReport {
    /// Whether the last invocation measured was cut off by a limit, so its
    /// counts and output are what it did before (an exit, `run` failing
    /// included, is the guest's own end).
    pub(crate) fn partial(&self) -> bool {
        self.stopped.as_ref().is_some_and(|s| {
            !matches!(s.reason, StopReason::Exit(_) | StopReason::RunFailed)
                && (self.measured > 0 || self.first.is_some())
        })
    }

    /// The measurements in the form the rules read.
    pub(crate) fn observed(&self) -> crate::model::Observed {
        crate::model::Observed {
            entry: self.entry.clone(),
            invocations: self.measured,
            stopped: self.stopped.as_ref().map(|s| {
                format!(
                    "invocation {}{}: {}{}",
                    s.invocation,
                    if s.during_instantiation {
                        ", while instantiating"
                    } else {
                        ""
                    },
                    s.message,
                    if self.partial() && self.measured > 0 {
                        " (its calls up to the stop are counted: partial)"
                    } else {
                        ""
                    }
                )
            }),
            calls: self
                .calls
                .iter()
                .map(|row| {
                    (
                        (row.interface.clone(), row.function.clone()),
                        crate::model::ObservedCalls {
                            per_invocation: row.mean(),
                            min: row.min(),
                            max: row.max(),
                        },
                    )
                })
                .collect(),
            instantiation: self
                .instantiation
                .iter()
                .map(|row| ((row.interface.clone(), row.function.clone()), row.total()))
                .filter(|(_, calls)| *calls > 0)
                .collect(),
        }
    }
}

/// Replays `bytes` (a component) as `options` say.
pub(crate) fn replay(
    file: &str,
    bytes: &[u8],
    options: &ReplayOptions,
) -> Result<ReplayReport, String> {
    let mut reports = replay_each(file, bytes, options, std::slice::from_ref(&options.entry))?;
    Ok(reports.remove(0))
}

/// Replays `bytes` once for each of `entries` (in place of
/// `options.entry`), compiling it once: a report per entry, in order.
pub(crate) fn replay_each(
    file: &str,
    bytes: &[u8],
    options: &ReplayOptions,
    entries: &[EntryRequest],
) -> Result<Vec<ReplayReport>, String> {
    if !options.uncounted && !counting::tracing_compiled_in() {
        return Err(
            "this wcaudit was built with tracing compiled out (a dependency enables \
             tracing/max_level_*), so WASI calls cannot be counted"
                .to_string(),
        );
    }
    let (engine, storage) = sandbox::engine(&options.budget, options.compiler)?;
    let started = std::time::Instant::now();
    // Not compiled: the same report for every entry.
    let not_compiled = |entry: &str, message: String, compiling: std::time::Duration| {
        let mut report = ReplayReport::new(file, entry, options);
        report.stopped = Some(Stopped {
            invocation: 1,
            during_instantiation: true,
            reason: StopReason::Timeout,
            message,
        });
        report.timings.0 = compiling;
        vec![report; entries.len()]
    };
    match preflight::check(bytes) {
        Ok(()) => {}
        Err(preflight::Refusal::Unsupported(why)) => return Err(why),
        Err(preflight::Refusal::TooCostly(why)) => {
            return Ok(not_compiled(
                "(none: not compiled)",
                why,
                std::time::Duration::ZERO,
            ));
        }
    }
    let component = match compile::compile(
        &engine,
        &options.budget,
        options.compiler,
        bytes,
        options.budget.timeout,
    ) {
        Ok(component) => component?,
        Err(crate::model::PastDeadline) => {
            return Ok(not_compiled(
                "(none: compilation did not finish)",
                format!(
                    "wasmtime was still compiling it after {:?} (--timeout); the deadline \
                     covers compilation",
                    options.budget.timeout
                ),
                started.elapsed(),
            ));
        }
    };
    let compiled = Compiled {
        engine: &engine,
        storage: &storage,
        component: &component,
        compiling: started.elapsed(),
    };
    entries
        .iter()
        .map(|entry| compiled.run(file, entry, options))
        .collect()
}

/// A component compiled for one replay's engine.
struct Compiled<'a> {
    engine: &'a Engine,
    storage: &'a std::sync::Arc<sandbox::GuestStorage>,
    component: &'a Component,
    compiling: std::time::Duration,
}

impl Compiled<'_> {
    /// Instantiates and invokes the component from `entry` as `options`
    /// say.
    fn run(
        &self,
        file: &str,
        entry: &EntryRequest,
        options: &ReplayOptions,
    ) -> Result<ReplayReport, String> {
        let entry = entry::resolve(self.engine, self.component, entry)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        let counts = TraceCounts::default();
        let _ticker = sandbox::EpochTicker::start(self.engine);
        let run = || {
            runtime.block_on(run_all(
                file,
                self.engine,
                self.storage,
                self.component,
                &entry,
                options,
                &counts,
            ))
        };
        let started = std::time::Instant::now();
        let replayed = if options.uncounted {
            run()
        } else {
            // All host calls run on this thread (wasmtime's fibers do not
            // move threads, and the runtime is current-thread).
            counting::counting(&counts, run)?
        };
        // A host call past the deadline may still be blocked on a thread
        // of the runtime's blocking pool (a read from a named pipe in a
        // granted directory never returns); dropping the runtime would
        // wait for it.
        runtime.shutdown_background();
        let mut report = replayed?;
        report.timings = (self.compiling, started.elapsed());
        Ok(report)
    }
}

impl ReplayReport {
    fn new(file: &str, entry: &str, options: &ReplayOptions) -> ReplayReport {
        ReplayReport {
            file: file.to_string(),
            entry: entry.to_string(),
            iterations: options.iterations.max(1),
            completed: 0,
            stopped: None,
            first: None,
            calls: Vec::new(),
            instantiation: Vec::new(),
            denied: Vec::new(),
            notes: Vec::new(),
            measured: 0,
            host_transitions: None,
            timings: Default::default(),
        }
    }
}

/// Counts at one moment, to subtract.
struct Sample {
    traced: HashMap<TracedFunction, u64>,
    stubs: stubs::StubTally,
    streams: streams::StreamBytes,
    transitions: u64,
}

fn sample(counts: &TraceCounts, store: &Store<HostState>) -> Sample {
    let host = store.data();
    Sample {
        traced: counts.snapshot(),
        stubs: host.stubs.clone(),
        streams: host.stream_bytes.clone(),
        transitions: host.host_transitions,
    }
}

/// (interface, function) → (answered, calls, bytes out, bytes in)
type Phase = BTreeMap<(String, String), (Answered, u64, u64, u64)>;

async fn run_all(
    file: &str,
    engine: &Engine,
    storage: &std::sync::Arc<sandbox::GuestStorage>,
    component: &Component,
    entry: &entry::Entry,
    options: &ReplayOptions,
    counts: &TraceCounts,
) -> Result<ReplayReport, String> {
    let denials = Denials::default();
    let mut linker: Linker<HostState> = Linker::new(engine);
    let linked = (|| {
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
        wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker)?;
        wasmtime_wasi::p3::add_to_linker(&mut linker)?;
        wasmtime_wasi_http::p3::add_to_linker(&mut linker)?;
        if !options.uncounted {
            streams::add_to_linker(&mut linker)?;
        }
        if !options.grants.real_clock {
            clock::add_to_linker(&mut linker)?;
        }
        wasmtime::Result::Ok(())
    })();
    linked.map_err(|e| format!("cannot set up WASI: {}", error_text(&e)))?;
    let mut probe_store = sandbox::store(
        engine,
        storage,
        &Grants::default(),
        &options.budget,
        0,
        &denials,
        false,
    )?;
    let stubs = stubs::define(
        &mut linker,
        engine,
        component,
        &options.scenario,
        &mut probe_store,
    )
    .await?;
    drop(probe_store);
    let host_call = HostCallLimit::new(options.budget.max_memory, &stubs, entry);
    let pre = linker
        .instantiate_pre(component)
        .map_err(|e| format!("cannot link it: {}", error_text(&e)))?;
    let imports: Vec<String> = component
        .component_type()
        .imports(engine)
        .map(|(name, _)| name.to_string())
        .collect();

    let mut report = ReplayReport::new(file, &entry.describe(), options);
    let mut invocation_phases: Vec<Phase> = Vec::new();
    let mut instantiation_phases: Vec<Phase> = Vec::new();
    let wall = entry::wall_clock_limit(options.budget.timeout);
    for number in 1..=report.iterations {
        let mut store = sandbox::store(
            engine,
            storage,
            &options.grants,
            &options.budget,
            stubs.entries.len(),
            &denials,
            !options.uncounted && number == 1,
        )?;
        store.set_hostcall_fuel(host_call.fuel);
        let before = sample(counts, &store);
        let instantiated = tokio::time::timeout(wall, pre.instantiate_async(&mut store)).await;
        let after_instantiation = sample(counts, &store);
        instantiation_phases.push(phase(&before, &after_instantiation, &stubs, &imports));
        let instance = match instantiated {
            Ok(Ok(instance)) => instance,
            stop => {
                report.stopped = Some(match stop {
                    Ok(Err(e)) => stopped(number, true, Err(e), &store, &host_call),
                    _ => timed_out(number, true, options),
                });
                // What start functions wrote before the stop.
                if number == 1 {
                    report.first = Some(first_output(&store));
                }
                break;
            }
        };
        let returned =
            tokio::time::timeout(wall, entry::invoke(entry, &mut store, &instance)).await;
        let after = sample(counts, &store);
        invocation_phases.push(phase(&after_instantiation, &after, &stubs, &imports));
        if number == 1 {
            report.host_transitions = Some(after.transitions - after_instantiation.transitions);
            report.first = Some(FirstInvocation {
                result: returned
                    .as_ref()
                    .ok()
                    .and_then(|r| r.as_ref().ok())
                    .and_then(|r| r.result.clone()),
                http: returned
                    .as_ref()
                    .ok()
                    .and_then(|r| r.as_ref().ok())
                    .and_then(|r| r.http.clone()),
                ..first_output(&store)
            });
        }
        match returned {
            Ok(Ok(returned)) if returned.run_failed => {
                report.stopped = Some(Stopped {
                    invocation: number,
                    during_instantiation: false,
                    reason: StopReason::RunFailed,
                    message: "wasi:cli/run returned an error".to_string(),
                });
                break;
            }
            Ok(Ok(_)) => report.completed += 1,
            Ok(Err(e)) => {
                let stop = stopped(number, false, Err(e), &store, &host_call);
                if stop.reason == StopReason::Exit(0) {
                    report.completed += 1;
                } else {
                    report.stopped = Some(stop);
                    break;
                }
            }
            Err(_) => {
                report.stopped = Some(timed_out(number, false, options));
                break;
            }
        }
    }
    report.measured = invocation_phases.len();
    report.calls = rows(&invocation_phases);
    report.instantiation = rows(&instantiation_phases);
    report
        .instantiation
        .retain(|row| row.calls.iter().any(|c| *c > 0));
    report.denied = denied(&report.calls, &options.grants, denials.take());
    for name in &stubs.unprovided_wasi {
        report.notes.push(format!(
            "{name} is a WASI release this host does not implement (it implements {} and {}); \
             replay stubbed it, so its calls are counted but answered with defaults",
            provided::P2_VERSION,
            provided::P3_VERSION
        ));
    }
    Ok(report)
}

/// What the guest wrote to stdout and stderr so far.
fn first_output(store: &Store<HostState>) -> FirstInvocation {
    let host = store.data();
    FirstInvocation {
        stdout: host.stdout.contents().to_vec(),
        stderr: host.stderr.contents().to_vec(),
        ..FirstInvocation::default()
    }
}

fn phase(before: &Sample, after: &Sample, stubs: &stubs::Stubs, imports: &[String]) -> Phase {
    let mut out = Phase::new();
    for (function, count) in &after.traced {
        let calls = count - before.traced.get(function).copied().unwrap_or(0);
        if calls > 0 {
            let key = (import_name(function, imports), function.function.clone());
            out.entry(key).or_insert((Answered::Wasi, 0, 0, 0)).1 += calls;
        }
    }
    let streams_import = imports
        .iter()
        .find(|name| name.starts_with("wasi:io/streams@"))
        .cloned()
        .unwrap_or_else(|| format!("wasi:io/streams@{}", provided::P2_VERSION));
    for (function, bytes_out, bytes_in, drops) in after.streams.since(&before.streams) {
        let entry = out
            .entry((streams_import.clone(), function.to_string()))
            .or_insert((Answered::Wasi, 0, 0, 0));
        entry.1 += drops;
        entry.2 += bytes_out;
        entry.3 += bytes_in;
    }
    for (id, stub) in stubs.entries.iter().enumerate() {
        let calls = after.stubs.calls[id] - before.stubs.calls.get(id).copied().unwrap_or(0);
        if calls == 0 {
            continue;
        }
        let entry = out
            .entry((stub.interface.clone(), stub.function.clone()))
            .or_insert((Answered::Stub, 0, 0, 0));
        entry.1 += calls;
        entry.2 += after.stubs.bytes_out[id] - before.stubs.bytes_out.get(id).copied().unwrap_or(0);
        entry.3 += after.stubs.bytes_in[id] - before.stubs.bytes_in.get(id).copied().unwrap_or(0);
    }
    out
}

/// The component's import that a traced call came in through: the
/// bindings know the package and interface but not the guest's version.
fn import_name(function: &TracedFunction, imports: &[String]) -> String {
    let prefix = format!("{}/{}@", function.package, function.interface);
    imports
        .iter()
        .find(|name| name.starts_with(&prefix) && provided::is_p3(name) == Some(function.p3))
        .cloned()
        .unwrap_or_else(|| {
            let version = if function.p3 {
                provided::P3_VERSION
            } else {
                provided::P2_VERSION
            };
            format!("{prefix}{version}")
        })
}

fn rows(phases: &[Phase]) -> Vec<CallRow> {
    let mut rows: BTreeMap<(String, String), CallRow> = BTreeMap::new();
    for (index, phase) in phases.iter().enumerate() {
        for ((interface, function), (answered, calls, bytes_out, bytes_in)) in phase {
            let row = rows
                .entry((interface.clone(), function.clone()))
                .or_insert_with(|| CallRow {
                    interface: interface.clone(),
                    function: function.clone(),
                    answered: *answered,
                    calls: vec![0; phases.len()],
                    bytes_out: 0,
                    bytes_in: 0,
                });
            row.calls[index] += calls;
            row.bytes_out += bytes_out;
            row.bytes_in += bytes_in;
        }
    }
    rows.into_values()
        .filter(|row| row.total() > 0 || row.bytes_out > 0 || row.bytes_in > 0)
        .collect()
}

/// What the guest reached for that the grants withheld.
fn denied(calls: &[CallRow], grants: &Grants, mut hooks: Vec<Denial>) -> Vec<Denial> {
    let called = |interface: &str, function: &str| {
        calls.iter().any(|row| {
            row.interface.starts_with(interface)
                && (function.is_empty() || row.function == function)
                && row.total() > 0
        })
    };
    if !grants.allow_network {
        for row in calls {
            if row.interface.starts_with("wasi:sockets/") && row.total() > 0 {
                let what = format!("{}#{}", row.interface, row.function);
                let sockets_denied = Denial {
                    capability: "network",
                    what: format!("called {what}; sockets are denied"),
                    grant: "--allow-network",
                };
                if !hooks.contains(&sockets_denied) {
                    hooks.push(sockets_denied);
                }
            }
        }
    }
    if grants.dirs.is_empty() && called("wasi:filesystem/preopens@", "get-directories") {
        hooks.push(Denial {
            capability: "filesystem",
            what: "asked for preopened directories; none are granted".to_string(),
            grant: "--dir",
        });
    }
    if grants.env.is_empty() && called("wasi:cli/environment@", "get-environment") {
        hooks.push(Denial {
            capability: "environment",
            what: "read the environment; it is empty".to_string(),
            grant: "--env",
        });
    }
    if grants.args.is_empty() && called("wasi:cli/environment@", "get-arguments") {
        hooks.push(Denial {
            capability: "environment",
            what: "read its arguments; there are none".to_string(),
            grant: "--arg",
        });
    }
    hooks.sort();
    hooks.dedup();
    hooks
}
