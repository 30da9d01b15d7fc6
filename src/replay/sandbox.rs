//! The sandbox a replayed component runs in: nothing from the machine
//! unless granted, a wall-clock deadline (epochs), an optional fuel
//! budget, and a cap on all the storage the guest controls (memories,
//! GC heap, tables, values passed to the host) together.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use wasmtime::{CallHook, Config, Engine, ResourceLimiter, Store};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::random::Deterministic;
use wasmtime_wasi::{FsPerms, WasiCtx};
use wasmtime_wasi_http::WasiHttpCtx;

use super::clock::VirtualClock;
use super::host::{Denials, HostState, HttpHooks};
use super::streams::StreamBytes;
use super::stubs::StubTally;

/// What the guest may use beyond computing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Grants {
    pub(crate) env: Vec<(String, String)>,
    pub(crate) args: Vec<String>,
    pub(crate) dirs: Vec<DirGrant>,
    pub(crate) allow_http: bool,
    pub(crate) allow_network: bool,
    /// The host's clocks instead of the virtual clock (`--real-clock`).
    pub(crate) real_clock: bool,
}

/// `--dir HOST[::GUEST][:ro]`
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DirGrant {
    pub(crate) host: PathBuf,
    pub(crate) guest: String,
    pub(crate) read_only: bool,
}

impl DirGrant {
    pub(crate) fn parse(text: &str) -> Result<DirGrant, String> {
        let (spec, read_only) = match text.strip_suffix(":ro") {
            Some(spec) => (spec, true),
            None => (text, false),
        };
        let (host, guest) = match spec.split_once("::") {
            Some((host, guest)) => (host, guest),
            None => (spec, spec),
        };
        if host.is_empty() || guest.is_empty() {
            return Err(format!("--dir {text}: expected HOST[::GUEST][:ro]"));
        }
        Ok(DirGrant {
            host: PathBuf::from(host),
            guest: guest.to_string(),
            read_only,
        })
    }
}

/// How long and how much the guest may run.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Budget {
    pub(crate) timeout: Duration,
    pub(crate) fuel: Option<u64>,
    pub(crate) max_memory: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            timeout: Duration::from_secs(5),
            fuel: None,
            max_memory: 512 << 20,
        }
    }
}

/// The epoch length: deadlines are whole ticks.
pub(crate) const TICK: Duration = Duration::from_millis(10);

/// Captured stdout and stderr, each at most this many bytes; more is
/// dropped (and still counted through the stream functions).
const OUTPUT_CAP: usize = 1 << 20;

/// Tables may not grow past this many elements (8 bytes each).
const MAX_TABLE_ELEMENTS: usize = 1 << 22;

/// Core instances, memories and tables one invocation may make, each:
/// every one costs the host bookkeeping (and a memory its guard region)
/// whatever its size, so thousands of tiny ones stay under `--max-memory`
/// yet take gigabytes. Real components have a handful.
pub(crate) const MAX_PER_KIND: usize = 1_000;

/// WASI resources (streams, pollables, fields, descriptors, …) one
/// invocation may hold at once: each is a host object outside the guest's
/// memory.
pub(crate) const MAX_WASI_RESOURCES: usize = 4_096;

/// The bytes one `fields` (a header set) may hold: fields live in the
/// host, and `MAX_WASI_RESOURCES` of them at wasmtime's default of 128 KiB
/// each would hold 512 MiB outside `--max-memory`; at 16 KiB they hold at
/// most 64 MiB. Real header sets are a few KiB.
pub(crate) const MAX_FIELDS_BYTES: usize = 16 << 10;

/// The most one call may copy into the host whatever `--max-memory` says:
/// a value made or lifted there lives in wcaudit's own memory, next to the
/// guest's, so a generous `--max-memory` must not let one call double
/// what wcaudit holds.
pub(crate) const MAX_HOST_COPY: usize = 64 << 20;

/// What one call may copy into the host under `max_memory`.
pub(crate) fn max_host_copy(max_memory: usize) -> usize {
    max_memory.min(MAX_HOST_COPY)
}

/// Handles in the component's own tables (resources of any kind, the
/// handles stubs make included), all instances together.
pub(crate) const MAX_HANDLES: usize = 100_000;

