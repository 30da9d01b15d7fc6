//! An input's bytes: read into memory, or mapped from the file.
//!
//! Reading an 18 MB component into a fresh buffer costs more than
//! validating its module sections: every page of the buffer is zeroed by
//! the kernel and then filled by a copy from the page cache. Mapping the
//! file shares the page cache's pages instead, so large files are mapped
//! and small ones, where setting up a mapping costs more than it saves,
//! are read.

use std::fs::{File, Metadata};
use std::ops::Deref;

/// Files at least this large are mapped instead of read.
pub(crate) const MAP_AT_LEAST: u64 = 1 << 20;

pub(crate) enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Bytes {
    /// The bytes of `file`, described by `meta`; `None` when it yields
    /// more than `max` bytes (a device or a growing file can).
    pub(crate) fn of_file(file: File, meta: &Metadata, max: u64) -> std::io::Result<Option<Bytes>> {
        let len = meta.len();
        if meta.is_file() && len >= MAP_AT_LEAST {
            // SAFETY: the map is read-only and private to this process,
            // and wasmparser bounds-checks every read against the slice's
            // length, so hostile contents cannot lead outside it. What a
            // map cannot guard against is another process truncating or
            // rewriting the file while wcaudit runs: truncation ends the
            // process with SIGBUS and a rewrite changes the bytes being
            // read. wcaudit is pointed at build outputs and checkouts
            // that nothing writes during the run; the README says so.
            #[allow(unsafe_code)]
            let map = unsafe {
                memmap2::MmapOptions::new()
                    .populate()
                    .map_copy_read_only(&file)
            };
            match map {
                // A file that shrank since its metadata was read is read
                // instead: a map past its end would fault.
                Ok(map) if map.len() as u64 == len => return Ok(Some(Bytes::Mapped(map))),
                _ => {}
            }
        }
        let mut bytes = Vec::with_capacity(usize::try_from(len.min(max)).unwrap_or(0));
        std::io::Read::read_to_end(
            &mut std::io::Read::take(file, max.saturating_add(1)),
            &mut bytes,
        )?;
        Ok((bytes.len() as u64 <= max).then_some(Bytes::Owned(bytes)))
    }
}

/// The bytes of a named pipe. Opening one blocks until a writer comes, and
/// a pipe named in a pull request may have none: it is opened without
/// waiting, and read until its writer closes it, within the input's time
/// and size limits.
#[cfg(unix)]
pub(crate) fn of_fifo(path: &std::path::Path, limits: &super::Limits) -> std::io::Result<Vec<u8>> {
    use std::io::{ErrorKind, Read};
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let started = std::time::Instant::now();
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        match file.read(&mut chunk) {
            // No writer, or the writer closed it.
            Ok(0) => return Ok(bytes),
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                if bytes.len() as u64 > limits.max_input_bytes {
                    return Err(std::io::Error::other(format!(
                        "more than {} bytes could be read: over the input limit (raise it with \
                         --max-input-size)",
                        limits.max_input_bytes
                    )));
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                if started.elapsed() >= limits.max_time {
                    return Err(std::io::Error::other(
                        "a named pipe whose writer sent nothing more within the time limit: over the time limit",
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(std::io::Error::other(format!("cannot read: {e}"))),
        }
    }
}

impl Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(bytes) => bytes,
            Bytes::Mapped(map) => map,
        }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes::Owned(bytes)
    }
}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bytes({} bytes)", self.len())
    }
}
