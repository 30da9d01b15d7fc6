//! The import graph: exports, core functions, lifts, lowerings and
//! imported functions as petgraph nodes; calls, lifts, lowers and
//! import links as edges, across module and component boundaries. It
//! answers, for every export, which imported functions it can reach and
//! by what path, and says "indeterminate" where static analysis cannot
//! decide.

mod refuted;

use std::collections::{BTreeSet, HashMap, VecDeque};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{
    BinaryModel, CallTarget, ComponentFuncRef, CoreFuncRef, ExportTarget, IndirectTargets,
};

pub(crate) use refuted::refuted_unreachable;

/// An indirect call whose candidate set is larger than this is treated
/// as undecidable: the path through it says nothing useful.
const MAX_PRECISE_FANOUT: usize = 64;

/// Edge visits allowed for the per-export searches together (a few seconds
/// of work): a graph shared by very many exports stops being searched
/// export by export, and what is left unreached becomes indeterminate.
const SEARCH_BUDGET: usize = 400_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Node {
    /// An entry point: index into `ImportGraph::roots`.
    Root(u32),
    Core {
        instance: u32,
        func: u32,
    },
    Lift(u32),
    Lower(u32),
    Builtin(u32),
    /// A host function: index into `Linked::host_funcs`.
    Host(u32),
    /// The candidate set of an indirect call.
    Dispatch(u32),
    Opaque(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EdgeKind {
    /// An export or entry point calls into the component.
    Entry,
    Call,
    /// A call to a function the module imports.
    CallImport,
    Lift,
    Lower,
    /// A function the host calls around a lifted or lowered call
    /// (realloc, post-return, async callback).
    Helper,
    /// A `call_indirect` or `call_ref` to its candidate set.
    Indirect,
    /// From a candidate set to one candidate.
    Candidate,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    pub(crate) kind: EdgeKind,
    /// 0: exact; 1: one of a few indirect candidates; 2: undecidable.
    pub(crate) tier: u8,
}

/// How an import is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Reach {
    /// Through calls whose targets are known exactly.
    Direct,
    /// Only through indirect calls resolved by type to a few candidates.
    Indirect,
    /// Static analysis cannot decide (large indirect dispatch, code not in
    /// the binary, an embedded interpreter).
    Indeterminate,
    Unreachable,
}

impl Reach {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Reach::Direct => "reached",
            Reach::Indirect => "reached-indirectly",
            Reach::Indeterminate => "indeterminate",
            Reach::Unreachable => "unreachable",
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Root {
    /// `wasi:cli/run@0.2.12#run`, `run`, or `core start function`.
    pub(crate) label: String,
    pub(crate) is_export: bool,
}

/// One step of an example path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) label: String,
    /// `label` with the raw name-section symbol, when `label` shows it
    /// demangled or escaped.
    pub(crate) raw: Option<String>,
    /// How the previous step got here.
    pub(crate) via: &'static str,
}

/// The labels of a path's steps, as shown.
pub(crate) fn shown_path(steps: &[Step]) -> Vec<String> {
    steps.iter().map(|s| s.label.clone()).collect()
}

/// The labels of a path's steps with raw symbols, or nothing when every
/// step shows its raw name already.
pub(crate) fn raw_path(steps: &[Step]) -> Vec<String> {
    if steps.iter().all(|s| s.raw.is_none()) {
        return Vec::new();
    }
    steps
        .iter()
        .map(|s| s.raw.as_ref().unwrap_or(&s.label).clone())
        .collect()
}

/// What reaches one host function.
#[derive(Clone, Debug)]
pub(crate) struct HostReach {
    pub(crate) reach: Reach,
    /// Roots that reach it, best tier first.
    pub(crate) roots: Vec<(u32, Reach)>,
    /// One shortest path from the best root, at the best tier.
    pub(crate) path: Vec<Step>,
    /// Tree nodes of the modules whose code calls the import.
    pub(crate) imported_by: BTreeSet<usize>,
}

pub(crate) struct ImportGraph {
    pub(crate) graph: DiGraph<Node, Edge>,
    /// Dense node index of core functions: `core_base[instance] + func`.
    core_base: Vec<usize>,
    core_nodes: Vec<Option<NodeIndex>>,
    /// Every other node by identity.
    index: HashMap<Node, NodeIndex>,
    pub(crate) roots: Vec<Root>,
    root_nodes: Vec<NodeIndex>,
    host_nodes: Vec<NodeIndex>,
    pub(crate) hosts: Vec<HostReach>,
    /// Why some reachability is indeterminate, if anything is.
    pub(crate) indeterminate_reasons: BTreeSet<String>,
    /// Exports whose search the budget left out.
    searches_cut_short: usize,
    /// Per node, the root index of its nearest export (computed on first use).
    nearest_export: std::sync::OnceLock<Vec<u32>>,
}

/// A candidate set: the table (or any taken reference) and the signature.
type DispatchKey = (Option<(u32, u32)>, Option<crate::model::module_sig::SigKey>);

/// A table's possible targets, by core signature; `any_sig` holds targets
/// whose core type is unknown (lowerings, built-ins), which match any call.
#[derive(Default)]
struct SigBuckets {
    by_sig: HashMap<crate::model::module_sig::SigKey, Vec<CoreFuncRef>>,
    any_sig: Vec<CoreFuncRef>,
}

struct Builder<'m> {
    model: &'m BinaryModel,
    graph: DiGraph<Node, Edge>,
    index: HashMap<Node, NodeIndex>,
    dispatch: HashMap<DispatchKey, NodeIndex>,
    buckets: HashMap<Option<(u32, u32)>, SigBuckets>,
    /// Dense node index of core functions: `core_base[instance] + func`.
    core_base: Vec<usize>,
    core_nodes: Vec<Option<NodeIndex>>,
    dispatch_count: u32,
    reasons: BTreeSet<String>,
    /// Every function whose reference is taken, whatever its signature,
    /// reached through edges of the undecidable tier: where code runs that
    /// wcaudit does not follow.
    any_taken: Option<NodeIndex>,
}

