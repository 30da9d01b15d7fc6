//! Valid components and core modules from fuzzer bytes.
//!
//! wasm-smith makes core modules and (synchronous) components of any shape
//! but knows nothing of WIT, WASI or the async ABI. So the third source
//! here picks a world from a menu of WASI 0.2, WASI 0.3 and custom
//! interfaces (async functions, streams, futures and resources among them),
//! lays it out with wit-component under the sync, async-callback or
//! async-stackful ABI, and then lets wasm-smith write the core module's
//! code against exactly those imports and exports.

use arbitrary::{Result, Unstructured};
use wit_component::{ComponentEncoder, StringEncoding};
use wit_parser::{LiftLowerAbi, ManglingAndAbi, Resolve};

/// What a generated input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    CoreModule,
    SmithComponent,
    /// A world's component with wit-component's placeholder bodies.
    WorldComponent,
    /// A world's component whose core module wasm-smith wrote.
    WorldComponentWithCode,
}

/// Packages the generated worlds draw on. Versions match real WASI so
/// that the capability and migration rules have something to say.
const PACKAGES: &str = r#"
package fuzz:gen;

package wasi:io@0.2.3 {
  interface poll {
    resource pollable {
      ready: func() -> bool;
      block: func();
    }
    poll: func(in: list<borrow<pollable>>) -> list<u32>;
  }
}

package wasi:clocks@0.2.3 {
  interface monotonic-clock {
    use wasi:io/poll@0.2.3.{pollable};
    type duration = u64;
    now: func() -> u64;
    subscribe-duration: func(when: duration) -> pollable;
  }
}

package wasi:cli@0.2.3 {
  interface environment {
    get-environment: func() -> list<tuple<string, string>>;
    get-arguments: func() -> list<string>;
    initial-cwd: func() -> option<string>;
  }
  interface run {
    run: func() -> result;
  }
}

package wasi:random@0.2.3 {
  interface random {
    get-random-bytes: func(len: u64) -> list<u8>;
    get-random-u64: func() -> u64;
  }
  interface insecure {
    get-insecure-random-u64: func() -> u64;
  }
}

package wasi:sockets@0.2.3 {
  interface network {
    resource network;
  }
  interface instance-network {
    use network.{network};
    instance-network: func() -> network;
  }
}

package wasi:cli@0.3.0 {
  interface environment {
    get-environment: func() -> list<tuple<string, string>>;
  }
  interface run {
    run: async func() -> result;
  }
}

package wasi:clocks@0.3.0 {
  interface monotonic-clock {
    type duration = u64;
    now: func() -> u64;
    wait-for: async func(how-long: duration);
  }
}

package fuzz:app@0.1.0 {
  interface kv {
    get: func(key: string) -> option<list<u8>>;
    set: func(key: string, value: list<u8>);
    resource bucket {
      constructor(name: string);
      get: func(key: string) -> string;
    }
  }
  interface person {
    get-name: func() -> string;
    get-age: func() -> u32;
    get-email: func() -> string;
  }
  interface pipes {
    read: async func(n: u32) -> stream<u8>;
    write: async func(data: stream<u8>) -> result<_, string>;
    later: func() -> future<u32>;
  }
  interface handler {
    handle: func(input: string) -> string;
  }
  interface async-handler {
    handle: async func(input: string) -> string;
  }
}
"#;

const IMPORTS: &[&str] = &[
    "import wasi:clocks/monotonic-clock@0.2.3;",
    "import wasi:cli/environment@0.2.3;",
    "import wasi:random/random@0.2.3;",
    "import wasi:random/insecure@0.2.3;",
    "import wasi:sockets/instance-network@0.2.3;",
    "import wasi:cli/environment@0.3.0;",
    "import wasi:clocks/monotonic-clock@0.3.0;",
    "import fuzz:app/kv@0.1.0;",
    "import fuzz:app/person@0.1.0;",
    "import fuzz:app/pipes@0.1.0;",
    "import log: func(message: string);",
    "import tick: async func();",
];

const EXPORTS: &[&str] = &[
    "export wasi:cli/run@0.2.3;",
    "export wasi:cli/run@0.3.0;",
    "export fuzz:app/handler@0.1.0;",
    "export fuzz:app/async-handler@0.1.0;",
    "export process: func(n: u32) -> u32;",
    "export process-async: async func(n: u32) -> u32;",
];

