//! Builds component fixtures from `testdata/fixtures/<name>/`: a core
//! module (`core.wat`) and its world (`world.wit`), plus an optional
//! adapter (`adapter.wat`, `adapter.wit`), encoded by wit-component the
//! way `wasm-tools component embed` + `component new` would.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use wit_component::{ComponentEncoder, StringEncoding, embed_component_metadata};
use wit_parser::Resolve;

const OUT_DIR: &str = "target/wcaudit-fixtures";

static BUILD_LOCK: Mutex<()> = Mutex::new(());

/// Every component fixture.
pub(crate) const ALL: &[&str] = &[
    "adapter",
    "chatty-headers",
    "cli-surface",
    "coarse-headers",
    "dead",
    "declared-world",
    "http-handler-files",
    "indirect-call",
    "insecure-random",
    "mangled-names",
    "mixed-versions",
    "partial-interface",
    "poll-p2",
    "reads-files",
    "preinit-hook",
    "surplus-export",
    "unused-sockets",
    "used-only",
    "uses-sockets",
];

/// Returns the relative path of the built fixture, building it if needed.
pub(crate) fn component(name: &str) -> String {
    let _guard = BUILD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let out = PathBuf::from(OUT_DIR).join(format!("{name}.wasm"));
    let bytes = build(name).unwrap_or_else(|e| panic!("fixture {name}: {e:#}"));
    std::fs::create_dir_all(OUT_DIR).unwrap();
    if std::fs::read(&out).ok().as_deref() != Some(bytes.as_slice()) {
        std::fs::write(&out, &bytes).unwrap();
    }
    out.to_string_lossy().replace('\\', "/")
}

/// WIT the static fixtures build against: subsets of WASI with the real
/// names.
const STATIC_DEPS: &[&str] = &[
    "testdata/wasi/io.wit",
    "testdata/wasi/cli.wit",
    "testdata/wasi/cli-0.2.9.wit",
    "testdata/wasi/sockets.wit",
    "testdata/wasi/filesystem.wit",
    "testdata/wasi/random.wit",
    "testdata/wasi/http.wit",
    "testdata/wasi/headers.wit",
];

/// WIT the replay fixtures build against: every function they call has
/// its release's exact type, so that wasmtime-wasi links it.
#[cfg(feature = "replay")]
const REPLAY_DEPS: &[&str] = &[
    "testdata/wasi/io.wit",
    "testdata/wasi/cli.wit",
    "testdata/wasi/filesystem.wit",
    "testdata/replay/wit/clocks.wit",
    "testdata/replay/wit/sockets.wit",
    "testdata/replay/wit/http.wit",
    "testdata/replay/wit/http-p3.wit",
    "testdata/replay/wit/cli-p3.wit",
    "testdata/replay/wit/clocks-p3.wit",
    "testdata/replay/wit/random.wit",
    "testdata/replay/wit/host.wit",
];

/// The fixture's bytes, built in memory.
pub(crate) fn build(name: &str) -> anyhow::Result<Vec<u8>> {
    build_in(&Path::new("testdata/fixtures").join(name), STATIC_DEPS)
}

/// A replay fixture from `testdata/replay/<name>/`, built in memory.
#[cfg(feature = "replay")]
pub(crate) fn build_replay(name: &str) -> Vec<u8> {
    build_in(&Path::new("testdata/replay").join(name), REPLAY_DEPS)
        .unwrap_or_else(|e| panic!("replay fixture {name}: {e:#}"))
}

/// A replay fixture that reads files: the WASI filesystem subset the
/// static fixtures use has simplified types, which wasmtime would refuse to
/// link, so this one gets the real types of the functions it calls.
#[cfg(feature = "replay")]
pub(crate) fn build_replay_reading_files(name: &str) -> Vec<u8> {
    let deps: Vec<&str> = REPLAY_DEPS
        .iter()
        .map(|dep| match *dep {
            "testdata/wasi/filesystem.wit" => "testdata/replay/wit/filesystem-read.wit",
            other => other,
        })
        .collect();
    build_in(&Path::new("testdata/replay").join(name), &deps)
        .unwrap_or_else(|e| panic!("replay fixture {name}: {e:#}"))
}

