//! Where code calls out of its module inside a loop, and what each export's
//! calls reach: walks of the bodies and one search per export, shared by
//! every rule that asks how often the component boundary is crossed.

use crate::graph::ImportGraph;
use crate::model::{BinaryModel, CallTarget, ComponentFuncRef, CoreFuncRef, CoreModule};

/// How far to follow an import into an adapter or sibling component.
const SEARCH_DEPTH: usize = 6;

/// One call site inside a loop whose callee leads to the host or to a
/// sibling component.
pub(crate) struct LoopCall {
    pub(crate) instance: u32,
    /// The calling function, in its module's function index space.
    pub(crate) func: u32,
    /// The import the site calls, directly or through a thin wrapper.
    pub(crate) callee: u32,
    /// Calls per call of the function, when every loop count is known.
    pub(crate) repetitions: Option<(u64, Vec<u32>)>,
    pub(crate) conditional: bool,
    pub(crate) offset: u32,
    /// Host functions the import leads to, nearest first, each with the
    /// modules crossed on the way (the caller's own left out).
    pub(crate) hosts: Vec<(u32, Vec<usize>)>,
    /// For an import another component of the binary provides: which,
    /// and by what function.
    pub(crate) crossing: Option<Crossing>,
}

/// A call from one component into another inside the binary: a lowering
/// of a function that another component instance lifts, directly or
/// behind wit-component's shim trampolines.
#[derive(Clone, Debug)]
pub(crate) struct Crossing {
    /// The calling and the called component (tree nodes).
    pub(crate) from: usize,
    pub(crate) to: usize,
    /// The function as the calling component imports it
    /// (`corpus:headers/fine@0.1.0#get-header`), when it does by name.
    pub(crate) name: Option<String>,
    /// The called core function.
    pub(crate) called: String,
}

/// What one call of an export crosses inside the binary: the longest
/// chain of component boundaries its calls can go through, one lowered
/// call into another component after another.
#[derive(Clone, Debug, Default)]
pub(crate) struct ExportCrossings {
    pub(crate) label: String,
    /// Component boundaries on the longest chain.
    pub(crate) depth: u32,
    /// The components on that chain, the export's first (tree nodes).
    pub(crate) components: Vec<usize>,
    /// Strings and lists copied between memories on that chain: one for
    /// the parameters and one for the results of each call that carries
    /// them.
    pub(crate) string_copies: u32,
    pub(crate) list_copies: u32,
    /// Components call each other in a cycle: the chain counts one round.
    pub(crate) recursive: bool,
}

/// A call inside a loop straight to a lowering: of a host function, or of
/// the `waitable-set.wait` built-in (starting a subtask and waiting for it
/// are the two halves of an await).
pub(crate) struct LoopLowering {
    pub(crate) instance: u32,
    /// The calling function, in its module's function index space.
    pub(crate) func: u32,
    /// The innermost enclosing loop, an index into the body's loops.
    pub(crate) innermost_loop: u32,
    pub(crate) offset: u32,
    /// Calls per call of the function, when every loop count is known.
    pub(crate) repetitions: Option<(u64, Vec<u32>)>,
    pub(crate) lowered: Lowered,
}

#[derive(Clone, Copy)]
pub(crate) enum Lowered {
    Wait,
    /// A lowering of a host function, or of a function another component
    /// of the composition lifts, with the async ABI or not.
    Call {
        /// Index into `Linked::lowerings`.
        lowering: u32,
        is_async: bool,
    },
}

/// What one exported function's calls reach through exactly known edges.
pub(crate) struct ExportReach {
    pub(crate) label: String,
    /// Every call site in the core functions it reaches that ends at a host function,
    /// as (instance, calling function, host function).
    pub(crate) host_calls: Vec<(u32, u32, u32)>,
}

