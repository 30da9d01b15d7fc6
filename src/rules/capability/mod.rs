//! What the capability classes of `crate::wasi::classes` amount to in one
//! component: how each import and class is reached, and the finding the
//! capability rules share.

pub(crate) mod ambient_environment;
pub(crate) mod dead_component;
pub(crate) mod filesystem_access;
pub(crate) mod insecure_random;
pub(crate) mod network_access;
pub(crate) mod overbroad_world;
pub(crate) mod surplus_export;
pub(crate) mod unreachable_import;

use std::collections::BTreeSet;

use crate::graph::{ImportGraph, Reach};
use crate::model::BinaryModel;
use crate::wasi::classes::{Capability, classify_import, classify_preview1, is_preview1_namespace};

/// The reach word of what only an embedded runtime may reach.
pub(crate) const RUNTIME_REACH: &str = "indeterminate, runtime";

/// How an import (or a capability class) is reached, said the same way in
/// every view: the graph's reach, except that what only an embedded
/// language runtime calls is `indeterminate, runtime`, since whether the
/// program inside the interpreter uses it cannot be decided from the binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Reachability {
    pub(crate) reach: Reach,
    /// Only an embedded runtime's code calls it.
    pub(crate) runtime: bool,
}

impl Reachability {
    pub(crate) fn new(reach: Reach, runtime_only: bool) -> Reachability {
        let runtime = runtime_only && reach != Reach::Unreachable;
        Reachability {
            reach: if runtime { Reach::Indeterminate } else { reach },
            runtime,
        }
    }

    /// The word for tables and summaries.
    pub(crate) fn word(self) -> &'static str {
        if self.runtime {
            RUNTIME_REACH
        } else {
            self.reach.as_str()
        }
    }

    /// The phrase for sentences: "… is denied and {phrase}".
    pub(crate) fn phrase(self) -> &'static str {
        match (self.reach, self.runtime) {
            (_, true) => "may be reached by the embedded runtime (indeterminate, runtime)",
            (Reach::Direct, _) => "reached",
            (Reach::Indirect, _) => "reached indirectly",
            (Reach::Indeterminate, _) => "may be reached (indeterminate)",
            (Reach::Unreachable, _) => "imported but unreachable",
        }
    }

    /// The program itself may need it: reached somehow, and not only by an
    /// embedded runtime.
    pub(crate) fn needed_by_program(self) -> bool {
        self.reach != Reach::Unreachable && !self.runtime
    }
}

/// The reachability of import `index`: its best-reached function, and
/// whether only an embedded runtime's modules call any of them. `None`
/// for an import of types only.
pub(crate) fn import_reachability(
    model: &BinaryModel,
    graph: &ImportGraph,
    runtimes: &[crate::model::runtime::EmbeddedRuntime],
    functions: &[crate::graph::ImportFunction],
    index: usize,
) -> Option<Reachability> {
    let mut best: Option<Reach> = None;
    let mut callers: BTreeSet<String> = BTreeSet::new();
    for f in functions.iter().filter(|f| f.import == index) {
        best = Some(best.map_or(f.reach, |b| b.min(f.reach)));
        if let Some(host) = f.host {
            callers.extend(
                graph
                    .host_reach(host)
                    .imported_by
                    .iter()
                    .map(|n| model.node_label(*n)),
            );
        }
    }
    let runtime_only = crate::model::runtime::caller(runtimes, callers.iter().map(String::as_str))
        == Some(crate::model::runtime::Caller::Runtime);
    best.map(|reach| Reachability::new(reach, runtime_only))
}

/// What one capability class amounts to in one component.
#[derive(Clone, Debug)]
pub(crate) struct CapabilityUse {
    pub(crate) class: Capability,
    /// The imported interfaces granting it (for preview1 core modules, the
    /// functions: `wasi_snapshot_preview1#fd_write`).
    pub(crate) interfaces: Vec<String>,
    /// Byte offset of the first of them.
    pub(crate) offset: usize,
    /// The best reach of any function of those imports.
    pub(crate) reach: Reach,
    /// One path from an export, at that reach.
    pub(crate) path: Vec<String>,
    /// `path` with raw name-section symbols, when it shows some otherwise.
    pub(crate) raw_path: Vec<String>,
    /// Exports that reach it.
    pub(crate) reached_from: Vec<String>,
    /// Modules whose code calls it.
    pub(crate) imported_by: BTreeSet<String>,
    /// An embedded interpreter is present and none of the callers is the
    /// app's own module: the capability comes with the runtime.
    pub(crate) runtime_inherited: bool,
}

impl CapabilityUse {
    pub(crate) fn reachability(&self) -> Reachability {
        Reachability {
            reach: self.reach,
            runtime: self.runtime_inherited,
        }
    }
}

