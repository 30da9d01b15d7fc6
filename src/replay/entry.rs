//! Entry points: what one invocation of the component runs.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use wasmtime::component::types::ComponentItem;
use wasmtime::component::{Component, Instance, Val};
use wasmtime::{Engine, Store};

use super::host::HostState;
use super::provided;

/// What the user asked to run.
#[derive(Clone, Debug, Default)]
pub(crate) enum EntryRequest {
    /// `wasi:cli/run`, else an HTTP handler with `GET /`, else a root
    /// function named `run`, else the only exported function.
    #[default]
    Auto,
    Http(HttpRequest),
    /// `--invoke NAME [--args WAVE]`
    Invoke {
        function: String,
        args: Option<String>,
    },
}

/// The synthetic request an HTTP handler receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HttpRequest {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Default for HttpRequest {
    fn default() -> Self {
        HttpRequest {
            method: "GET".to_string(),
            path: "/".to_string(),
            headers: vec![("host".to_string(), "localhost".to_string())],
            body: Vec::new(),
        }
    }
}

impl HttpRequest {
    /// `GET /path?query`
    pub(crate) fn parse_line(line: &str) -> Result<(String, String), String> {
        let mut parts = line.split_whitespace();
        let (Some(method), Some(path), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!(
                "--request `{line}`: expected METHOD PATH, e.g. 'GET /'"
            ));
        };
        if !path.starts_with('/') {
            return Err(format!("--request `{line}`: the path must start with `/`"));
        }
        http::Method::from_bytes(method.as_bytes())
            .map_err(|_| format!("--request `{line}`: `{method}` is not an HTTP method"))?;
        Ok((method.to_string(), path.to_string()))
    }

    /// `name: value`
    pub(crate) fn parse_header(text: &str) -> Result<(String, String), String> {
        let (name, value) = text
            .split_once(':')
            .ok_or_else(|| format!("-H `{text}`: expected `name: value`"))?;
        let name = name.trim().to_ascii_lowercase();
        http::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("-H `{text}`: `{name}` is not a header name"))?;
        let value = value.trim().to_string();
        http::HeaderValue::from_str(&value)
            .map_err(|_| format!("-H `{text}`: the value is not a valid header value"))?;
        Ok((name, value))
    }

    fn to_http(&self) -> wasmtime::Result<http::Request<Full<Bytes>>> {
        let authority = self
            .headers
            .iter()
            .find(|(name, _)| name == "host")
            .map_or("localhost", |(_, value)| value.as_str());
        let mut builder = http::Request::builder()
            .method(self.method.as_str())
            .uri(format!("http://{authority}{}", self.path));
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        Ok(builder.body(Full::new(Bytes::from(self.body.clone())))?)
    }
}

/// A resolved entry point.
pub(crate) enum Entry {
    Run {
        export: String,
    },
    HttpP2 {
        export: String,
        request: HttpRequest,
    },
    HttpP3 {
        export: String,
        request: HttpRequest,
    },
    Func {
        instance: Option<String>,
        name: String,
        params: Vec<Val>,
        /// The most host memory per hostcall fuel its results take when
        /// lifted (`stubs::host_bytes_per_fuel`).
        results_per_fuel: usize,
        /// Whether its results can be of any size.
        results_unbounded: bool,
    },
}

impl Entry {
    /// See `stubs::host_bytes_per_fuel`; what the other entry points
    /// return is typed and small.
    pub(crate) fn host_bytes_per_fuel(&self) -> usize {
        match self {
            Entry::Func {
                results_per_fuel, ..
            } => *results_per_fuel,
            _ => 2,
        }
    }
}

impl Entry {
    pub(crate) fn describe(&self) -> String {
        match self {
            Entry::Run { export } => format!("{export}#run"),
            Entry::HttpP2 { export, request } | Entry::HttpP3 { export, request } => {
                format!(
                    "{export}#handle ({} {}, {} header{}, {} byte body)",
                    request.method,
                    request.path,
                    request.headers.len(),
                    if request.headers.len() == 1 { "" } else { "s" },
                    request.body.len()
                )
            }
            Entry::Func {
                instance,
                name,
                params,
                ..
            } => {
                let args: Vec<String> = params
                    .iter()
                    .map(|v| v.to_wave().unwrap_or_else(|_| "…".to_string()))
                    .collect();
                match instance {
                    Some(instance) => format!("{instance}#{name}({})", args.join(", ")),
                    None => format!("{name}({})", args.join(", ")),
                }
            }
        }
    }
}

