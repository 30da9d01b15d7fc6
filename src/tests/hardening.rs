//! Hostile input: every kind of malformed binary the corpus generator
//! (`gen_pathological.py`) makes, rebuilt here in-process, plus inputs
//! over each limit. Each must end in one line on stderr and exit 2,
//! while the other inputs of the run are still audited.

use std::path::Path;
use std::time::Duration;

use super::{assert_contains, check_json, fixtures, json_findings, wcaudit};
use crate::load::{self, Limits};
use crate::model;
use crate::model::leb;

const OUT: &str = "target/wcaudit-fixtures/hostile";

fn write(name: &str, bytes: &[u8]) -> String {
    std::fs::create_dir_all(OUT).unwrap();
    let path = format!("{OUT}/{name}");
    std::fs::write(&path, bytes).unwrap();
    path
}

const COMPONENT_HEADER: &[u8] = b"\0asm\x0d\x00\x01\x00";
const MODULE_HEADER: &[u8] = b"\0asm\x01\x00\x00\x00";

/// Empty components nested `depth` deep through component sections, built
/// from the inside out as the corpus generator does.
fn nested_binary(depth: usize) -> Vec<u8> {
    let mut inner = COMPONENT_HEADER.to_vec();
    for _ in 1..depth {
        let mut outer = COMPONENT_HEADER.to_vec();
        outer.push(4);
        outer.extend(leb(inner.len() as u32));
        outer.extend(inner);
        inner = outer;
    }
    inner
}

/// Deterministic noise (xorshift), so failures reproduce.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

/// Runs `check` on one bad input beside a good one and checks the bad one
/// got exactly one line naming it (with `expected` in it), exit 2, and
/// that the good one was still audited.
pub(crate) fn assert_refused(path: &str, expected: &str) {
    let good = fixtures::component("unused-sockets");
    let run = wcaudit(&["check", path, &good, "--format", "json", "-j", "2"]);
    assert_eq!(run.code, 2, "{path}: {}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{path}: {}", run.stderr);
    assert!(
        lines[0].starts_with(&format!("error: {path}")),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(expected), "{path}: {}", lines[0]);
    let audited = json_findings(&run)
        .iter()
        .filter(|(rule, _)| rule == "unreachable-import")
        .count();
    // Its three unused sockets interfaces, one finding for the class.
    assert_eq!(audited, 1, "{path}: the good input is still audited");
}

/// A component nested `levels` deep in the binary and in instantiation:
/// each level defines the next, instantiates it with the `test:nest/host`
/// instance it was given and exports the `run` of that instance; the
/// innermost exports the host's `f` as `run`. The outermost `run` thus
/// resolves to the host import through every level. The `wat` text parser
/// nests at most 100 deep, so each level is spliced from one compiled
/// level around the compiled innermost.
fn nested_instantiation(levels: usize) -> Vec<u8> {
    const IMPORT: &str = r#"(import "test:nest/host" (instance $i (export "f" (func))))"#;
    let leaf = wat::parse_str(format!(
        r#"(component {IMPORT} (alias export $i "f" (func $f)) (export "run" (func $f)))"#
    ))
    .unwrap();
    let template = wat::parse_str(format!(
        r#"(component {IMPORT}
            (component {IMPORT} (alias export $i "f" (func $f)) (export "run" (func $f)))
            (instance $x (instantiate 0 (with "test:nest/host" (instance $i))))
            (alias export $x "run" (func $run))
            (export "run" (func $run)))"#
    ))
    .unwrap();
    let at = template
        .windows(leaf.len())
        .position(|w| w == leaf)
        .expect("the template holds the innermost level as is");
    let header = 1 + leb(leaf.len() as u32).len();
    assert_eq!(template[at - header], 4, "a component section");
    let (before, after) = (&template[..at - header], &template[at + leaf.len()..]);
    let mut inner = leaf;
    for _ in 1..levels {
        let mut outer = before.to_vec();
        outer.push(4);
        outer.extend(leb(inner.len() as u32));
        outer.extend(inner);
        outer.extend(after);
        inner = outer;
    }
    inner
}

