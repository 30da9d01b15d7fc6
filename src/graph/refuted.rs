//! The soundness oracle: an import function the graph calls unreachable
//! that a replay saw called is an analysis error. `replay-contradiction`
//! reports it; the soundness tests (and fuzzing) assert there is none.

use super::{ImportFunction, ImportGraph, Reach};
use crate::model::{BinaryModel, Observed, ObservedCalls};

/// One claim of `unreachable` that a replay refuted.
#[derive(Clone, Debug)]
pub(crate) struct Refuted {
    pub(crate) function: ImportFunction,
    /// `interface#function`, or the bare function's name.
    pub(crate) item: String,
    /// Calls per invocation, if any invocation made one.
    pub(crate) invoked: Option<ObservedCalls>,
    /// Calls made while instantiating.
    pub(crate) while_instantiating: u64,
}

/// Every import function claimed unreachable that `observed` saw called,
/// in an invocation or while instantiating.
pub(crate) fn refuted_unreachable(
    model: &BinaryModel,
    graph: &ImportGraph,
    observed: &Observed,
) -> Vec<Refuted> {
    let mut out = Vec::new();
    for function in graph.import_functions(model) {
        if function.reach != Reach::Unreachable {
            continue;
        }
        let import = &model.linked.imports[function.import];
        let name = function.name.as_deref();
        if !observed.saw(&import.name, name) {
            continue;
        }
        let invoked = match name {
            Some(name) => observed.function(&import.name, name),
            None => observed.interface(&import.name),
        };
        let while_instantiating = observed.while_instantiating(&import.name, name);
        let item = match name {
            Some(name) => format!("{}#{name}", import.name),
            None => import.name.clone(),
        };
        out.push(Refuted {
            function,
            item,
            invoked,
            while_instantiating,
        });
    }
    out
}
