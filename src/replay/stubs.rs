//! Stubs for imports the host does not implement: custom interfaces, and
//! WASI releases wasmtime does not ship. Each stub is built from the
//! import's type, counts its calls and payload bytes, and returns the
//! scenario's value or a default (zero, empty, `none`, `ok`, first case,
//! a fresh handle for stubbed resources).

use std::sync::Arc;

use wasmtime::component::types::{ComponentFunc, ComponentItem};
use wasmtime::component::{
    Component, Linker, ResourceAny, ResourceDynamic, ResourceType, Type, Val,
};
use wasmtime::{AsContextMut, Engine, Store};

use super::host::HostState;
use super::provided;
use super::scenario::Scenario;

/// One stubbed function or resource destructor.
#[derive(Clone, Debug)]
pub(crate) struct StubEntry {
    /// The exact import name, `local:test/host` or `wasi:x/y@0.3.0-rc-…`.
    pub(crate) interface: String,
    /// `get-header`, `[method]conn.send`, `[resource-drop]conn`.
    pub(crate) function: String,
}

/// Per-store counts, indexed like `Stubs::entries`.
#[derive(Clone, Debug, Default)]
pub(crate) struct StubTally {
    pub(crate) calls: Vec<u64>,
    pub(crate) bytes_out: Vec<u64>,
    pub(crate) bytes_in: Vec<u64>,
    scripted_next: Vec<usize>,
    next_rep: u32,
}

impl StubTally {
    pub(crate) fn new(entries: usize) -> Self {
        StubTally {
            calls: vec![0; entries],
            bytes_out: vec![0; entries],
            bytes_in: vec![0; entries],
            scripted_next: vec![0; entries],
            next_rep: 0,
        }
    }
}

/// What `define` stubbed.
pub(crate) struct Stubs {
    pub(crate) entries: Vec<StubEntry>,
    /// WASI imports stubbed because this host does not implement their
    /// release: their counts are real, their results are not.
    pub(crate) unprovided_wasi: Vec<String>,
    /// The stubs whose arguments can be of any size (they hold lists or
    /// strings), and the most host memory per hostcall fuel their
    /// arguments take (`host_bytes_per_fuel`).
    pub(crate) unbounded: Vec<String>,
    pub(crate) host_bytes_per_fuel: usize,
}

/// Payloads of `ResourceType::host_dynamic` for the stubbed resources:
/// at call time a handle's type is compared against these.
type StubResources = Arc<Vec<u32>>;

