//! Questions asked of a built graph: which imported functions each export
//! reaches and by what path, which functions an export can run, and
//! every function of every import with how it is reached.

use std::collections::{BTreeSet, HashMap, VecDeque};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::{EdgeKind, HostReach, ImportGraph, Node, Reach, Step};
use crate::model::{BinaryModel, CoreFuncRef};

impl ImportGraph {
    /// Shortest-path search from every root, in three passes of growing
    /// edge tiers, so each host function gets the most certain way in.
    pub(super) fn compute_reach(
        &mut self,
        model: &BinaryModel,
        search_budget: usize,
    ) -> Vec<HostReach> {
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
                let function = self.core_function(pair[1]);
                steps.push(Step {
                    label,
                    raw,
                    via,
                    function,
                });
            }
        }
        if let Some(first) = chain.first().and_then(|n| self.node_label(model, *n)) {
            steps.insert(
                0,
                Step {
                    label: first,
                    raw: chain.first().and_then(|n| self.node_raw_label(model, *n)),
                    via: "",
                    function: chain.first().and_then(|n| self.core_function(*n)),
                },
            );
        }
        steps
    }

    fn core_function(&self, node: NodeIndex) -> Option<(u32, u32)> {
        match self.graph[node] {
            Node::Core { instance, func } => Some((instance, func)),
            _ => None,
        }
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

    /// Which host functions the code of `seeds` can call: a forward search
    /// over every edge (indirect candidates included, so that the answer
    /// over-approximates) that enters a core function only when `may_enter`
    /// allows it. Indexed by host function.
    pub(crate) fn hosts_reached_from(
        &self,
        seeds: impl IntoIterator<Item = NodeIndex>,
        may_enter: impl Fn(u32, u32) -> bool,
    ) -> Vec<bool> {
        let mut reached = vec![false; self.host_nodes.len()];
        let mut visited = vec![false; self.graph.node_count()];
        let mut stack: Vec<NodeIndex> = seeds.into_iter().collect();
        for seed in &stack {
            visited[seed.index()] = true;
        }
        while let Some(node) = stack.pop() {
            for next in self.graph.neighbors_directed(node, Direction::Outgoing) {
                if visited[next.index()] {
                    continue;
                }
                match self.graph[next] {
                    Node::Host(h) => reached[h as usize] = true,
                    Node::Core { instance, func } if !may_enter(instance, func) => continue,
                    Node::Root(_) => continue,
                    _ => {}
                }
                visited[next.index()] = true;
                stack.push(next);
            }
        }
        reached
    }

    /// The nodes of every defined core function, with its instance and
    /// index.
    pub(crate) fn core_functions(&self) -> impl Iterator<Item = (u32, u32, NodeIndex)> + '_ {
        self.graph
            .node_indices()
            .filter_map(|n| match self.graph[n] {
                Node::Core { instance, func } => Some((instance, func, n)),
                _ => None,
            })
    }

    pub(crate) fn host_reach(&self, host: u32) -> &HostReach {
        &self.hosts[host as usize]
    }

    /// The labels of the exported functions whose calls can reach host
    /// function `host`, best tier first (none for a host function there is
    /// not).
    pub(crate) fn exports_reaching(&self, host: u32) -> impl Iterator<Item = &str> {
        self.hosts
            .get(host as usize)
            .into_iter()
            .flat_map(|reach| &reach.roots)
            .map(|(r, _)| &self.roots[*r as usize])
            .filter(|root| root.is_export)
            .map(|root| root.label.as_str())
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

    /// The lowerings `start`'s calls reach through exact or few-candidate
    /// edges without passing through a lowering `stop` accepts, which are
    /// returned but not entered: the calls one component makes into
    /// others before any of them runs.
    pub(crate) fn crossings_below(&self, start: Node, stop: impl Fn(u32) -> bool) -> Vec<u32> {
        let Some(&start) = self.index.get(&start) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            if !seen.insert(node) {
                continue;
            }
            if let Node::Lower(l) = self.graph[node]
                && node != start
                && stop(l)
            {
                found.push(l);
                continue;
            }
            for edge in self.graph.edges_directed(node, Direction::Outgoing) {
                if edge.weight().tier < 2 {
                    queue.push_back(edge.target());
                }
            }
        }
        found.sort_unstable();
        found
    }

    /// The lowerings the code of `seeds` calls through exactly known
    /// calls, without going past a lowering (what the callee does is its
    /// own task's): each with the last core function outside shims on the
    /// way, which makes the call.
    pub(crate) fn lowerings_below(
        &self,
        model: &BinaryModel,
        seeds: &[(u32, u32)],
    ) -> Vec<(u32, (u32, u32))> {
        let mut found = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut queue: VecDeque<(NodeIndex, (u32, u32))> = seeds
            .iter()
            .filter_map(|&(instance, func)| {
                Some((self.core_node(instance, func)?, (instance, func)))
            })
            .collect();
        while let Some((node, caller)) = queue.pop_front() {
            if !seen.insert(node) {
                continue;
            }
            let caller = match self.graph[node] {
                Node::Lower(l) => {
                    found.push((l, caller));
                    continue;
                }
                Node::Core { instance, func } => {
                    let m = model.linked.instances[instance as usize].module;
                    if model.modules[m].is_trampoline_only() {
                        caller
                    } else {
                        (instance, func)
                    }
                }
                Node::Root(_) => continue,
                _ => caller,
            };
            for edge in self.graph.edges_directed(node, Direction::Outgoing) {
                if edge.weight().tier == 0 {
                    queue.push_back((edge.target(), caller));
                }
            }
        }
        found.sort_unstable();
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
