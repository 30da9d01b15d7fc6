use crate::rules::{Binary, Finding, Location};

crate::rules::declare_rule! {
    pub(crate) struct BeyondWasiP3 checks binary;
    id: "P3M006",
    name: "beyond-wasi-p3",
    category: P3Migration,
    level: Warn,
    summary: "Uses component-model features WASI 0.3 does not include (stackful async, threads, error-context, …).",
    what: "\
WASI 0.3 is the component model plus native async (`async` lifts with a \
callback, async lowers, `stream`, `future` and their built-ins). This rule \
reports features beyond that baseline that the binary uses, with what a \
host must enable: stackful async lifts (`cm_async_stackful`), cooperative \
threads (`cm_threading`), shared-everything threads, `error-context`, and \
`stream.forward`/`future.forward`.",
    why: "\
These features are off by default in wasmparser and wasmtime: hosts reject \
the component unless configured for them, and they may still change.",
    fix: "\
Use callback-based async lifts, `result<_, error-code>` instead of \
`error-context`, and no thread built-ins; or run only on hosts configured \
for the feature (see the note).",
    example: "\
```text
warning[P3M006] beyond-wasi-p3: uses stackful async lifts (cm_async_stackful), which WASI 0.3 hosts do not enable by default
```",
}

/// Features beyond WASI 0.3, what they are, and how a host enables them.
const FEATURES: &[(&str, &str, &str)] = &[
    (
        "cm_async_stackful",
        "stackful async lifts",
        "wasmtime: Config::wasm_component_model_async_stackful(true)",
    ),
    (
        "cm_threading",
        "cooperative thread built-ins",
        "wasmtime: Config::wasm_component_model_threading(true)",
    ),
    (
        "shared_everything_threads",
        "shared-everything thread built-ins (thread.spawn-*)",
        "no wasmtime release enables this by default; it is a separate proposal",
    ),
    (
        "cm_error_context",
        "error-context",
        "wasmtime: Config::wasm_component_model_error_context(true)",
    ),
    (
        "cm_forward",
        "stream.forward / future.forward",
        "wasmtime 48 cannot parse these built-ins",
    ),
    (
        "cm_gc",
        "the GC canonical ABI",
        "not enabled by default in wasmparser or wasmtime",
    ),
];

impl BeyondWasiP3 {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let model = binary.model;
        for (feature, what, enable) in FEATURES {
            if !model.features.contains(feature) {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    Location::component(model, Some(0)),
                    feature.to_string(),
                    format!("uses {what} ({feature}), which WASI 0.3 hosts do not enable by default"),
                )
                .with_note(enable.to_string())
                .with_help("stay within WASI 0.3: callback async lifts, no thread built-ins, result errors"),
            );
        }
    }
}
