//! Least-privilege grants: which wasmtime CLI permissions a component
//! needs, from what its exports reach.

use super::capability::{self, Reachability};
use crate::graph::{ImportGraph, Reach};
use crate::model::BinaryModel;
use crate::wasi::grants::{Grant, grant_for};

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
pub(crate) fn needs(model: &BinaryModel, graph: &ImportGraph) -> Vec<Need> {
    let functions = graph.import_functions(model);
    let runtimes = model.embedded_runtimes();
    let mut needs: Vec<Need> = Vec::new();
    for (i, import) in model.linked.imports.iter().enumerate() {
        let Some(grant) = grant_for(&import.name) else {
            continue;
        };
        let Some(reachability) =
            capability::import_reachability(model, graph, &runtimes, &functions, i)
                .filter(|r| r.reach != Reach::Unreachable)
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
