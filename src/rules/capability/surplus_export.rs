use crate::model::BinaryModel;
use crate::rules::{Binary, Finding, Level, Location};

crate::rules::declare_rule! {
    pub(crate) struct SurplusExport checks binary;
    id: "CAP008",
    name: "surplus-export",
    category: Capability,
    level: Warn,
    summary: "The component exports something its own world does not: a toolchain's pre-initialisation hook, or another leftover.",
    what: "\
Compares a component's exports with the world it was built for and reports \
each export that world does not have. The world comes from a \
`component-type` custom section left in the outermost component (the \
metadata `wasm-tools component embed` and `wit-bindgen` write; the summary's \
`world` then carries its name instead of wit-component's \
`root:component/root`).

wit-component consumes those sections when it makes a component, so most \
components, componentize-py's and componentize-qjs's among them, carry none. \
Two exports are therefore recognised by themselves, by name and signature: \
known pre-initialisation hooks of language toolchains, which no application \
world has. They are reported at `warn` whether or not the component declares \
its world, and not at all when a declared world does export them.

- componentize-qjs (and jco `--backend qjs`): the top-level function \
`init: func(shim: string, script: string, entry-path: option<string>, \
disable-gc: bool) -> result<_, string>`, which evaluates the script it is \
given in the QuickJS engine.
- componentize-py: the interface `exports` with `init: func(app-name: \
string, symbols: symbols, stub-wasi: bool) -> result<_, string>`, which \
initialises the Python runtime with the app module and symbol table it is \
given.

Any other export missing from a declared world is reported as a note \
(level `allow`, which `-W`/`-D` do not raise): it may be a leftover of the \
build, but it may as well be a world that grew after the metadata was \
embedded, and an extra export grants the caller nothing the component did \
not already choose to offer. Without a declared world only the known hooks \
are reported: there is nothing to compare the other exports with.",
    why: "\
The toolchains call their hook once, at build time, to snapshot an \
initialised engine, and leave it exported. Whoever can call the component's \
exports can call it again: with componentize-qjs that replaces the \
application with any JavaScript the caller sends; with componentize-py it \
runs the runtime's initialisation again, with the caller's arguments, on an \
engine that is already initialised. Hosts and \
composition tools that expose every export (`wasmtime serve` does not, but a \
generic RPC bridge or a `wac` composition may) expose the hook too.",
    fix: "\
Neither componentize-py (0.25) nor componentize-qjs (0.4) has an option \
that leaves the hook out of the final component. Wrap the component in one \
that re-exports only the world's exports: a `wac` composition that \
instantiates it (`let app = new my:app { ... };`) and exports only what the \
world names (`export app[\"wasi:http/incoming-handler@0.2.12\"];`). Do not \
plug the hook's export into anything.",
    example: "\
```sh
jco componentize --backend qjs app.js --wit wit/ -o app.wasm
```

```text
warning[CAP008] surplus-export: exports the function `init` (componentize-qjs's pre-initialisation hook), which evaluates any JavaScript it is given, replacing the application
```",
    security_severity: "6.0",
}

/// A pre-initialisation hook a toolchain leaves exported.
struct Hook {
    toolchain: &'static str,
    /// The export (an interface or a function) and the function in it.
    export: &'static str,
    function: &'static str,
    /// How its WIT signature begins.
    signature: &'static str,
    does: &'static str,
}

const HOOKS: &[Hook] = &[
    Hook {
        toolchain: "componentize-qjs",
        export: "init",
        function: "init",
        signature: "init: func(shim: string, script: string",
        does: "evaluates any JavaScript it is given, replacing the application",
    },
    Hook {
        toolchain: "componentize-py",
        export: "exports",
        function: "init",
        signature: "init: func(app-name: string, symbols: symbols",
        does: "initialises the Python runtime with the app module and symbol table it is given",
    },
];

impl SurplusExport {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, policy) = (binary.model, binary.policy);
        if !model.is_component {
            return;
        }
        // The binary's own record of its world comes first; `--wit` stands
        // in where the toolchain left none.
        let declared = model.declared.as_ref().or(policy.declared.as_deref());
        for export in &model.linked.exports {
            if declared.is_some_and(|d| d.exports.contains(&export.name)) {
                continue;
            }
            let location = Location::component(model, Some(export.offset));
            if let Some(hook) = hook_of(model, &export.name) {
                let mut finding = Finding::new(
                    &META,
                    location,
                    export.name.clone(),
                    format!(
                        "exports {} ({}'s pre-initialisation hook), which {}",
                        if hook.export == hook.function {
                            format!("the function `{}`", hook.function)
                        } else {
                            format!("the interface `{}` with `{}`", hook.export, hook.function)
                        },
                        hook.toolchain,
                        hook.does
                    ),
                )
                .with_note(format!(
                    "{} calls it once at build time; it stays callable by anyone who can call the component's exports",
                    hook.toolchain
                ))
                .with_help(format!(
                    "{} has no option to leave it out: wrap the component so that only its world's exports are re-exported (e.g. a `wac` composition)",
                    hook.toolchain
                ));
                if let Some(declared) = declared {
                    finding = finding.with_note(format!(
                        "the declared world {} does not export it",
                        declared.name
                    ));
                }
                out.push(finding);
            } else if let Some(declared) = declared {
                let mut finding = Finding::new(
                    &META,
                    location,
                    export.name.clone(),
                    format!(
                        "exports `{}`, which the declared world {} does not",
                        export.name, declared.name
                    ),
                )
                .with_help("rebuild with the world that has it, or stop exporting it");
                finding.max_level = Some(Level::Allow);
                out.push(finding);
            }
        }
    }
}

/// The known hook an export is: same name, a function of the same name,
/// and the hook's signature.
fn hook_of(model: &BinaryModel, export: &str) -> Option<&'static Hook> {
    HOOKS.iter().find(|hook| {
        hook.export == export
            && model
                .world
                .as_ref()
                .and_then(|w| w.signature(export, hook.function))
                .is_some_and(|s| s.starts_with(hook.signature))
    })
}