/// Every call site in a loop that leads out of its module to a host
/// function or a sibling component, in instance, function and site order.
/// Modules of trampolines only are left out: they pass calls on.
pub(crate) fn loop_calls(model: &BinaryModel, graph: &ImportGraph) -> Vec<LoopCall> {
    let linked = &model.linked;
    let mut out = Vec::new();
    for (instance, inst) in linked.instances.iter().enumerate() {
        let instance = instance as u32;
        let module = &model.modules[inst.module];
        if module.is_trampoline_only() {
            continue;
        }
        let imported = module.num_imported_funcs();
        for (i, body) in module.bodies.iter().enumerate() {
            let func = imported + i as u32;
            for site in body.calls.iter().filter(|s| s.loop_depth > 0) {
                // Only calls to the module's own imports (or to a thin
                // wrapper of one, as wasi-libc has for each WASI call):
                // that is where its code crosses into the host, an
                // adapter or a sibling component.
                let CallTarget::Direct(called) = site.target else {
                    continue;
                };
                let Some(callee) = import_behind(module, called) else {
                    continue;
                };
                let target = linked.resolve_func(&model.modules, instance, callee);
                let Some(node) = graph.func_node(target) else {
                    continue;
                };
                let own = module.tree_node;
                let hosts: Vec<(u32, Vec<usize>)> = graph
                    .hosts_below(model, node, SEARCH_DEPTH)
                    .into_iter()
                    .map(|(h, through)| (h, through.into_iter().filter(|t| *t != own).collect()))
                    .collect();
                let crossing = component_crossing(model, target);
                if hosts.is_empty() && crossing.is_none() {
                    continue;
                }
                out.push(LoopCall {
                    instance,
                    func,
                    callee,
                    repetitions: body.repetitions(site),
                    conditional: site.conditional,
                    offset: site.offset,
                    hosts,
                    crossing,
                });
            }
        }
    }
    out
}

/// Every call site in a loop that calls a lowering (of a host function or
/// of another component's function), directly or through wit-component's
/// shims, or `waitable-set.wait`, in instance, function and site order.
/// Trampoline modules count: an async shim's calls are its caller's.
pub(crate) fn loop_lowerings(model: &BinaryModel) -> Vec<LoopLowering> {
    let linked = &model.linked;
    let mut out = Vec::new();
    for (instance, inst) in linked.instances.iter().enumerate() {
        let instance = instance as u32;
        let module = &model.modules[inst.module];
        let imported = module.num_imported_funcs();
        for (i, body) in module.bodies.iter().enumerate() {
            let func = imported + i as u32;
            for site in &body.calls {
                let Some(innermost_loop) = site.innermost_loop else {
                    continue;
                };
                let CallTarget::Direct(callee) = site.target else {
                    continue;
                };
                let lowered = match linked.resolve_func(&model.modules, instance, callee) {
                    CoreFuncRef::Builtin(b)
                        if linked.builtins[b as usize].name == "waitable-set.wait" =>
                    {
                        Lowered::Wait
                    }
                    // wit-component's shims stand between a module and
                    // the lowerings that need its memory.
                    target => match behind_trampolines(model, target) {
                        Some(CoreFuncRef::Lowered(l))
                            if matches!(
                                linked.lowerings[l as usize].target,
                                ComponentFuncRef::Host(_)
                            ) || is_crossing(model, l) =>
                        {
                            Lowered::Call {
                                lowering: l,
                                is_async: linked.lowerings[l as usize].options.is_async,
                            }
                        }
                        _ => continue,
                    },
                };
                out.push(LoopLowering {
                    instance,
                    func,
                    innermost_loop,
                    offset: site.offset,
                    repetitions: body.repetitions(site),
                    lowered,
                });
            }
        }
    }
    out
}

/// For each exported function, in root order: the call sites of the core
/// functions it reaches that end at host functions.
pub(crate) fn export_reach(model: &BinaryModel, graph: &ImportGraph) -> Vec<ExportReach> {
    let linked = &model.linked;
    graph
        .functions_per_export()
        .into_iter()
        .map(|(label, functions)| {
            let mut host_calls = Vec::new();
            for &(instance, func) in &functions {
                let module = &model.modules[linked.instances[instance as usize].module];
                if module.is_trampoline_only() {
                    continue;
                }
                let Some(body) = module.body(func) else {
                    continue;
                };
                for site in &body.calls {
                    let CallTarget::Direct(callee) = site.target else {
                        continue;
                    };
                    let target = linked.resolve_func(&model.modules, instance, callee);
                    if let Some(host) = host_behind(model, target) {
                        host_calls.push((instance, func, host));
                    }
                }
            }
            ExportReach { label, host_calls }
        })
        .collect()
}