/// Defines a stub in `linker` for every import of `component` that the
/// host does not provide.
pub(crate) async fn define(
    linker: &mut Linker<HostState>,
    engine: &Engine,
    component: &Component,
    scenario: &Scenario,
    probe_store: &mut Store<HostState>,
) -> Result<Stubs, String> {
    let ty = component.component_type();
    let mut provided_resources: Vec<(ResourceType, String, String)> = Vec::new();
    let mut to_stub: Vec<(
        String,
        Option<wasmtime::component::types::ComponentInstance>,
    )> = Vec::new();
    let mut root_items: Vec<(String, ComponentItem)> = Vec::new();
    for (name, import) in ty.imports(engine) {
        match import.ty {
            ComponentItem::ComponentInstance(instance) => {
                if provided::is_provided(name) {
                    for (export, item) in instance.exports(engine) {
                        if let ComponentItem::Resource(rt) = item.ty {
                            provided_resources.push((rt, name.to_string(), export.to_string()));
                        }
                    }
                } else {
                    to_stub.push((name.to_string(), Some(instance)));
                }
            }
            ComponentItem::ComponentFunc(_) | ComponentItem::Resource(_) => {
                root_items.push((name.to_string(), import.ty));
            }
            ComponentItem::Type(_) => {}
            ComponentItem::Module(_) | ComponentItem::Component(_) | ComponentItem::CoreFunc(_) => {
                return Err(format!(
                    "it imports `{name}`, a core module or component; replay can only provide \
                     interfaces and functions"
                ));
            }
        }
    }

    // Resources first: a function's stub must know every stubbed resource
    // type to fabricate and release handles.
    let mut stubbed_resources: Vec<(ResourceType, u32)> = Vec::new();
    let mut linked_resources: Vec<(String, String, ResourceType, Option<u32>)> = Vec::new();
    let mut resource_items: Vec<(String, String, ResourceType)> = Vec::new();
    for (name, instance) in &to_stub {
        if let Some(instance) = instance {
            for (export, item) in instance.exports(engine) {
                if let ComponentItem::Resource(rt) = item.ty {
                    resource_items.push((name.clone(), export.to_string(), rt));
                }
            }
        }
    }
    for (name, item) in &root_items {
        if let ComponentItem::Resource(rt) = item {
            resource_items.push((String::new(), name.clone(), *rt));
        }
    }
    for (instance, name, rt) in resource_items {
        if let Some(payload) = stubbed_resources
            .iter()
            .find(|(known, _)| *known == rt)
            .map(|(_, p)| *p)
        {
            // An alias (`use`) of a resource stubbed elsewhere.
            linked_resources.push((instance, name, ResourceType::host_dynamic(payload), None));
        } else if let Some((_, origin, origin_name)) =
            provided_resources.iter().find(|(known, _, _)| *known == rt)
        {
            // An alias of a WASI resource: it must be linked as the very
            // type wasmtime-wasi defines, which only instantiating
            // something that exports it can reveal.
            let concrete = concrete_resource_type(linker, engine, probe_store, origin, origin_name)
                .await
                .map_err(|e| {
                    format!("cannot link `{instance}` (it uses `{origin}#{origin_name}`): {e}")
                })?;
            linked_resources.push((instance, name, concrete, None));
        } else {
            let payload = stubbed_resources.len() as u32;
            stubbed_resources.push((rt, payload));
            linked_resources.push((
                instance,
                name,
                ResourceType::host_dynamic(payload),
                Some(payload),
            ));
        }
    }
    let payloads: StubResources = Arc::new(stubbed_resources.iter().map(|(_, p)| *p).collect());

    let mut entries = Vec::new();
    let mut unprovided_wasi = Vec::new();
    for (instance, name, ty, payload) in linked_resources {
        let id = entries.len();
        let mut li = if instance.is_empty() {
            linker.root()
        } else {
            linker.instance(&instance).map_err(|e| e.to_string())?
        };
        let counted = payload.is_some();
        li.resource(&name, ty, move |mut store, _rep| {
            if counted {
                store.data_mut().stubs.calls[id] += 1;
            }
            Ok(())
        })
        .map_err(|e| format!("cannot stub `{instance}#{name}`: {e}"))?;
        if counted {
            entries.push(StubEntry {
                interface: if instance.is_empty() {
                    "(root)".to_string()
                } else {
                    instance.clone()
                },
                function: format!("[resource-drop]{name}"),
            });
        }
    }
    for (name, instance) in &to_stub {
        let Some(instance) = instance else { continue };
        if name.starts_with("wasi:") {
            unprovided_wasi.push(name.clone());
        }
        let funcs: Vec<(String, ComponentFunc)> = instance
            .exports(engine)
            .filter_map(|(export, item)| match item.ty {
                ComponentItem::ComponentFunc(f) => Some((export.to_string(), f)),
                _ => None,
            })
            .collect();
        // A types-only import still needs an instance to satisfy it.
        let mut li = linker.instance(name).map_err(|e| e.to_string())?;
        for (function, func_ty) in funcs {
            let id = entries.len();
            let scripted = scenario.returns_for(name, &function, &func_ty)?;
            define_func(&mut li, &function, &func_ty, id, scripted, payloads.clone())
                .map_err(|e| format!("cannot stub `{name}#{function}`: {e}"))?;
            entries.push(StubEntry {
                interface: name.clone(),
                function,
            });
        }
    }
    for (name, item) in &root_items {
        if let ComponentItem::ComponentFunc(func_ty) = item {
            let id = entries.len();
            let scripted = scenario.returns_for("", name, func_ty)?;
            define_func(
                &mut linker.root(),
                name,
                func_ty,
                id,
                scripted,
                payloads.clone(),
            )
            .map_err(|e| format!("cannot stub `{name}`: {e}"))?;
            entries.push(StubEntry {
                interface: "(root)".to_string(),
                function: name.clone(),
            });
        }
    }
    scenario.check_all_used(&entries)?;
    let mut unbounded = Vec::new();
    let mut per_fuel = 2;
    let functions = to_stub
        .iter()
        .filter_map(|(name, instance)| Some((name, instance.as_ref()?)))
        .flat_map(|(name, instance)| {
            instance
                .exports(engine)
                .filter_map(move |(export, item)| match item.ty {
                    ComponentItem::ComponentFunc(f) => Some((format!("{name}#{export}"), f)),
                    _ => None,
                })
        })
        .chain(root_items.iter().filter_map(|(name, item)| match item {
            ComponentItem::ComponentFunc(f) => Some((name.clone(), f.clone())),
            _ => None,
        }));
    for (name, func_ty) in functions {
        let params: Vec<Type> = func_ty.params().map(|(_, t)| t).collect();
        if params.iter().any(unbounded_size) {
            unbounded.push(name);
        }
        for ty in &params {
            per_fuel = per_fuel.max(host_bytes_per_fuel(ty));
        }
    }
    Ok(Stubs {
        entries,
        unprovided_wasi,
        unbounded,
        host_bytes_per_fuel: per_fuel,
    })
}

