use super::{check_json, fixtures, rows};

/// wcaudit's own import list (from wasmparser and its linker) must agree
/// with wit-component's decoding of the same component.
#[test]
fn imports_agree_with_wit_component_decode() {
    for name in fixtures::ALL {
        let bytes = fixtures::build(name).unwrap();
        let loaded = crate::load::Loaded {
            display: format!("{name}.wasm"),
            path: format!("{name}.wasm").into(),
            kind: crate::load::InputKind::Component,
            bytes: bytes.clone().into(),
            from_text: false,
        };
        let crate::model::Model::Binary(model) =
            crate::model::build(&loaded, &crate::load::Limits::default()).unwrap()
        else {
            panic!("{name} is not a binary model");
        };
        let mut ours: Vec<String> = model
            .linked
            .imports
            .iter()
            .map(|i| i.name.clone())
            .collect();
        ours.sort();
        let wit_component::DecodedWasm::Component(resolve, world) =
            wit_component::decode(&bytes).unwrap()
        else {
            panic!("{name} decodes as a package");
        };
        let mut theirs: Vec<String> = resolve.worlds[world]
            .imports
            .keys()
            .map(|k| resolve.name_world_key(k))
            .collect();
        theirs.sort();
        assert_eq!(ours, theirs, "imports of {name}");

        // And each imported function we list is one the WIT declares.
        for import in &model.linked.imports {
            let entry = model
                .world
                .as_ref()
                .unwrap()
                .imports
                .iter()
                .find(|e| e.name == import.name)
                .unwrap();
            for (func, _) in &import.declared_funcs {
                assert!(
                    entry.functions.contains_key(func),
                    "{name}: {} has no {func}",
                    import.name
                );
            }
        }
    }
}

/// The component tree records nesting, offsets and module names.
#[test]
fn tree_of_an_adapted_component() {
    let path = fixtures::component("adapter");
    let run = check_json(&path);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let summary = &report["inputs"][0]["summary"];
    assert_eq!(summary["kind"], "component");
    assert!(summary["modules"].as_u64().unwrap() >= 2, "{summary}");
}

fn features(path: &str) -> Vec<String> {
    let run = check_json(path);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let summary = &report["inputs"][0]["summary"];
    assert!(summary.is_object(), "{path}: {}", run.stderr);
    rows(&summary["features"])
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

/// Component-model features beyond WASI 0.2 are validated, not rejected,
/// and reported by wasmparser name.
#[test]
fn component_model_features_are_reported() {
    assert_eq!(features("testdata/wat/p3-async.wat"), ["cm_async"]);
    assert!(features("testdata/wat/nested-composition.wat").is_empty());
    // The same component lifted async without a callback is stackful.
    let text = std::fs::read_to_string("testdata/wat/p3-async.wat").unwrap();
    let stackful = text
        .replace(r#" async (callback (core func $i "callback"))"#, " async")
        .replace(
            r#"(func (export "run") (result i32)"#,
            r#"(func (export "run")"#,
        )
        .replace(
            "(i64.const 1000)))\n      (i32.const 0))",
            "(i64.const 1000))))",
        );
    assert_ne!(text, stackful);
    let path = "target/wcaudit-fixtures/p3-stackful.wat";
    std::fs::create_dir_all("target/wcaudit-fixtures").unwrap();
    std::fs::write(path, stackful).unwrap();
    assert_eq!(features(path), ["cm_async", "cm_async_stackful"]);
}

/// wit-component decodes a component's skeleton (code and data left out)
/// to the world it decodes from the whole binary: over every fixture and
/// every generated binary in the check_generated regression corpus, which
/// covers the sync, async-callback and async-stackful layouts.
#[test]
fn a_skeleton_decodes_to_the_whole_components_world() {
    let mut components: Vec<(String, Vec<u8>)> = fixtures::ALL
        .iter()
        .map(|name| (name.to_string(), fixtures::build(name).unwrap()))
        .collect();
    let corpus = std::fs::read_dir("testdata/fuzz/check_generated").unwrap();
    for entry in corpus {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let mut u = arbitrary::Unstructured::new(&data);
        if let Ok((_, binary)) = crate::fuzzing::generate_for_tests(&mut u)
            && wasmparser::Parser::is_component(&binary)
            && wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
                .validate_all(&binary)
                .is_ok()
        {
            components.push((path.display().to_string(), binary));
        }
    }
    assert!(
        components.len() > fixtures::ALL.len() + 100,
        "{}",
        components.len()
    );
    for (name, binary) in &components {
        if let Err(disagreement) = crate::model::skeleton_agrees(binary) {
            panic!("{name}: {disagreement}");
        }
    }
}