/// When `target` lowers, directly or behind wit-component's shim
/// trampolines, a function lifted by another component instance.
fn component_crossing(model: &BinaryModel, target: CoreFuncRef) -> Option<Crossing> {
    match behind_trampolines(model, target)? {
        CoreFuncRef::Lowered(l) => crossing(model, l),
        _ => None,
    }
}

/// Whether lowering `l` calls a function another component instance
/// lifts: a component boundary inside the binary.
pub(crate) fn is_crossing(model: &BinaryModel, l: u32) -> bool {
    let linked = &model.linked;
    let lowering = &linked.lowerings[l as usize];
    matches!(lowering.target, ComponentFuncRef::Lifted(lift)
        if linked.lifts[lift as usize].ctx != lowering.ctx)
}

/// Lowering `l` as a crossing into another component, if it is one.
pub(crate) fn crossing(model: &BinaryModel, l: u32) -> Option<Crossing> {
    let linked = &model.linked;
    let lowering = &linked.lowerings[l as usize];
    let ComponentFuncRef::Lifted(lift) = lowering.target else {
        return None;
    };
    let lift = &linked.lifts[lift as usize];
    if lift.ctx == lowering.ctx {
        return None;
    }
    let called = match lift.core {
        CoreFuncRef::Defined { instance, func } => {
            let m = linked.instances[instance as usize].module;
            model.modules[m].func_label(func)
        }
        _ => "a function".to_string(),
    };
    Some(Crossing {
        from: linked.contexts[lowering.ctx as usize],
        to: linked.contexts[lift.ctx as usize],
        name: lowering.name.clone(),
        called,
    })
}