/// wasmparser allows 1,000 components and core modules in one binary, so
/// 1,000 levels of nesting: they are audited, with nothing on the native
/// stack per level (the test thread's stack is 2 MiB), and the world's
/// export still reaches the host import through every instance.
#[test]
fn nesting_as_deep_as_wasmparser_allows_is_audited() {
    let cases = [
        ("nested-1000.wasm", nested_binary(1000)),
        ("instantiated-1000.wasm", nested_instantiation(1000)),
    ];
    for (name, bytes) in cases {
        let path = write(name, &bytes);
        let run = check_json(&path);
        assert!(run.code < 2, "{path}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{path}");
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let input = &report["inputs"][0];
        assert_eq!(input["summary"]["max_depth"], 999, "{path}: {input}");
        model::skeleton_agrees(&bytes).unwrap();
    }
    let path = write("instantiated-1000.wasm", &nested_instantiation(1000));
    let run = wcaudit(&["imports", &path, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let imports: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(imports["tree"].as_array().unwrap().len(), 1000);
    let import = &imports["imports"][0];
    assert_eq!(
        (&import["interface"], &import["function"], &import["reach"]),
        (&"test:nest/host".into(), &"f".into(), &"reached".into()),
        "{import}"
    );
    assert_eq!(import["reached_from"], serde_json::json!(["run"]));
}

/// One level more than wasmparser allows, or a hundred times more, is
/// wasmparser's own refusal: one line and exit 2, never a stack overflow.
#[test]
fn nesting_deeper_than_wasmparser_allows_is_refused() {
    let cases = [
        ("nested-1001.wasm", nested_binary(1001)),
        ("nested-100000.wasm", nested_binary(100_000)),
        ("instantiated-1001.wasm", nested_instantiation(1001)),
    ];
    for (name, bytes) in cases {
        let path = write(name, &bytes);
        assert_refused(&path, "modules and components count exceeds limit of 1000");
    }
}

#[test]
fn too_many_instances_are_refused() {
    // 5000 instance imports: over wasmparser's 4096-instance limit.
    let mut wat = String::from("(component\n");
    for i in 0..5000 {
        wat.push_str(&format!(
            "  (import \"corpus:many/i{i}@0.1.0\" (instance (export \"f\" (func (param \"x\" u32) (result u32)))))\n"
        ));
    }
    wat.push_str(")\n");
    let path = write("many-instances.wat", wat.as_bytes());
    assert_refused(&path, "instances");
}

#[test]
fn random_bytes_are_refused() {
    for (name, header) in [
        ("random.wasm", &b""[..]),
        ("random-component.wasm", COMPONENT_HEADER),
        ("random-module.wasm", MODULE_HEADER),
    ] {
        for seed in 1..=8u64 {
            let mut bytes = header.to_vec();
            bytes.extend(noise(64 * 1024 - header.len(), seed));
            let path = write(&format!("{seed}-{name}"), &bytes);
            let good = fixtures::component("unused-sockets");
            let run = wcaudit(&["check", &path, &good, "--format", "sarif"]);
            assert_eq!(run.code, 2, "{path}");
            assert_eq!(run.stderr.lines().count(), 1, "{path}: {}", run.stderr);
            assert!(run.stderr.starts_with(&format!("error: {path}")));
        }
    }
}

/// Every prefix of a real component (in steps) is an error with an
/// offset, never a panic or a partial report.
#[test]
fn truncated_components_are_refused_at_every_length() {
    let bytes = fixtures::build("adapter").unwrap();
    let mut refused = 0;
    for len in (0..bytes.len()).step_by(53) {
        let prefix = &bytes[..len];
        let path = write("truncated.wasm", prefix);
        let run = check_json(&path);
        // A cut at a section boundary past the last required section
        // leaves a valid component (wasm-tools agrees).
        let valid = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
            .validate_all(prefix)
            .is_ok();
        if valid {
            assert!(run.code < 2, "{len} bytes: {}", run.stderr);
            continue;
        }
        assert_eq!(run.code, 2, "{len} bytes: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{len}: {}", run.stderr);
        refused += 1;
    }
    assert!(refused > 20);
}

fn build_with(path: &str, limits: &Limits) -> Result<(), String> {
    let loaded = load::load(Path::new(path), limits).map_err(|e| e.to_string())?;
    model::build(&loaded, &limits.starting_now())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn each_limit_gives_its_own_error() {
    let component = fixtures::component("adapter");
    let defaults = Limits::default();
    assert_eq!(build_with(&component, &defaults), Ok(()));
    let cases = [
        (
            Limits {
                max_input_bytes: 100,
                ..defaults.clone()
            },
            "over the 100-byte input limit",
        ),
        (
            Limits {
                max_modules: 2,
                ..defaults.clone()
            },
            "over the module limit",
        ),
        (
            Limits {
                max_instances: 2,
                ..defaults.clone()
            },
            "over the instance limit",
        ),
        (
            Limits {
                max_functions: 3,
                ..defaults.clone()
            },
            "over the function limit",
        ),
        (
            Limits {
                max_graph: 10,
                ..defaults.clone()
            },
            "over the graph limit",
        ),
        (
            Limits {
                max_time: Duration::ZERO,
                ..defaults.clone()
            },
            "over the time limit",
        ),
    ];
    for (limits, expected) in cases {
        let error = build_with(&component, &limits).unwrap_err();
        assert!(error.contains(expected), "{expected}: {error}");
        assert!(error.starts_with(&component), "{error}");
        assert_eq!(error.lines().count(), 1, "{error}");
    }
    // The limits the command line sets.
    let run = wcaudit(&["check", &component, "--max-input-size", "100"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "input limit");
    let run = wcaudit(&["check", &component, "--max-time", "0"]);
    assert_eq!(run.code, 2, "a zero time limit is a usage error");
}

/// Length prefixes and counts that claim far more than the file holds:
/// each is an error at its offset, except in a custom section, which
/// wasm-tools does not validate either (the memory side is measured in
/// `tests/hostile_memory.rs`).
#[test]
fn lying_length_prefixes_are_refused() {
    let gigabyte = 1u32 << 30;
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut accepted: Vec<(&str, Vec<u8>)> = Vec::new();
    // A type section that says it is 1 GiB long.
    let mut b = MODULE_HEADER.to_vec();
    b.push(1);
    b.extend(leb(gigabyte));
    b.extend([0u8; 1000]);
    cases.push(("section-1g.wasm", b));
    // A function section holding a million entries in ten bytes.
    let mut b = MODULE_HEADER.to_vec();
    b.extend([1, 4, 1, 0x60, 0, 0]); // one type: () -> ()
    b.push(3);
    let body: Vec<u8> = leb(1_000_000).into_iter().chain([0u8; 7]).collect();
    b.extend(leb(body.len() as u32));
    b.extend(body);
    cases.push(("funcs-1m.wasm", b));
    // A name section whose function-name map claims 2^30 entries.
    let mut b = MODULE_HEADER.to_vec();
    let mut payload = vec![4];
    payload.extend(b"name");
    payload.push(1);
    let sub: Vec<u8> = leb(gigabyte).into_iter().chain([0u8; 16]).collect();
    payload.extend(leb(sub.len() as u32));
    payload.extend(sub);
    b.push(0);
    b.extend(leb(payload.len() as u32));
    b.extend(payload);
    accepted.push(("names-1g.wasm", b));
    // A nested core module that says it is 1 GiB long.
    let mut b = COMPONENT_HEADER.to_vec();
    b.push(1);
    b.extend(leb(gigabyte));
    b.extend(MODULE_HEADER);
    b.extend([0u8; 1000]);
    cases.push(("nested-module-1g.wasm", b));
    // A data segment that says it holds 1 GiB.
    let mut b = MODULE_HEADER.to_vec();
    b.extend([5, 3, 1, 0, 1]); // memory section: one memory, min 1 page
    let seg: Vec<u8> = [1u8, 1, 0x41, 0, 0x0b]
        .into_iter()
        .chain(leb(gigabyte))
        .chain([0u8; 8])
        .collect();
    b.push(11);
    b.extend(leb(seg.len() as u32));
    b.extend(seg);
    cases.push(("data-1g.wasm", b));
    for (name, bytes) in cases {
        assert!(bytes.len() <= 1100, "{name} is a small file");
        let path = write(name, &bytes);
        let run = wcaudit(&["check", &path]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{name}: {}", run.stderr);
        assert!(run.stderr.contains("offset 0x"), "{name}: {}", run.stderr);
    }
    for (name, bytes) in accepted {
        let path = write(name, &bytes);
        let run = wcaudit(&["check", &path]);
        assert!(run.code < 2, "{name}: {}", run.stderr);
    }
}

/// Same input, same bytes: two runs, and one thread against several, in
/// JSON and SARIF, over every fixture and a generated set.
#[test]
fn reports_are_byte_identical_across_runs_and_threads() {
    let mut paths: Vec<String> = fixtures::ALL
        .iter()
        .map(|name| fixtures::component(name))
        .collect();
    // Generated components and modules with code, many functions and
    // call sites: enough bodies for several validation threads.
    let mut seed = 7u64;
    while paths.len() < fixtures::ALL.len() + 12 {
        seed += 1;
        let data = noise(4096, seed);
        let mut u = arbitrary::Unstructured::new(&data);
        if let Ok((_, binary)) = crate::fuzzing::generate_for_tests(&mut u) {
            let n = paths.len();
            paths.push(write(&format!("generated-{n}.wasm"), &binary));
        }
    }
    for format in ["json", "sarif"] {
        let mut args = vec!["check", "--format", format, "-W", "all"];
        args.extend(paths.iter().map(String::as_str));
        let first = wcaudit(&[&args[..], &["-j", "1"]].concat());
        let again = wcaudit(&[&args[..], &["-j", "1"]].concat());
        let threaded = wcaudit(&[&args[..], &["-j", "4"]].concat());
        assert!(!first.stdout.is_empty());
        assert_eq!(first.stdout, again.stdout, "{format}: run to run");
        assert_eq!(first.stdout, threaded.stdout, "{format}: 1 vs 4 threads");
    }
}

/// A valid component on which wit-parser 0.263's decoder panics (found by
/// the check_generated fuzz target): the panic stays on the decoding
/// thread and the component is still audited, with a note saying why it
/// has no WIT world.
#[test]
fn a_panic_in_wit_decoding_becomes_a_note() {
    let data = std::fs::read(
        "testdata/fuzz/check_generated/crash-cd28b28b2a707cb5252d60ed23052245e99423f5",
    )
    .unwrap();
    let (_, binary) =
        crate::fuzzing::generate_for_tests(&mut arbitrary::Unstructured::new(&data)).unwrap();
    let path = write("wit-decoding-panic.wasm", &binary);
    let run = check_json(&path);
    assert!(run.code < 2, "{}", run.stderr);
    assert_contains(
        &run.stdout,
        "wit-component panicked while decoding (internal error: entered unreachable code)",
    );
}

/// When the per-export searches spend their budget, the exports left
/// unsearched may reach any import: nothing is called unreachable, what
/// the finished searches found stays, and the summary says why.
#[test]
fn a_spent_search_budget_leaves_imports_indeterminate_never_unreachable() {
    use crate::graph::{ImportGraph, Reach};
    let wat = r#"(module
        (import "host" "first" (func $first))
        (import "host" "second" (func $second))
        (import "host" "never" (func $never))
        (func (export "a") call $first)
        (func (export "b") call $second))"#;
    let loaded = load::Loaded {
        display: "two-exports.wasm".into(),
        path: "two-exports.wasm".into(),
        kind: load::InputKind::CoreModule,
        bytes: wat::parse_str(wat).unwrap().into(),
        from_text: false,
    };
    let model::Model::Binary(model) = model::build(&loaded, &Limits::default()).unwrap() else {
        panic!("not a binary model");
    };
    let reaches = |graph: &ImportGraph| graph.hosts.iter().map(|h| h.reach).collect::<Vec<_>>();
    let whole = ImportGraph::build(&model);
    assert_eq!(
        reaches(&whole),
        [Reach::Direct, Reach::Direct, Reach::Unreachable]
    );
    assert!(whole.indeterminate_reasons.is_empty());
    // Nothing is spent before the first export's search, so it finishes;
    // the second is cut.
    let cut = ImportGraph::build_within(&model, 0);
    assert_eq!(
        reaches(&cut),
        [Reach::Direct, Reach::Indeterminate, Reach::Indeterminate]
    );
    assert_eq!(
        cut.indeterminate_reasons.iter().collect::<Vec<_>>(),
        [
            "the graph is too large to search from every export (1 of 2 searched), \
          so imports not yet reached cannot be proven unused"
        ]
    );
}

/// Large files are mapped, not read; what is audited must not change.
#[test]
fn a_mapped_input_is_audited_as_a_read_one() {
    let small = fixtures::component("adapter");
    let mut bytes = std::fs::read(&small).unwrap();
    // A component-level custom section pads it past the mapping threshold.
    let name = b"padding";
    let padding = vec![0u8; load::MAP_AT_LEAST as usize];
    let mut content = leb(name.len() as u32);
    content.extend_from_slice(name);
    content.extend_from_slice(&padding);
    bytes.push(0);
    bytes.extend(leb(content.len() as u32));
    bytes.extend(content);
    let large = write("adapter-padded.wasm", &bytes);

    let loaded = load::load(Path::new(&large), &Limits::default()).unwrap();
    assert!(matches!(loaded.bytes, load::Bytes::Mapped(_)));
    assert_eq!(&loaded.bytes[..], &bytes[..]);
    let loaded = load::load(Path::new(&small), &Limits::default()).unwrap();
    assert!(matches!(loaded.bytes, load::Bytes::Owned(_)));

    let findings = |path: &str| {
        let run = wcaudit(&[
            "check",
            path,
            "-W",
            "all",
            "--format",
            "json",
            "--no-config",
        ]);
        assert!(run.code < 2, "{path}: {}", run.stderr);
        json_findings(&run)
    };
    assert_eq!(findings(&large), findings(&small));
}

/// A file whose length changed between its metadata and its mapping is
/// read instead of mapped: a map past a shrunk file's end would fault, and
/// a grown file must still stop at the input limit.
#[test]
fn a_file_that_changed_length_after_its_metadata_is_read() {
    let large = vec![7u8; load::MAP_AT_LEAST as usize + 100];
    let path = write("changing-length.bin", &large);
    let stale = std::fs::metadata(&path).unwrap();

    let shrunk = &large[..load::MAP_AT_LEAST as usize + 10];
    std::fs::write(&path, shrunk).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    let bytes = load::Bytes::of_file(file, &stale, u64::MAX)
        .unwrap()
        .unwrap();
    assert!(matches!(bytes, load::Bytes::Owned(_)));
    assert_eq!(&bytes[..], shrunk);

    let grown = vec![7u8; large.len() + 50];
    std::fs::write(&path, &grown).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    let bytes = load::Bytes::of_file(file, &stale, u64::MAX)
        .unwrap()
        .unwrap();
    assert!(matches!(bytes, load::Bytes::Owned(_)));
    assert_eq!(bytes.len(), grown.len());
    let file = std::fs::File::open(&path).unwrap();
    let over = load::Bytes::of_file(file, &stale, large.len() as u64).unwrap();
    assert!(over.is_none(), "grew past the limit: refused");
}

/// A device's metadata says nothing of its length: reading stops at the
/// input limit.
#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_at_the_input_limit() {
    let limits = Limits {
        max_input_bytes: 4096,
        ..Limits::default()
    };
    let error = load::load(Path::new("/dev/zero"), &limits)
        .err()
        .expect("refused");
    assert!(
        error
            .to_string()
            .contains("more than 4096 bytes could be read"),
        "{error}"
    );
}

#[cfg(feature = "programs")]
#[test]
fn program_sources_over_the_file_count_or_size_limits_are_refused_unread() {
    let dir = Path::new(OUT).join("program-limits");
    let _ = std::fs::remove_dir_all(&dir);
    let many = dir.join("many");
    std::fs::create_dir_all(&many).unwrap();
    for i in 0..=2_000 {
        std::fs::write(many.join(format!("m{i}.py")), "x = 1\n").unwrap();
    }
    // Sparse: 64 MiB and one byte on paper, nothing on disk, and refused
    // before a byte of it is read.
    let big = dir.join("big");
    std::fs::create_dir_all(&big).unwrap();
    let file = std::fs::File::create(big.join("app.py")).unwrap();
    file.set_len((64 << 20) + 1).unwrap();
    let component = "testdata/wat/program-python.wat";
    for (given, message) in [
        (&many, "more than 2000 program files"),
        (&big, "program files over 64 MiB in all"),
    ] {
        let run = wcaudit(&["check", component, "--program", &given.to_string_lossy()]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_contains(&run.stderr, message);
        assert_contains(&run.stderr, &given.to_string_lossy());
    }
}
