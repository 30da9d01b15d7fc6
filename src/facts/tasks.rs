//! What the task of each async-lifted export does with the component
//! boundary: the subtasks its entry function and its callback start (and
//! whether a loop starts them), and every lowering its code calls.
//!
//! With the callback ABI a task does not loop in one function: it starts
//! a subtask, returns `WAIT` to the host, and is re-entered in its
//! callback when an event arrives. Awaits serialized across re-entries
//! show only here, in what the entry and the callback each start.

use crate::graph::ImportGraph;
use crate::model::{BinaryModel, CallTarget, CoreFuncRef};

/// How far the walk for started subtasks follows calls from the entry or
/// the callback: bindings wrap each import once or twice.
const START_DEPTH: usize = 8;

/// One task: an export lifted with the `async` option.
pub(crate) struct AsyncTask {
    /// The export the task runs for.
    pub(crate) export: String,
    /// With the callback ABI: the function the host re-enters on every
    /// event. `None` for a stackful lift.
    pub(crate) callback: Option<(u32, u32)>,
    /// Async-lowered calls the entry function makes (through the
    /// functions it calls), before it first returns to the host.
    pub(crate) entry_starts: Vec<TaskCall>,
    /// Async-lowered calls the callback makes, on one re-entry.
    pub(crate) callback_starts: Vec<TaskCall>,
    /// Every lowering the task's code calls through exactly known calls,
    /// the callback's included, once each.
    pub(crate) lowerings: Vec<TaskCall>,
}

/// A call to a lowering from the task's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TaskCall {
    /// Index into `Linked::lowerings`.
    pub(crate) lowering: u32,
    /// The calling function (outside shims), as (instance, function).
    pub(crate) caller: (u32, u32),
    /// Byte offset of the call, or of the calling function's first call
    /// when the lowering is reached through a shim.
    pub(crate) offset: u32,
    /// Whether a loop of the caller (or of a function on the way) makes
    /// the call.
    pub(crate) in_loop: bool,
}

/// Every async-lifted export's task, in lifting order.
pub(crate) fn async_tasks(model: &BinaryModel, graph: &ImportGraph) -> Vec<AsyncTask> {
    let linked = &model.linked;
    let mut out = Vec::new();
    for lifting in &linked.lifts {
        if !lifting.options.is_async {
            continue;
        }
        let CoreFuncRef::Defined { instance, func } = lifting.core else {
            continue;
        };
        let Some(node) = graph.core_node(instance, func) else {
            continue;
        };
        let Some(export) = graph.nearest_export(node) else {
            continue;
        };
        let callback = match lifting.callback {
            Some(CoreFuncRef::Defined { instance, func }) => Some((instance, func)),
            _ => None,
        };
        let mut seeds = vec![(instance, func)];
        seeds.extend(callback);
        let lowerings = graph
            .lowerings_below(model, &seeds)
            .into_iter()
            .map(|(lowering, caller)| {
                let (offset, in_loop) = call_site(model, caller, lowering);
                TaskCall {
                    lowering,
                    caller,
                    offset,
                    in_loop,
                }
            })
            .collect();
        out.push(AsyncTask {
            export: export.to_string(),
            callback,
            entry_starts: async_starts(model, graph, (instance, func)),
            callback_starts: callback
                .map(|cb| async_starts(model, graph, cb))
                .unwrap_or_default(),
            lowerings,
        });
    }
    out
}

/// Where `caller` calls `lowering` (directly or through a shim of its
/// module's imports), and whether in a loop.
fn call_site(model: &BinaryModel, (instance, func): (u32, u32), lowering: u32) -> (u32, bool) {
    let module = &model.modules[model.linked.instances[instance as usize].module];
    let Some(body) = func
        .checked_sub(module.num_imported_funcs())
        .and_then(|i| module.bodies.get(i as usize))
    else {
        return (0, false);
    };
    let mut first = None;
    for site in &body.calls {
        let CallTarget::Direct(callee) = site.target else {
            continue;
        };
        first.get_or_insert(site);
        let target = model.linked.resolve_func(&model.modules, instance, callee);
        if target == CoreFuncRef::Lowered(lowering) {
            return (site.offset, site.loop_depth > 0);
        }
    }
    // Through a shim: the site is not told apart; the function's first
    // call stands for it.
    first.map_or((0, false), |site| (site.offset, false))
}

/// The async-lowered calls `start` makes, following direct calls within
/// the task's code (and through shims) up to `START_DEPTH` deep.
fn async_starts(model: &BinaryModel, graph: &ImportGraph, start: (u32, u32)) -> Vec<TaskCall> {
    let linked = &model.linked;
    let mut out: Vec<TaskCall> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![(start, 0usize, false)];
    while let Some(((instance, func), depth, looped)) = stack.pop() {
        if !seen.insert((instance, func)) {
            continue;
        }
        let module = &model.modules[linked.instances[instance as usize].module];
        let Some(body) = func
            .checked_sub(module.num_imported_funcs())
            .and_then(|i| module.bodies.get(i as usize))
        else {
            continue;
        };
        for site in &body.calls {
            let CallTarget::Direct(callee) = site.target else {
                continue;
            };
            let in_loop = looped || site.loop_depth > 0;
            let lowerings: Vec<u32> = match linked.resolve_func(&model.modules, instance, callee) {
                CoreFuncRef::Lowered(l) => vec![l],
                CoreFuncRef::Defined {
                    instance: i,
                    func: f,
                } => {
                    let m = linked.instances[i as usize].module;
                    if model.modules[m].is_trampoline_only() {
                        graph
                            .lowerings_below(model, &[(i, f)])
                            .into_iter()
                            .map(|(l, _)| l)
                            .collect()
                    } else {
                        if depth < START_DEPTH {
                            stack.push(((i, f), depth + 1, in_loop));
                        }
                        continue;
                    }
                }
                _ => continue,
            };
            for lowering in lowerings {
                if linked.lowerings[lowering as usize].options.is_async {
                    out.push(TaskCall {
                        lowering,
                        caller: (instance, func),
                        offset: site.offset,
                        in_loop,
                    });
                }
            }
        }
    }
    out.sort_unstable_by_key(|c| (c.caller, c.offset, c.lowering));
    out
}