/// Per exported function, in root order: the longest chain of component
/// boundaries one call can cross, and the copies on it. Empty when no
/// component of the binary calls another.
pub(crate) fn export_crossings(model: &BinaryModel, graph: &ImportGraph) -> Vec<ExportCrossings> {
    use crate::graph::Node;
    let linked = &model.linked;
    let crossing_lowering = |l: u32| is_crossing(model, l);
    if !(0..linked.lowerings.len() as u32).any(crossing_lowering) {
        return Vec::new();
    }
    let target_lift = |l: u32| match linked.lowerings[l as usize].target {
        ComponentFuncRef::Lifted(lift) => lift,
        _ => unreachable!("a crossing lowers a lifted function"),
    };
    // Per lift: the best chain below it, as (depth, copies, next lowering,
    // recursive), by a depth-first walk kept on a stack of its own: plug
    // chains nest as deep as a binary can hold components.
    #[derive(Clone, Copy, Default)]
    struct Best {
        depth: u32,
        strings: u32,
        lists: u32,
        next: Option<u32>,
        recursive: bool,
    }
    impl Best {
        fn through(self, l: u32, copies: crate::model::Copies) -> Best {
            Best {
                depth: self.depth + 1,
                strings: self.strings + copies.strings(),
                lists: self.lists + copies.lists(),
                next: Some(l),
                recursive: self.recursive,
            }
        }
        fn better_than(&self, other: &Best) -> bool {
            (self.depth, self.strings + self.lists) > (other.depth, other.strings + other.lists)
        }
    }
    let mut best: std::collections::HashMap<u32, Best> = std::collections::HashMap::new();
    let mut visiting: std::collections::HashSet<u32> = std::collections::HashSet::new();
    let mut best_of = |start: u32, best: &mut std::collections::HashMap<u32, Best>| {
        // Frames: (lift, its crossings, the next one to look at, best so far).
        let mut stack: Vec<(u32, Vec<u32>, usize, Best)> = Vec::new();
        if !best.contains_key(&start) {
            visiting.insert(start);
            stack.push((
                start,
                graph.crossings_below(Node::Lift(start), crossing_lowering),
                0,
                Best::default(),
            ));
        }
        while let Some(frame) = stack.last_mut() {
            let Some(&l) = frame.1.get(frame.2) else {
                let (lift, _, _, found) = stack.pop().expect("a frame");
                visiting.remove(&lift);
                best.insert(lift, found);
                if let Some(parent) = stack.last_mut() {
                    let l = parent.1[parent.2];
                    let candidate = found.through(l, linked.lowerings[l as usize].copies);
                    if candidate.better_than(&parent.3) {
                        parent.3 = candidate;
                    }
                    parent.2 += 1;
                }
                continue;
            };
            let lift = target_lift(l);
            if let Some(below) = best.get(&lift).copied() {
                let candidate = below.through(l, linked.lowerings[l as usize].copies);
                if candidate.better_than(&frame.3) {
                    frame.3 = candidate;
                }
                frame.2 += 1;
            } else if visiting.contains(&lift) {
                let mut candidate = Best::default().through(l, linked.lowerings[l as usize].copies);
                candidate.recursive = true;
                frame.3.recursive = true;
                if candidate.better_than(&frame.3) {
                    frame.3 = candidate;
                }
                frame.2 += 1;
            } else {
                visiting.insert(lift);
                let below = graph.crossings_below(Node::Lift(lift), crossing_lowering);
                stack.push((lift, below, 0, Best::default()));
            }
        }
    };
    let mut out = Vec::new();
    for (r, root) in graph.roots.iter().enumerate() {
        if !root.is_export {
            continue;
        }
        let mut top = Best::default();
        for l in graph.crossings_below(Node::Root(r as u32), crossing_lowering) {
            let lift = target_lift(l);
            best_of(lift, &mut best);
            let candidate = best[&lift].through(l, linked.lowerings[l as usize].copies);
            if candidate.better_than(&top) {
                top = candidate;
            }
        }
        // The chain, walked back from the best choices; a cycle is walked
        // once round.
        let mut components = Vec::new();
        let mut next = top.next;
        while let Some(l) = next {
            if components.len() > top.depth as usize {
                break;
            }
            let lowering = &linked.lowerings[l as usize];
            let lift = target_lift(l);
            if components.is_empty() {
                components.push(linked.contexts[lowering.ctx as usize]);
            }
            components.push(linked.contexts[linked.lifts[lift as usize].ctx as usize]);
            next = best.get(&lift).and_then(|b| b.next);
        }
        out.push(ExportCrossings {
            label: root.label.clone(),
            depth: top.depth,
            components,
            string_copies: top.strings,
            list_copies: top.lists,
            recursive: top.recursive,
        });
    }
    out
}

/// Follows wit-component's shim trampolines (a module of functions that
/// only pass the call on through a table) to the function they call.
fn behind_trampolines(model: &BinaryModel, mut f: CoreFuncRef) -> Option<CoreFuncRef> {
    use crate::model::IndirectTargets;
    let linked = &model.linked;
    for _ in 0..3 {
        let CoreFuncRef::Defined { instance, func } = f else {
            return Some(f);
        };
        let module = &model.modules[linked.instances[instance as usize].module];
        if !module.is_trampoline_only() {
            return Some(f);
        }
        let site = module.body(func)?.calls.first()?;
        f = match linked.indirect_targets(&model.modules, instance, site.target) {
            IndirectTargets::Exact(next) => next,
            _ => return None,
        };
    }
    None
}

/// The host function a core function ends at: a lowering, possibly behind
/// wit-component's shim trampolines.
fn host_behind(model: &BinaryModel, f: CoreFuncRef) -> Option<u32> {
    match behind_trampolines(model, f)? {
        CoreFuncRef::Lowered(l) => match model.linked.lowerings[l as usize].target {
            ComponentFuncRef::Host(h) => Some(h),
            _ => None,
        },
        CoreFuncRef::Host(h) => Some(h),
        _ => None,
    }
}

