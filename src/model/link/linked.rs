//! The linked view of a binary: what each root import and export, module
//! instance, table and indirect call resolves to. The graph and every
//! rule read this; nothing here knows how it was worked out.

use std::collections::BTreeMap;

use super::decls::{CanonOptions, ItemKind};
use crate::model::module::{CallTarget, CoreModule};

/// A core function after linking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum CoreFuncRef {
    /// A function defined in a module instance.
    Defined { instance: u32, func: u32 },
    /// `canon lower` of a component function.
    Lowered(u32),
    /// A canonical built-in (`resource.drop`, `task.return`, …).
    Builtin(u32),
    /// A host function imported by a plain core module.
    Host(u32),
    /// Something whose code is not in the binary.
    Opaque(u32),
}

/// A component function after linking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum ComponentFuncRef {
    /// A function of an interface (or a bare function) the component imports.
    Host(u32),
    /// `canon lift` of a core function.
    Lifted(u32),
    Opaque(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ExportTarget {
    Component(ComponentFuncRef),
    Core(CoreFuncRef),
}

/// A table after linking: the module instance that defines it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct TableKey {
    pub(crate) instance: u32,
    pub(crate) table: u32,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct TableContents {
    /// Slots filled by active element segments with constant offsets:
    /// every function a slot holds at some time. Segments of one instance
    /// are applied before any of its code runs, so the last one to write a
    /// slot wins; a table shared between instances holds, in turn, what
    /// each instance wrote (a start function runs before later instances
    /// overwrite its slots), so a slot can hold several.
    pub(crate) slots: BTreeMap<u32, Vec<CoreFuncRef>>,
    /// Functions placed at offsets not known statically.
    pub(crate) floating: Vec<CoreFuncRef>,
    /// Written at run time (`table.set`, `table.grow`, …), by code
    /// wcaudit cannot see, or with values it does not evaluate (element
    /// items or initializers such as `global.get`): any function whose
    /// reference is taken may be in it.
    pub(crate) dynamic: bool,
}

/// Where an indirect call can go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum IndirectTargets {
    /// Exactly one function: a constant slot of a table nobody rewrites
    /// at run time, which only one function is ever written to.
    Exact(CoreFuncRef),
    /// Any function in this table (and, when the table is dynamic, any
    /// function whose reference is taken) with a matching signature.
    Table(TableKey),
    /// Any function whose reference is taken, with a matching signature.
    AnyRef,
    /// The table comes from outside what wcaudit can see.
    Opaque,
}

#[derive(Clone, Debug)]
pub(crate) struct ModuleInstance {
    pub(crate) module: usize,
    /// What each of the module's imports is bound to, in import order.
    pub(super) bindings: Vec<CoreItem>,
}

/// A core item an import can be bound to, as far as linking cares.
#[derive(Clone, Debug)]
pub(super) enum CoreItem {
    Func(CoreFuncRef),
    Table(Option<TableKey>),
    Other,
}

#[derive(Clone, Debug)]
pub(crate) struct Lowering {
    pub(crate) ctx: u32,
    pub(crate) target: ComponentFuncRef,
    /// The options as written; function indices are resolved below.
    pub(crate) options: CanonOptions,
    pub(crate) realloc: Option<CoreFuncRef>,
    pub(crate) offset: usize,
    /// The name its component knows the lowered function by: the import
    /// (`corpus:headers/fine@0.1.0#get-header`, or `get` for a bare
    /// function), when it came in through one.
    pub(crate) name: Option<String>,
    /// Which of the function's parameters and results are strings or
    /// lists, copied from one memory into the other on every call.
    pub(crate) copies: Copies,
}

/// What a call copies between memories: whether strings or lists appear
/// (at any depth) in the parameters and in the results of its type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Copies {
    pub(crate) params_string: bool,
    pub(crate) params_list: bool,
    pub(crate) results_string: bool,
    pub(crate) results_list: bool,
}

