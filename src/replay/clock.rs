//! The virtual clock: the same input replays the same way, times
//! included. Monotonic time starts at zero and moves only when the guest
//! waits on a timer, to the timer's deadline, at once; the wall clock is
//! a fixed start plus that. `--real-clock` gives the host's clocks.
//!
//! wasmtime-wasi takes the clocks' readings from `WasiCtx`, but its
//! timers sleep in real time, so the timer functions of
//! `wasi:clocks/monotonic-clock` (0.2 and 0.3) are linked again here, as
//! `streams` does: with the same generated bindings, so they are still
//! traced and counted by name.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use wasmtime::component::{HasData, Linker, Resource, ResourceTable};
use wasmtime_wasi::{HostMonotonicClock, HostWallClock};
use wasmtime_wasi_io::poll::{DynPollable, Pollable, subscribe};

use super::host::HostState;

/// The wall clock's reading when a replay starts: 2025-01-01T00:00:00Z.
const EPOCH: Duration = Duration::from_secs(1_735_689_600);

/// Nanoseconds since the replay started, shared by the store's clocks and
/// its timers.
#[derive(Clone, Debug, Default)]
pub(crate) struct VirtualClock(Arc<AtomicU64>);

impl VirtualClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Time passes to `when`; it never goes back.
    fn advance_to(&self, when: u64) {
        self.0.fetch_max(when, Ordering::Relaxed);
    }

    /// The wall clock that reads this clock.
    pub(crate) fn wall(&self) -> VirtualWallClock {
        VirtualWallClock(self.clone())
    }
}

impl HostMonotonicClock for VirtualClock {
    fn resolution(&self) -> u64 {
        1
    }

    fn now(&self) -> u64 {
        VirtualClock::now(self)
    }
}

pub(crate) struct VirtualWallClock(VirtualClock);

impl HostWallClock for VirtualWallClock {
    fn resolution(&self) -> Duration {
        Duration::from_nanos(1)
    }

    fn now(&self) -> Duration {
        EPOCH + Duration::from_nanos(self.0.now())
    }
}

/// A 0.2 timer pollable: waiting on it (`block`, `poll`, even `ready`)
/// moves the clock to its deadline.
struct Timer {
    clock: VirtualClock,
    deadline: u64,
    /// A timer already due yields once, as wasmtime-wasi's does, so that a
    /// guest polling with a zero timeout in a loop lets the runtime run.
    yielded: bool,
}

#[wasmtime_wasi_io::async_trait]
impl Pollable for Timer {
    async fn ready(&mut self) {
        if self.deadline > self.clock.now() {
            self.clock.advance_to(self.deadline);
        } else if !self.yielded {
            self.yielded = true;
            tokio::task::yield_now().await;
        }
    }
}

pub(crate) struct ClockView<'a> {
    table: &'a mut ResourceTable,
    clock: &'a VirtualClock,
}

struct VirtualClocks;

impl HasData for VirtualClocks {
    type Data<'a> = ClockView<'a>;
}

fn view(host: &mut HostState) -> ClockView<'_> {
    ClockView {
        table: &mut host.table,
        clock: &host.clock,
    }
}

/// Replaces the monotonic clocks already in `linker` with virtual ones.
pub(crate) fn add_to_linker(linker: &mut Linker<HostState>) -> wasmtime::Result<()> {
    linker.allow_shadowing(true);
    wasmtime_wasi::p2::bindings::clocks::monotonic_clock::add_to_linker::<HostState, VirtualClocks>(
        linker, view,
    )?;
    wasmtime_wasi::p3::bindings::clocks::monotonic_clock::add_to_linker::<HostState, VirtualClocks>(
        linker, view,
    )?;
    linker.allow_shadowing(false);
    Ok(())
}

impl ClockView<'_> {
    fn timer(&mut self, deadline: u64) -> wasmtime::Result<Resource<DynPollable>> {
        let timer = self.table.push(Timer {
            clock: self.clock.clone(),
            deadline,
            yielded: false,
        })?;
        subscribe(self.table, timer)
    }
}

mod p2 {
    use wasmtime::component::Resource;
    use wasmtime_wasi::p2::bindings::clocks::monotonic_clock::{Duration, Host, Instant};
    use wasmtime_wasi_io::poll::DynPollable;

    use super::ClockView;

    impl Host for ClockView<'_> {
        fn now(&mut self) -> wasmtime::Result<Instant> {
            Ok(self.clock.now())
        }

        fn resolution(&mut self) -> wasmtime::Result<Duration> {
            Ok(1)
        }

        fn subscribe_instant(&mut self, when: Instant) -> wasmtime::Result<Resource<DynPollable>> {
            self.timer(when)
        }

        fn subscribe_duration(
            &mut self,
            duration: Duration,
        ) -> wasmtime::Result<Resource<DynPollable>> {
            let deadline = self.clock.now().saturating_add(duration);
            self.timer(deadline)
        }
    }
}

mod p3 {
    use wasmtime::component::Accessor;
    use wasmtime_wasi::p3::bindings::clocks::monotonic_clock::{Host, HostWithStore, Mark};
    use wasmtime_wasi::p3::bindings::clocks::types::Duration;

    use super::{ClockView, VirtualClocks};

    impl Host for ClockView<'_> {
        fn now(&mut self) -> wasmtime::Result<Mark> {
            Ok(self.clock.now())
        }

        fn get_resolution(&mut self) -> wasmtime::Result<Duration> {
            Ok(1)
        }
    }

    impl<U> HostWithStore<U> for VirtualClocks {
        async fn wait_until(store: &Accessor<U, Self>, when: Mark) -> wasmtime::Result<()> {
            store.with(|mut view| view.get().clock.advance_to(when));
            tokio::task::yield_now().await;
            Ok(())
        }

        async fn wait_for(store: &Accessor<U, Self>, duration: Duration) -> wasmtime::Result<()> {
            store.with(|mut view| {
                let clock = view.get().clock;
                clock.advance_to(clock.now().saturating_add(duration));
            });
            tokio::task::yield_now().await;
            Ok(())
        }
    }
}