impl ImportGraph {
    pub(crate) fn build(model: &BinaryModel) -> ImportGraph {
        Self::build_within(model, SEARCH_BUDGET)
    }

    /// `build` with `search_budget` edge visits for the per-export
    /// searches, so that tests can spend it on a small graph.
    pub(crate) fn build_within(model: &BinaryModel, search_budget: usize) -> ImportGraph {
        let mut b = Builder {
            model,
            graph: DiGraph::new(),
            index: HashMap::new(),
            dispatch: HashMap::new(),
            buckets: HashMap::new(),
            core_base: Vec::new(),
            core_nodes: Vec::new(),
            dispatch_count: 0,
            reasons: BTreeSet::new(),
            any_taken: None,
        };
        let linked = &model.linked;
        let mut total = 0;
        for instance in &linked.instances {
            b.core_base.push(total);
            total += model.modules[instance.module].func_types.len();
        }
        b.core_nodes = vec![None; total];
        let host_nodes: Vec<NodeIndex> = (0..linked.host_funcs.len() as u32)
            .map(|h| b.node(Node::Host(h)))
            .collect();
        let mut roots = Vec::new();
        let mut root_nodes = Vec::new();
        for export in &linked.exports {
            for (func, target) in &export.funcs {
                let label = match func {
                    Some(f) => format!("{}#{f}", export.name),
                    None => export.name.clone(),
                };
                let root = b.node(Node::Root(roots.len() as u32));
                roots.push(Root {
                    label,
                    is_export: true,
                });
                root_nodes.push(root);
                let target = b.target(*target);
                b.edge(root, target, EdgeKind::Entry, 0);
            }
        }
        for (label, target) in &linked.extra_roots {
            let root = b.node(Node::Root(roots.len() as u32));
            roots.push(Root {
                label: label.clone(),
                is_export: false,
            });
            root_nodes.push(root);
            let target = b.target(*target);
            b.edge(root, target, EdgeKind::Entry, 0);
        }
        b.add_calls();
        let mut graph = ImportGraph {
            graph: b.graph,
            core_base: b.core_base,
            core_nodes: b.core_nodes,
            index: b.index,
            roots,
            root_nodes,
            host_nodes,
            hosts: Vec::new(),
            indeterminate_reasons: b.reasons,
            searches_cut_short: 0,
            nearest_export: std::sync::OnceLock::new(),
        };
        graph.hosts = graph.compute_reach(model, search_budget);
        graph
    }

