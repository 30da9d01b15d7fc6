//! The WIT view of a component binary, decoded by wit-component, and the
//! rendering of WIT function signatures for reports.

use std::collections::BTreeMap;

use wit_parser::{Function, Handle, Resolve, Type, TypeDefKind, WorldItem, WorldKey};

use super::skeleton;
use crate::load::Limits;

/// A component's world: each import and export with the WIT signature of
/// every function in it.
#[derive(Clone, Debug, Default)]
pub(crate) struct WorldSummary {
    /// `package:name/world` as wit-component names the decoded world.
    pub(crate) name: String,
    pub(crate) imports: Vec<WorldEntry>,
    pub(crate) exports: Vec<WorldEntry>,
    /// The decoded WIT, for rules that look at interface shapes.
    pub(crate) resolve: Resolve,
    /// Interfaces the component imports, by name as in the binary.
    pub(crate) imported_interfaces: Vec<(String, wit_parser::InterfaceId)>,
    /// Interfaces the component exports.
    pub(crate) exported_interfaces: Vec<(String, wit_parser::InterfaceId)>,
}

#[derive(Clone, Debug)]
pub(crate) struct WorldEntry {
    /// The name as it appears in the binary, e.g. `wasi:io/streams@0.2.12`.
    pub(crate) name: String,
    /// Function name (as in the binary) → WIT signature.
    pub(crate) functions: BTreeMap<String, String>,
}

impl WorldSummary {
    /// The WIT signature of `func` in import or export `item`.
    pub(crate) fn signature(&self, item: &str, func: &str) -> Option<&str> {
        self.imports
            .iter()
            .chain(&self.exports)
            .find(|e| e.name == item)
            .and_then(|e| e.functions.get(func))
            .map(String::as_str)
    }
}

pub(super) enum Decoded {
    World(Box<WorldSummary>),
    /// The binary is a WIT package encoded as wasm, not a runnable component.
    Package(Box<Resolve>, wit_parser::PackageId),
}

/// The thread that runs wit-component's decoding beside the main pass.
pub(crate) const DECODING_THREAD: &str = "wcaudit-wit-decoding";

/// wit-parser 0.263 can panic (`unreachable!`) while decoding some valid
/// components. A decoding thread's panic is caught on that thread and
/// becomes a note; this hook keeps it from also printing a panic message
/// (or, under a fuzzer, from aborting). Other panics reach the previous
/// hook unchanged.
pub(crate) fn contain_decoding_panics() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(DECODING_THREAD) {
                previous(info);
            }
        }));
    });
}

/// The note for a decoding thread that panicked.
pub(super) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("wit-component panicked while decoding ({message}); this is a wit-parser bug")
}

/// Decodes a component's world from its skeleton, which is a fraction of
/// its size. Should the skeleton not decode, the whole binary is decoded
/// too, so that an error names the binary's own offsets.
pub(super) fn decode_component(bytes: &[u8], limits: &Limits) -> Result<Decoded, String> {
    let skeleton = skeleton::of_component(bytes, limits)
        .ok_or_else(|| "its sections are malformed or over a limit".to_string())?;
    decode_before_deadline(skeleton, limits).or_else(|_| {
        limits.check_time()?;
        decode_before_deadline(bytes.to_vec(), limits)
    })
}

/// Decodes `bytes` on a decoding thread of its own and waits for it until
/// the input's deadline. wit-component's decoding cannot be interrupted, so
/// a decoding still running then is left behind (it ends with the process)
/// and the input's time limit holds for decoding as for wcaudit's own work.
fn decode_before_deadline(bytes: Vec<u8>, limits: &Limits) -> Result<Decoded, String> {
    before_deadline(limits, move || decode(&bytes))
}

/// Runs `work` (a decoding) on a decoding thread of its own and waits for
/// it until the input's deadline; a panic becomes an error.
fn before_deadline<T: Send + 'static>(
    limits: &Limits,
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    until_deadline(limits.deadline, panic_message, work)
        .unwrap_or_else(|PastDeadline| Err(limits.over_time()))
}

