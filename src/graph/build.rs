//! Building the graph: a node per function per instance, an edge per
//! call, lift, lowering and import link, and for indirect calls a
//! dispatch node per candidate set (table and signature).

use std::collections::{BTreeSet, HashMap};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use super::{Edge, EdgeKind, ImportGraph, MAX_PRECISE_FANOUT, Node, Root, SEARCH_BUDGET};
use crate::model::{
    BinaryModel, CallTarget, ComponentFuncRef, CoreFuncRef, ExportTarget, IndirectTargets,
};

/// A candidate set: the table (or any taken reference) and the signature.
type DispatchKey = (Option<(u32, u32)>, Option<crate::model::module_sig::SigKey>);

/// A table's possible targets, by core signature; `any_sig` holds targets
/// whose core type is unknown (lowerings, built-ins), which match any call.
#[derive(Default)]
struct SigBuckets {
    by_sig: HashMap<crate::model::module_sig::SigKey, Vec<CoreFuncRef>>,
    any_sig: Vec<CoreFuncRef>,
}

/// The graph under construction, with the indices that keep each node
/// unique; `build_within` moves what the queries need into `ImportGraph`.
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
