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
pub(crate) const ALL: &[&str] = &["fine", "coarse", "chain-32", "chain-9", "chain-8"];

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

/// The model, graph and facts of a composition.
fn analysed(
    name: &str,
) -> (
    Box<crate::model::BinaryModel>,
    crate::graph::ImportGraph,
    crate::facts::Facts,
) {
    let path = composition(name);
    let bytes = std::fs::read(&path).unwrap();
    let loaded = crate::load::identify(path.clone(), Path::new(&path), bytes.into()).unwrap();
    let Ok(crate::model::Model::Binary(model)) =
        crate::model::build(&loaded, &crate::load::Limits::default())
    else {
        panic!("{name}: a component");
    };
    let graph = crate::graph::ImportGraph::build(&model);
    let facts = crate::facts::Facts::of(&model, &graph);
    (model, graph, facts)
}

/// The messages of one rule's findings on a composition.
fn messages(name: &str, rule: &str) -> Vec<String> {
    let path = composition(name);
    let report = crate::audit::audit(
        Path::new(&path),
        &crate::load::Limits::default(),
        &crate::rules::LevelOverrides::default(),
        &crate::rules::Policy::default(),
        None,
        None,
    );
    report
        .findings
        .iter()
        .filter(|f| f.rule.name == rule)
        .map(|f| f.message.clone())
        .collect()
}

/// The linker follows the provider's lifted function through the shim
/// component's ascribed export, the instance the provider exports, the
/// outer alias of it and the guest's instance-typed import: the guest's
/// lowering lowers the provider's lift, named as the guest imports it.
#[test]
fn a_plugged_import_lowers_the_providers_lift() {
    let (model, _, _) = analysed("fine");
    let linked = &model.linked;
    let crossings: Vec<_> = (0..linked.lowerings.len() as u32)
        .filter_map(|l| crate::facts::loops::crossing(&model, l))
        .collect();
    let names: Vec<_> = crossings.iter().map(|c| c.name.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("corpus:headers/fine@0.1.0#get-header"),
            Some("corpus:headers/fine@0.1.0#set-header")
        ]
    );
    assert!(crossings.iter().all(|c| c.from != c.to));
    // get-header takes a string and returns an option<string>; set-header
    // takes two strings and returns nothing.
    let copies: Vec<_> = crossings
        .iter()
        .map(|c| {
            let l = linked
                .lowerings
                .iter()
                .find(|l| l.name.as_deref() == c.name.as_deref())
                .unwrap();
            (l.copies.strings(), l.copies.lists())
        })
        .collect();
    assert_eq!(copies, [(2, 0), (1, 0)]);
    assert!(model.providers.contains_key(&crossings[0].to));
}

#[test]
fn a_wac_plug_composition_reports_its_64_cross_component_calls() {
    let found = messages("fine", "import-call-in-loop");
    assert!(
        found.iter().any(|m| m.starts_with(
            "component #1 calls corpus:headers/fine@0.1.0#get-header of component #0 \
             64 times per call of corpus:headers/processor@0.1.0#process (8 × 8)"
        )),
        "{found:#?}"
    );
    let chatty = messages("fine", "chatty-interface");
    assert_eq!(chatty.len(), 1, "{chatty:#?}");
    assert!(chatty[0].starts_with("interface corpus:headers/fine@0.1.0 handles one item per call"));
}

#[test]
fn the_batched_twin_is_silent() {
    for rule in [
        "import-call-in-loop",
        "chatty-interface",
        "deep-composition",
    ] {
        assert_eq!(messages("coarse", rule), Vec::<String>::new(), "{rule}");
    }
    // One call, copying a list of strings in and a list of options of
    // strings out.
    let (model, graph, facts) = analysed("coarse");
    let [crossing] = facts.crossings(&model, &graph) else {
        panic!("one export");
    };
    assert_eq!(
        (crossing.depth, crossing.string_copies, crossing.list_copies),
        (1, 2, 2)
    );
}