/// How wasmtime compiles a replayed component. What a component calls,
/// and how often, does not depend on it: only how long compiling and
/// running take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Compiler {
    /// Cranelift as wasmtime ships it: optimised code, compiled in
    /// parallel (in a child process from the binary, see `compile`).
    #[default]
    Optimizing,
    /// Unoptimised code, the single-pass register allocator, one thread,
    /// in this process. The soundness fuzz target replays thousands of
    /// small components a minute, each run for microseconds: compiling
    /// them optimised was most of its time.
    Quick,
}

/// The engine for one replay, and the storage account its fiber stacks
/// and every store of the replay share.
pub(crate) fn engine(
    budget: &Budget,
    compiler: Compiler,
) -> Result<(Engine, Arc<GuestStorage>), String> {
    let storage = GuestStorage::new(budget.max_memory);
    let mut config = Config::new();
    if compiler == Compiler::Quick {
        config
            .cranelift_opt_level(wasmtime::OptLevel::None)
            .cranelift_regalloc_algorithm(wasmtime::RegallocAlgorithm::SinglePass)
            .parallel_compilation(false);
    }
    #[cfg(unix)]
    config.with_host_stack(Arc::new(super::fibers::CountedStacks::new(&storage)));
    config
        .epoch_interruption(true)
        .consume_fuel(budget.fuel.is_some())
        .max_wasm_stack(1 << 20)
        .wasm_component_model_async(true)
        .wasm_component_model_async_stackful(true)
        .wasm_component_model_more_async_builtins(true)
        // Refused before compiling (`preflight`); off here too, so that a
        // use the scan misses fails validation instead of running.
        .wasm_component_model_error_context(false)
        .concurrency_support(true)
        .wasm_exceptions(true)
        .wasm_function_references(true)
        .wasm_gc(true)
        .wasm_tail_call(true)
        .wasm_multi_memory(true)
        .wasm_memory64(true)
        .wasm_wide_arithmetic(true)
        .wasm_extended_const(true);
    let engine = Engine::new(&config).map_err(|e| format!("cannot set up wasmtime: {e}"))?;
    Ok((engine, storage))
}

