//! Model: what one input is, built with wasmparser (binaries), wit-parser
//! (WIT) and wit-component (the WIT world of a component). The model knows
//! the component tree, every core module's functions and call sites, and,
//! after linking, which core function each import and export resolves to.

mod link;
mod module;
mod observed;
mod parse;
mod skeleton;
mod symbol;
mod wit;
mod world;

use std::collections::BTreeSet;

#[cfg(all(test, feature = "replay"))]
pub(crate) use link::IGNORE_ELEMENT_SEGMENTS;
pub(crate) use link::{
    ComponentFuncRef, Copies, CoreFuncRef, ExportTarget, IndirectTargets, ItemKind, Linked,
};
#[cfg(all(test, feature = "replay"))]
pub(crate) use module::IGNORE_LOOP_DISTURBANCES;
#[cfg(all(test, feature = "replay"))]
pub(crate) use module::MISCOUNT_LOOPS;
pub(crate) use module::{CallTarget, CoreModule};
pub(crate) use observed::{Observed, ObservedCalls};
#[cfg(feature = "replay")]
pub(crate) use symbol::{printable as printable_name, readable as readable_symbol};
pub(crate) use wit::{WitLocation, WitModel};
pub(crate) use world::{DeclaredWorld, WorldEntry, WorldSummary, render_signature};

use crate::load::{InputError, InputKind, Limits, Loaded};

/// Everything wcaudit knows about one input.
pub(crate) enum Model {
    Binary(Box<BinaryModel>),
    Wit(Box<WitModel>),
}

#[cfg(test)]
pub(crate) use skeleton::leb;
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) use wit::from_text as wit_from_text;
pub(crate) use world::contain_decoding_panics;
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) use world::skeleton_agrees;
#[cfg(feature = "replay")]
pub(crate) use world::{PastDeadline, until_deadline};

/// Builds the model of one loaded input.
pub(crate) fn build(input: &Loaded, limits: &Limits) -> Result<Model, InputError> {
    match input.kind {
        InputKind::Wit => wit::load(input).map(|w| Model::Wit(Box::new(w))),
        InputKind::Component | InputKind::CoreModule => {
            let parsed = parse::parse_binary(input, limits).map_err(|mut e| {
                // Offsets in text inputs point into the compiled binary.
                if input.from_text && e.offset.is_some() {
                    e.message
                        .push_str(" (offset in the binary compiled from this text)");
                }
                e
            })?;
            Ok(match parsed {
                parse::Parsed::Binary(b) => Model::Binary(b),
                parse::Parsed::WitPackage(resolve, package) => Model::Wit(Box::new(
                    wit::from_package(input.display.clone(), *resolve, package),
                )),
            })
        }
    }
}

/// A component or core module binary, parsed, validated and linked.
pub(crate) struct BinaryModel {
    pub(crate) file: String,
    pub(crate) size: usize,
    pub(crate) is_component: bool,
    /// Every component and core module, outermost first (pre-order).
    pub(crate) tree: Vec<TreeNode>,
    pub(crate) modules: Vec<CoreModule>,
    pub(crate) linked: Linked,
    /// The component's WIT world as wit-component decodes it.
    pub(crate) world: Option<WorldSummary>,
    /// The worlds of nested components whose functions other components
    /// of the binary call, by tree node.
    pub(crate) providers: std::collections::BTreeMap<usize, WorldSummary>,
    /// The world the outermost component declares in a `component-type`
    /// custom section, if it carries one.
    pub(crate) declared: Option<DeclaredWorld>,
    /// Component-model features beyond the WASI 0.2 baseline that the
    /// binary uses (a host must enable them to run it).
    pub(crate) features: BTreeSet<&'static str>,
    /// Things the model could not work out, said plainly.
    pub(crate) notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NodeKind {
    Component,
    Module,
}

/// One component or core module in the nesting tree.
#[derive(Clone, Debug)]
pub(crate) struct TreeNode {
    pub(crate) kind: NodeKind,
    pub(crate) parent: Option<usize>,
    /// Index in the parent's component or core-module index space.
    pub(crate) index: u32,
    pub(crate) depth: u32,
    pub(crate) offset: usize,
    pub(crate) size: usize,
    pub(crate) name: Option<String>,
    pub(crate) producers: Vec<Producer>,
    /// For modules, the index into `BinaryModel::modules`.
    pub(crate) module: Option<usize>,
}

/// One entry of a `producers` custom section.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Producer {
    /// `language`, `processed-by` or `sdk`.
    pub(crate) field: String,
    pub(crate) name: String,
    pub(crate) version: String,
}

impl BinaryModel {
    /// A readable path from the outer component to a tree node, e.g.
    /// `component → module "wit-component:adapter:wasi_snapshot_preview1"`.
    pub(crate) fn tree_path(&self, node: usize) -> Vec<String> {
        let mut chain = Vec::new();
        let mut cursor = Some(node);
        while let Some(i) = cursor {
            chain.push(self.node_label(i));
            cursor = self.tree[i].parent;
        }
        chain.reverse();
        chain
    }

    pub(crate) fn node_label(&self, node: usize) -> String {
        let n = &self.tree[node];
        let what = match n.kind {
            NodeKind::Component if n.parent.is_none() => return "component".into(),
            NodeKind::Module if n.parent.is_none() => return "module".into(),
            NodeKind::Component => "component",
            NodeKind::Module => "module",
        };
        match &n.name {
            Some(name) => format!("{what} {name}"),
            None => format!("{what} #{}", n.index),
        }
    }

    /// The short name of a module for paths: its name, or `module #N`.
    pub(crate) fn module_label(&self, module: usize) -> String {
        self.node_label(self.modules[module].tree_node)
    }

    /// Every producer recorded anywhere in the binary, deduplicated.
    pub(crate) fn all_producers(&self) -> BTreeSet<&Producer> {
        self.tree.iter().flat_map(|n| n.producers.iter()).collect()
    }

    /// Whether tree node `node` is `ancestor` or nested inside it.
    pub(crate) fn is_within(&self, node: usize, ancestor: usize) -> bool {
        let mut cursor = Some(node);
        while let Some(i) = cursor {
            if i == ancestor {
                return true;
            }
            cursor = self.tree[i].parent;
        }
        false
    }

    /// The producers recorded for a tree node and the components around it.
    pub(crate) fn producers_of(&self, node: usize) -> impl Iterator<Item = &Producer> {
        std::iter::successors(Some(node), |i| self.tree[*i].parent)
            .flat_map(|i| self.tree[i].producers.iter())
    }

    pub(crate) fn max_depth(&self) -> u32 {
        self.tree.iter().map(|n| n.depth).max().unwrap_or(0)
    }

    pub(crate) fn count(&self, kind: NodeKind) -> usize {
        self.tree.iter().filter(|n| n.kind == kind).count()
    }
}

pub(crate) use link::TableKey;

/// Signatures of indirect call targets, compared across modules.
pub(crate) mod module_sig {
    use super::module::FuncSig;
    use super::{BinaryModel, CoreFuncRef, CoreModule};

    pub(crate) type SigKey = FuncSig;

    pub(crate) fn key(module: &CoreModule, ty: u32) -> Option<SigKey> {
        module.types.get(ty as usize).cloned().flatten()
    }

    /// The core signature of a defined function; `None` when wcaudit does
    /// not know it (lowerings, built-ins, host functions).
    pub(crate) fn of(model: &BinaryModel, f: CoreFuncRef) -> Option<&SigKey> {
        let CoreFuncRef::Defined { instance, func } = f else {
            return None;
        };
        model.modules[model.linked.instances[instance as usize].module].func_sig(func)
    }
}
