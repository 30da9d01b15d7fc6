//! Memory on hostile input, measured by a counting allocator: files of
//! about a kilobyte whose length prefixes and counts claim a gigabyte must
//! be refused (or audited) without allocating anything like it.
//!
//! An integration test of its own, so that the allocator sees one run at
//! a time.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn leb(mut n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

const MODULE: &[u8] = b"\0asm\x01\x00\x00\x00";
const COMPONENT: &[u8] = b"\0asm\x0d\x00\x01\x00";
const GIB: u64 = 1 << 30;

/// A section: id, length prefix, payload.
fn section(id: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![id];
    out.extend(leb(payload.len() as u64));
    out.extend(payload);
    out
}

fn custom(name: &str, body: &[u8]) -> Vec<u8> {
    let mut payload = leb(name.len() as u64);
    payload.extend(name.as_bytes());
    payload.extend(body);
    section(0, &payload)
}

fn padded(mut bytes: Vec<u8>) -> Vec<u8> {
    bytes.resize(1024, 0);
    bytes
}

fn cases() -> Vec<(&'static str, Vec<u8>)> {
    let claim = |prefix: &[u8]| -> Vec<u8> {
        let mut body = prefix.to_vec();
        body.extend(leb(GIB));
        body
    };
    let mut cases = Vec::new();
    // A section length of 1 GiB.
    let mut b = MODULE.to_vec();
    b.push(1);
    b.extend(leb(GIB));
    cases.push(("section-length", padded(b)));
    // Vector counts of 1 GiB in each kind of core section.
    for id in [1u8, 2, 3, 4, 5, 6, 7, 9, 10, 11] {
        let mut b = MODULE.to_vec();
        b.extend(section(id, &padded(claim(&[]))[..900]));
        cases.push(("core-section-count", b));
    }
    // Name, producers and component-type custom sections claiming 1 GiB.
    for (name, prefix) in [
        ("name", &[1u8, 0x80, 0x80, 0x80, 0x80, 0x04][..]),
        ("producers", &[][..]),
        ("component-type", &[][..]),
        ("target_features", &[][..]),
    ] {
        let mut b = MODULE.to_vec();
        b.extend(custom(name, &padded(claim(prefix))[..900]));
        cases.push(("custom-section-count", b));
    }
    // A nested module and a nested component of 1 GiB.
    for id in [1u8, 4] {
        let mut b = COMPONENT.to_vec();
        b.push(id);
        b.extend(leb(GIB));
        b.extend(MODULE);
        cases.push(("nested-length", padded(b)));
    }
    // Component sections with 1 GiB counts: types, imports, exports,
    // canonicals, instances, aliases.
    for id in [7u8, 10, 11, 8, 5, 6, 2, 3] {
        let mut b = COMPONENT.to_vec();
        b.extend(section(id, &padded(claim(&[]))[..900]));
        cases.push(("component-section-count", b));
    }
    // A string of 1 GiB in an import name.
    let mut b = COMPONENT.to_vec();
    b.extend(section(10, &padded([vec![1, 0], leb(GIB)].concat())[..900]));
    cases.push(("import-name-length", b));
    cases
}

#[test]
fn a_gigabyte_claim_in_a_kilobyte_file_does_not_allocate_it() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-memory");
    std::fs::create_dir_all(&dir).unwrap();
    let mut worst = (0usize, String::new());
    for (i, (name, bytes)) in cases().into_iter().enumerate() {
        assert!(bytes.len() <= 1100, "{name}: {} bytes", bytes.len());
        let path = dir.join(format!("{i}-{name}.wasm"));
        std::fs::write(&path, &bytes).unwrap();
        let args = ["wcaudit", "check", path.to_str().unwrap(), "-j", "1"];
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let before = CURRENT.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let code = wcaudit::run(args.map(Into::into), &mut out, &mut err);
        let peak = PEAK.load(Ordering::Relaxed) - before;
        let stderr = String::from_utf8_lossy(&err);
        assert!(code <= 2, "{name}");
        if code == 2 {
            assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        }
        if peak > worst.0 {
            worst = (peak, format!("{i}-{name}"));
        }
    }
    // Well under 1 GiB: the largest is the CLI's own working set.
    assert!(
        worst.0 < 4 << 20,
        "{} allocated {} bytes at peak",
        worst.1,
        worst.0
    );
    eprintln!("largest peak: {} bytes ({})", worst.0, worst.1);
}