    /// Shortest-path search from every root, in three passes of growing
    /// edge tiers, so each host function gets the most certain way in.
    fn compute_reach(&mut self, model: &BinaryModel, search_budget: usize) -> Vec<HostReach> {
        let n = self.graph.node_count();
        let mut hosts: Vec<HostReach> = self
            .host_nodes
            .iter()
            .map(|_| HostReach {
                reach: Reach::Unreachable,
                roots: Vec::new(),
                path: Vec::new(),
                imported_by: BTreeSet::new(),
            })
            .collect();
        let host_of: HashMap<NodeIndex, usize> = self
            .host_nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, i))
            .collect();
        let mut any_opaque_reached = false;
        let mut parent = vec![NodeIndex::end(); n];
        let mut seen = vec![u8::MAX; n];
        // The nodes one root's search touched, in visiting order: resetting
        // and re-seeding go through them, not through the whole graph, so
        // the cost is the sum of what each export reaches.
        let mut touched: Vec<NodeIndex> = Vec::new();
        let mut queue = VecDeque::new();
        let mut work = 0usize;
        for (r, &root) in self.root_nodes.iter().enumerate() {
            if work > search_budget {
                self.searches_cut_short = self.root_nodes.len() - r;
                break;
            }
            for node in touched.drain(..) {
                seen[node.index()] = u8::MAX;
            }
            for tier in 0..=2u8 {
                queue.clear();
                // Every node already seen seeds this pass, so paths found in
                // earlier passes are kept.
                if tier == 0 {
                    seen[root.index()] = 0;
                    touched.push(root);
                    queue.push_back(root);
                } else {
                    queue.extend(touched.iter().copied());
                }
                while let Some(node) = queue.pop_front() {
                    for edge in self.graph.edges_directed(node, Direction::Outgoing) {
                        work += 1;
                        if edge.weight().tier > tier {
                            continue;
                        }
                        let next = edge.target();
                        if seen[next.index()] != u8::MAX {
                            continue;
                        }
                        seen[next.index()] = tier;
                        parent[next.index()] = node;
                        touched.push(next);
                        queue.push_back(next);
                    }
                }
            }
            // Each host appears once per search, so the order does not
            // matter here.
            for &idx in &touched {
                let level = seen[idx.index()];
                match self.graph[idx] {
                    Node::Opaque(_) => any_opaque_reached = true,
                    Node::Host(_) => {
                        let h = host_of[&idx];
                        let reach = match level {
                            0 => Reach::Direct,
                            1 => Reach::Indirect,
                            _ => Reach::Indeterminate,
                        };
                        let host = &mut hosts[h];
                        host.roots.push((r as u32, reach));
                        if reach < host.reach {
                            host.reach = reach;
                            host.path = self.path_to(model, &parent, root, idx);
                        }
                    }
                    _ => {}
                }
            }
        }
        if self.searches_cut_short > 0 {
            // Imports no finished search reached may still be reached from
            // the exports left unsearched: never call them unused.
            self.indeterminate_reasons.insert(format!(
                "the graph is too large to search from every export ({} of {} searched), \
                 so imports not yet reached cannot be proven unused",
                self.root_nodes.len() - self.searches_cut_short,
                self.root_nodes.len()
            ));
            for host in &mut hosts {
                if host.reach == Reach::Unreachable {
                    host.reach = Reach::Indeterminate;
                }
            }
        }
        if any_opaque_reached {
            self.indeterminate_reasons.insert(
                "an export reaches code that is not in the binary, so no import can be proven unused"
                    .into(),
            );
            for host in &mut hosts {
                if host.reach == Reach::Unreachable {
                    host.reach = Reach::Indeterminate;
                }
            }
        }
        for host in &mut hosts {
            host.roots.sort_by_key(|(r, reach)| (*reach, *r));
        }
        // Which modules' code calls each import (through shims).
        for (h, &node) in self.host_nodes.iter().enumerate() {
            hosts[h].imported_by = self.callers_through_shims(model, node);
        }
        hosts
    }

    fn path_to(
        &self,
        model: &BinaryModel,
        parent: &[NodeIndex],
        root: NodeIndex,
        target: NodeIndex,
    ) -> Vec<Step> {
        let mut chain = vec![target];
        let mut cursor = target;
        while cursor != root && chain.len() <= self.graph.node_count() {
            cursor = parent[cursor.index()];
            if cursor == NodeIndex::end() {
                break;
            }
            chain.push(cursor);
        }
        chain.reverse();
        let mut steps = Vec::new();
        for pair in chain.windows(2) {
            let edge = self
                .graph
                .find_edge(pair[0], pair[1])
                .map(|e| self.graph[e].kind);
            let via = match edge {
                Some(EdgeKind::Entry) => "entry",
                Some(EdgeKind::Call) => "call",
                Some(EdgeKind::CallImport) => "call import",
                Some(EdgeKind::Lift) => "lift",
                Some(EdgeKind::Lower) => "lower",
                Some(EdgeKind::Helper) => "canonical ABI helper",
                Some(EdgeKind::Indirect) => "call_indirect",
                Some(EdgeKind::Candidate) => "candidate",
                None => "?",
            };
            if let Some(label) = self.node_label(model, pair[1]) {
                let raw = self.node_raw_label(model, pair[1]);
                steps.push(Step { label, raw, via });
            }
        }
        if let Some(first) = chain.first().and_then(|n| self.node_label(model, *n)) {
            steps.insert(
                0,
                Step {
                    label: first,
                    raw: chain.first().and_then(|n| self.node_raw_label(model, *n)),
                    via: "",
                },
            );
        }
        steps
    }

    /// A readable name for a node; `None` for plumbing nodes that add
    /// nothing to a path (lifts, lowerings, dispatch sets).
    pub(crate) fn node_label(&self, model: &BinaryModel, node: NodeIndex) -> Option<String> {
        let linked = &model.linked;
        Some(match self.graph[node] {
            Node::Root(r) => format!("export {}", self.roots[r as usize].label),
            Node::Core { instance, func } => {
                let m = linked.instances[instance as usize].module;
                if model.modules[m].is_trampoline_only() {
                    return None;
                }
                format!(
                    "{}: {}",
                    model.module_label(m),
                    model.modules[m].func_label(func)
                )
            }
            Node::Host(h) => format!("import {}", linked.host_func_name(h)),
            Node::Builtin(b) => format!("canon {}", linked.builtins[b as usize].name),
            Node::Opaque(o) => format!(
                "opaque ({})",
                linked
                    .opaque
                    .get(o as usize)
                    .map_or("unknown", String::as_str)
            ),
            Node::Lift(_) | Node::Lower(_) | Node::Dispatch(_) => return None,
        })
    }

    /// `node_label` with the function's raw name-section symbol, when the
    /// label shows it otherwise.
    fn node_raw_label(&self, model: &BinaryModel, node: NodeIndex) -> Option<String> {
        let Node::Core { instance, func } = self.graph[node] else {
            return None;
        };
        let m = model.linked.instances[instance as usize].module;
        let raw = model.modules[m].func_symbol(func)?;
        Some(format!("{}: {raw}", model.module_label(m)))
    }

    /// Tree nodes of modules whose code calls an import that forwards
    /// (through lowerings and single-call shim functions) to `host`.
    fn callers_through_shims(&self, model: &BinaryModel, host: NodeIndex) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let mut frontier = vec![(host, 0u8)];
        let mut visited = std::collections::HashSet::new();
        while let Some((node, hops)) = frontier.pop() {
            if !visited.insert(node) {
                continue;
            }
            for edge in self.graph.edges_directed(node, Direction::Incoming) {
                let source = edge.source();
                match (self.graph[source], edge.weight().kind) {
                    (Node::Lower(_) | Node::Dispatch(_), _) => frontier.push((source, hops)),
                    (Node::Core { instance, func }, kind) => {
                        let m = model.linked.instances[instance as usize].module;
                        let module = &model.modules[m];
                        let is_shim = module.body(func).is_some_and(|b| b.calls.len() == 1)
                            && kind != EdgeKind::CallImport
                            && hops < 3;
                        if is_shim && module.is_trampoline_only() {
                            frontier.push((source, hops + 1));
                        } else {
                            out.insert(module.tree_node);
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    pub(crate) fn host_reach(&self, host: u32) -> &HostReach {
        &self.hosts[host as usize]
    }

    /// The node of a function defined in a module instance, if it has one.
    pub(crate) fn core_node(&self, instance: u32, func: u32) -> Option<NodeIndex> {
        let slot = self.core_base.get(instance as usize)? + func as usize;
        self.core_nodes.get(slot).copied().flatten()
    }

    /// The node a core function reference stands for.
    pub(crate) fn func_node(&self, f: CoreFuncRef) -> Option<NodeIndex> {
        match f {
            CoreFuncRef::Defined { instance, func } => self.core_node(instance, func),
            CoreFuncRef::Host(h) => self.host_nodes.get(h as usize).copied(),
            CoreFuncRef::Lowered(l) => self.index.get(&Node::Lower(l)).copied(),
            CoreFuncRef::Builtin(_) | CoreFuncRef::Opaque(_) => None,
        }
    }

    /// Host functions reachable from `start` through exactly known calls,
    /// at most `max_depth` calls deep, each with the modules crossed on the
    /// way (shims left out).
    pub(crate) fn hosts_below(
        &self,
        model: &BinaryModel,
        start: NodeIndex,
        max_depth: usize,
    ) -> Vec<(u32, Vec<usize>)> {
        let mut found: Vec<(u32, Vec<usize>)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut queue = VecDeque::from([(start, 0usize, Vec::<usize>::new())]);
        while let Some((node, depth, crossed)) = queue.pop_front() {
            if !seen.insert(node) {
                continue;
            }
            if let Node::Host(h) = self.graph[node] {
                found.push((h, crossed));
                continue;
            }
            if depth >= max_depth {
                continue;
            }
            for edge in self.graph.edges_directed(node, Direction::Outgoing) {
                if edge.weight().tier > 0 {
                    continue;
                }
                let next = edge.target();
                let mut crossed = crossed.clone();
                if let Node::Core { instance, .. } = self.graph[next] {
                    let m = model.linked.instances[instance as usize].module;
                    let tree = model.modules[m].tree_node;
                    if !model.modules[m].is_trampoline_only() && !crossed.contains(&tree) {
                        crossed.push(tree);
                    }
                }
                queue.push_back((next, depth + 1, crossed));
            }
        }
        // Breadth-first order: the nearest host calls come first.
        found
    }

    /// For each exported function: the core functions its calls reach
    /// through exactly known edges, as (instance, function).
    pub(crate) fn functions_per_export(&self) -> Vec<(String, Vec<(u32, u32)>)> {
        let mut out = Vec::new();
        for (r, root) in self.roots.iter().enumerate() {
            if !root.is_export {
                continue;
            }
            let mut seen = std::collections::HashSet::new();
            let mut queue = VecDeque::from([self.root_nodes[r]]);
            let mut functions = Vec::new();
            while let Some(node) = queue.pop_front() {
                if !seen.insert(node) {
                    continue;
                }
                if let Node::Core { instance, func } = self.graph[node] {
                    functions.push((instance, func));
                }
                for edge in self.graph.edges_directed(node, Direction::Outgoing) {
                    if edge.weight().tier == 0 {
                        queue.push_back(edge.target());
                    }
                }
            }
            out.push((root.label.clone(), functions));
        }
        out
    }

    /// The export whose calls reach `node` in the fewest steps (the first
    /// such export on ties).
    pub(crate) fn nearest_export(&self, node: NodeIndex) -> Option<&str> {
        let nearest = self.nearest_export.get_or_init(|| self.nearest_exports());
        let root = *nearest.get(node.index())?;
        (root != u32::MAX).then(|| self.roots[root as usize].label.as_str())
    }

    /// One breadth-first search from all exports at once: every node gets
    /// its nearest export in time linear in the graph, however many rules
    /// ask.
    fn nearest_exports(&self) -> Vec<u32> {
        let mut nearest = vec![u32::MAX; self.graph.node_count()];
        let mut queue = VecDeque::new();
        for (r, &node) in self.root_nodes.iter().enumerate() {
            if self.roots[r].is_export && nearest[node.index()] == u32::MAX {
                nearest[node.index()] = r as u32;
                queue.push_back(node);
            }
        }
        while let Some(node) = queue.pop_front() {
            let root = nearest[node.index()];
            for next in self.graph.neighbors_directed(node, Direction::Outgoing) {
                if nearest[next.index()] == u32::MAX {
                    nearest[next.index()] = root;
                    queue.push_back(next);
                }
            }
        }
        nearest
    }
}

impl Builder<'_> {
    fn node(&mut self, node: Node) -> NodeIndex {
        if let Node::Core { instance, func } = node {
            let slot = self.core_base[instance as usize] + func as usize;
            if let Some(i) = self.core_nodes[slot] {
                return i;
            }
            let i = self.graph.add_node(node);
            self.core_nodes[slot] = Some(i);
            return i;
        }
        if let Some(i) = self.index.get(&node) {
            return *i;
        }
        let i = self.graph.add_node(node);
        self.index.insert(node, i);
        i
    }

    fn edge(&mut self, from: NodeIndex, to: NodeIndex, kind: EdgeKind, tier: u8) {
        self.graph.add_edge(from, to, Edge { kind, tier });
    }

    fn target(&mut self, target: ExportTarget) -> NodeIndex {
        match target {
            ExportTarget::Component(f) => self.component_func(f),
            ExportTarget::Core(f) => self.core_func(f),
        }
    }

    fn component_func(&mut self, f: ComponentFuncRef) -> NodeIndex {
        match f {
            ComponentFuncRef::Host(h) => self.node(Node::Host(h)),
            ComponentFuncRef::Lifted(l) => self.node(Node::Lift(l)),
            ComponentFuncRef::Opaque(o) => self.opaque(o),
        }
    }

    fn core_func(&mut self, f: CoreFuncRef) -> NodeIndex {
        match f {
            CoreFuncRef::Defined { instance, func } => self.node(Node::Core { instance, func }),
            CoreFuncRef::Lowered(l) => self.node(Node::Lower(l)),
            CoreFuncRef::Builtin(b) => self.node(Node::Builtin(b)),
            CoreFuncRef::Host(h) => self.node(Node::Host(h)),
            CoreFuncRef::Opaque(o) => self.opaque(o),
        }
    }

    fn opaque(&mut self, o: u32) -> NodeIndex {
        if let Some(reason) = self.model.linked.opaque.get(o as usize) {
            self.reasons.insert(reason.clone());
        }
        self.node(Node::Opaque(o))
    }

    /// Adds lift/lower edges and every call edge of every module instance.
    fn add_calls(&mut self) {
        let model = self.model;
        let linked = &model.linked;
        for (l, lift) in linked.lifts.iter().enumerate() {
            let from = self.node(Node::Lift(l as u32));
            let to = self.core_func(lift.core);
            self.edge(from, to, EdgeKind::Lift, 0);
            for helper in lift.helpers() {
                let to = self.core_func(helper);
                self.edge(from, to, EdgeKind::Helper, 0);
            }
        }
        for (b, builtin) in linked.builtins.iter().enumerate() {
            // These built-ins call back into the component, through a
            // function reference or a table slot chosen at run time.
            if matches!(
                builtin.name,
                "thread.spawn-ref" | "thread.spawn-indirect" | "thread.new-indirect"
            ) {
                let from = self.node(Node::Builtin(b as u32));
                let to = self.any_taken(format!(
                    "the built-in `{}` runs a function chosen at run time",
                    builtin.name
                ));
                self.edge(from, to, EdgeKind::Indirect, 2);
            }
        }
        for (l, lowering) in linked.lowerings.iter().enumerate() {
            let from = self.node(Node::Lower(l as u32));
            let to = self.component_func(lowering.target);
            self.edge(from, to, EdgeKind::Lower, 0);
            if let Some(realloc) = lowering.realloc {
                let to = self.core_func(realloc);
                self.edge(from, to, EdgeKind::Helper, 0);
            }
        }
        for instance in 0..linked.instances.len() as u32 {
            let module = &model.modules[linked.instances[instance as usize].module];
            let imported = module.num_imported_funcs();
            for (i, body) in module.bodies.iter().enumerate() {
                let func = imported + i as u32;
                let from = self.node(Node::Core { instance, func });
                for site in &body.calls {
                    match site.target {
                        CallTarget::Direct(callee) => {
                            let target = linked.resolve_func(&model.modules, instance, callee);
                            let to = self.core_func(target);
                            let kind = if callee < imported {
                                EdgeKind::CallImport
                            } else {
                                EdgeKind::Call
                            };
                            self.edge(from, to, kind, 0);
                        }
                        CallTarget::Unmodelled(what) => {
                            let to = self.any_taken(what.reason().to_string());
                            self.edge(from, to, EdgeKind::Indirect, 2);
                        }
                        CallTarget::Indirect { ty, .. } | CallTarget::Ref { ty } => {
                            let sig = crate::model::module_sig::key(module, ty);
                            match linked.indirect_targets(&model.modules, instance, site.target) {
                                IndirectTargets::Exact(target) => {
                                    let to = self.core_func(target);
                                    self.edge(from, to, EdgeKind::Indirect, 0);
                                }
                                IndirectTargets::Table(key) => {
                                    let (to, tier) =
                                        self.dispatch(Some((key.instance, key.table)), sig);
                                    self.edge(from, to, EdgeKind::Indirect, tier);
                                }
                                IndirectTargets::AnyRef => {
                                    let (to, tier) = self.dispatch(None, sig);
                                    self.edge(from, to, EdgeKind::Indirect, tier);
                                }
                                IndirectTargets::Opaque => {
                                    self.reasons.insert(
                                        "an indirect call goes through a table wcaudit cannot see"
                                            .into(),
                                    );
                                    let to = self.node(Node::Opaque(u32::MAX));
                                    self.edge(from, to, EdgeKind::Indirect, 2);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The node standing for "any function whose reference is taken", for
    /// control transfers wcaudit does not model; `reason` says which.
    fn any_taken(&mut self, reason: String) -> NodeIndex {
        self.reasons.insert(reason);
        if let Some(node) = self.any_taken {
            return node;
        }
        let node = self.node(Node::Dispatch(self.dispatch_count));
        self.dispatch_count += 1;
        self.any_taken = Some(node);
        for f in self.model.linked.ref_taken.clone() {
            let to = self.core_func(f);
            self.edge(node, to, EdgeKind::Candidate, 2);
        }
        node
    }

    /// Functions an indirect call through `table` (or through any taken
    /// reference) with signature `sig` can reach. Each table's contents are
    /// deduplicated and bucketed by signature once, on first use.
    fn candidates(
        &mut self,
        table: Option<(u32, u32)>,
        sig: Option<&crate::model::module_sig::SigKey>,
    ) -> Vec<CoreFuncRef> {
        let model = self.model;
        let buckets = self.buckets.entry(table).or_insert_with(|| {
            let linked = &model.linked;
            let mut all: Vec<CoreFuncRef> = Vec::new();
            let mut include_refs = table.is_none();
            if let Some((instance, t)) = table
                && let Some(c) = linked
                    .tables
                    .get(&crate::model::TableKey { instance, table: t })
            {
                all.extend(c.slots.values().flatten().copied());
                all.extend(c.floating.iter().copied());
                include_refs = c.dynamic;
            }
            include_refs |= linked.tables_opaque.is_some();
            if include_refs {
                all.extend(linked.ref_taken.iter().copied());
            }
            all.sort();
            all.dedup();
            let mut buckets = SigBuckets::default();
            for f in all {
                match crate::model::module_sig::of(model, f) {
                    Some(s) => buckets.by_sig.entry(s.clone()).or_default().push(f),
                    None => buckets.any_sig.push(f),
                }
            }
            buckets
        });
        let mut out: Vec<CoreFuncRef> = match sig {
            Some(sig) => buckets.by_sig.get(sig).cloned().unwrap_or_default(),
            None => buckets.by_sig.values().flatten().copied().collect(),
        };
        out.extend(buckets.any_sig.iter().copied());
        out.sort();
        out
    }

    /// The candidate set of an indirect call through `table` (or through
    /// any taken reference) with signature `sig`, created once.
    fn dispatch(
        &mut self,
        table: Option<(u32, u32)>,
        sig: Option<crate::model::module_sig::SigKey>,
    ) -> (NodeIndex, u8) {
        let key = (table, sig.clone());
        if let Some(node) = self.dispatch.get(&key) {
            let tier = self
                .graph
                .edges_directed(*node, Direction::Outgoing)
                .next()
                .map_or(1, |e| e.weight().tier);
            return (*node, tier);
        }
        let candidates = self.candidates(table, sig.as_ref());
        let tier = if candidates.len() > MAX_PRECISE_FANOUT {
            2
        } else {
            1
        };
        let node = self.node(Node::Dispatch(self.dispatch_count));
        self.dispatch_count += 1;
        self.dispatch.insert(key, node);
        if tier == 2 {
            self.reasons.insert(format!(
                "indirect calls choose among more than {MAX_PRECISE_FANOUT} functions"
            ));
        }
        for f in candidates {
            let to = self.core_func(f);
            self.edge(node, to, EdgeKind::Candidate, tier);
        }
        (node, tier)
    }
}

/// One function of one root import, with how it is reached.
#[derive(Clone, Debug)]
pub(crate) struct ImportFunction {
    /// Index into `Linked::imports`.
    pub(crate) import: usize,
    /// The function's name inside the imported instance; `None` for a
    /// bare imported function.
    pub(crate) name: Option<String>,
    /// The host function node, if the component lowers this function at
    /// all. A declared function that is never lowered cannot be called.
    pub(crate) host: Option<u32>,
    pub(crate) reach: Reach,
}

impl ImportGraph {
    /// Every function of every import, declared or used, in import order
    /// then name order.
    pub(crate) fn import_functions(&self, model: &BinaryModel) -> Vec<ImportFunction> {
        let linked = &model.linked;
        let mut by_import: Vec<std::collections::BTreeMap<Option<String>, Option<u32>>> =
            vec![Default::default(); linked.imports.len()];
        for (i, import) in linked.imports.iter().enumerate() {
            for (name, _) in &import.declared_funcs {
                let key = if import.kind == Some(crate::model::ItemKind::Func) {
                    None
                } else {
                    Some(name.clone())
                };
                by_import[i].entry(key).or_insert(None);
            }
        }
        for (h, host) in linked.host_funcs.iter().enumerate() {
            by_import[host.import].insert(host.name.clone(), Some(h as u32));
        }
        let mut out = Vec::new();
        for (import, funcs) in by_import.into_iter().enumerate() {
            for (name, host) in funcs {
                let reach = match host {
                    Some(h) => self.hosts[h as usize].reach,
                    None => Reach::Unreachable,
                };
                out.push(ImportFunction {
                    import,
                    name,
                    host,
                    reach,
                });
            }
        }
        out
    }
}
