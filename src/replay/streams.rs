//! Byte counts for `wasi:io/streams` (WASI 0.2).
//!
//! Every 0.2 stream (stdio, files, sockets, HTTP bodies) goes through
//! these functions, so re-registering the interface with an
//! implementation that delegates to wasmtime-wasi-io's own and adds up
//! the bytes counts them all. The same generated `add_to_linker` is used,
//! so the calls are still traced and counted by name.

use std::collections::BTreeMap;

use wasmtime::component::{HasData, Linker, Resource, ResourceTable};
use wasmtime_wasi_io::bindings::wasi::io::streams::{
    self, HostInputStream, HostOutputStream, StreamError as WitStreamError,
};
use wasmtime_wasi_io::poll::DynPollable;
use wasmtime_wasi_io::streams::{DynInputStream, DynOutputStream, StreamResult};

use super::host::HostState;

/// Bytes moved per stream function, from the guest's point of view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct StreamBytes {
    /// Function name → (bytes out of the guest, bytes into the guest).
    pub(crate) by_function: BTreeMap<&'static str, (u64, u64)>,
    /// Stream handles the guest dropped, by resource-drop name.
    pub(crate) drops: BTreeMap<&'static str, u64>,
}

impl StreamBytes {
    fn outbound(&mut self, function: &'static str, bytes: usize) {
        self.by_function.entry(function).or_default().0 += bytes as u64;
    }

    fn inbound(&mut self, function: &'static str, bytes: usize) {
        self.by_function.entry(function).or_default().1 += bytes as u64;
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
        *self
            .bytes
            .drops
            .entry("[resource-drop]output-stream")
            .or_default() += 1;
        HostOutputStream::drop(self.table, stream).await
    }

    fn check_write(&mut self, stream: Resource<DynOutputStream>) -> StreamResult<u64> {
        HostOutputStream::check_write(self.table, stream)
    }

    fn write(&mut self, stream: Resource<DynOutputStream>, bytes: Vec<u8>) -> StreamResult<()> {
        let len = bytes.len();
        HostOutputStream::write(self.table, stream, bytes)?;
        self.bytes.outbound("[method]output-stream.write", len);
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
        self.bytes
            .outbound("[method]output-stream.blocking-write-and-flush", len);
        Ok(())
    }

    async fn blocking_write_zeroes_and_flush(
        &mut self,
        stream: Resource<DynOutputStream>,
        len: u64,
    ) -> StreamResult<()> {
        HostOutputStream::blocking_write_zeroes_and_flush(self.table, stream, len).await?;
        self.bytes.outbound(
            "[method]output-stream.blocking-write-zeroes-and-flush",
            len as usize,
        );
        Ok(())
    }

    fn write_zeroes(&mut self, stream: Resource<DynOutputStream>, len: u64) -> StreamResult<()> {
        HostOutputStream::write_zeroes(self.table, stream, len)?;
        self.bytes
            .outbound("[method]output-stream.write-zeroes", len as usize);
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
        self.bytes
            .outbound("[method]output-stream.splice", moved as usize);
        Ok(moved)
    }

    async fn blocking_splice(
        &mut self,
        dest: Resource<DynOutputStream>,
        src: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<u64> {
        let moved = HostOutputStream::blocking_splice(self.table, dest, src, len).await?;
        self.bytes
            .outbound("[method]output-stream.blocking-splice", moved as usize);
        Ok(moved)
    }
}

impl HostInputStream for CountingIo<'_> {
    async fn drop(&mut self, stream: Resource<DynInputStream>) -> wasmtime::Result<()> {
        *self
            .bytes
            .drops
            .entry("[resource-drop]input-stream")
            .or_default() += 1;
        HostInputStream::drop(self.table, stream).await
    }

    fn read(&mut self, stream: Resource<DynInputStream>, len: u64) -> StreamResult<Vec<u8>> {
        let bytes = HostInputStream::read(self.table, stream, len)?;
        self.bytes.inbound("[method]input-stream.read", bytes.len());
        Ok(bytes)
    }

    async fn blocking_read(
        &mut self,
        stream: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<Vec<u8>> {
        let bytes = HostInputStream::blocking_read(self.table, stream, len).await?;
        self.bytes
            .inbound("[method]input-stream.blocking-read", bytes.len());
        Ok(bytes)
    }

    fn skip(&mut self, stream: Resource<DynInputStream>, len: u64) -> StreamResult<u64> {
        let skipped = HostInputStream::skip(self.table, stream, len)?;
        self.bytes
            .inbound("[method]input-stream.skip", skipped as usize);
        Ok(skipped)
    }

    async fn blocking_skip(
        &mut self,
        stream: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<u64> {
        let skipped = HostInputStream::blocking_skip(self.table, stream, len).await?;
        self.bytes
            .inbound("[method]input-stream.blocking-skip", skipped as usize);
        Ok(skipped)
    }

    fn subscribe(
        &mut self,
        stream: Resource<DynInputStream>,
    ) -> wasmtime::Result<Resource<DynPollable>> {
        HostInputStream::subscribe(self.table, stream)
    }
}
