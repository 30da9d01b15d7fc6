//! What the capability classes of `crate::wasi::classes` amount to in one
//! component: how each import and each class is reached, and by whose code.

use std::collections::BTreeSet;

use super::Facts;
use super::origin::Origin;
use crate::graph::{ImportGraph, Reach};
use crate::model::BinaryModel;
use crate::wasi::classes::{Capability, classify_import, classify_preview1, is_preview1_namespace};
use crate::wasi::grants::{Grant, grant_for};

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
/// whether only an embedded runtime's code calls any of them. `None` for
/// an import of types only.
pub(crate) fn import_reachability(facts: &Facts, index: usize) -> Option<Reachability> {
    let mut best: Option<Reach> = None;
    let mut program = false;
    for f in facts.import_functions.iter().filter(|f| f.import == index) {
        best = Some(best.map_or(f.reach, |b| b.min(f.reach)));
        program |= f.host.is_some_and(|h| facts.program_calls(h));
    }
    let runtime_only = facts.origins.engine().is_some() && !program;
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
    /// Whose code each step of `path` is.
    pub(crate) path_origins: Vec<Option<Origin>>,
    /// Exports that reach it.
    pub(crate) reached_from: Vec<String>,
    /// Modules whose code calls it.
    pub(crate) imported_by: BTreeSet<String>,
    /// An embedded interpreter is present and no code of the program
    /// calls it: the capability comes with the runtime.
    pub(crate) runtime_inherited: bool,
    /// Whose code uses it: the program when any of its code can call it.
    pub(crate) origin: Origin,
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
pub(super) fn uses(model: &BinaryModel, graph: &ImportGraph, facts: &Facts) -> Vec<CapabilityUse> {
    let mut uses: Vec<CapabilityUse> = Vec::new();
    let mut hosts_of: Vec<Vec<u32>> = Vec::new();
    let functions = &facts.import_functions;
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
                        path_origins: Vec::new(),
                        reached_from: Vec::new(),
                        imported_by: BTreeSet::new(),
                        runtime_inherited: false,
                        origin: Origin::PROGRAM,
                    });
                    hosts_of.push(Vec::new());
                    uses.len() - 1
                }
            };
            let entry = &mut uses[index];
            entry.interfaces.push(label);
            hosts_of[index].extend(funcs.iter().filter_map(|f| f.host));
            for f in funcs {
                let Some(host) = f.host else { continue };
                let reach = graph.host_reach(host);
                for label in graph.exports_reaching(host) {
                    if !entry.reached_from.iter().any(|l| l == label) {
                        entry.reached_from.push(label.to_string());
                    }
                }
                entry
                    .imported_by
                    .extend(reach.imported_by.iter().map(|n| model.node_label(*n)));
                if reach.reach < entry.reach {
                    entry.reach = reach.reach;
                    entry.path = crate::graph::shown_path(&reach.path);
                    entry.raw_path = crate::graph::raw_path(&reach.path);
                    entry.path_origins = facts.path_origins(model, &reach.path);
                }
            }
        }
    }
    for (entry, hosts) in uses.iter_mut().zip(&hosts_of) {
        let runtime_only =
            facts.origins.engine().is_some() && !hosts.iter().any(|h| facts.program_calls(*h));
        let reachability = Reachability::new(entry.reach, runtime_only);
        entry.reach = reachability.reach;
        entry.runtime_inherited = reachability.runtime;
        entry.origin = facts.origin_of_calls(hosts);
    }
    uses.sort_by_key(|u| u.class);
    uses
}

/// The use of one capability class, if the component imports it.
pub(crate) fn uses_of_class(facts: &Facts, class: Capability) -> Option<&CapabilityUse> {
    facts.capabilities.iter().find(|u| u.class == class)
}

/// A grant a component needs, with the interfaces that need it.
#[derive(Clone, Debug)]
pub(crate) struct Need {
    pub(crate) grant: Grant,
    pub(crate) interfaces: Vec<String>,
    /// The best reachability of those interfaces: `runtime` when only an
    /// embedded runtime may need the grant.
    pub(crate) reachability: Reachability,
}

/// What the component needs to run: one entry per grant, for imports an
/// export reaches or may reach (indeterminate counts: it may fail),
/// including those only an embedded runtime may reach.
pub(crate) fn needs(model: &BinaryModel, facts: &Facts) -> Vec<Need> {
    let mut needs: Vec<Need> = Vec::new();
    for (i, import) in model.linked.imports.iter().enumerate() {
        let Some(grant) = grant_for(&import.name) else {
            continue;
        };
        let Some(reachability) =
            import_reachability(facts, i).filter(|r| r.reach != Reach::Unreachable)
        else {
            continue;
        };
        match needs.iter_mut().find(|n| n.grant == grant) {
            Some(need) => {
                need.interfaces.push(import.name.clone());
                need.reachability = need.reachability.min(reachability);
            }
            None => needs.push(Need {
                grant,
                interfaces: vec![import.name.clone()],
                reachability,
            }),
        }
    }
    needs.sort_by_key(|n| n.grant);
    needs
}
