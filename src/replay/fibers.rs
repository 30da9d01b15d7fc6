//! Fiber stacks counted against `--max-memory`.
//!
//! Under component-model concurrency every task in flight runs on a fiber
//! of its own, and a stackful task blocked in `waitable-set.wait` keeps its
//! stack until it ends. wasmtime allocates those stacks outside the
//! resource limiter: 4,000 blocked tasks, each deep in recursion, held
//! 760 MB under `--max-memory 64M`. Each stack here counts its whole size
//! (what the guest could touch, not what it has touched so far) in the
//! replay's `GuestStorage`, and the task that would run over the limit
//! fails to start.
//!
//! The crate denies unsafe code; this module is the one place replay maps
//! memory itself, because wasmtime takes custom stacks only as raw memory.
#![allow(unsafe_code)]

use std::ops::Range;
use std::sync::Arc;

use wasmtime::{StackCreator, StackMemory};

use super::sandbox::{GuestStorage, Storage};

/// Makes every fiber stack of an engine, counting it in `storage`.
pub(crate) struct CountedStacks {
    storage: Arc<GuestStorage>,
}

impl CountedStacks {
    pub(crate) fn new(storage: &Arc<GuestStorage>) -> CountedStacks {
        CountedStacks {
            storage: storage.clone(),
        }
    }
}

// SAFETY: every stack is a fresh private mapping of its own, page aligned,
// zero filled by the kernel, with an inaccessible guard page below it; it
// is unmapped only when wasmtime drops it.
unsafe impl StackCreator for CountedStacks {
    fn new_stack(&self, size: usize, _zeroed: bool) -> wasmtime::Result<Box<dyn StackMemory>> {
        let page = page_size();
        let Some(size) = size.checked_next_multiple_of(page) else {
            wasmtime::bail!("a fiber stack of {size} bytes cannot be mapped");
        };
        self.storage.grow(Storage::FiberStacks, size)?;
        match MappedStack::map(size, page) {
            Some(mapped) => Ok(Box::new(CountedStack {
                mapped,
                storage: self.storage.clone(),
            })),
            None => {
                self.storage.release(Storage::FiberStacks, size);
                wasmtime::bail!(
                    "cannot map a fiber stack of {size} bytes: {}",
                    std::io::Error::last_os_error()
                )
            }
        }
    }
}

fn page_size() -> usize {
    // SAFETY: sysconf only reads a constant of the system.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(page).unwrap_or(4096).max(4096)
}

/// `guard` bytes of no access, then `size` bytes of stack above them.
struct MappedStack {
    base: *mut u8,
    guard: usize,
    size: usize,
}

// SAFETY: the mapping is owned by this value alone; wasmtime runs one fiber
// on it at a time, from whichever thread.
unsafe impl Send for MappedStack {}
unsafe impl Sync for MappedStack {}

impl MappedStack {
    fn map(size: usize, guard: usize) -> Option<MappedStack> {
        let total = size.checked_add(guard)?;
        // SAFETY: a new anonymous mapping, not aliasing anything; made
        // inaccessible, then all but the guard opened for reading and
        // writing.
        unsafe {
            let base = libc::mmap(
                std::ptr::null_mut(),
                total,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            if base == libc::MAP_FAILED {
                return None;
            }
            let stack = MappedStack {
                base: base.cast(),
                guard,
                size,
            };
            let usable = stack.base.add(guard).cast();
            if libc::mprotect(usable, size, libc::PROT_READ | libc::PROT_WRITE) != 0 {
                return None; // `stack` unmaps it
            }
            Some(stack)
        }
    }
}

impl Drop for MappedStack {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `map`, unmapped once.
        unsafe {
            libc::munmap(self.base.cast(), self.guard + self.size);
        }
    }
}

struct CountedStack {
    mapped: MappedStack,
    storage: Arc<GuestStorage>,
}

impl Drop for CountedStack {
    fn drop(&mut self) {
        self.storage.release(Storage::FiberStacks, self.mapped.size);
    }
}

// SAFETY: the ranges describe the mapping `mapped` owns: the stack grows
// down from `top` to the guard page.
unsafe impl StackMemory for CountedStack {
    fn top(&self) -> *mut u8 {
        // SAFETY: one past the end of the mapping.
        unsafe { self.mapped.base.add(self.mapped.guard + self.mapped.size) }
    }

    fn range(&self) -> Range<usize> {
        let bottom = self.mapped.base as usize + self.mapped.guard;
        bottom..bottom + self.mapped.size
    }

    fn guard_range(&self) -> Range<*mut u8> {
        // SAFETY: the guard page is the start of the mapping.
        self.mapped.base..unsafe { self.mapped.base.add(self.mapped.guard) }
    }
}
