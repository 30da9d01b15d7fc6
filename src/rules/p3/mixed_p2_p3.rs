use std::collections::BTreeSet;

use crate::rules::{Binary, Finding, Location};
use crate::wasi::p3::{is_p3, p2_interface};

crate::rules::declare_rule! {
    pub(crate) struct MixedP2P3 checks binary;
    id: "P3M005",
    name: "mixed-p2-p3",
    category: P3Migration,
    level: Warn,
    summary: "One component imports both WASI 0.2 and WASI 0.3 interfaces.",
    what: "\
Reports a component that imports `wasi:*@0.2.*` and `wasi:*@0.3.*` \
interfaces at once, and says which inner modules call which.",
    why: "\
A half-ported component needs a host that provides both WASI versions \
(wasmtime 46 and later do; many hosts do not), carries two I/O models, and \
usually means one part of the build (a runtime, an adapter, a library) was \
left on 0.2.",
    fix: "\
Port the modules still calling WASI 0.2 (see the notes), or rebuild the \
runtime or adapter that brings them in against WASI 0.3.",
    example: "\
```text
warning[P3M005] mixed-p2-p3: imports WASI 0.2 (wasi:cli/stdout@0.2.12) and WASI 0.3 (wasi:http/client@0.3.0) interfaces
```",
}

impl MixedP2P3 {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, graph, import_functions) =
            (binary.model, binary.graph, binary.import_functions);
        let linked = &model.linked;
        let p2: Vec<usize> = (0..linked.imports.len())
            .filter(|i| p2_interface(&linked.imports[*i].name).is_some())
            .collect();
        let p3: Vec<usize> = (0..linked.imports.len())
            .filter(|i| is_p3(&linked.imports[*i].name))
            .collect();
        if p2.is_empty() || p3.is_empty() {
            return;
        }
        let callers = |imports: &[usize]| -> String {
            let mut modules = BTreeSet::new();
            for f in import_functions.iter() {
                if imports.contains(&f.import)
                    && let Some(host) = f.host
                {
                    modules.extend(
                        graph
                            .host_reach(host)
                            .imported_by
                            .iter()
                            .map(|n| model.node_label(*n)),
                    );
                }
            }
            if modules.is_empty() {
                "no module calls them".into()
            } else {
                format!(
                    "called from {}",
                    modules.into_iter().collect::<Vec<_>>().join(", ")
                )
            }
        };
        let names = |imports: &[usize]| -> String {
            imports
                .iter()
                .map(|i| linked.imports[*i].name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(
            Finding::new(
                &META,
                Location::component(model, Some(linked.imports[p2[0]].offset)),
                "mixed".into(),
                format!(
                    "imports WASI 0.2 ({}) and WASI 0.3 ({}) interfaces",
                    linked.imports[p2[0]].name, linked.imports[p3[0]].name
                ),
            )
            .with_note(format!("WASI 0.2: {}; {}", names(&p2), callers(&p2)))
            .with_note(format!("WASI 0.3: {}; {}", names(&p3), callers(&p3)))
            .with_help("port the modules still on WASI 0.2, or rebuild the runtime or adapter that brings them in"),
        );
    }
}