/// The import `func` is or wraps: a defined function without loops whose
/// only calls go to one import, like wasi-libc's `__wasi_fd_write`.
fn import_behind(module: &CoreModule, func: u32) -> Option<u32> {
    let imported = module.num_imported_funcs();
    if func < imported {
        return Some(func);
    }
    let body = module.body(func)?;
    if !body.loops.is_empty() {
        return None;
    }
    match body.calls.as_slice() {
        [site] => match site.target {
            CallTarget::Direct(callee) if callee < imported => Some(callee),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `run` calls the host's `get` once before a loop of 8 and once in
    /// it, and in the same loop calls `twice`, its own function that calls
    /// `get` twice: not a thin wrapper, so not a crossing of the loop's.
    const COMPONENT: &str = r#"
(component
  (import "test:x/io" (instance $io (export "get" (func (param "n" u32) (result u32)))))
  (alias export $io "get" (func $get))
  (core func $get_lowered (canon lower (func $get)))
  (core module $m
    (import "host" "get" (func $get (param i32) (result i32)))
    (func $twice (drop (call $get (i32.const 1))) (drop (call $get (i32.const 2))))
    (func (export "run") (result i32)
      (local $i i32)
      (drop (call $get (i32.const 0)))
      (loop $each
        (drop (call $get (local.get $i)))
        (call $twice)
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $each (i32.lt_u (local.get $i) (i32.const 8))))
      (i32.const 0)))
  (core instance $i (instantiate $m (with "host" (instance (export "get" (func $get_lowered))))))
  (func (export "run") (result u32) (canon lift (core func $i "run"))))
"#;

    fn facts() -> (Box<BinaryModel>, ImportGraph, crate::facts::Facts) {
        let bytes = wat::parse_str(COMPONENT).expect("valid component text");
        let path = std::path::Path::new("loops.wasm");
        let loaded = crate::load::identify("loops.wasm".into(), path, bytes.into()).unwrap();
        let limits = crate::load::Limits::default();
        let Ok(crate::model::Model::Binary(model)) = crate::model::build(&loaded, &limits) else {
            panic!("a component");
        };
        let graph = ImportGraph::build(&model);
        let facts = crate::facts::Facts::of(&model, &graph);
        (model, graph, facts)
    }

    #[test]
    fn only_the_loops_call_of_an_import_is_a_loop_call() {
        let (model, graph, facts) = facts();
        let calls = facts.loop_calls(&model, &graph);
        let [call] = calls else {
            panic!("one loop call, got {}", calls.len());
        };
        assert_eq!(call.callee, 0, "the imported get");
        assert_eq!(call.repetitions, Some((8, vec![8])));
        assert!(!call.conditional);
        assert_eq!(call.hosts, [(0, Vec::new())]);
        assert!(call.crossing.is_none());

        let lowerings = facts.loop_lowerings(&model);
        let [lowering] = lowerings else {
            panic!("one loop lowering, got {}", lowerings.len());
        };
        assert_eq!(lowering.offset, call.offset);
        let Lowered::Call {
            lowering: l,
            is_async: false,
        } = lowering.lowered
        else {
            panic!("a synchronous call");
        };
        assert!(matches!(
            model.linked.lowerings[l as usize].target,
            ComponentFuncRef::Host(0)
        ));
    }

    #[test]
    fn an_export_reaches_every_host_call_site_of_its_functions() {
        let (model, graph, facts) = facts();
        let exports = facts.exports(&model, &graph);
        let [export] = exports else {
            panic!("one export, got {}", exports.len());
        };
        assert!(export.label.starts_with("run"), "{}", export.label);
        // Before the loop, in it, and both of `twice`'s.
        assert_eq!(export.host_calls.len(), 4);
        assert!(export.host_calls.iter().all(|&(_, _, host)| host == 0));
        assert_eq!(
            graph.exports_reaching(0).collect::<Vec<_>>(),
            [export.label.as_str()]
        );
        assert_eq!(graph.exports_reaching(1).count(), 0);
    }
}
