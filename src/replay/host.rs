//! What the store holds for one instance: the WASI and HTTP contexts the
//! grants allow, the limits, and the tallies the host adds to as the
//! guest calls it.

use std::sync::{Arc, Mutex, PoisonError};

use wasmtime::component::ResourceTable;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpHooks, WasiHttpView};

use super::clock::VirtualClock;
use super::sandbox::MemoryCap;
use super::streams::StreamBytes;
use super::stubs::StubTally;

pub(crate) struct HostState {
    pub(crate) table: ResourceTable,
    pub(crate) wasi: WasiCtx,
    pub(crate) http: WasiHttpCtx,
    pub(crate) hooks: HttpHooks,
    pub(crate) limits: MemoryCap,
    pub(crate) stream_bytes: StreamBytes,
    pub(crate) stubs: StubTally,
    /// Every guest → host transition, builtins and destructors included:
    /// a cross-check on the per-function counts.
    pub(crate) host_transitions: u64,
    pub(crate) stdout: MemoryOutputPipe,
    pub(crate) stderr: MemoryOutputPipe,
    /// The virtual clock, unless the real one is granted.
    pub(crate) clock: VirtualClock,
}

impl WasiView for HostState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl WasiHttpView for HostState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView {
            ctx: &mut self.http,
            table: &mut self.table,
            hooks: &mut self.hooks,
        }
    }
}

/// Something the guest tried that the grants did not allow.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Denial {
    /// `network`, `http`, `filesystem`
    pub(crate) capability: &'static str,
    pub(crate) what: String,
    /// The flag that would grant it.
    pub(crate) grant: &'static str,
}

/// Denials recorded by hooks that run outside the store (socket checks
/// are `'static` closures), shared with the replay that reports them.
#[derive(Clone, Default)]
pub(crate) struct Denials(Arc<Mutex<DenialList>>);

#[derive(Default)]
pub(crate) struct DenialList {
    listed: Vec<Denial>,
    /// Distinct attempts past `MAX_DENIALS`, per capability and grant.
    unlisted: std::collections::BTreeMap<(&'static str, &'static str), u64>,
}

/// Distinct attempts listed; the rest are counted.
const MAX_DENIALS: usize = 100;

/// What a denial shows of an attempt (a URL the guest made up can be
/// kilobytes long), in characters.
const MAX_DENIAL_CHARS: usize = 200;

impl Denials {
    pub(crate) fn push(&self, mut denial: Denial) {
        if let Some((cut, _)) = denial.what.char_indices().nth(MAX_DENIAL_CHARS) {
            denial.what.truncate(cut);
            denial.what.push('…');
        }
        let mut list = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        // One line per distinct attempt, a hundred at most: a guest
        // retrying in a loop, or varying what it asks for, must not grow
        // the list or the report without bound.
        if list.listed.contains(&denial) {
            return;
        }
        if list.listed.len() < MAX_DENIALS {
            list.listed.push(denial);
        } else {
            *list
                .unlisted
                .entry((denial.capability, denial.grant))
                .or_default() += 1;
        }
    }

    pub(crate) fn take(&self) -> Vec<Denial> {
        let mut list = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut denials = std::mem::take(&mut list.listed);
        for ((capability, grant), count) in std::mem::take(&mut list.unlisted) {
            denials.push(Denial {
                capability,
                what: format!("{count} more attempts, not listed"),
                grant,
            });
        }
        denials
    }
}

/// Outgoing HTTP: denied and recorded unless `--allow-http`.
pub(crate) struct HttpHooks {
    pub(crate) allow: bool,
    pub(crate) denials: Denials,
}

type SendFuture = Box<
    dyn Future<
            Output = wasmtime_wasi_http::Result<(
                http::Response<wasmtime_wasi_http::WasiBody>,
                Box<dyn Future<Output = wasmtime_wasi_http::Result<()>> + Send>,
            )>,
        > + Send,
>;

impl WasiHttpHooks for HttpHooks {
    fn send_request(
        &mut self,
        request: http::Request<wasmtime_wasi_http::WasiBody>,
        options: Option<wasmtime_wasi_http::RequestOptions>,
        fut: Box<dyn Future<Output = wasmtime_wasi_http::Result<()>> + Send>,
    ) -> SendFuture {
        drop(fut);
        if !self.allow {
            self.denials.push(Denial {
                capability: "http",
                what: format!(
                    "outgoing HTTP request {} {}",
                    request.method(),
                    request.uri()
                ),
                grant: "--allow-http",
            });
            return Box::new(async { Err(wasmtime_wasi_http::Error::HttpRequestDenied) });
        }
        Box::new(async move {
            use http_body_util::BodyExt;
            let (response, io) = wasmtime_wasi_http::default_send_request(request, options).await?;
            Ok((
                response.map(BodyExt::boxed_unsync),
                Box::new(io) as Box<dyn Future<Output = _> + Send>,
            ))
        })
    }
}