/// Every capability class a component imports, in class order.
pub(crate) fn uses(model: &BinaryModel, graph: &ImportGraph) -> Vec<CapabilityUse> {
    let runtimes = model.embedded_runtimes();
    let mut uses: Vec<CapabilityUse> = Vec::new();
    let functions = graph.import_functions(model);
    for (i, import) in model.linked.imports.iter().enumerate() {
        let of_import = functions.iter().filter(|f| f.import == i);
        // A preview1 core module imports capabilities function by function.
        let units: Vec<(Capability, String, Vec<&crate::graph::ImportFunction>)> =
            if import.is_core && is_preview1_namespace(&import.name) {
                of_import
                    .map(|f| {
                        let name = f.name.as_deref().unwrap_or("");
                        (
                            classify_preview1(name),
                            format!("{}#{name}", import.name),
                            vec![f],
                        )
                    })
                    .collect()
            } else {
                vec![(
                    classify_import(&import.name).0,
                    import.name.clone(),
                    of_import.collect(),
                )]
            };
        for (class, label, funcs) in units {
            let index = match uses.iter().position(|u| u.class == class) {
                Some(index) => index,
                None => {
                    uses.push(CapabilityUse {
                        class,
                        interfaces: Vec::new(),
                        offset: import.offset,
                        reach: Reach::Unreachable,
                        path: Vec::new(),
                        raw_path: Vec::new(),
                        reached_from: Vec::new(),
                        imported_by: BTreeSet::new(),
                        runtime_inherited: false,
                    });
                    uses.len() - 1
                }
            };
            let entry = &mut uses[index];
            entry.interfaces.push(label);
            for f in funcs {
                let Some(host) = f.host else { continue };
                let reach = graph.host_reach(host);
                for (root, _) in &reach.roots {
                    let root = &graph.roots[*root as usize];
                    if root.is_export && !entry.reached_from.contains(&root.label) {
                        entry.reached_from.push(root.label.clone());
                    }
                }
                entry
                    .imported_by
                    .extend(reach.imported_by.iter().map(|n| model.node_label(*n)));
                if reach.reach < entry.reach {
                    entry.reach = reach.reach;
                    entry.path = crate::graph::shown_path(&reach.path);
                    entry.raw_path = crate::graph::raw_path(&reach.path);
                }
            }
        }
    }
    for entry in &mut uses {
        let runtime_only =
            crate::model::runtime::caller(&runtimes, entry.imported_by.iter().map(String::as_str))
                == Some(crate::model::runtime::Caller::Runtime);
        let reachability = Reachability::new(entry.reach, runtime_only);
        entry.reach = reachability.reach;
        entry.runtime_inherited = reachability.runtime;
    }
    uses.sort_by_key(|u| u.class);
    uses
}

/// A rule that is one row of a table: it reports one capability class,
/// in its own words.
pub(crate) struct ClassRule {
    meta: &'static super::RuleMeta,
    class: Capability,
    /// Leave a provably unused class to `unreachable-import`.
    skip_unreachable: bool,
    /// What the class grants, to start the message.
    what: &'static str,
}

impl super::Rule for ClassRule {
    fn meta(&self) -> &'static super::RuleMeta {
        self.meta
    }

    fn check(&self, subject: &super::Subject<'_>, out: &mut Vec<super::Finding>) {
        let Some(super::Binary { model, graph, .. }) = subject.binary() else {
            return;
        };
        out.extend(class_finding(
            self.meta,
            model,
            graph,
            self.class,
            self.skip_unreachable,
            self.what,
        ));
    }
}

/// One finding for capability `class`, if the component imports it:
/// which interfaces grant it, how it is reached, and from where. With
/// `skip_unreachable`, a provably unused class is left to
/// `unreachable-import`.
fn class_finding(
    meta: &'static super::RuleMeta,
    model: &BinaryModel,
    graph: &ImportGraph,
    class: Capability,
    skip_unreachable: bool,
    what: &str,
) -> Option<super::Finding> {
    let use_ = uses(model, graph).into_iter().find(|u| u.class == class)?;
    if skip_unreachable && use_.reach == Reach::Unreachable {
        return None;
    }
    let names: Vec<&str> = use_.interfaces.iter().map(String::as_str).collect();
    let reach = use_.reachability().phrase();
    let mut finding = super::Finding::new(
        meta,
        super::Location::component(model, Some(use_.offset)),
        class.as_str().to_string(),
        format!("{what}: imports {} ({reach})", names.join(", ")),
    )
    .with_path(use_.path.clone())
    .with_raw_path(use_.raw_path.clone())
    .with_capability(class.as_str())
    .with_reach(use_.reachability());
    if !use_.imported_by.is_empty() {
        let by: Vec<&str> = use_.imported_by.iter().map(String::as_str).collect();
        finding = finding.with_note(format!("called from {}", by.join(", ")));
    }
    if use_.runtime_inherited {
        finding = finding.with_note(
            "comes with the embedded language runtime, not from calls wcaudit can see in the app",
        );
    }
    Some(finding)
}
