//! Byte counts for `wasi:io/streams` (WASI 0.2).
//!
//! Every 0.2 stream (stdio, files, sockets, HTTP bodies) goes through
//! these functions, so re-registering the interface with an
//! implementation that delegates to wasmtime-wasi-io's own and adds up
//! the bytes counts them all. The same generated `add_to_linker` is used,
//! so the calls are still traced and counted by name.

use wasmtime::component::{HasData, Linker, Resource, ResourceTable};
use wasmtime_wasi_io::bindings::wasi::io::streams::{
    self, HostInputStream, HostOutputStream, StreamError as WitStreamError,
};
use wasmtime_wasi_io::poll::DynPollable;
use wasmtime_wasi_io::streams::{DynInputStream, DynOutputStream, StreamResult};

use super::host::HostState;

/// The stream functions that move bytes, and the two stream destructors.
#[derive(Clone, Copy)]
enum Counted {
    Write,
    BlockingWriteAndFlush,
    BlockingWriteZeroesAndFlush,
    WriteZeroes,
    Splice,
    BlockingSplice,
    Read,
    BlockingRead,
    Skip,
    BlockingSkip,
    DropOutput,
    DropInput,
}

const COUNTED: usize = 12;

const NAMES: [&str; COUNTED] = [
    "[method]output-stream.write",
    "[method]output-stream.blocking-write-and-flush",
    "[method]output-stream.blocking-write-zeroes-and-flush",
    "[method]output-stream.write-zeroes",
    "[method]output-stream.splice",
    "[method]output-stream.blocking-splice",
    "[method]input-stream.read",
    "[method]input-stream.blocking-read",
    "[method]input-stream.skip",
    "[method]input-stream.blocking-skip",
    "[resource-drop]output-stream",
    "[resource-drop]input-stream",
];

/// Bytes moved per stream function, from the guest's point of view, and
/// stream handles dropped. Plain arrays: this is on the path of every
/// stream call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct StreamBytes {
    out: [u64; COUNTED],
    into: [u64; COUNTED],
    drops: [u64; COUNTED],
}

impl StreamBytes {
    fn outbound(&mut self, function: Counted, bytes: usize) {
        self.out[function as usize] += bytes as u64;
    }

    fn inbound(&mut self, function: Counted, bytes: usize) {
        self.into[function as usize] += bytes as u64;
    }

    fn dropped(&mut self, function: Counted) {
        self.drops[function as usize] += 1;
    }

    /// (function, bytes out, bytes in, destructor calls) for every
    /// function with something counted, minus what `before` had.
    pub(crate) fn since(&self, before: &StreamBytes) -> Vec<(&'static str, u64, u64, u64)> {
        (0..COUNTED)
            .map(|i| {
                (
                    NAMES[i],
                    self.out[i] - before.out[i],
                    self.into[i] - before.into[i],
                    self.drops[i] - before.drops[i],
                )
            })
            .filter(|(_, out, into, drops)| out + into + drops > 0)
            .collect()
    }
}

struct CountingIo<'a> {
    table: &'a mut ResourceTable,
    bytes: &'a mut StreamBytes,
}

struct CountingStreams;

impl HasData for CountingStreams {
    type Data<'a> = CountingIo<'a>;
}

/// Replaces the `wasi:io/streams` functions already in `linker` with
/// counting ones.
pub(crate) fn add_to_linker(linker: &mut Linker<HostState>) -> wasmtime::Result<()> {
    linker.allow_shadowing(true);
    streams::add_to_linker::<HostState, CountingStreams>(linker, |host| CountingIo {
        table: &mut host.table,
        bytes: &mut host.stream_bytes,
    })?;
    linker.allow_shadowing(false);
    Ok(())
}

impl streams::Host for CountingIo<'_> {
    fn convert_stream_error(
        &mut self,
        err: wasmtime_wasi_io::streams::StreamError,
    ) -> wasmtime::Result<WitStreamError> {
        streams::Host::convert_stream_error(self.table, err)
    }
}