/// The work `until_deadline` waited for was still running at the deadline.
#[derive(Debug)]
pub(crate) struct PastDeadline;

/// Runs `work`, which nothing can interrupt (a decoding, wasmtime's
/// compilation), on a thread of its own and waits for it until `deadline`.
/// Work still running then is left behind (it ends with the process, its
/// result unread); its panic is silent and becomes the error `on_panic`
/// words.
pub(crate) fn until_deadline<T: Send + 'static>(
    deadline: Option<std::time::Instant>,
    on_panic: fn(&(dyn std::any::Any + Send)) -> String,
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<Result<T, String>, PastDeadline> {
    use std::sync::mpsc::RecvTimeoutError;
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name(DECODING_THREAD.into())
        .spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                .unwrap_or_else(|panic| Err(on_panic(panic.as_ref())));
            // Past the deadline nobody is waiting for it.
            let _ = sender.send(outcome);
        });
    if let Err(e) = spawned {
        return Ok(Err(format!("no thread could be started for it: {e}")));
    }
    let received = match deadline {
        Some(deadline) => {
            receiver.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
        }
        None => receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
    };
    match received {
        Ok(outcome) => Ok(outcome),
        Err(RecvTimeoutError::Timeout) => Err(PastDeadline),
        Err(RecvTimeoutError::Disconnected) => Ok(Err("its thread ended without a result".into())),
    }
}

/// Whether `component`'s skeleton decodes as the whole component does:
/// the same `Resolve`, or the same failure. A panic on the whole binary
/// excuses anything from the skeleton; the reverse would lose a world, so
/// it is a disagreement. Each decoding runs on a decoding thread, whose
/// panic stays silent, as in a check.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn skeleton_agrees(component: &[u8]) -> Result<(), String> {
    let Some(skeleton) = skeleton::of_component(component, &Limits::default()) else {
        return Err("no skeleton for a component within the limits".into());
    };
    let outcome = |bytes: &[u8]| -> Option<Result<String, ()>> {
        let bytes = bytes.to_vec();
        std::thread::Builder::new()
            .name(DECODING_THREAD.into())
            .spawn(move || match wit_component::decode(&bytes) {
                Ok(wit_component::DecodedWasm::Component(resolve, world)) => {
                    Ok(without_arena_ids(&format!("{resolve:?} {world:?}")))
                }
                Ok(wit_component::DecodedWasm::WitPackage(resolve, package)) => {
                    Ok(without_arena_ids(&format!("{resolve:?} {package:?}")))
                }
                Err(_) => Err(()),
            })
            .ok()?
            .join()
            .ok()
    };
    contain_decoding_panics();
    let said = |o: &Option<Result<String, ()>>| match o {
        None => "panics",
        Some(Ok(_)) => "decodes",
        Some(Err(())) => "fails",
    };
    match (outcome(component), outcome(&skeleton)) {
        (None, _) => Ok(()),
        (Some(Ok(whole)), Some(Ok(shrunk))) if whole != shrunk => {
            // The byte offset of the first differing character: a char
            // boundary in both, since the text before it is the same.
            let at = whole
                .char_indices()
                .zip(shrunk.chars())
                .find(|((_, a), b)| a != b)
                .map_or(whole.len().min(shrunk.len()), |((at, _), _)| at);
            let context = |s: &str| {
                s.get(at..)
                    .unwrap_or_default()
                    .chars()
                    .take(120)
                    .collect::<String>()
            };
            Err(format!(
                "the whole component and its skeleton decode differently, at `{}` against `{}`",
                context(&whole),
                context(&shrunk)
            ))
        }
        (whole, shrunk) if said(&whole) == said(&shrunk) => Ok(()),
        (whole, shrunk) => Err(format!(
            "the whole component {}, its skeleton {}",
            said(&whole),
            said(&shrunk)
        )),
    }
}