fn define_func(
    li: &mut wasmtime::component::LinkerInstance<'_, HostState>,
    name: &str,
    ty: &ComponentFunc,
    id: usize,
    scripted: Arc<Vec<Val>>,
    payloads: StubResources,
) -> wasmtime::Result<()> {
    if ty.async_() {
        li.func_new_concurrent(name, move |accessor, ty, params, results| {
            let scripted = scripted.clone();
            let payloads = payloads.clone();
            Box::pin(async move {
                accessor.with(|mut access| {
                    release_sync(&mut access, params, &payloads)?;
                    answer(&mut access, id, &ty, params, results, &scripted, &payloads)
                })
            })
        })
    } else {
        li.func_new_async(name, move |mut store, ty, params, results| {
            let scripted = scripted.clone();
            let payloads = payloads.clone();
            Box::new(async move {
                release(&mut store, params, &payloads).await?;
                answer(&mut store, id, &ty, params, results, &scripted, &payloads)
            })
        })
    }
}

/// Counts the call and fills in the results.
fn answer(
    store: &mut impl AsContextMut<Data = HostState>,
    id: usize,
    ty: &ComponentFunc,
    params: &[Val],
    results: &mut [Val],
    scripted: &[Val],
    payloads: &[u32],
) -> wasmtime::Result<()> {
    let mut ctx = store.as_context_mut();
    let tally = &mut ctx.data_mut().stubs;
    tally.calls[id] += 1;
    tally.bytes_out[id] += payload_bytes(params);
    let next = tally.scripted_next[id];
    tally.scripted_next[id] += 1;
    for (slot, result_ty) in results.iter_mut().zip(ty.results()) {
        *slot = match scripted.get(next.min(scripted.len().saturating_sub(1))) {
            Some(value) => value.clone(),
            None => default_val(&result_ty, &mut ctx, payloads)?,
        };
    }
    let tally = &mut ctx.data_mut().stubs;
    tally.bytes_in[id] += payload_bytes(results);
    Ok(())
}

/// The value a stub returns when the scenario says nothing: the zero
/// value, and for an owned handle a fresh handle of a stubbed resource.
fn default_val(
    ty: &Type,
    store: &mut impl AsContextMut<Data = HostState>,
    payloads: &[u32],
) -> wasmtime::Result<Val> {
    zero_value(ty, &mut |ty| match ty {
        Type::Own(rt) => {
            let Some(payload) = payloads
                .iter()
                .copied()
                .find(|p| ResourceType::host_dynamic(*p) == *rt)
            else {
                wasmtime::bail!(
                    "the stub cannot make a handle to a resource that a real host implements"
                );
            };
            let mut ctx = store.as_context_mut();
            let tally = &mut ctx.data_mut().stubs;
            tally.next_rep = tally.next_rep.wrapping_add(1);
            let rep = tally.next_rep;
            Ok(Val::Resource(
                ResourceDynamic::new_own(rep, payload).try_into_resource_any(ctx)?,
            ))
        }
        Type::Borrow(_) => wasmtime::bail!("a function cannot return a borrowed handle"),
        Type::Variant(_) | Type::Enum(_) => wasmtime::bail!("a variant or enum without cases"),
        _ => wasmtime::bail!(
            "the stub cannot make a `future`, `stream` or `error-context` value; replay \
             supports stubs that return plain data and handles"
        ),
    })
}

