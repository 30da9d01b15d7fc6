//! Counts host calls into wasmtime-wasi and wasmtime-wasi-http.
//!
//! Their bindings open one `tracing` span named "wit-bindgen import" per
//! call, with the WIT function name as a field and the generated module
//! path (`…::wasi::cli::environment`) as the span's target. A subscriber
//! that only counts those spans attributes every call without touching
//! WASI's code. It is a bare `Subscriber`, not a `tracing-subscriber`
//! layer: a registry would allocate per span, and nothing here needs span
//! data after the call is counted.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Dispatch, Event, Metadata, Subscriber};

/// The span wasmtime's bindings generator opens around each host call. It
/// is generator internals, not a stable API: the replay self-test in the
/// test suite fails loudly if a wasmtime upgrade renames it.
const IMPORT_SPAN: &str = "wit-bindgen import";

/// A host function the bindings traced, as its generated module names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct TracedFunction {
    /// `wasi:cli`
    pub(crate) package: String,
    /// `environment`
    pub(crate) interface: String,
    /// `get-environment`, `[method]fields.get`
    pub(crate) function: String,
    /// Served by the WASI 0.3 implementation.
    pub(crate) p3: bool,
}

/// Call counts per traced function, shared between the subscriber and
/// the replay that reads them.
///
/// Counting is on the path of every host call, so it is a lock-free table
/// keyed by the span's callsite (a static address): one probe and one
/// relaxed add per call. Only a callsite's first call takes the lock, to
/// read its function name.
#[derive(Clone)]
pub(crate) struct TraceCounts(Arc<Table>);

/// More slots than wasmtime-wasi and wasi-http have traced functions
/// (about 700 for p2, p3 and both HTTP versions together).
const SLOTS: usize = 4096;

struct Table {
    callsites: Box<[AtomicUsize]>,
    counts: Box<[AtomicU64]>,
    functions: Mutex<HashMap<usize, Option<TracedFunction>>>,
}

impl Default for TraceCounts {
    fn default() -> Self {
        TraceCounts(Arc::new(Table {
            callsites: (0..SLOTS).map(|_| AtomicUsize::new(0)).collect(),
            counts: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
            functions: Mutex::new(HashMap::new()),
        }))
    }
}

impl TraceCounts {
    /// The counts so far, by function.
    pub(crate) fn snapshot(&self) -> HashMap<TracedFunction, u64> {
        let table = &self.0;
        let functions = table
            .functions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut out = HashMap::new();
        for (slot, callsite) in table.callsites.iter().enumerate() {
            let key = callsite.load(Ordering::Acquire);
            if key == 0 {
                continue;
            }
            if let Some(Some(function)) = functions.get(&key) {
                *out.entry(function.clone()).or_insert(0) +=
                    table.counts[slot].load(Ordering::Relaxed);
            }
        }
        out
    }

    fn count(&self, attrs: &Attributes<'_>) {
        let meta = attrs.metadata();
        let key = std::ptr::from_ref(meta) as usize;
        let table = &self.0;
        // Fibonacci hashing of the address; callsites are statics, so
        // the low bits carry little.
        let mut slot = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52) % SLOTS;
        for _ in 0..SLOTS {
            let current = table.callsites[slot].load(Ordering::Acquire);
            if current == key {
                table.counts[slot].fetch_add(1, Ordering::Relaxed);
                return;
            }
            if current == 0 {
                let mut functions = table
                    .functions
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                functions
                    .entry(key)
                    .or_insert_with(|| traced_function(meta.target(), attrs));
                match table.callsites[slot].compare_exchange(
                    0,
                    key,
                    Ordering::AcqRel,
                    Ordering::Acquire,
                ) {
                    Ok(_) => {
                        table.counts[slot].fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                    Err(other) if other == key => {
                        table.counts[slot].fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                    Err(_) => {}
                }
            }
            slot = (slot + 1) % SLOTS;
        }
    }
}

/// Whether this build can count traced calls: a dependency enabling
/// `tracing/max_level_*` would compile the spans out.
pub(crate) fn tracing_compiled_in() -> bool {
    tracing::level_filters::STATIC_MAX_LEVEL >= LevelFilter::TRACE
}

/// The process's tracing subscriber, installed by the first replay. It is
/// global, not scoped: tracing's global dispatch is a plain static call,
/// while scoped dispatch costs a thread-local lookup and a reference count
/// on every span (measured: most of the counting overhead). Each thread
/// counts into the tally its replay activated, so concurrent replays (the
/// tests) do not mix.
struct CountingSubscriber;

thread_local! {
    static ACTIVE: RefCell<Option<TraceCounts>> = const { RefCell::new(None) };
}

static INSTALLED: OnceLock<bool> = OnceLock::new();

/// Counts the traced host calls `run` makes on this thread into `counts`.
pub(crate) fn counting<R>(counts: &TraceCounts, run: impl FnOnce() -> R) -> Result<R, String> {
    let installed = *INSTALLED.get_or_init(|| {
        // tracing keeps the global dispatcher as a plain static reference.
        tracing::dispatcher::set_global_default(Dispatch::new(CountingSubscriber)).is_ok()
    });
    if !installed {
        return Err(
            "another tracing subscriber is installed, so WASI calls cannot be counted".into(),
        );
    }
    struct Deactivate;
    impl Drop for Deactivate {
        fn drop(&mut self) {
            ACTIVE.with(|active| *active.borrow_mut() = None);
        }
    }
    ACTIVE.with(|active| *active.borrow_mut() = Some(counts.clone()));
    let _deactivate = Deactivate;
    Ok(run())
}

fn is_import_span(meta: &Metadata<'_>) -> bool {
    meta.is_span() && meta.name() == IMPORT_SPAN
}

impl Subscriber for CountingSubscriber {
    fn register_callsite(&self, meta: &'static Metadata<'static>) -> Interest {
        if is_import_span(meta) {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, meta: &Metadata<'_>) -> bool {
        is_import_span(meta)
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(LevelFilter::TRACE)
    }

    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        ACTIVE.with(|active| {
            if let Some(counts) = active.borrow().as_ref() {
                counts.count(attrs);
            }
        });
        // Nothing is kept per span, so every span may share one id.
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Reads the package from the generated module path
/// (`wasmtime_wasi::p2::bindings::async_io::wasi::cli::environment`) and
/// the interface and function from the span's fields.
fn traced_function(target: &str, attrs: &Attributes<'_>) -> Option<TracedFunction> {
    let segments: Vec<&str> = target.split("::").collect();
    let [.., namespace, package, module] = segments.as_slice() else {
        return None;
    };
    let mut fields = SpanFields::default();
    attrs.record(&mut fields);
    let function = fields.function?;
    let interface = fields.module.unwrap_or_else(|| module.replace('_', "-"));
    Some(TracedFunction {
        package: format!(
            "{}:{}",
            namespace.replace('_', "-"),
            package.replace('_', "-")
        ),
        interface,
        function,
        p3: segments.contains(&"p3"),
    })
}

#[derive(Default)]
struct SpanFields {
    module: Option<String>,
    function: Option<String>,
}

impl Visit for SpanFields {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "module" => self.module = Some(value.to_string()),
            "function" => self.function = Some(value.to_string()),
            _ => {}
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let text = format!("{value:?}");
        self.record_str(field, text.trim_matches('"'));
    }
}