/// Every function the component exports: (instance or None, name).
fn exported_functions(engine: &Engine, component: &Component) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    for (name, export) in component.component_type().exports(engine) {
        match export.ty {
            ComponentItem::ComponentFunc(_) => out.push((None, name.to_string())),
            ComponentItem::ComponentInstance(instance) => {
                for (func, item) in instance.exports(engine) {
                    if matches!(item.ty, ComponentItem::ComponentFunc(_)) {
                        out.push((Some(name.to_string()), func.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn export_named(engine: &Engine, component: &Component, prefix: &str) -> Option<String> {
    component
        .component_type()
        .exports(engine)
        .map(|(name, _)| name)
        .find(|name| name.starts_with(prefix) && provided::is_p3(name).is_some())
        .map(str::to_string)
}

pub(crate) fn resolve(
    engine: &Engine,
    component: &Component,
    request: &EntryRequest,
) -> Result<Entry, String> {
    let run = export_named(engine, component, "wasi:cli/run@");
    let http_p2 = export_named(engine, component, "wasi:http/incoming-handler@");
    let http_p3 = export_named(engine, component, "wasi:http/handler@");
    let functions = exported_functions(engine, component);
    match request {
        EntryRequest::Http(http) => match (http_p2, http_p3) {
            (Some(export), _) => Ok(Entry::HttpP2 {
                export,
                request: http.clone(),
            }),
            (None, Some(export)) => Ok(Entry::HttpP3 {
                export,
                request: http.clone(),
            }),
            (None, None) => Err(
                "--request: the component exports no wasi:http/incoming-handler@0.2 or \
                 wasi:http/handler@0.3"
                    .to_string(),
            ),
        },
        EntryRequest::Auto => {
            if let Some(export) = run {
                return Ok(Entry::Run { export });
            }
            if let Some(export) = http_p2 {
                return Ok(Entry::HttpP2 {
                    export,
                    request: HttpRequest::default(),
                });
            }
            if let Some(export) = http_p3 {
                return Ok(Entry::HttpP3 {
                    export,
                    request: HttpRequest::default(),
                });
            }
            if functions
                .iter()
                .any(|(instance, name)| instance.is_none() && name == "run")
            {
                return func_entry(engine, component, None, "run".to_string(), None);
            }
            match functions.as_slice() {
                [(instance, name)] => {
                    func_entry(engine, component, instance.clone(), name.clone(), None)
                }
                [] => Err("the component exports no functions to run".to_string()),
                many => Err(format!(
                    "the component exports no wasi:cli/run or HTTP handler; choose a function \
                     with --invoke: {}",
                    list_functions(many)
                )),
            }
        }
        EntryRequest::Invoke { function, args } => {
            let matches: Vec<&(Option<String>, String)> = functions
                .iter()
                .filter(|(instance, name)| selects(function, instance.as_deref(), name))
                .collect();
            match matches.as_slice() {
                [(instance, name)] => func_entry(
                    engine,
                    component,
                    instance.clone(),
                    name.clone(),
                    args.as_deref(),
                ),
                [] => Err(format!(
                    "--invoke {function}: no such exported function (exports: {})",
                    list_functions(&functions)
                )),
                many => Err(format!(
                    "--invoke {function} is ambiguous: {}",
                    list_functions(&many.iter().map(|m| (*m).clone()).collect::<Vec<_>>())
                )),
            }
        }
    }
}

fn list_functions(functions: &[(Option<String>, String)]) -> String {
    functions
        .iter()
        .map(|(instance, name)| match instance {
            Some(instance) => format!("{instance}#{name}"),
            None => name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `process`, `processor#process`, `corpus:headers/processor#process` or
/// the full `…@0.1.0#process`.
fn selects(selector: &str, instance: Option<&str>, name: &str) -> bool {
    match selector.rsplit_once('#') {
        None => selector == name,
        Some((want, want_name)) => {
            let Some(instance) = instance else {
                return false;
            };
            let unversioned = instance.split_once('@').map_or(instance, |(path, _)| path);
            let short = unversioned.rsplit_once('/').map_or(unversioned, |(_, i)| i);
            want_name == name && (want == instance || want == unversioned || want == short)
        }
    }
}

fn func_entry(
    engine: &Engine,
    component: &Component,
    instance: Option<String>,
    name: String,
    args: Option<&str>,
) -> Result<Entry, String> {
    let func_ty = match &instance {
        Some(instance) => component
            .component_type()
            .get_export(engine, instance)
            .and_then(|e| match e.ty {
                ComponentItem::ComponentInstance(i) => i.get_export(engine, &name).map(|e| e.ty),
                _ => None,
            }),
        None => component
            .component_type()
            .get_export(engine, &name)
            .map(|e| e.ty),
    };
    let Some(ComponentItem::ComponentFunc(func_ty)) = func_ty else {
        return Err(format!("`{name}` is not an exported function"));
    };
    let types: Vec<wasmtime::component::Type> = func_ty.params().map(|(_, t)| t).collect();
    let params = match args {
        Some(args) => {
            let call = format!("f({args})");
            let parsed = wasmtime::component::wasm_wave::untyped::UntypedFuncCall::parse(&call)
                .map_err(|e| format!("--args `{args}`: {e}"))?;
            parsed
                .to_wasm_params::<Val>(types.iter())
                .map_err(|e| format!("--args `{args}`: {e}"))?
        }
        None => types
            .iter()
            .map(|t| {
                plain_default(t).ok_or_else(|| {
                    format!(
                        "`{name}` takes a handle or stream parameter; replay can only pass plain \
                         data"
                    )
                })
            })
            .collect::<Result<_, _>>()?,
    };
    let results_per_fuel = func_ty
        .results()
        .map(|t| super::stubs::host_bytes_per_fuel(&t))
        .max()
        .unwrap_or(2);
    let results_unbounded = func_ty.results().any(|t| super::stubs::unbounded_size(&t));
    Ok(Entry::Func {
        instance,
        name,
        params,
        results_per_fuel,
        results_unbounded,
    })
}

/// A default argument for a parameter of plain data type.
fn plain_default(ty: &wasmtime::component::Type) -> Option<Val> {
    super::stubs::zero_value(ty, &mut |_| Err(())).ok()
}

/// What one invocation returned.
#[derive(Clone, Debug, Default)]
pub(crate) struct Returned {
    /// The result in WAVE, for exported functions.
    pub(crate) result: Option<String>,
    /// `wasi:cli/run` returned `err`.
    pub(crate) run_failed: bool,
    pub(crate) http: Option<HttpResponse>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HttpResponse {
    /// The status, or the error code the handler answered with.
    pub(crate) status: Result<u16, String>,
    pub(crate) body_bytes: u64,
}

/// Runs `entry` once on a fresh `instance`.
pub(crate) async fn invoke(
    entry: &Entry,
    store: &mut Store<HostState>,
    instance: &Instance,
) -> wasmtime::Result<Returned> {
    match entry {
        Entry::Run { export } => {
            let func = lookup_func(store, instance, Some(export), "run")?;
            let mut results = vec![Val::Bool(false)];
            func.call_async(&mut *store, &[], &mut results).await?;
            let run_failed = matches!(results.first(), Some(Val::Result(Err(_))));
            Ok(Returned {
                run_failed,
                ..Returned::default()
            })
        }
        Entry::Func {
            instance: export,
            name,
            params,
            ..
        } => {
            let func = lookup_func(store, instance, export.as_deref(), name)?;
            let count = func.ty(&*store).results().len();
            let mut results = vec![Val::Bool(false); count];
            func.call_async(&mut *store, params, &mut results).await?;
            let shown: Vec<String> = results
                .iter()
                .map(|v| v.to_wave().unwrap_or_else(|_| "<handle>".to_string()))
                .collect();
            Ok(Returned {
                result: Some(shown_at_most(shown.join(", "), SHOWN_RESULT)),
                ..Returned::default()
            })
        }
        Entry::HttpP2 { request, .. } => http_p2(store, instance, request).await,
        Entry::HttpP3 { request, .. } => http_p3(store, instance, request).await,
    }
}

/// The most of a result a report shows, in bytes of WAVE.
const SHOWN_RESULT: usize = 4096;

/// An HTTP error code as a report shows it: the guest chooses its strings
/// (`internal-error(some(…))`), so it is cut like a result.
fn error_status(code: &impl std::fmt::Debug) -> String {
    shown_at_most(format!("{code:?}"), SHOWN_RESULT)
}

/// `text`, cut to at most `limit` bytes (at a character boundary) with
/// what was left out said.
fn shown_at_most(text: String, limit: usize) -> String {
    if text.len() <= limit {
        return text;
    }
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(
        "{}… ({} bytes of WAVE in all, {limit} shown)",
        &text[..cut],
        text.len()
    )
}

fn lookup_func(
    store: &mut Store<HostState>,
    instance: &Instance,
    export: Option<&str>,
    name: &str,
) -> wasmtime::Result<wasmtime::component::Func> {
    let parent = match export {
        Some(export) => Some(
            instance
                .get_export_index(&mut *store, None, export)
                .ok_or_else(|| wasmtime::format_err!("no export `{export}`"))?,
        ),
        None => None,
    };
    let index = instance
        .get_export_index(&mut *store, parent.as_ref(), name)
        .ok_or_else(|| wasmtime::format_err!("no exported function `{name}`"))?;
    instance
        .get_func(&mut *store, index)
        .ok_or_else(|| wasmtime::format_err!("`{name}` is not a function"))
}

async fn http_p2(
    store: &mut Store<HostState>,
    instance: &Instance,
    request: &HttpRequest,
) -> wasmtime::Result<Returned> {
    use wasmtime_wasi_http::WasiHttpView;
    use wasmtime_wasi_http::p2::bindings::Proxy;
    use wasmtime_wasi_http::p2::bindings::http::types::Scheme;

    let proxy = Proxy::new(&mut *store, instance)?;
    let incoming = store
        .data_mut()
        .http()
        .new_incoming_request(Scheme::Http, request.to_http()?)?;
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let outparam = store.data_mut().http().new_response_outparam(sender)?;
    // The guest may stream its body only after the host has the response,
    // so the host drains it while the guest runs; a guest that finishes
    // (or traps) without answering must not leave the host waiting.
    let mut receiver = receiver;
    let guest = proxy
        .wasi_http_incoming_handler()
        .call_handle(&mut *store, incoming, outparam);
    let mut guest = std::pin::pin!(guest);
    let answer = tokio::select! {
        called = &mut guest => {
            called?;
            match receiver.try_recv() {
                Ok(answer) => Some((answer, None)),
                Err(_) => None,
            }
        }
        answer = &mut receiver => Some((answer.map_err(|_| wasmtime::format_err!("lost"))?, Some(guest))),
    };
    let response = match answer {
        None => HttpResponse {
            status: Err("the handler returned without setting a response".to_string()),
            body_bytes: 0,
        },
        Some((Err(code), guest)) => {
            if let Some(guest) = guest {
                guest.await?;
            }
            HttpResponse {
                status: Err(error_status(&code)),
                body_bytes: 0,
            }
        }
        Some((Ok(response), guest)) => {
            let status = response.status().as_u16();
            let body = drain(response.into_body());
            let body_bytes = match guest {
                Some(guest) => {
                    let (called, body_bytes) = tokio::join!(guest, body);
                    called?;
                    body_bytes
                }
                None => body.await,
            };
            HttpResponse {
                status: Ok(status),
                body_bytes,
            }
        }
    };
    Ok(Returned {
        http: Some(response),
        ..Returned::default()
    })
}

async fn http_p3(
    store: &mut Store<HostState>,
    instance: &Instance,
    request: &HttpRequest,
) -> wasmtime::Result<Returned> {
    use wasmtime_wasi_http::p3::Request;
    use wasmtime_wasi_http::p3::bindings::Service;

    let service = Service::new(&mut *store, instance)?;
    let (incoming, io) = Request::from_http(&mut store.data_mut().hooks, request.to_http()?);
    let response = store
        .run_concurrent(async |accessor| {
            let answered = async {
                match service.handle(accessor, incoming).await? {
                    Ok(response) => {
                        let response =
                            accessor.with(|access| response.into_http(access, async { Ok(()) }))?;
                        let status = response.status().as_u16();
                        let body_bytes = drain(response.into_body()).await;
                        Ok::<_, wasmtime::Error>(HttpResponse {
                            status: Ok(status),
                            body_bytes,
                        })
                    }
                    Err(code) => Ok::<_, wasmtime::Error>(HttpResponse {
                        status: Err(error_status(&code)),
                        body_bytes: 0,
                    }),
                }
            };
            let (response, _) = tokio::join!(answered, io);
            response
        })
        .await??;
    Ok(Returned {
        http: Some(response),
        ..Returned::default()
    })
}

/// Reads a response body to its end, counting bytes without keeping them.
async fn drain<B>(mut body: B) -> u64
where
    B: http_body::Body<Data = Bytes> + Unpin,
{
    let mut bytes = 0u64;
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(frame) => {
                if let Some(data) = frame.data_ref() {
                    bytes += data.len() as u64;
                }
            }
            Err(_) => break,
        }
    }
    bytes
}

/// The whole-invocation deadline, beyond the epoch deadline, for a guest
/// stuck in a host call that never completes.
pub(crate) fn wall_clock_limit(timeout: Duration) -> Duration {
    timeout + Duration::from_secs(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_code_a_guest_fills_is_cut_like_a_result() {
        let code = wasmtime_wasi_http::p2::bindings::http::types::ErrorCode::InternalError(Some(
            "x".repeat(1 << 20),
        ));
        let shown = error_status(&code);
        assert!(shown.len() < SHOWN_RESULT + 100, "{} bytes", shown.len());
        assert!(
            shown.starts_with("ErrorCode::InternalError(Some(\"xxx"),
            "{}",
            &shown[..40]
        );
        assert!(
            shown.ends_with(&format!("{SHOWN_RESULT} shown)")),
            "{}",
            &shown[shown.len() - 60..]
        );
    }
}
