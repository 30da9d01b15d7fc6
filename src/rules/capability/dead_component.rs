use crate::rules::{Binary, Finding, Location};
use crate::wasi::classes::{Capability, classify_import};

crate::rules::declare_rule! {
    pub(crate) struct DeadComponent checks binary;
    id: "CAP006",
    name: "dead-component",
    category: Capability,
    level: Warn,
    summary: "A component that exports nothing yet imports capabilities.",
    what: "\
Reports a component with no exported function (and no start function) that \
still imports capabilities: nothing can ever call it, but a host must grant \
its imports to instantiate it.",
    why: "\
This is almost always a build mistake: a core module adapted with the reactor \
adapter but no WIT world embedded, so its exports were silently dropped; or \
the wrong world chosen at build time. The component ships, instantiates, and \
does nothing, while asking for clocks, random or stdio.",
    fix: "\
Embed the world the component should export before `wasm-tools component \
new` (`wasm-tools component embed wit/ --world NAME`), or build with a \
toolchain that does (`cargo component`, `wasm32-wasip2`).",
    example: "\
```sh
clang --target=wasm32-wasi -mexec-model=reactor -o core.wasm lib.c
wasm-tools component new core.wasm --adapt reactor.wasm -o app.wasm  # no world: exports dropped
```

```text
warning[CAP006] dead-component: exports nothing but imports clocks, random, stdio
```",
    security_severity: "2.0",
}

impl DeadComponent {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let model = binary.model;
        if !model.is_component {
            return;
        }
        let exports_something = model.linked.exports.iter().any(|e| !e.funcs.is_empty())
            || model
                .linked
                .extra_roots
                .iter()
                .any(|(label, _)| label == "component start function");
        if exports_something {
            return;
        }
        let mut classes: Vec<Capability> = model
            .linked
            .imports
            .iter()
            .map(|i| classify_import(&i.name).0)
            .filter(|c| *c != Capability::Support)
            .collect();
        classes.sort();
        classes.dedup();
        if classes.is_empty() {
            return;
        }
        let names: Vec<&str> = classes.iter().map(|c| c.as_str()).collect();
        out.push(
            Finding::new(
                &META,
                Location::component(model, Some(0)),
                "dead-component".into(),
                format!("exports nothing but imports {}", names.join(", ")),
            )
            .with_help("embed the WIT world the component should export, then rebuild it"),
        );
    }
}
