//! Language runtimes embedded in a component. When an interpreter is
//! inside, the program's calls live in bytecode or source held as data, so
//! static reachability through the interpreter says little.

use super::{BinaryModel, NodeKind};

/// How a runtime is recognised: a module name or a producer name that
/// contains `needle` (case-insensitive).
struct Signature {
    needle: &'static str,
    in_module_name: bool,
    runtime: &'static str,
}

/// The one table of known embedded runtimes.
const SIGNATURES: &[Signature] = &[
    Signature {
        needle: "libpython",
        in_module_name: true,
        runtime: "CPython (componentize-py)",
    },
    Signature {
        needle: "componentize_py",
        in_module_name: true,
        runtime: "CPython (componentize-py)",
    },
    Signature {
        needle: "componentize-py",
        in_module_name: false,
        runtime: "CPython (componentize-py)",
    },
    Signature {
        needle: "starlingmonkey",
        in_module_name: false,
        runtime: "SpiderMonkey (StarlingMonkey)",
    },
    Signature {
        needle: "starlingmonkey",
        in_module_name: true,
        runtime: "SpiderMonkey (StarlingMonkey)",
    },
    Signature {
        needle: "spidermonkey",
        in_module_name: true,
        runtime: "SpiderMonkey (StarlingMonkey)",
    },
    Signature {
        needle: "componentize_qjs",
        in_module_name: true,
        runtime: "QuickJS (componentize-qjs)",
    },
    Signature {
        needle: "quickjs",
        in_module_name: true,
        runtime: "QuickJS",
    },
    Signature {
        needle: "quickjs",
        in_module_name: false,
        runtime: "QuickJS",
    },
];

/// An interpreter found in the binary, with the module that gave it away.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct EmbeddedRuntime {
    pub(crate) runtime: &'static str,
    /// The tree node (module or component) where it was recognised.
    pub(crate) node: usize,
    pub(crate) evidence: String,
}

impl BinaryModel {
    /// Embedded interpreters, one entry per runtime, in tree order.
    pub(crate) fn embedded_runtimes(&self) -> Vec<EmbeddedRuntime> {
        let mut found: Vec<EmbeddedRuntime> = Vec::new();
        for (node, tree_node) in self.tree.iter().enumerate() {
            let name = tree_node.name.as_deref().unwrap_or("").to_ascii_lowercase();
            for signature in SIGNATURES {
                if found.iter().any(|f| f.runtime == signature.runtime) {
                    continue;
                }
                let evidence = if signature.in_module_name {
                    (tree_node.kind == NodeKind::Module && name.contains(signature.needle))
                        .then(|| format!("module {}", tree_node.name.as_deref().unwrap_or("")))
                } else {
                    tree_node
                        .producers
                        .iter()
                        .find(|p| p.name.to_ascii_lowercase().contains(signature.needle))
                        .map(|p| format!("producer {} {}", p.name, p.version))
                };
                if let Some(evidence) = evidence {
                    found.push(EmbeddedRuntime {
                        runtime: signature.runtime,
                        node,
                        evidence,
                    });
                }
            }
        }
        found
    }
}

/// Whose code calls an import, from the labels (`BinaryModel::node_label`)
/// of the modules that call it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Caller {
    /// The preview1 adapter wit-component linked in: it comes with the
    /// toolchain, not from the app's source.
    Adapter,
    /// An embedded interpreter is present and none of the callers is the
    /// app's own module: the runtime makes the call.
    Runtime,
    /// The app's own module (or modules wcaudit cannot attribute).
    App,
}

/// wit-component names the adapters it links in `wit-component:adapter:<name>`.
const ADAPTER_MODULE: &str = "module wit-component:adapter:";

/// Who calls an import whose calling modules are `imported_by`, in a
/// binary with `runtimes` embedded; `None` when no module calls it.
pub(crate) fn caller<'a>(
    runtimes: &[EmbeddedRuntime],
    imported_by: impl IntoIterator<Item = &'a str>,
) -> Option<Caller> {
    let mut any = false;
    let (mut main, mut all_adapter) = (false, true);
    for label in imported_by {
        any = true;
        main |= label == "module main";
        all_adapter &= label.starts_with(ADAPTER_MODULE);
    }
    if !any {
        None
    } else if !runtimes.is_empty() && !main {
        Some(Caller::Runtime)
    } else if all_adapter {
        Some(Caller::Adapter)
    } else {
        Some(Caller::App)
    }
}