/// The zero value of `ty`: false, zero, empty, the first case, `none`, or
/// `ok` of a zero value. The types that have none (handles, futures,
/// streams, error contexts, and variants or enums without cases) are
/// asked of `other`.
pub(crate) fn zero_value<E>(
    ty: &Type,
    other: &mut dyn FnMut(&Type) -> Result<Val, E>,
) -> Result<Val, E> {
    Ok(match ty {
        Type::Bool => Val::Bool(false),
        Type::S8 => Val::S8(0),
        Type::U8 => Val::U8(0),
        Type::S16 => Val::S16(0),
        Type::U16 => Val::U16(0),
        Type::S32 => Val::S32(0),
        Type::U32 => Val::U32(0),
        Type::S64 => Val::S64(0),
        Type::U64 => Val::U64(0),
        Type::Float32 => Val::Float32(0.0),
        Type::Float64 => Val::Float64(0.0),
        Type::Char => Val::Char('\0'),
        Type::String => Val::String(String::new()),
        Type::List(_) => Val::List(Vec::new()),
        Type::Map(_) => Val::Map(Vec::new()),
        Type::Record(record) => Val::Record(
            record
                .fields()
                .map(|field| Ok((field.name.to_string(), zero_value(&field.ty, other)?)))
                .collect::<Result<_, E>>()?,
        ),
        Type::Tuple(tuple) => Val::Tuple(
            tuple
                .types()
                .map(|t| zero_value(&t, other))
                .collect::<Result<_, E>>()?,
        ),
        Type::FixedLengthList(list) => Val::FixedLengthList(
            (0..list.len())
                .map(|_| zero_value(&list.ty(), other))
                .collect::<Result<_, E>>()?,
        ),
        Type::Variant(variant) => match variant.cases().next() {
            Some(case) => {
                let payload = match &case.ty {
                    Some(t) => Some(Box::new(zero_value(t, other)?)),
                    None => None,
                };
                Val::Variant(case.name.to_string(), payload)
            }
            None => return other(ty),
        },
        Type::Enum(cases) => match cases.names().next() {
            Some(name) => Val::Enum(name.to_string()),
            None => return other(ty),
        },
        Type::Option(_) => Val::Option(None),
        Type::Result(result) => Val::Result(Ok(match result.ok() {
            Some(t) => Some(Box::new(zero_value(&t, other)?)),
            None => None,
        })),
        Type::Flags(_) => Val::Flags(Vec::new()),
        Type::Own(_) | Type::Borrow(_) | Type::Future(_) | Type::Stream(_) | Type::ErrorContext => {
            return other(ty);
        }
    })
}

/// At most how many bytes of host memory wasmtime allocates per unit of
/// its hostcall fuel when it lifts a value of `ty` into `Val`s. It charges
/// `size_of::<Val>()` per list element and the length of strings, which
/// is about what they take, but only a name's length for every flag set,
/// case and field name it copies into a `String` of its own: 24 bytes
/// and an allocation for a one-byte name in a `list<flags>`.
pub(crate) fn host_bytes_per_fuel(ty: &Type) -> usize {
    fn name(name: &str) -> usize {
        let len = name.len().max(1);
        // A `String` and its allocation (16-byte granules, 16 of overhead).
        (size_of::<String>() + len.div_ceil(16) * 16 + 16).div_ceil(len)
    }
    let most = |items: &mut dyn Iterator<Item = usize>| items.max().unwrap_or(1);
    let own = match ty {
        Type::List(list) => host_bytes_per_fuel(&list.ty()),
        Type::FixedLengthList(list) => host_bytes_per_fuel(&list.ty()),
        Type::Map(map) => host_bytes_per_fuel(&map.key()).max(host_bytes_per_fuel(&map.value())),
        Type::Option(option) => host_bytes_per_fuel(&option.ty()),
        Type::Result(result) => {
            let ok = result.ok().map_or(1, |t| host_bytes_per_fuel(&t));
            let err = result.err().map_or(1, |t| host_bytes_per_fuel(&t));
            ok.max(err)
        }
        Type::Tuple(tuple) => most(&mut tuple.types().map(|t| host_bytes_per_fuel(&t))),
        Type::Record(record) => most(
            &mut record
                .fields()
                .map(|field| name(field.name).max(host_bytes_per_fuel(&field.ty))),
        ),
        Type::Variant(variant) => most(
            &mut variant
                .cases()
                .map(|case| name(case.name).max(case.ty.as_ref().map_or(1, host_bytes_per_fuel))),
        ),
        Type::Enum(cases) => most(&mut cases.names().map(name)),
        Type::Flags(flags) => most(&mut flags.names().map(name)),
        _ => 1,
    };
    // Allocation rounding on strings and vectors.
    own.max(2)
}

/// Whether values of `ty` can be of any size: it holds a list or a string.
pub(crate) fn unbounded_size(ty: &Type) -> bool {
    match ty {
        Type::String | Type::List(_) | Type::Map(_) => true,
        Type::FixedLengthList(list) => unbounded_size(&list.ty()),
        Type::Option(option) => unbounded_size(&option.ty()),
        Type::Result(result) => {
            result.ok().is_some_and(|t| unbounded_size(&t))
                || result.err().is_some_and(|t| unbounded_size(&t))
        }
        Type::Tuple(tuple) => tuple.types().any(|t| unbounded_size(&t)),
        Type::Record(record) => record.fields().any(|field| unbounded_size(&field.ty)),
        Type::Variant(variant) => variant
            .cases()
            .any(|case| case.ty.as_ref().is_some_and(unbounded_size)),
        _ => false,
    }
}