#[test]
fn a_plug_chain_crosses_one_boundary_per_plug() {
    for depth in [8u32, 32] {
        let (model, graph, facts) = analysed(&format!("chain-{depth}"));
        let [crossing] = facts.crossings(&model, &graph) else {
            panic!("one export");
        };
        assert_eq!(crossing.depth, depth);
        assert_eq!(crossing.components.len(), depth as usize + 1);
        assert!(!crossing.recursive);
        assert_eq!((crossing.string_copies, crossing.list_copies), (0, 0));
    }
    assert_eq!(
        messages("chain-32", "deep-composition"),
        [
            "a call of corpus:chain/next@0.1.0#handle crosses 32 component boundaries inside this composition"
        ]
    );
    assert!(messages("chain-8", "deep-composition").is_empty());
}

/// A composition that names its instances and not its components (as a
/// composition tool may) shows each component by its instance's name.
#[test]
fn unnamed_components_take_their_instances_names() {
    let text = std::fs::read_to_string(Path::new(DIR).join("hand-written.wat"))
        .unwrap()
        .replace("(component $host", "(component")
        .replace("(component $guest", "(component")
        .replace("(instantiate $host)", "(instantiate 0)")
        .replace("(instantiate $guest ", "(instantiate 1 ")
        .replace("$host-instance", "$host")
        .replace("$guest-instance", "$guest");
    let bytes = wat::parse_str(&text).unwrap();
    let path = Path::new("instance-names.wasm");
    let loaded = crate::load::identify("instance-names.wasm".into(), path, bytes.into()).unwrap();
    let Ok(crate::model::Model::Binary(model)) =
        crate::model::build(&loaded, &crate::load::Limits::default())
    else {
        panic!("a component");
    };
    let names: Vec<_> = model
        .tree
        .iter()
        .filter_map(|n| n.name.as_deref())
        .collect();
    assert!(
        names.contains(&"host") && names.contains(&"guest"),
        "{names:?}"
    );
}

/// In a component an interpreter runs, what its components give each
/// other is the toolchain's plumbing (componentize-qjs composes its engine
/// with a module loader): the chatty interface between them is the
/// engine's, folded, though the providing component's code is not.
#[test]
fn a_composed_interface_inside_an_interpreter_is_the_engines() {
    // The guest's module named as componentize-qjs names its engine.
    let text = std::fs::read_to_string(Path::new(DIR).join("hand-written.wat"))
        .unwrap()
        .replace(
            "(core module $main",
            "(core module $componentize_qjs_runtime",
        )
        .replace(
            "(instantiate $main",
            "(instantiate $componentize_qjs_runtime",
        );
    let out = PathBuf::from(OUT_DIR).join("hand-written-qjs.wat");
    std::fs::create_dir_all(OUT_DIR).unwrap();
    std::fs::write(&out, text).unwrap();
    // get-header alone is one item per call.
    let mut policy = crate::rules::Policy::default();
    policy.thresholds.insert(("CHT001", "min-functions"), 1);
    let report = crate::audit::audit(
        &out,
        &crate::load::Limits::default(),
        &crate::rules::LevelOverrides::default(),
        &policy,
        None,
        None,
    );
    let origins: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule.name == "chatty-interface")
        .map(|f| f.origin)
        .collect();
    assert_eq!(origins, [crate::facts::origin::Origin::QUICKJS]);
}

/// Each link of a plug chain only passes the call on, yet it implements
/// an export: the graph draws every link, and its crossings.
#[test]
fn the_graph_draws_every_link_of_a_plug_chain() {
    let (model, graph, _) = analysed("chain-8");
    let view = crate::report::graph_view::build(&model, &graph);
    let modules = view.nodes.iter().filter(|n| n.kind == "module").count();
    assert_eq!(modules, 9, "the terminal and 8 middles");
    assert_eq!(view.edges.len(), 9, "the export's and one per plug");
    assert_eq!(view.crossings.len(), 1);
    assert_eq!(view.crossings[0].depth, 8);
}