impl Copies {
    /// String copies per call: one for the parameters, one for the
    /// results, when they carry a string.
    pub(crate) fn strings(self) -> u32 {
        u32::from(self.params_string) + u32::from(self.results_string)
    }

    pub(crate) fn lists(self) -> u32 {
        u32::from(self.params_list) + u32::from(self.results_list)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Lifting {
    pub(crate) ctx: u32,
    pub(crate) core: CoreFuncRef,
    /// The options as written; function indices are resolved below.
    pub(crate) options: CanonOptions,
    pub(crate) realloc: Option<CoreFuncRef>,
    pub(crate) post_return: Option<CoreFuncRef>,
    pub(crate) callback: Option<CoreFuncRef>,
    pub(crate) offset: usize,
}

impl Lifting {
    /// Functions the host calls around the lifted call.
    pub(crate) fn helpers(&self) -> impl Iterator<Item = CoreFuncRef> + '_ {
        [self.realloc, self.post_return, self.callback]
            .into_iter()
            .flatten()
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Builtin {
    pub(crate) ctx: u32,
    pub(crate) name: &'static str,
    pub(crate) offset: usize,
}

/// A function reachable through a root import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HostFunc {
    /// Index into `Linked::imports`.
    pub(crate) import: usize,
    /// The function's name inside the imported instance; `None` when the
    /// import is the function itself.
    pub(crate) name: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct RootImport {
    pub(crate) name: String,
    pub(crate) kind: Option<ItemKind>,
    pub(crate) offset: usize,
    /// Functions the imported instance's type declares, with async-ness.
    pub(crate) declared_funcs: Vec<(String, bool)>,
    pub(crate) resources: Vec<String>,
    /// For core modules: the module namespace these imports come from.
    pub(crate) is_core: bool,
    /// The import's index among the root's instances (or functions), by
    /// which `describe_root_imports` finds its type.
    pub(super) instance_index: Option<u32>,
    pub(super) func_index: Option<u32>,
}

#[derive(Clone, Debug)]
pub(crate) struct RootExport {
    pub(crate) name: String,
    pub(crate) kind: ItemKind,
    pub(crate) offset: usize,
    /// The functions this export makes callable: `(function name inside an
    /// exported instance, target)`.
    pub(crate) funcs: Vec<(Option<String>, ExportTarget)>,
}

/// The linked view of a binary.
#[derive(Clone, Debug, Default)]
pub(crate) struct Linked {
    pub(crate) imports: Vec<RootImport>,
    pub(crate) exports: Vec<RootExport>,
    pub(crate) host_funcs: Vec<HostFunc>,
    pub(crate) instances: Vec<ModuleInstance>,
    /// Tree node of each component instance (context).
    pub(crate) contexts: Vec<usize>,
    pub(crate) lowerings: Vec<Lowering>,
    pub(crate) lifts: Vec<Lifting>,
    pub(crate) builtins: Vec<Builtin>,
    /// Entry points besides exports: start functions, resource destructors.
    pub(crate) extra_roots: Vec<(String, ExportTarget)>,
    pub(crate) tables: BTreeMap<TableKey, TableContents>,
    /// Every function whose reference is taken anywhere, sorted.
    pub(crate) ref_taken: Vec<CoreFuncRef>,
    /// Code wcaudit cannot see may write any table (a module not in the
    /// binary was instantiated, or a table import could not be resolved,
    /// so its writes land who knows where): no slot is known exactly, and
    /// any table may hold what that code puts there.
    pub(crate) tables_opaque: Option<CoreFuncRef>,
    /// Why something could not be resolved.
    pub(crate) opaque: Vec<String>,
}

impl Linked {
    /// Resolves a function index of a module instance: imported functions
    /// follow the instantiation arguments.
    pub(crate) fn resolve_func(
        &self,
        modules: &[CoreModule],
        instance: u32,
        func: u32,
    ) -> CoreFuncRef {
        let inst = &self.instances[instance as usize];
        let module = &modules[inst.module];
        match module.func_imports.get(func as usize) {
            Some(import) => match inst.bindings.get(*import as usize) {
                Some(CoreItem::Func(f)) => *f,
                _ => CoreFuncRef::Opaque(0),
            },
            None => CoreFuncRef::Defined { instance, func },
        }
    }

    pub(crate) fn resolve_table(
        &self,
        modules: &[CoreModule],
        instance: u32,
        table: u32,
    ) -> Option<TableKey> {
        let inst = &self.instances[instance as usize];
        let module = &modules[inst.module];
        match module.table_imports.get(table as usize) {
            Some(import) => match inst.bindings.get(*import as usize) {
                Some(CoreItem::Table(Some(key))) => Some(*key),
                _ => None,
            },
            None => Some(TableKey { instance, table }),
        }
    }

    /// Where an indirect call site can go.
    pub(crate) fn indirect_targets(
        &self,
        modules: &[CoreModule],
        instance: u32,
        target: CallTarget,
    ) -> IndirectTargets {
        match target {
            CallTarget::Direct(f) => {
                IndirectTargets::Exact(self.resolve_func(modules, instance, f))
            }
            CallTarget::Ref { .. } | CallTarget::Unmodelled(_) => IndirectTargets::AnyRef,
            CallTarget::Indirect { table, slot, .. } => {
                let Some(key) = self.resolve_table(modules, instance, table) else {
                    return IndirectTargets::Opaque;
                };
                let contents = self.tables.get(&key);
                let stable = self.tables_opaque.is_none()
                    && contents.is_none_or(|c| !c.dynamic && c.floating.is_empty());
                match (slot, stable) {
                    (Some(slot), true) => {
                        match contents.and_then(|c| c.slots.get(&slot)).map(Vec::as_slice) {
                            Some([only]) => IndirectTargets::Exact(*only),
                            // An empty slot traps: the call goes nowhere. A slot
                            // written with several functions holds each in turn.
                            _ => IndirectTargets::Table(key),
                        }
                    }
                    _ => IndirectTargets::Table(key),
                }
            }
        }
    }

    /// Human name of a host function: `wasi:io/streams@0.2.12#[method]output-stream.write`.
    pub(crate) fn host_func_name(&self, id: u32) -> String {
        let host = &self.host_funcs[id as usize];
        let import = &self.imports[host.import];
        match &host.name {
            Some(name) => format!("{}#{name}", import.name),
            None => import.name.clone(),
        }
    }

    pub(super) fn opaque_reason(&mut self, reason: String) -> u32 {
        if let Some(i) = self.opaque.iter().position(|r| *r == reason) {
            return i as u32;
        }
        self.opaque.push(reason);
        (self.opaque.len() - 1) as u32
    }
}

/// Fills in what each root import's type declares (function names,
/// async-ness, resources), from the validator's view of the root.
pub(in crate::model) fn describe_root_imports(
    linked: &mut Linked,
    types: &wasmparser::types::Types,
) {
    use wasmparser::component_types::{ComponentAnyTypeId, ComponentEntityType};
    for import in &mut linked.imports {
        if let Some(index) = import.instance_index {
            if index as usize >= types.component_instance_count() {
                continue;
            }
            let id = types.component_instance_at(index);
            for (name, item) in &types[id].exports {
                match &item.ty {
                    ComponentEntityType::Func(f) => {
                        import.declared_funcs.push((name.clone(), types[*f].async_));
                    }
                    ComponentEntityType::Type {
                        referenced: ComponentAnyTypeId::Resource(_),
                        ..
                    } => import.resources.push(name.clone()),
                    _ => {}
                }
            }
        } else if let Some(index) = import.func_index
            && index < types.component_function_count()
        {
            let f = types.component_function_at(index);
            import
                .declared_funcs
                .push((import.name.clone(), types[f].async_));
        }
    }
}