/// `Debug` text of a `Resolve` without its arenas' ids, which come from a
/// process-wide counter and differ between two decodings.
#[cfg(any(test, feature = "fuzzing"))]
fn without_arena_ids(debug: &str) -> String {
    const ID: &str = "arena_id: ";
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(at) = rest.find(ID) {
        out.push_str(&rest[..at + ID.len()]);
        rest = rest[at + ID.len()..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// The world a component says it was built for, from a `component-type`
/// custom section (the metadata `wit-bindgen` and `wasm-tools component
/// embed` write for wit-component). wit-component consumes these sections
/// when it makes a component, so most components carry none; one left in
/// the outermost component names the world the component was meant to
/// have, which its exports may exceed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DeclaredWorld {
    /// `package:name/world`.
    pub(crate) name: String,
    /// Export names as in a binary: `wasi:cli/run@0.2.12`, `run`.
    pub(crate) exports: Vec<String>,
}

/// Decodes a `component-type` custom section's content, on a decoding
/// thread, before the input's deadline.
pub(super) fn decode_declared(content: Vec<u8>, limits: &Limits) -> Result<DeclaredWorld, String> {
    // The current format is an encoded component (`\0asm`); the older one
    // starts with the byte 3 and is no longer written.
    if !content.starts_with(b"\0asm") {
        return Err("it is in an old or unknown format".into());
    }
    before_deadline(limits, move || {
        let (resolve, world) = wit_parser::decoding::decode_world(&content)
            .map_err(|e| format!("{e:#}").replace('\n', " "))?;
        Ok(DeclaredWorld::of(&resolve, world))
    })
}

impl DeclaredWorld {
    /// A world of `resolve`, named and with its exports as a binary names
    /// them.
    pub(crate) fn of(resolve: &wit_parser::Resolve, id: wit_parser::WorldId) -> DeclaredWorld {
        let world = &resolve.worlds[id];
        let package = world
            .package
            .map(|p| resolve.packages[p].name.to_string())
            .unwrap_or_default();
        DeclaredWorld {
            name: if package.is_empty() {
                world.name.clone()
            } else {
                format!("{package}/{}", world.name)
            },
            exports: world
                .exports
                .keys()
                .map(|key| resolve.name_world_key(key))
                .collect(),
        }
    }
}

pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let decoded = wit_component::decode(bytes).map_err(|e| format!("{e:#}").replace('\n', " "))?;
    match decoded {
        wit_component::DecodedWasm::WitPackage(resolve, package) => {
            Ok(Decoded::Package(Box::new(resolve), package))
        }
        wit_component::DecodedWasm::Component(resolve, world_id) => {
            let world = &resolve.worlds[world_id];
            let entries = |items: &wit_parser::IndexMap<WorldKey, WorldItem>| -> Vec<WorldEntry> {
                items
                    .iter()
                    .map(|(key, item)| entry(&resolve, key, item))
                    .collect()
            };
            let package = world
                .package
                .map(|p| resolve.packages[p].name.to_string())
                .unwrap_or_default();
            let interfaces = |items: &wit_parser::IndexMap<WorldKey, WorldItem>| {
                items
                    .iter()
                    .filter_map(|(key, item)| match item {
                        WorldItem::Interface { id, .. } => Some((resolve.name_world_key(key), *id)),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            };
            let imported_interfaces = interfaces(&world.imports);
            let exported_interfaces = interfaces(&world.exports);
            let summary = WorldSummary {
                name: if package.is_empty() {
                    world.name.clone()
                } else {
                    format!("{package}/{}", world.name)
                },
                imports: entries(&world.imports),
                exports: entries(&world.exports),
                imported_interfaces,
                exported_interfaces,
                resolve: Resolve::default(),
            };
            Ok(Decoded::World(Box::new(WorldSummary {
                resolve,
                ..summary
            })))
        }
    }
}

fn entry(resolve: &Resolve, key: &WorldKey, item: &WorldItem) -> WorldEntry {
    let name = resolve.name_world_key(key);
    let mut functions = BTreeMap::new();
    match item {
        WorldItem::Interface { id, .. } => {
            for (fname, func) in &resolve.interfaces[*id].functions {
                functions.insert(fname.clone(), render_signature(resolve, func));
            }
        }
        WorldItem::Function(func) => {
            functions.insert(func.name.clone(), render_signature(resolve, func));
        }
        WorldItem::Type { .. } => {}
    }
    WorldEntry { name, functions }
}

/// Renders a function as WIT: `write: func(contents: list<u8>) -> result<_, stream-error>`.
pub(crate) fn render_signature(resolve: &Resolve, func: &Function) -> String {
    let params: Vec<String> = func
        .params
        .iter()
        .map(|p| format!("{}: {}", p.name, render_type(resolve, &p.ty)))
        .collect();
    let keyword = if func.kind.is_async() {
        "async func"
    } else {
        "func"
    };
    let result = func
        .result
        .as_ref()
        .map(|t| format!(" -> {}", render_type(resolve, t)))
        .unwrap_or_default();
    format!(
        "{}: {keyword}({}){result}",
        func.item_name(),
        params.join(", ")
    )
}

pub(crate) fn render_type(resolve: &Resolve, ty: &Type) -> String {
    match ty {
        Type::Bool => "bool".into(),
        Type::U8 => "u8".into(),
        Type::U16 => "u16".into(),
        Type::U32 => "u32".into(),
        Type::U64 => "u64".into(),
        Type::S8 => "s8".into(),
        Type::S16 => "s16".into(),
        Type::S32 => "s32".into(),
        Type::S64 => "s64".into(),
        Type::F32 => "f32".into(),
        Type::F64 => "f64".into(),
        Type::Char => "char".into(),
        Type::String => "string".into(),
        Type::ErrorContext => "error-context".into(),
        Type::Id(id) => {
            let def = &resolve.types[*id];
            if let Some(name) = &def.name {
                return name.clone();
            }
            let inner = |t: &Type| render_type(resolve, t);
            let opt = |t: &Option<Type>| t.as_ref().map_or("_".to_string(), inner);
            match &def.kind {
                TypeDefKind::List(t) => format!("list<{}>", inner(t)),
                TypeDefKind::FixedLengthList(t, n) => format!("list<{}, {n}>", inner(t)),
                TypeDefKind::Map(k, v) => format!("map<{}, {}>", inner(k), inner(v)),
                TypeDefKind::Option(t) => format!("option<{}>", inner(t)),
                TypeDefKind::Result(r) => match (&r.ok, &r.err) {
                    (None, None) => "result".into(),
                    (Some(ok), None) => format!("result<{}>", inner(ok)),
                    (ok, Some(err)) => format!("result<{}, {}>", opt(ok), inner(err)),
                },
                TypeDefKind::Tuple(t) => format!(
                    "tuple<{}>",
                    t.types.iter().map(inner).collect::<Vec<_>>().join(", ")
                ),
                TypeDefKind::Future(t) => match t {
                    Some(t) => format!("future<{}>", inner(t)),
                    None => "future".into(),
                },
                TypeDefKind::Stream(t) => match t {
                    Some(t) => format!("stream<{}>", inner(t)),
                    None => "stream".into(),
                },
                TypeDefKind::Handle(Handle::Own(r)) => render_type(resolve, &Type::Id(*r)),
                TypeDefKind::Handle(Handle::Borrow(r)) => {
                    format!("borrow<{}>", render_type(resolve, &Type::Id(*r)))
                }
                TypeDefKind::Type(t) => inner(t),
                _ => "<anonymous>".into(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoding_still_running_at_the_deadline_is_over_the_time_limit() {
        let component = crate::tests::fixtures::importing_many_interfaces(300);
        let in_time = decode_component(&component, &Limits::default().starting_now());
        assert!(matches!(in_time, Ok(Decoded::World(_))));

        let past = Limits {
            deadline: Some(std::time::Instant::now()),
            ..Limits::default()
        };
        let error = decode_component(&component, &past)
            .err()
            .expect("the deadline has passed");
        assert!(error.contains("over the time limit"), "{error}");
    }
}