impl HostOutputStream for CountingIo<'_> {
    async fn drop(&mut self, stream: Resource<DynOutputStream>) -> wasmtime::Result<()> {
        self.bytes.dropped(Counted::DropOutput);
        HostOutputStream::drop(self.table, stream).await
    }

    fn check_write(&mut self, stream: Resource<DynOutputStream>) -> StreamResult<u64> {
        HostOutputStream::check_write(self.table, stream)
    }

    fn write(&mut self, stream: Resource<DynOutputStream>, bytes: Vec<u8>) -> StreamResult<()> {
        let len = bytes.len();
        HostOutputStream::write(self.table, stream, bytes)?;
        self.bytes.outbound(Counted::Write, len);
        Ok(())
    }

    fn subscribe(
        &mut self,
        stream: Resource<DynOutputStream>,
    ) -> wasmtime::Result<Resource<DynPollable>> {
        HostOutputStream::subscribe(self.table, stream)
    }

    async fn blocking_write_and_flush(
        &mut self,
        stream: Resource<DynOutputStream>,
        bytes: Vec<u8>,
    ) -> StreamResult<()> {
        let len = bytes.len();
        HostOutputStream::blocking_write_and_flush(self.table, stream, bytes).await?;
        self.bytes.outbound(Counted::BlockingWriteAndFlush, len);
        Ok(())
    }

    async fn blocking_write_zeroes_and_flush(
        &mut self,
        stream: Resource<DynOutputStream>,
        len: u64,
    ) -> StreamResult<()> {
        HostOutputStream::blocking_write_zeroes_and_flush(self.table, stream, len).await?;
        self.bytes
            .outbound(Counted::BlockingWriteZeroesAndFlush, len as usize);
        Ok(())
    }

    fn write_zeroes(&mut self, stream: Resource<DynOutputStream>, len: u64) -> StreamResult<()> {
        HostOutputStream::write_zeroes(self.table, stream, len)?;
        self.bytes.outbound(Counted::WriteZeroes, len as usize);
        Ok(())
    }

    fn flush(&mut self, stream: Resource<DynOutputStream>) -> StreamResult<()> {
        HostOutputStream::flush(self.table, stream)
    }

    async fn blocking_flush(&mut self, stream: Resource<DynOutputStream>) -> StreamResult<()> {
        HostOutputStream::blocking_flush(self.table, stream).await
    }

    fn splice(
        &mut self,
        dest: Resource<DynOutputStream>,
        src: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<u64> {
        let moved = HostOutputStream::splice(self.table, dest, src, len)?;
        self.bytes.outbound(Counted::Splice, moved as usize);
        Ok(moved)
    }

    async fn blocking_splice(
        &mut self,
        dest: Resource<DynOutputStream>,
        src: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<u64> {
        let moved = HostOutputStream::blocking_splice(self.table, dest, src, len).await?;
        self.bytes.outbound(Counted::BlockingSplice, moved as usize);
        Ok(moved)
    }
}

impl HostInputStream for CountingIo<'_> {
    async fn drop(&mut self, stream: Resource<DynInputStream>) -> wasmtime::Result<()> {
        self.bytes.dropped(Counted::DropInput);
        HostInputStream::drop(self.table, stream).await
    }

    fn read(&mut self, stream: Resource<DynInputStream>, len: u64) -> StreamResult<Vec<u8>> {
        let bytes = HostInputStream::read(self.table, stream, len)?;
        self.bytes.inbound(Counted::Read, bytes.len());
        Ok(bytes)
    }

    async fn blocking_read(
        &mut self,
        stream: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<Vec<u8>> {
        let bytes = HostInputStream::blocking_read(self.table, stream, len).await?;
        self.bytes.inbound(Counted::BlockingRead, bytes.len());
        Ok(bytes)
    }

    fn skip(&mut self, stream: Resource<DynInputStream>, len: u64) -> StreamResult<u64> {
        let skipped = HostInputStream::skip(self.table, stream, len)?;
        self.bytes.inbound(Counted::Skip, skipped as usize);
        Ok(skipped)
    }

    async fn blocking_skip(
        &mut self,
        stream: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<u64> {
        let skipped = HostInputStream::blocking_skip(self.table, stream, len).await?;
        self.bytes.inbound(Counted::BlockingSkip, skipped as usize);
        Ok(skipped)
    }

    fn subscribe(
        &mut self,
        stream: Resource<DynInputStream>,
    ) -> wasmtime::Result<Resource<DynPollable>> {
        HostInputStream::subscribe(self.table, stream)
    }
}
