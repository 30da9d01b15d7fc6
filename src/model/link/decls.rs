//! What parsing hands the linker: each component as its declarations,
//! in binary order, with the kinds of items they declare.

use std::collections::HashMap;

use wasmparser::{ComponentExternalKind, ComponentOuterAliasKind};

use crate::model::TreeNode;
use crate::model::module::CoreKind;

/// The kinds of component-level items, as far as linking cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Module,
    Func,
    Value,
    Type,
    Instance,
    Component,
}

impl ItemKind {
    pub(in crate::model) fn from_external(kind: ComponentExternalKind) -> Self {
        match kind {
            ComponentExternalKind::Module => ItemKind::Module,
            ComponentExternalKind::Func => ItemKind::Func,
            ComponentExternalKind::Value => ItemKind::Value,
            ComponentExternalKind::Type => ItemKind::Type,
            ComponentExternalKind::Instance => ItemKind::Instance,
            ComponentExternalKind::Component => ItemKind::Component,
        }
    }

    pub(in crate::model) fn from_outer(kind: ComponentOuterAliasKind) -> Self {
        match kind {
            ComponentOuterAliasKind::CoreModule => ItemKind::Module,
            ComponentOuterAliasKind::CoreType | ComponentOuterAliasKind::Type => ItemKind::Type,
            ComponentOuterAliasKind::Component => ItemKind::Component,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ItemKind::Module => "module",
            ItemKind::Func => "func",
            ItemKind::Value => "value",
            ItemKind::Type => "type",
            ItemKind::Instance => "instance",
            ItemKind::Component => "component",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CanonOptions {
    pub(crate) string_encoding: &'static str,
    pub(crate) memory: Option<u32>,
    pub(crate) realloc: Option<u32>,
    pub(crate) post_return: Option<u32>,
    pub(crate) is_async: bool,
    pub(crate) callback: Option<u32>,
    pub(crate) gc: bool,
}

impl Default for CanonOptions {
    fn default() -> Self {
        CanonOptions {
            string_encoding: "utf8",
            memory: None,
            realloc: None,
            post_return: None,
            is_async: false,
            callback: None,
            gc: false,
        }
    }
}

/// One declaration of a component, in binary order.
#[derive(Clone, Debug)]
pub(in crate::model) enum Decl {
    Import {
        name: String,
        kind: ItemKind,
        offset: usize,
    },
    Export {
        name: String,
        kind: ItemKind,
        index: u32,
        offset: usize,
    },
    Module(usize),
    Component(usize),
    CoreInstantiate {
        module: u32,
        args: Vec<(String, u32)>,
    },
    CoreInstanceFromExports(Vec<(String, CoreKind, u32)>),
    Instantiate {
        component: u32,
        args: Vec<(String, ItemKind, u32)>,
    },
    InstanceFromExports(Vec<(String, ItemKind, u32)>),
    AliasExport {
        kind: ItemKind,
        instance: u32,
        name: String,
    },
    AliasCoreExport {
        kind: CoreKind,
        instance: u32,
        name: String,
    },
    AliasOuter {
        kind: ItemKind,
        count: u32,
        index: u32,
    },
    Lift {
        core_func: u32,
        options: CanonOptions,
        offset: usize,
    },
    Lower {
        func: u32,
        options: CanonOptions,
        offset: usize,
        /// Filled in when the component's types are known, at its end.
        copies: super::linked::Copies,
    },
    Builtin {
        name: &'static str,
        offset: usize,
    },
    ResourceDtor(u32),
    Type,
    Start(u32),
}

/// A component definition: its tree node and declarations.
#[derive(Debug)]
pub(in crate::model) struct ComponentDef {
    pub(in crate::model) tree_node: usize,
    pub(in crate::model) decls: Vec<Decl>,
    pub(in crate::model) module_count: u32,
    pub(in crate::model) component_count: u32,
    /// Module index → module id, for modules defined in this component.
    defined_modules: HashMap<u32, usize>,
    /// Component index → definition id, for components defined here.
    defined_components: HashMap<u32, usize>,
}

impl ComponentDef {
    pub(in crate::model) fn new(tree_node: usize) -> Self {
        ComponentDef {
            tree_node,
            decls: Vec::new(),
            module_count: 0,
            component_count: 0,
            defined_modules: HashMap::new(),
            defined_components: HashMap::new(),
        }
    }

    pub(in crate::model) fn push(&mut self, decl: Decl) {
        let kind = match &decl {
            Decl::Module(id) => {
                self.defined_modules.insert(self.module_count, *id);
                Some(ItemKind::Module)
            }
            Decl::Component(id) => {
                self.defined_components.insert(self.component_count, *id);
                Some(ItemKind::Component)
            }
            Decl::Import { kind, .. }
            | Decl::Export { kind, .. }
            | Decl::AliasExport { kind, .. }
            | Decl::AliasOuter { kind, .. } => Some(*kind),
            _ => None,
        };
        match kind {
            Some(ItemKind::Module) => self.module_count += 1,
            Some(ItemKind::Component) => self.component_count += 1,
            _ => {}
        }
        self.decls.push(decl);
    }

    /// Instance index → the index of the component it instantiates, for
    /// the instances this component creates by instantiation.
    pub(in crate::model) fn instantiated_components(&self) -> HashMap<u32, u32> {
        let mut out = HashMap::new();
        let mut instances = 0u32;
        for decl in &self.decls {
            match decl {
                Decl::Instantiate { component, .. } => {
                    out.insert(instances, *component);
                    instances += 1;
                }
                Decl::InstanceFromExports(_) => instances += 1,
                Decl::Import { kind, .. }
                | Decl::Export { kind, .. }
                | Decl::AliasExport { kind, .. }
                | Decl::AliasOuter { kind, .. }
                    if *kind == ItemKind::Instance =>
                {
                    instances += 1;
                }
                _ => {}
            }
        }
        out
    }

    pub(in crate::model) fn module_node(&self, index: u32, tree: &[TreeNode]) -> Option<usize> {
        let module = *self.defined_modules.get(&index)?;
        tree.iter().position(|n| n.module == Some(module))
    }

    pub(in crate::model) fn component_node(
        &self,
        index: u32,
        defs: &[ComponentDef],
    ) -> Option<usize> {
        self.defined_components
            .get(&index)
            .map(|def| defs[*def].tree_node)
    }
}