/// One valid binary (or an `arbitrary` error when the bytes run out or a
/// generator declines them).
pub(crate) fn binary(u: &mut Unstructured) -> Result<(Shape, Vec<u8>)> {
    Ok(match u.int_in_range(0..=3u8)? {
        0 => (Shape::CoreModule, core_module(u)?),
        1 => (Shape::SmithComponent, smith_component(u)?),
        2 => (Shape::WorldComponent, world_component(u, false)?),
        _ => (Shape::WorldComponentWithCode, world_component(u, true)?),
    })
}

/// A world's component only (what replay can run).
#[cfg_attr(not(feature = "replay"), allow(dead_code))]
pub(crate) fn runnable_component(u: &mut Unstructured) -> Result<Vec<u8>> {
    world_component(u, true)
}

fn small_config(u: &mut Unstructured) -> Result<wasm_smith::Config> {
    let mut config = wasm_smith::Config {
        max_funcs: u.int_in_range(1..=24)?,
        max_instructions: u.int_in_range(1..=400)?,
        max_imports: 64,
        max_memory32_bytes: 1 << 20,
        max_memory64_bytes: 1 << 20,
        ..wasm_smith::Config::default()
    };
    config.exceptions_enabled = u.arbitrary()?;
    config.gc_enabled = u.arbitrary()?;
    config.reference_types_enabled = true;
    config.memory64_enabled = u.arbitrary()?;
    config.multi_value_enabled = true;
    Ok(config)
}

/// Turns off what components cannot carry. The choices `small_config`
/// drew stay drawn, so a corpus input keeps generating the same binary.
fn without_proposals(config: &mut wasm_smith::Config) {
    config.exceptions_enabled = false;
    config.gc_enabled = false;
    config.memory64_enabled = false;
}

fn core_module(u: &mut Unstructured) -> Result<Vec<u8>> {
    let mut config = small_config(u)?;
    // Imports named like WASI preview1 and components' adapters, so that
    // the capability tables are consulted.
    if u.arbitrary()? {
        config.available_imports = Some(
            wat::parse_str(
                r#"(module
                  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "environ_get" (func (param i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "sock_accept" (func (param i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "random_get" (func (param i32 i32) (result i32)))
                  (import "wasi:cli/environment@0.2.3" "get-environment" (func (param i32)))
                  (import "env" "memory" (memory 1)))"#,
            )
            .expect("the import menu is valid text"),
        );
    }
    Ok(wasm_smith::Module::new(config, u)?.to_bytes())
}

fn smith_component(u: &mut Unstructured) -> Result<Vec<u8>> {
    let mut config = small_config(u)?;
    config.max_components = 4;
    config.max_instances = 8;
    config.max_modules = 4;
    config.max_nesting_depth = 4;
    config.max_type_size = 200;
    // wasm-smith's component generator knows only MVP core features.
    without_proposals(&mut config);
    Ok(wasm_smith::Component::new(config, u)?.to_bytes())
}

fn world_component(u: &mut Unstructured, with_code: bool) -> Result<Vec<u8>> {
    let mut world = String::from("\nworld w {\n");
    for line in IMPORTS.iter().chain(EXPORTS) {
        if u.arbitrary()? {
            world.push_str(line);
            world.push('\n');
        }
    }
    world.push_str("}\n");
    let mut resolve = Resolve::default();
    let package = resolve
        .push_source("gen.wit", &format!("{PACKAGES}{world}"))
        .expect("the generated world is valid WIT");
    let world = resolve
        .select_world(&[package], Some("w"))
        .expect("the world exists");
    let mangling = *u.choose(&[
        ManglingAndAbi::Standard32,
        ManglingAndAbi::Legacy(LiftLowerAbi::Sync),
        ManglingAndAbi::Legacy(LiftLowerAbi::AsyncCallback),
        ManglingAndAbi::Legacy(LiftLowerAbi::AsyncStackful),
    ])?;
    let mut module = wit_component::dummy_module(&resolve, world, mangling);
    if with_code {
        let mut config = small_config(u)?;
        without_proposals(&mut config);
        config.available_imports = Some(module.clone());
        config.exports = Some(module.clone());
        config.max_imports = 1000;
        config.max_funcs = config.max_funcs.max(64);
        module = wasm_smith::Module::new(config, u)?.to_bytes();
    }
    let canonical_names = mangling == ManglingAndAbi::Standard32;
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
        world,
        StringEncoding::UTF8,
        canonical_names,
    )
    .map_err(|_| arbitrary::Error::IncorrectFormat)?;
    ComponentEncoder::default()
        .module(&module)
        .and_then(|encoder| encoder.validate(true).encode())
        .map_err(|_| arbitrary::Error::IncorrectFormat)
}