/// A replay component from core WAT made by the test (too large to keep
/// as text) and the world in `testdata/replay/<name>/world.wit`.
#[cfg(feature = "replay")]
pub(crate) fn build_replay_from(name: &str, core_wat: &str) -> Vec<u8> {
    let built = (|| {
        let world = Path::new("testdata/replay").join(name).join("world.wit");
        let module = embed_module(wat::parse_str(core_wat)?, &world, REPLAY_DEPS)?;
        let mut encoder = ComponentEncoder::default();
        encoder.validate(true).module(&module)?;
        encoder.encode()
    })();
    built.unwrap_or_else(|e| panic!("replay fixture {name}: {e:#}"))
}

fn build_in(dir: &Path, deps: &[&str]) -> anyhow::Result<Vec<u8>> {
    let module = embed(&dir.join("core.wat"), &dir.join("world.wit"), deps)?;
    let mut encoder = ComponentEncoder::default();
    encoder.validate(true).module(&module)?;
    if dir.join("adapter.wat").exists() {
        let adapter = embed(&dir.join("adapter.wat"), &dir.join("adapter.wit"), deps)?;
        encoder.adapter("wasi_snapshot_preview1", &adapter)?;
    }
    let mut component = encoder.encode()?;
    if dir.join("declared.wit").exists() {
        declare_world(&mut component, &dir.join("declared.wit"), deps)?;
    }
    Ok(component)
}

/// Appends a `component-type` custom section with the world in `wit` to
/// the outermost component, as if the metadata of a (smaller) world had
/// been left in it.
fn declare_world(component: &mut Vec<u8>, wit: &Path, deps: &[&str]) -> anyhow::Result<()> {
    let mut resolve = Resolve::default();
    for dep in deps {
        resolve.push_file(dep)?;
    }
    let package = resolve.push_file(wit)?;
    let world = resolve.select_world(&[package], None)?;
    let content =
        wit_component::metadata::encode(&resolve, world, StringEncoding::UTF8, None, false)?;
    let name = "component-type:declared";
    let mut section = crate::model::leb(name.len() as u32);
    section.extend_from_slice(name.as_bytes());
    section.extend_from_slice(&content);
    component.push(0);
    component.extend(crate::model::leb(section.len() as u32));
    component.extend(section);
    Ok(())
}

fn embed(wat: &Path, world: &Path, deps: &[&str]) -> anyhow::Result<Vec<u8>> {
    embed_module(wat::parse_file(wat)?, world, deps)
}

fn embed_module(mut module: Vec<u8>, world: &Path, deps: &[&str]) -> anyhow::Result<Vec<u8>> {
    let mut resolve = Resolve::default();
    for dep in deps {
        resolve.push_file(dep)?;
    }
    let package = resolve.push_file(world)?;
    let world = resolve.select_world(&[package], None)?;
    embed_component_metadata(&mut module, &resolve, world, StringEncoding::UTF8, false)?;
    Ok(module)
}

/// A component importing `count` interfaces of one function each, whose
/// WIT world takes wit-component a while to decode: milliseconds for 300.
pub(crate) fn importing_many_interfaces(count: usize) -> Vec<u8> {
    let interfaces: String = (0..count)
        .map(|i| {
            format!(
                "interface i{i} {{ f: func(a: string, b: list<u32>) -> result<string, u32>; }}\n"
            )
        })
        .collect();
    let imports: String = (0..count).map(|i| format!("import i{i};\n")).collect();
    let wit = format!("package test:slow;\n{interfaces}world w {{\n{imports}}}\n");
    let mut resolve = Resolve::default();
    let package = resolve.push_str("slow.wit", &wit).unwrap();
    let world = resolve.select_world(&[package], None).unwrap();
    let mut module =
        wit_component::dummy_module(&resolve, world, wit_parser::ManglingAndAbi::Standard32);
    embed_component_metadata(&mut module, &resolve, world, StringEncoding::UTF8, false).unwrap();
    ComponentEncoder::default()
        .module(&module)
        .unwrap()
        .encode()
        .unwrap()
}
