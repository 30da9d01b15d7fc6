use crate::rules::{Binary, Finding, Location};

crate::rules::declare_rule! {
    pub(crate) struct CoreModuleInput checks binary;
    id: "HYG001",
    name: "core-module",
    category: Hygiene,
    level: Warn,
    summary: "The input is a core WebAssembly module, not a component.",
    what: "\
Reports an input whose binary is a core module (layer 0) rather than a \
component. wcaudit still audits it, treating each import namespace (for \
example `wasi_snapshot_preview1`) as the host interface and each export as \
an entry point.",
    why: "\
A component host cannot run a core module directly. A core module that \
imports `wasi_snapshot_preview1` needs the preview1 adapter before it can \
become a WASI 0.2 component; shipping the core module usually means a build \
step was skipped, and its capabilities are not expressed as WIT interfaces a \
host can grant one by one.",
    fix: "\
Turn the module into a component, adapting preview1 imports:

```sh
wasm-tools component new app.wasm \\
  --adapt wasi_snapshot_preview1=wasi_snapshot_preview1.command.wasm \\
  -o app.component.wasm
```

or build with a toolchain that emits components (`cargo component`, \
`wasm32-wasip2`, componentize-py, jco).",
    example: "\
```wat
(module
  (import \"wasi_snapshot_preview1\" \"fd_write\"
    (func (param i32 i32 i32 i32) (result i32)))
  (func (export \"_start\")))
```

```text
warning[HYG001] core-module: a core module, not a component: it imports wasi_snapshot_preview1 (1 function) and needs an adapter
```",
}

impl CoreModuleInput {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let model = binary.model;
        if model.is_component {
            return;
        }
        let imports: Vec<String> = model
            .linked
            .imports
            .iter()
            .map(|i| {
                let n = i.declared_funcs.len();
                format!("{} ({n} function{})", i.name, if n == 1 { "" } else { "s" })
            })
            .collect();
        let preview1 = model
            .linked
            .imports
            .iter()
            .any(|i| i.name == "wasi_snapshot_preview1" || i.name == "wasi_unstable");
        let message = if imports.is_empty() {
            "a core module, not a component".to_string()
        } else if preview1 {
            format!(
                "a core module, not a component: it imports {} and needs an adapter",
                imports.join(", ")
            )
        } else {
            format!(
                "a core module, not a component: it imports {}",
                imports.join(", ")
            )
        };
        let mut finding = Finding::new(
            &META,
            Location::Binary {
                file: model.file.clone(),
                component_path: vec!["module".into()],
                offset: Some(0),
            },
            "core-module".into(),
            message,
        );
        if preview1 {
            finding = finding.with_help(
                "wasm-tools component new <module> --adapt wasi_snapshot_preview1=<adapter.wasm>",
            );
        }
        out.push(finding);
    }
}