/// Advances the engine's epoch every `TICK` until dropped.
pub(crate) struct EpochTicker {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl EpochTicker {
    pub(crate) fn start(engine: &Engine) -> EpochTicker {
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::thread::spawn({
            let engine = engine.clone();
            let stop = stop.clone();
            // Parked rather than asleep, so that dropping the ticker
            // wakes it at once: a sleeping ticker held every replay up
            // to one more tick. Early wake-ups wait out the rest of the
            // tick, so a deadline is never cut short.
            move || {
                let mut next = Instant::now() + TICK;
                while !stop.load(Ordering::Acquire) {
                    let now = Instant::now();
                    if now < next {
                        std::thread::park_timeout(next - now);
                        continue;
                    }
                    engine.increment_epoch();
                    next += TICK;
                }
            }
        });
        EpochTicker {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for EpochTicker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

/// Everything the guest can make the host keep for it, under one limit
/// (`--max-memory`): the linear memories, GC heap and tables of every
/// store of a replay, and the fiber stacks the engine makes for its tasks.
/// Stores come and go (one per invocation); fiber stacks are the engine's,
/// so the account is shared by both.
pub(crate) struct GuestStorage {
    limit: usize,
    held: Mutex<Held>,
}

#[derive(Default)]
struct Held {
    memories: usize,
    tables: usize,
    stacks: usize,
    /// What ran over the limit first, so the report can say so.
    exceeded: Option<Storage>,
}

/// What counts against `--max-memory`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Storage {
    /// Linear memories and the GC heap.
    Memory,
    Tables,
    /// The stacks of tasks in flight: a stackful task blocked in
    /// `waitable-set.wait` keeps its whole stack until it ends.
    FiberStacks,
}

impl GuestStorage {
    pub(crate) fn new(limit: usize) -> Arc<GuestStorage> {
        Arc::new(GuestStorage {
            limit,
            held: Mutex::new(Held::default()),
        })
    }

    /// What ran over the limit, if anything has.
    pub(crate) fn exceeded(&self) -> Option<Storage> {
        self.held().exceeded
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        // Holding the lock never panics; a poisoned lock still counts.
        self.held
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds `extra` bytes of `kind`, or fails naming what ran over.
    pub(crate) fn grow(&self, kind: Storage, extra: usize) -> wasmtime::Result<()> {
        let mut held = self.held();
        let total = held
            .memories
            .saturating_add(held.tables)
            .saturating_add(held.stacks)
            .saturating_add(extra);
        if total > self.limit {
            held.exceeded.get_or_insert(kind);
            let mut after = [held.memories, held.tables, held.stacks];
            let (what, slot) = match kind {
                Storage::Memory => ("linear memory and the GC heap", 0),
                Storage::Tables => ("tables", 1),
                Storage::FiberStacks => ("the stacks of tasks in flight", 2),
            };
            after[slot] = after[slot].saturating_add(extra);
            // Task stacks only where there are any: most guests run none.
            let stacks = match after[2] {
                0 => String::new(),
                held => format!(", task stacks {}", size(held)),
            };
            wasmtime::bail!(
                "{what} would take the guest's storage to {} (memories and GC heap {}, tables \
                 {}{stacks}), over the {} limit (--max-memory)",
                size(total),
                size(after[0]),
                size(after[1]),
                size(self.limit)
            );
        }
        *held.slot(kind) += extra;
        Ok(())
    }

    /// Gives back `bytes` of `kind` (a store or a stack is gone).
    pub(crate) fn release(&self, kind: Storage, bytes: usize) {
        let mut held = self.held();
        let slot = held.slot(kind);
        *slot = slot.saturating_sub(bytes);
    }
}

impl Held {
    fn slot(&mut self, kind: Storage) -> &mut usize {
        match kind {
            Storage::Memory => &mut self.memories,
            Storage::Tables => &mut self.tables,
            Storage::FiberStacks => &mut self.stacks,
        }
    }
}

/// One store's side of `GuestStorage`: wasmtime asks it before a memory
/// or table grows, and what the store held is given back when it goes.
pub(crate) struct MemoryCap {
    storage: Arc<GuestStorage>,
    memories: usize,
    tables: usize,
}

/// wasmtime's largest table element (a funcref is a pointer; an
/// externref or GC reference is smaller). `table_growing` is not told the
/// element type, so every element counts at this size.
const TABLE_ELEMENT_BYTES: usize = 8;

impl MemoryCap {
    pub(crate) fn new(storage: &Arc<GuestStorage>) -> MemoryCap {
        MemoryCap {
            storage: storage.clone(),
            memories: 0,
            tables: 0,
        }
    }

    /// What ran over `--max-memory`, if anything has.
    pub(crate) fn exceeded(&self) -> Option<Storage> {
        self.storage.exceeded()
    }

    fn grow(&mut self, kind: Storage, extra: usize) -> wasmtime::Result<bool> {
        self.storage.grow(kind, extra)?;
        match kind {
            Storage::Tables => self.tables += extra,
            _ => self.memories += extra,
        }
        Ok(true)
    }
}

impl Drop for MemoryCap {
    fn drop(&mut self) {
        self.storage.release(Storage::Memory, self.memories);
        self.storage.release(Storage::Tables, self.tables);
    }
}

/// `8 MiB`, `64 KiB`, `100 bytes`: whole units only.
pub(crate) fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

impl ResourceLimiter for MemoryCap {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        self.grow(Storage::Memory, desired.saturating_sub(current))
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > MAX_TABLE_ELEMENTS {
            self.storage.held().exceeded.get_or_insert(Storage::Tables);
            wasmtime::bail!(
                "a table would grow to {desired} elements, over {MAX_TABLE_ELEMENTS} (--max-memory)"
            );
        }
        let extra = desired.saturating_sub(current);
        self.grow(Storage::Tables, extra.saturating_mul(TABLE_ELEMENT_BYTES))
    }

    fn instances(&self) -> usize {
        MAX_PER_KIND
    }

    fn tables(&self) -> usize {
        MAX_PER_KIND
    }

    fn memories(&self) -> usize {
        MAX_PER_KIND
    }
}

/// A store for one instance under `grants` and `budget`. `counting` adds
/// the host-transition hook, which runs on every crossing in both
/// directions, so replay adds it to the first instance only.
pub(crate) fn store(
    engine: &Engine,
    storage: &Arc<GuestStorage>,
    grants: &Grants,
    budget: &Budget,
    stub_entries: usize,
    denials: &Denials,
    counting: bool,
) -> Result<Store<HostState>, String> {
    let stdout = MemoryOutputPipe::new(OUTPUT_CAP);
    let stderr = MemoryOutputPipe::new(OUTPUT_CAP);
    let mut wasi = WasiCtx::builder();
    wasi.stdout(stdout.clone()).stderr(stderr.clone());
    for (key, value) in &grants.env {
        wasi.env(key, value);
    }
    wasi.args(&grants.args);
    for dir in &grants.dirs {
        let perms = if dir.read_only {
            FsPerms::ReadOnly
        } else {
            FsPerms::ReadWrite
        };
        wasi.preopened_dir(&dir.host, &dir.guest, perms)
            .map_err(|e| format!("--dir {}: {e}", dir.host.display()))?;
    }
    if grants.allow_network {
        wasi.inherit_network()
            .allow_tcp(true)
            .allow_udp(true)
            .allow_ip_name_lookup(true);
    } else {
        wasi.allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false);
    }
    // The host makes random bytes in its own memory before the guest sees
    // them: one call asks for no more than one call may copy.
    wasi.max_random_size(max_host_copy(budget.max_memory) as u64);
    // Same input, same run: randomness is a fixed pseudo-random sequence.
    wasi.secure_random(Deterministic::new(pseudo_random_bytes(0x5eed)))
        .insecure_random(Deterministic::new(pseudo_random_bytes(0x015e_c07e)))
        .insecure_random_seed(0x7763_6175_6469_7400);
    let clock = VirtualClock::default();
    if !grants.real_clock {
        wasi.wall_clock(clock.wall()).monotonic_clock(clock.clone());
    }
    let mut http = WasiHttpCtx::new();
    http.set_field_size_limit(MAX_FIELDS_BYTES);
    let host = HostState {
        table: Default::default(),
        wasi: wasi.build(),
        http,
        hooks: HttpHooks {
            allow: grants.allow_http,
            denials: denials.clone(),
        },
        limits: MemoryCap::new(storage),
        stream_bytes: StreamBytes::default(),
        stubs: StubTally::new(stub_entries),
        host_transitions: 0,
        stdout,
        stderr,
        clock,
    };
    let mut store = Store::new(engine, host);
    store.limiter(|host| &mut host.limits);
    store.data_mut().table.set_max_capacity(MAX_WASI_RESOURCES);
    store.set_max_component_handles(MAX_HANDLES);
    if let Some(fuel) = budget.fuel {
        store
            .set_fuel(fuel)
            .map_err(|e| format!("cannot set fuel: {e}"))?;
    }
    let ticks = budget.timeout.as_millis().div_ceil(TICK.as_millis()).max(1);
    store.set_epoch_deadline(u64::try_from(ticks).unwrap_or(u64::MAX));
    store.epoch_deadline_trap();
    if counting {
        store.call_hook(|mut cx, hook| {
            if matches!(hook, CallHook::CallingHost) {
                cx.data_mut().host_transitions += 1;
            }
            Ok(())
        });
    }
    Ok(store)
}

/// 4 KiB from xorshift64*, so that guests drawing random numbers see
/// varied but repeatable values.
fn pseudo_random_bytes(seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    let mut bytes = Vec::with_capacity(4096);
    while bytes.len() < 4096 {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        bytes.extend_from_slice(&state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::DirGrant;

    #[test]
    fn dir_grants_parse() {
        let d = DirGrant::parse("data").unwrap();
        assert_eq!((d.guest.as_str(), d.read_only), ("data", false));
        let d = DirGrant::parse("/tmp/x::/data:ro").unwrap();
        assert_eq!(d.host, std::path::PathBuf::from("/tmp/x"));
        assert_eq!((d.guest.as_str(), d.read_only), ("/data", true));
        assert!(DirGrant::parse("::x").is_err());
    }
}