/// Bytes of string and list payload in `values`, as the canonical ABI
/// copies them (a `list<u8>` counts one byte per element).
pub(crate) fn payload_bytes(values: &[Val]) -> u64 {
    values.iter().map(value_bytes).sum()
}

fn value_bytes(value: &Val) -> u64 {
    match value {
        Val::String(s) => s.len() as u64,
        Val::List(items) | Val::FixedLengthList(items) | Val::Tuple(items) => items
            .iter()
            .map(|v| value_bytes(v).max(element_size(v)))
            .sum(),
        Val::Map(pairs) => pairs
            .iter()
            .map(|(k, v)| value_bytes(k) + value_bytes(v))
            .sum(),
        Val::Record(fields) => fields.iter().map(|(_, v)| value_bytes(v)).sum(),
        Val::Variant(_, Some(v)) | Val::Option(Some(v)) => value_bytes(v),
        Val::Result(Ok(Some(v)) | Err(Some(v))) => value_bytes(v),
        _ => 0,
    }
}

/// The flat size of a scalar list element, so that `list<u8>` of n
/// bytes counts n.
fn element_size(value: &Val) -> u64 {
    match value {
        Val::Bool(_) | Val::S8(_) | Val::U8(_) => 1,
        Val::S16(_) | Val::U16(_) => 2,
        Val::S32(_) | Val::U32(_) | Val::Float32(_) | Val::Char(_) => 4,
        Val::S64(_) | Val::U64(_) | Val::Float64(_) => 8,
        _ => 0,
    }
}

/// Handles passed to a stub, borrows included, must be released before it
/// returns, or wasmtime fails the call.
async fn release(
    store: &mut wasmtime::StoreContextMut<'_, HostState>,
    values: &[Val],
    payloads: &[u32],
) -> wasmtime::Result<()> {
    let mut handles = Vec::new();
    collect_handles(values, &mut handles);
    for handle in handles {
        if is_stubbed(&handle, payloads) {
            ResourceDynamic::try_from_resource_any(handle, &mut *store)?;
        } else {
            handle.resource_drop_async(&mut *store).await?;
        }
    }
    Ok(())
}

fn release_sync(
    store: &mut impl AsContextMut<Data = HostState>,
    values: &[Val],
    payloads: &[u32],
) -> wasmtime::Result<()> {
    let mut handles = Vec::new();
    collect_handles(values, &mut handles);
    for handle in handles {
        if is_stubbed(&handle, payloads) {
            ResourceDynamic::try_from_resource_any(handle, &mut *store)?;
        } else {
            handle.resource_drop(&mut *store)?;
        }
    }
    Ok(())
}

fn is_stubbed(handle: &ResourceAny, payloads: &[u32]) -> bool {
    let ty = handle.ty();
    payloads
        .iter()
        .any(|p| ResourceType::host_dynamic(*p) == ty)
}

fn collect_handles(values: &[Val], out: &mut Vec<ResourceAny>) {
    for value in values {
        match value {
            Val::Resource(handle) => out.push(*handle),
            Val::List(items) | Val::FixedLengthList(items) | Val::Tuple(items) => {
                collect_handles(items, out)
            }
            Val::Record(fields) => {
                for (_, v) in fields {
                    collect_handles(std::slice::from_ref(v), out);
                }
            }
            Val::Map(pairs) => {
                for (k, v) in pairs {
                    collect_handles(std::slice::from_ref(k), out);
                    collect_handles(std::slice::from_ref(v), out);
                }
            }
            Val::Variant(_, Some(v)) | Val::Option(Some(v)) => {
                collect_handles(std::slice::from_ref(v), out)
            }
            Val::Result(Ok(Some(v)) | Err(Some(v))) => {
                collect_handles(std::slice::from_ref(v), out)
            }
            _ => {}
        }
    }
}

/// The resource type wasmtime-wasi links for `interface#resource`, found
/// by instantiating a component that re-exports it.
async fn concrete_resource_type(
    linker: &Linker<HostState>,
    engine: &Engine,
    store: &mut Store<HostState>,
    interface: &str,
    resource: &str,
) -> wasmtime::Result<ResourceType> {
    let text = format!(
        "(component
           (import \"{interface}\" (instance $i (export \"{resource}\" (type (sub resource)))))
           (alias export $i \"{resource}\" (type $t))
           (export \"r\" (type $t)))"
    );
    let probe = Component::new(engine, text)?;
    let instance = linker.instantiate_async(&mut *store, &probe).await?;
    instance
        .get_resource(&mut *store, "r")
        .ok_or_else(|| wasmtime::format_err!("the probe exported no resource"))
}
