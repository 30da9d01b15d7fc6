//! The import graph: exports, core functions, lifts, lowerings and
//! imported functions as petgraph nodes; calls, lifts, lowers and
//! import links as edges, across module and component boundaries. It
//! answers, for every export, which imported functions it can reach and
//! by what path, and says "indeterminate" where static analysis cannot
//! decide.

mod build;
mod queries;
mod refuted;

use std::collections::{BTreeSet, HashMap};

use petgraph::graph::{DiGraph, NodeIndex};

pub(crate) use self::queries::ImportFunction;
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
    /// The core function (instance, index) the step is, if it is one:
    /// later stages say whose code it is.
    pub(crate) function: Option<(u32, u32)>,
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
