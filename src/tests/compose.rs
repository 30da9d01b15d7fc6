//! Compositions built the way `wac plug` builds them: wit-component
//! outputs from the WAT and WIT in `testdata/compose/`, plugged together by
//! `wac-graph` (the library wac-cli 0.12 runs), so that the tests see the
//! real layout (shim components, ascribed exports, aliased instances)
//! rather than only hand-written component text.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use wac_graph::types::Package;
use wac_graph::{CompositionGraph, EncodeOptions};
use wit_component::{ComponentEncoder, StringEncoding, embed_component_metadata};
use wit_parser::Resolve;

const DIR: &str = "testdata/compose";
const OUT_DIR: &str = "target/wcaudit-fixtures/compose";

static BUILD_LOCK: Mutex<()> = Mutex::new(());

/// Every composition the tests name, as `compose:NAME`.
pub(crate) const ALL: &[&str] = &["fine", "coarse", "chain-32", "chain-8"];

/// The relative path of composition `name`, built if needed.
pub(crate) fn composition(name: &str) -> String {
    let _guard = BUILD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let bytes = build(name).unwrap_or_else(|e| panic!("composition {name}: {e:#}"));
    let out = PathBuf::from(OUT_DIR).join(format!("{name}.wasm"));
    std::fs::create_dir_all(OUT_DIR).unwrap();
    if std::fs::read(&out).ok().as_deref() != Some(bytes.as_slice()) {
        std::fs::write(&out, &bytes).unwrap();
    }
    out.to_string_lossy().replace('\\', "/")
}

/// The composition's bytes, built in memory.
pub(crate) fn build(name: &str) -> anyhow::Result<Vec<u8>> {
    match name {
        // The guest's 64 `get-header` calls, plugged with a provider.
        "fine" => plug(
            &component("guest-fine.wat", "headers.wit", "fine-grained")?,
            &component("provider-fine.wat", "headers.wit", "fine-host")?,
        ),
        // Its batched twin: one `get-headers` call.
        "coarse" => plug(
            &component("guest-coarse.wat", "headers.wit", "coarse-grained")?,
            &component("provider-coarse.wat", "headers.wit", "coarse-host")?,
        ),
        _ => match name.strip_prefix("chain-").map(str::parse::<usize>) {
            Some(Ok(depth)) => chain(depth),
            _ => anyhow::bail!("no composition `{name}`"),
        },
    }
}

/// What the corpus's `wac-chain-depth-32.wasm` is: a terminal handler
/// plugged into a middleware, that composition plugged into another
/// middleware, `depth` times; a call of the outer `handle` crosses every
/// one of them.
fn chain(depth: usize) -> anyhow::Result<Vec<u8>> {
    let middle = component("chain-middle.wat", "chain.wit", "middle")?;
    let mut current = component("chain-terminal.wat", "chain.wit", "terminal")?;
    for _ in 0..depth {
        current = plug(&middle, &current)?;
    }
    Ok(current)
}

/// A component from a core module in WAT and its world, as `wasm-tools
/// component embed` + `component new` make it.
fn component(wat: &str, wit: &str, world: &str) -> anyhow::Result<Vec<u8>> {
    let dir = Path::new(DIR);
    let mut module = wat::parse_file(dir.join(wat))?;
    let mut resolve = Resolve::default();
    let package = resolve.push_file(dir.join(wit))?;
    let world = resolve.select_world(&[package], Some(world))?;
    embed_component_metadata(&mut module, &resolve, world, StringEncoding::UTF8, false)?;
    let mut encoder = ComponentEncoder::default();
    encoder.validate(true).module(&module)?;
    encoder.encode()
}

/// `wac plug SOCKET --plug PLUG`: the plug's exports satisfy the socket's
/// imports of the same name, and the socket's exports are the result's.
fn plug(socket: &[u8], plug: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut graph = CompositionGraph::new();
    let socket = Package::from_bytes("socket", None, socket.to_vec(), graph.types_mut())?;
    let socket = graph.register_package(socket)?;
    let plug = Package::from_bytes("plug", None, plug.to_vec(), graph.types_mut())?;
    let plug = graph.register_package(plug)?;
    wac_graph::plug(&mut graph, vec![plug], socket)?;
    Ok(graph.encode(EncodeOptions::default())?)
}

#[test]
fn every_composition_builds_and_validates() {
    for name in ALL {
        let bytes = build(name).unwrap_or_else(|e| panic!("composition {name}: {e:#}"));
        wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
            .validate_all(&bytes)
            .unwrap_or_else(|e| panic!("composition {name}: {e}"));
    }
}
