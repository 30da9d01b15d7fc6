//! `wcaudit graph`: the import graph collapsed to exports → core module
//! instances → imported interfaces, drawn as Mermaid, Graphviz dot or
//! JSON. Lifts, lowerings and indirect-call sets are folded into the
//! edges they connect.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::graph::{ImportGraph, Node, Reach};
use crate::model::BinaryModel;

#[derive(Serialize)]
pub(crate) struct GraphView {
    pub(crate) nodes: Vec<ViewNode>,
    pub(crate) edges: Vec<ViewEdge>,
    /// Per export that calls from one component into another inside the
    /// binary: the longest chain of boundaries one call crosses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) crossings: Vec<super::imports_view::CrossingsRow>,
}

#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ViewNode {
    pub(crate) id: String,
    pub(crate) kind: &'static str,
    pub(crate) label: String,
    /// For interfaces: the best reach of any of its functions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reach: Option<&'static str>,
}

#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ViewEdge {
    pub(crate) from: String,
    pub(crate) to: String,
    /// True when only indirect calls connect the two.
    pub(crate) indirect: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Collapsed {
    Root(u32),
    Instance(u32),
    Interface(usize),
}

pub(crate) fn build(model: &BinaryModel, graph: &ImportGraph) -> GraphView {
    let g = &graph.graph;
    // A module whose functions only forward a call is a shim unless a
    // component lifts one of them: then it implements an export (a link of
    // a `wac plug` chain that passes each call on), and is drawn.
    let lifted: HashSet<u32> = model
        .linked
        .lifts
        .iter()
        .filter_map(|l| match l.core {
            crate::model::CoreFuncRef::Defined { instance, .. } => Some(instance),
            _ => None,
        })
        .collect();
    let collapse = |n: NodeIndex| match g[n] {
        Node::Root(r) => Some(Collapsed::Root(r)),
        Node::Core { instance, .. } => {
            let m = model.linked.instances[instance as usize].module;
            // Shim modules are folded into the edges they forward.
            (!model.modules[m].is_trampoline_only() || lifted.contains(&instance))
                .then_some(Collapsed::Instance(instance))
        }
        Node::Host(h) => Some(Collapsed::Interface(
            model.linked.host_funcs[h as usize].import,
        )),
        _ => None,
    };
    let mut edges: BTreeMap<(Collapsed, Collapsed), bool> = BTreeMap::new();
    for node in g.node_indices() {
        let Some(from) = collapse(node) else { continue };
        // Walk through plumbing nodes to the next collapsed ones.
        let mut stack = vec![(node, false)];
        let mut seen = HashSet::new();
        while let Some((n, indirect)) = stack.pop() {
            for e in g.edges_directed(n, Direction::Outgoing) {
                let target = e.target();
                let indirect = indirect || e.weight().tier > 0;
                match collapse(target) {
                    Some(to) if to != from => {
                        let entry = edges.entry((from, to)).or_insert(indirect);
                        *entry &= indirect;
                    }
                    Some(_) => {}
                    None => {
                        if seen.insert(target) {
                            stack.push((target, indirect));
                        }
                    }
                }
            }
        }
    }
    let id = |c: Collapsed| match c {
        Collapsed::Root(r) => format!("e{r}"),
        Collapsed::Instance(i) => format!("m{i}"),
        Collapsed::Interface(i) => format!("i{i}"),
    };
    let mut used: BTreeSet<Collapsed> = BTreeSet::new();
    for (from, to) in edges.keys() {
        used.insert(*from);
        used.insert(*to);
    }
    for r in 0..graph.roots.len() as u32 {
        used.insert(Collapsed::Root(r));
    }
    for i in 0..model.linked.imports.len() {
        used.insert(Collapsed::Interface(i));
    }
    let mut interface_reach: BTreeMap<usize, Reach> = BTreeMap::new();
    for f in graph.import_functions(model) {
        let entry = interface_reach
            .entry(f.import)
            .or_insert(Reach::Unreachable);
        *entry = (*entry).min(f.reach);
    }
    let nodes = used
        .into_iter()
        .map(|c| match c {
            Collapsed::Root(r) => ViewNode {
                id: id(c),
                kind: "export",
                label: graph.roots[r as usize].label.clone(),
                reach: None,
            },
            Collapsed::Instance(i) => {
                let m = model.linked.instances[i as usize].module;
                ViewNode {
                    id: id(c),
                    kind: "module",
                    label: model.module_label(m),
                    reach: None,
                }
            }
            Collapsed::Interface(i) => ViewNode {
                id: id(c),
                kind: "import",
                label: model.linked.imports[i].name.clone(),
                reach: interface_reach.get(&i).map(|r| r.as_str()),
            },
        })
        .collect();
    let edges = edges
        .into_iter()
        .map(|((from, to), indirect)| ViewEdge {
            from: id(from),
            to: id(to),
            indirect,
        })
        .collect();
    let crossings = super::imports_view::CrossingsRow::rows(
        model,
        &crate::facts::loops::export_crossings(model, graph),
    );
    GraphView {
        nodes,
        edges,
        crossings,
    }
}

pub(crate) fn mermaid(view: &GraphView) -> String {
    let mut out = String::from("flowchart LR\n");
    for n in &view.nodes {
        let label = crate::untrusted::mermaid(&n.label);
        let shape = match n.kind {
            "export" => format!("{}([\"{label}\"])", n.id),
            "module" => format!("{}[\"{label}\"]", n.id),
            _ => format!("{}{{{{\"{label}\"}}}}", n.id),
        };
        out.push_str(&format!("  {shape}\n"));
    }
    for e in &view.edges {
        let arrow = if e.indirect { "-.->" } else { "-->" };
        out.push_str(&format!("  {} {arrow} {}\n", e.from, e.to));
    }
    for n in &view.nodes {
        if n.reach == Some("unreachable") {
            out.push_str(&format!("  class {} unreachable\n", n.id));
        }
    }
    out.push_str("  classDef unreachable stroke-dasharray: 5 5,color:#888\n");
    out
}

pub(crate) fn dot(view: &GraphView) -> String {
    let mut out = String::from("digraph imports {\n  rankdir=LR;\n");
    for n in &view.nodes {
        let shape = match n.kind {
            "export" => "oval",
            "module" => "box",
            _ => "hexagon",
        };
        let style = if n.reach == Some("unreachable") {
            ", style=dashed, fontcolor=gray"
        } else {
            ""
        };
        out.push_str(&format!(
            "  {} [label=\"{}\", shape={shape}{style}];\n",
            n.id,
            crate::untrusted::dot(&n.label)
        ));
    }
    for e in &view.edges {
        let style = if e.indirect { " [style=dashed]" } else { "" };
        out.push_str(&format!("  {} -> {}{style};\n", e.from, e.to));
    }
    out.push_str("}\n");
    out
}

pub(crate) fn json(view: &GraphView) -> String {
    let mut text =
        crate::untrusted::json(serde_json::to_string_pretty(view).expect("graph serializes"));
    text.push('\n');
    text
}
