//! Linking: interprets each component's declarations the way a host
//! instantiates it, so that every lowered import, lifted export, core
//! instance and table resolves to concrete functions. This is what answers
//! "which inner module brought in this import" and lets the graph follow a
//! call from an app module through an adapter to a WASI import.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use wasmparser::{ComponentExternalKind, ComponentOuterAliasKind};

use super::module::{CallTarget, CoreKind, CoreModule, ElemItem};
use crate::load::Limits;

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
    pub(super) fn from_external(kind: ComponentExternalKind) -> Self {
        match kind {
            ComponentExternalKind::Module => ItemKind::Module,
            ComponentExternalKind::Func => ItemKind::Func,
            ComponentExternalKind::Value => ItemKind::Value,
            ComponentExternalKind::Type => ItemKind::Type,
            ComponentExternalKind::Instance => ItemKind::Instance,
            ComponentExternalKind::Component => ItemKind::Component,
        }
    }

    pub(super) fn from_outer(kind: ComponentOuterAliasKind) -> Self {
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
pub(super) enum Decl {
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
pub(super) struct ComponentDef {
    pub(super) tree_node: usize,
    pub(super) decls: Vec<Decl>,
    pub(super) module_count: u32,
    pub(super) component_count: u32,
    /// Module index → module id, for modules defined in this component.
    defined_modules: HashMap<u32, usize>,
    /// Component index → definition id, for components defined here.
    defined_components: HashMap<u32, usize>,
}

impl ComponentDef {
    pub(super) fn new(tree_node: usize) -> Self {
        ComponentDef {
            tree_node,
            decls: Vec::new(),
            module_count: 0,
            component_count: 0,
            defined_modules: HashMap::new(),
            defined_components: HashMap::new(),
        }
    }

    pub(super) fn push(&mut self, decl: Decl) {
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

    pub(super) fn module_node(&self, index: u32, tree: &[super::TreeNode]) -> Option<usize> {
        let module = *self.defined_modules.get(&index)?;
        tree.iter().position(|n| n.module == Some(module))
    }

    pub(super) fn component_node(&self, index: u32, defs: &[ComponentDef]) -> Option<usize> {
        self.defined_components
            .get(&index)
            .map(|def| defs[*def].tree_node)
    }
}

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
    bindings: Vec<CoreItem>,
}

#[derive(Clone, Debug)]
pub(crate) struct Lowering {
    pub(crate) ctx: u32,
    pub(crate) target: ComponentFuncRef,
    /// The options as written; function indices are resolved below.
    pub(crate) options: CanonOptions,
    pub(crate) realloc: Option<CoreFuncRef>,
    pub(crate) offset: usize,
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
    instance_index: Option<u32>,
    func_index: Option<u32>,
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

    fn opaque_reason(&mut self, reason: String) -> u32 {
        if let Some(i) = self.opaque.iter().position(|r| *r == reason) {
            return i as u32;
        }
        self.opaque.push(reason);
        (self.opaque.len() - 1) as u32
    }
}

#[derive(Clone, Debug)]
enum CoreItem {
    Func(CoreFuncRef),
    Table(Option<TableKey>),
    Other,
}

#[derive(Clone, Debug)]
enum CoreInst {
    Module(u32),
    Exports(Rc<Vec<(String, CoreItem)>>),
    Opaque,
}

#[derive(Clone, Debug)]
enum Item {
    Func(ComponentFuncRef),
    Instance(Inst),
    Module(Option<usize>),
    Component(Option<(usize, u32)>),
    Other,
}

#[derive(Clone, Debug)]
enum Inst {
    Host(usize),
    Ctx(u32),
    Exports(Rc<Vec<(String, Item)>>),
    Opaque,
}

#[derive(Default)]
struct Ctx {
    parent: Option<u32>,
    funcs: Vec<ComponentFuncRef>,
    core_funcs: Vec<CoreFuncRef>,
    core_instances: Vec<CoreInst>,
    core_tables: Vec<Option<TableKey>>,
    modules: Vec<Option<usize>>,
    components: Vec<Option<(usize, u32)>>,
    instances: Vec<Inst>,
    exports: Vec<(String, Item)>,
}

/// A component instance whose declarations are being evaluated.
struct Open {
    def: usize,
    ctx: u32,
    /// The declaration evaluated next.
    next: usize,
    /// What its instantiation binds its imports to.
    args: Vec<(String, Item)>,
}

/// A component instantiation to evaluate before the declaration that asks
/// for it is done.
struct Enter {
    def: usize,
    /// The lexical parent: the instance the definition was declared in.
    parent: u32,
    args: Vec<(String, Item)>,
}

struct Linker<'a> {
    defs: &'a [ComponentDef],
    modules: &'a [CoreModule],
    limits: &'a Limits,
    ctxs: Vec<Ctx>,
    out: Linked,
    host_index: HashMap<(usize, Option<String>), u32>,
}

/// Links a component: instantiates the root with its imports left to the
/// host, and every nested component and module as the binary says.
pub(super) fn link_component(
    defs: &[ComponentDef],
    modules: &[CoreModule],
    limits: &Limits,
) -> Result<Linked, String> {
    let mut linker = Linker {
        defs,
        modules,
        limits,
        ctxs: Vec::new(),
        out: Linked::default(),
        host_index: HashMap::new(),
    };
    let root = linker.instantiate(0, None, Vec::new())?;
    let exports = std::mem::take(&mut linker.ctxs[root as usize].exports);
    let export_offsets: Vec<usize> = defs[0]
        .decls
        .iter()
        .filter_map(|d| match d {
            Decl::Export { offset, .. } => Some(*offset),
            _ => None,
        })
        .collect();
    for (i, (name, item)) in exports.into_iter().enumerate() {
        let offset = export_offsets.get(i).copied().unwrap_or(0);
        let (kind, funcs) = linker.export_funcs(&item);
        linker.out.exports.push(RootExport {
            name,
            kind,
            offset,
            funcs,
        });
    }
    linker.finish_tables();
    Ok(linker.out)
}

/// A plain core module: one instance whose imports all come from the host.
pub(super) fn link_core_module(module: &CoreModule) -> Result<Linked, String> {
    let mut out = Linked::default();
    let mut bindings = Vec::with_capacity(module.imports.len());
    let mut namespaces: Vec<String> = Vec::new();
    for import in &module.imports {
        let ns = match namespaces.iter().position(|n| *n == import.module) {
            Some(i) => i,
            None => {
                namespaces.push(import.module.clone());
                out.imports.push(RootImport {
                    name: import.module.clone(),
                    kind: None,
                    offset: import.offset,
                    is_core: true,
                    ..RootImport::default()
                });
                namespaces.len() - 1
            }
        };
        bindings.push(match import.kind {
            CoreKind::Func => {
                out.host_funcs.push(HostFunc {
                    import: ns,
                    name: Some(import.name.clone()),
                });
                out.imports[ns]
                    .declared_funcs
                    .push((import.name.clone(), false));
                CoreItem::Func(CoreFuncRef::Host((out.host_funcs.len() - 1) as u32))
            }
            CoreKind::Table => CoreItem::Table(None),
            _ => CoreItem::Other,
        });
    }
    out.contexts.push(0);
    out.instances.push(ModuleInstance {
        module: 0,
        bindings,
    });
    for export in &module.exports {
        if export.kind == CoreKind::Func {
            let target = out.resolve_func(std::slice::from_ref(module), 0, export.index);
            out.exports.push(RootExport {
                name: export.name.clone(),
                kind: ItemKind::Func,
                offset: 0,
                funcs: vec![(None, ExportTarget::Core(target))],
            });
        }
    }
    if let Some(start) = module.start {
        let target = out.resolve_func(std::slice::from_ref(module), 0, start);
        out.extra_roots
            .push(("start function".into(), ExportTarget::Core(target)));
    }
    let modules = std::slice::from_ref(module);
    let mut linker = Linker {
        defs: &[],
        modules,
        limits: &Limits::default(),
        ctxs: Vec::new(),
        out,
        host_index: HashMap::new(),
    };
    linker.finish_tables();
    // The host can write an exported table.
    for export in &module.exports {
        if export.kind == CoreKind::Table
            && let Some(key) = linker.out.resolve_table(modules, 0, export.index)
        {
            linker.out.tables.entry(key).or_default().dynamic = true;
        }
    }
    // A host that shares a table or a reference global with the module can
    // hand it a reference to any function the module imports: each may
    // then be called through a reference without the module taking it.
    let is_ref_global = |index: u32| module.ref_globals.get(index as usize) == Some(&true);
    let mut globals = 0u32;
    let mut shares_refs = module.exports.iter().any(|e| {
        e.kind == CoreKind::Table || (e.kind == CoreKind::Global && is_ref_global(e.index))
    });
    for import in &module.imports {
        match import.kind {
            CoreKind::Table => shares_refs = true,
            CoreKind::Global => {
                shares_refs |= is_ref_global(globals);
                globals += 1;
            }
            _ => {}
        }
    }
    if shares_refs {
        let out = &mut linker.out;
        out.ref_taken
            .extend((0..out.host_funcs.len() as u32).map(CoreFuncRef::Host));
        out.ref_taken.sort();
        out.ref_taken.dedup();
    }
    Ok(linker.out)
}

impl Linker<'_> {
    fn opaque_core(&mut self, reason: String) -> CoreFuncRef {
        CoreFuncRef::Opaque(self.out.opaque_reason(reason))
    }

    /// Marks every table as possibly written by code wcaudit cannot see,
    /// with what that code may put there.
    fn tables_opaque(&mut self, reason: &str) {
        if self.out.tables_opaque.is_none() {
            self.out.tables_opaque = Some(self.opaque_core(reason.to_string()));
        }
    }

    fn host_func(&mut self, import: usize, name: Option<&str>) -> ComponentFuncRef {
        let key = (import, name.map(str::to_string));
        if let Some(id) = self.host_index.get(&key) {
            return ComponentFuncRef::Host(*id);
        }
        let id = self.out.host_funcs.len() as u32;
        self.out.host_funcs.push(HostFunc {
            import,
            name: key.1.clone(),
        });
        self.host_index.insert(key, id);
        ComponentFuncRef::Host(id)
    }

    /// Instantiates definition `def` and, depth first, every component it
    /// instantiates. Nesting costs no native stack: the instances being
    /// evaluated are a stack of their own, whose only bound is the instance
    /// limit (wasmparser's 1,000 components and modules per binary bound
    /// only how deep definitions nest, not how deep instantiation goes).
    fn instantiate(
        &mut self,
        def: usize,
        parent: Option<u32>,
        args: Vec<(String, Item)>,
    ) -> Result<u32, String> {
        let root = self.new_ctx(def, parent)?;
        let mut open = vec![Open {
            def,
            ctx: root,
            next: 0,
            args,
        }];
        // Borrowed apart from `self`, which evaluating changes.
        let defs = self.defs;
        loop {
            let is_root = parent.is_none() && open.len() == 1;
            let Some(top) = open.last_mut() else { break };
            let Some(decl) = defs[top.def].decls.get(top.next) else {
                let done = top.ctx;
                open.pop();
                if let Some(outer) = open.last_mut() {
                    self.ctxs[outer.ctx as usize]
                        .instances
                        .push(Inst::Ctx(done));
                    outer.next += 1;
                }
                continue;
            };
            match self.eval(top.ctx, decl, is_root, &top.args)? {
                None => top.next += 1,
                // The declaration is done when the child is.
                Some(Enter { def, parent, args }) => {
                    let ctx = self.new_ctx(def, Some(parent))?;
                    open.push(Open {
                        def,
                        ctx,
                        next: 0,
                        args,
                    });
                }
            }
        }
        Ok(root)
    }

    /// A new, empty component instance (context) of definition `def`.
    fn new_ctx(&mut self, def: usize, parent: Option<u32>) -> Result<u32, String> {
        if self.ctxs.len() + self.out.instances.len() >= self.limits.max_instances {
            return Err(format!(
                "more than {} component and module instances: over the instance limit",
                self.limits.max_instances
            ));
        }
        self.limits.check_time()?;
        let id = self.ctxs.len() as u32;
        self.ctxs.push(Ctx {
            parent,
            ..Ctx::default()
        });
        self.out.contexts.push(self.defs[def].tree_node);
        Ok(id)
    }

    /// Evaluates one declaration in `ctx`; a component instantiation is
    /// handed back to [`Linker::instantiate`] to be evaluated in turn.
    fn eval(
        &mut self,
        ctx: u32,
        decl: &Decl,
        is_root: bool,
        args: &[(String, Item)],
    ) -> Result<Option<Enter>, String> {
        let c = ctx as usize;
        match decl {
            Decl::Import { name, kind, offset } => {
                let item = if is_root {
                    self.root_import(ctx, name, *kind, *offset)
                } else {
                    args.iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, item)| item.clone())
                        .unwrap_or(Item::Other)
                };
                self.add_item(ctx, *kind, item);
            }
            Decl::Export {
                name, kind, index, ..
            } => {
                let item = self.item(ctx, *kind, *index);
                self.ctxs[c].exports.push((name.clone(), item.clone()));
                self.add_item(ctx, *kind, item);
            }
            Decl::Module(id) => self.ctxs[c].modules.push(Some(*id)),
            Decl::Component(id) => self.ctxs[c].components.push(Some((*id, ctx))),
            Decl::CoreInstantiate { module, args } => {
                let inst = match self.ctxs[c]
                    .modules
                    .get(*module as usize)
                    .copied()
                    .flatten()
                {
                    Some(module) => self.instantiate_module(ctx, module, args)?,
                    None => {
                        self.tables_opaque(
                            "a core module not in the binary is instantiated, and may write \
                             tables and take references wcaudit cannot see",
                        );
                        CoreInst::Opaque
                    }
                };
                self.ctxs[c].core_instances.push(inst);
            }
            Decl::CoreInstanceFromExports(exports) => {
                let items = exports
                    .iter()
                    .map(|(name, kind, index)| (name.clone(), self.core_item(ctx, *kind, *index)))
                    .collect();
                self.ctxs[c]
                    .core_instances
                    .push(CoreInst::Exports(Rc::new(items)));
            }
            Decl::Instantiate {
                component,
                args: inst_args,
            } => {
                let target = self.ctxs[c]
                    .components
                    .get(*component as usize)
                    .copied()
                    .flatten();
                match target {
                    Some((def, parent)) => {
                        let args = inst_args
                            .iter()
                            .map(|(name, kind, index)| {
                                (name.clone(), self.item(ctx, *kind, *index))
                            })
                            .collect();
                        return Ok(Some(Enter { def, parent, args }));
                    }
                    None => self.ctxs[c].instances.push(Inst::Opaque),
                }
            }
            Decl::InstanceFromExports(exports) => {
                let items = exports
                    .iter()
                    .map(|(name, kind, index)| (name.clone(), self.item(ctx, *kind, *index)))
                    .collect();
                self.ctxs[c].instances.push(Inst::Exports(Rc::new(items)));
            }
            Decl::AliasExport {
                kind,
                instance,
                name,
            } => {
                let inst = self.ctxs[c].instances.get(*instance as usize).cloned();
                let item = match inst {
                    Some(inst) => self.instance_export(&inst, *kind, name),
                    None => Item::Other,
                };
                self.add_item(ctx, *kind, item);
            }
            Decl::AliasCoreExport {
                kind,
                instance,
                name,
            } => {
                let inst = self.ctxs[c].core_instances.get(*instance as usize).cloned();
                let item = match inst {
                    Some(CoreInst::Module(mi)) => self.module_export(mi, name),
                    Some(CoreInst::Exports(items)) => items
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, i)| i.clone())
                        .unwrap_or(CoreItem::Other),
                    _ => match kind {
                        CoreKind::Func => CoreItem::Func(self.opaque_core(
                            "a core instance whose module is not in the binary".into(),
                        )),
                        _ => CoreItem::Table(None),
                    },
                };
                match (kind, item) {
                    (CoreKind::Func, CoreItem::Func(f)) => self.ctxs[c].core_funcs.push(f),
                    (CoreKind::Func, _) => {
                        let f =
                            self.opaque_core(format!("core export `{name}` could not be resolved"));
                        self.ctxs[c].core_funcs.push(f);
                    }
                    (CoreKind::Table, CoreItem::Table(t)) => self.ctxs[c].core_tables.push(t),
                    (CoreKind::Table, _) => self.ctxs[c].core_tables.push(None),
                    _ => {}
                }
            }
            Decl::AliasOuter { kind, count, index } => {
                let mut target = Some(ctx);
                for _ in 0..*count {
                    target = target.and_then(|t| self.ctxs[t as usize].parent);
                }
                let item = match (kind, target) {
                    (ItemKind::Module, Some(t)) => Item::Module(
                        self.ctxs[t as usize]
                            .modules
                            .get(*index as usize)
                            .copied()
                            .flatten(),
                    ),
                    (ItemKind::Component, Some(t)) => Item::Component(
                        self.ctxs[t as usize]
                            .components
                            .get(*index as usize)
                            .copied()
                            .flatten(),
                    ),
                    _ => Item::Other,
                };
                self.add_item(ctx, *kind, item);
            }
            Decl::Lift {
                core_func,
                options,
                offset,
            } => {
                let core = self.core_func(ctx, *core_func);
                let resolve = |f: Option<u32>| f.map(|f| self.core_func(ctx, f));
                let id = self.out.lifts.len() as u32;
                let lifting = Lifting {
                    ctx,
                    core,
                    options: options.clone(),
                    realloc: resolve(options.realloc),
                    post_return: resolve(options.post_return),
                    callback: resolve(options.callback),
                    offset: *offset,
                };
                self.out.lifts.push(lifting);
                self.ctxs[c].funcs.push(ComponentFuncRef::Lifted(id));
            }
            Decl::Lower {
                func,
                options,
                offset,
            } => {
                let target = self.ctxs[c]
                    .funcs
                    .get(*func as usize)
                    .copied()
                    .unwrap_or(ComponentFuncRef::Opaque(0));
                let realloc = options.realloc.map(|f| self.core_func(ctx, f));
                let id = self.out.lowerings.len() as u32;
                self.out.lowerings.push(Lowering {
                    ctx,
                    target,
                    options: options.clone(),
                    realloc,
                    offset: *offset,
                });
                self.ctxs[c].core_funcs.push(CoreFuncRef::Lowered(id));
            }
            Decl::Builtin { name, offset } => {
                let id = self.out.builtins.len() as u32;
                self.out.builtins.push(Builtin {
                    ctx,
                    name,
                    offset: *offset,
                });
                self.ctxs[c].core_funcs.push(CoreFuncRef::Builtin(id));
            }
            Decl::ResourceDtor(f) => {
                let target = self.core_func(ctx, *f);
                self.out
                    .extra_roots
                    .push(("resource destructor".into(), ExportTarget::Core(target)));
            }
            Decl::Start(f) => {
                let target = self.ctxs[c].funcs.get(*f as usize).copied();
                if let Some(target) = target {
                    self.out.extra_roots.push((
                        "component start function".into(),
                        ExportTarget::Component(target),
                    ));
                }
            }
            Decl::Type => {}
        }
        Ok(None)
    }

    fn root_import(&mut self, ctx: u32, name: &str, kind: ItemKind, offset: usize) -> Item {
        let import = self.out.imports.len();
        let c = &self.ctxs[ctx as usize];
        self.out.imports.push(RootImport {
            name: name.to_string(),
            kind: Some(kind),
            offset,
            instance_index: (kind == ItemKind::Instance).then_some(c.instances.len() as u32),
            func_index: (kind == ItemKind::Func).then_some(c.funcs.len() as u32),
            ..RootImport::default()
        });
        match kind {
            ItemKind::Instance => Item::Instance(Inst::Host(import)),
            ItemKind::Func => Item::Func(self.host_func(import, None)),
            ItemKind::Module => {
                self.out.opaque_reason(format!(
                    "imports core module `{name}`, whose code is not in the binary"
                ));
                Item::Module(None)
            }
            ItemKind::Component => {
                self.out.opaque_reason(format!(
                    "imports component `{name}`, whose code is not in the binary"
                ));
                Item::Component(None)
            }
            _ => Item::Other,
        }
    }

    fn add_item(&mut self, ctx: u32, kind: ItemKind, item: Item) {
        let c = &mut self.ctxs[ctx as usize];
        match kind {
            ItemKind::Func => c.funcs.push(match item {
                Item::Func(f) => f,
                _ => ComponentFuncRef::Opaque(0),
            }),
            ItemKind::Instance => c.instances.push(match item {
                Item::Instance(i) => i,
                _ => Inst::Opaque,
            }),
            ItemKind::Module => c.modules.push(match item {
                Item::Module(m) => m,
                _ => None,
            }),
            ItemKind::Component => c.components.push(match item {
                Item::Component(d) => d,
                _ => None,
            }),
            ItemKind::Type | ItemKind::Value => {}
        }
    }

    fn item(&self, ctx: u32, kind: ItemKind, index: u32) -> Item {
        let c = &self.ctxs[ctx as usize];
        let i = index as usize;
        match kind {
            ItemKind::Func => c.funcs.get(i).map_or(Item::Other, |f| Item::Func(*f)),
            ItemKind::Instance => c
                .instances
                .get(i)
                .map_or(Item::Other, |x| Item::Instance(x.clone())),
            ItemKind::Module => c.modules.get(i).map_or(Item::Other, |m| Item::Module(*m)),
            ItemKind::Component => c
                .components
                .get(i)
                .map_or(Item::Other, |d| Item::Component(*d)),
            ItemKind::Type | ItemKind::Value => Item::Other,
        }
    }

    fn core_func(&self, ctx: u32, index: u32) -> CoreFuncRef {
        self.ctxs[ctx as usize]
            .core_funcs
            .get(index as usize)
            .copied()
            .unwrap_or(CoreFuncRef::Opaque(0))
    }

    fn core_item(&self, ctx: u32, kind: CoreKind, index: u32) -> CoreItem {
        let c = &self.ctxs[ctx as usize];
        match kind {
            CoreKind::Func => CoreItem::Func(
                c.core_funcs
                    .get(index as usize)
                    .copied()
                    .unwrap_or(CoreFuncRef::Opaque(0)),
            ),
            CoreKind::Table => {
                CoreItem::Table(c.core_tables.get(index as usize).copied().flatten())
            }
            _ => CoreItem::Other,
        }
    }

    fn instance_export(&mut self, inst: &Inst, kind: ItemKind, name: &str) -> Item {
        match inst {
            Inst::Host(import) => match kind {
                ItemKind::Func => Item::Func(self.host_func(*import, Some(name))),
                _ => Item::Other,
            },
            Inst::Ctx(child) => self.ctxs[*child as usize]
                .exports
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, item)| item.clone())
                .unwrap_or(Item::Other),
            Inst::Exports(items) => items
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, item)| item.clone())
                .unwrap_or(Item::Other),
            Inst::Opaque => Item::Other,
        }
    }

    fn instantiate_module(
        &mut self,
        ctx: u32,
        module: usize,
        args: &[(String, u32)],
    ) -> Result<CoreInst, String> {
        if self.ctxs.len() + self.out.instances.len() >= self.limits.max_instances {
            return Err(format!(
                "more than {} component and module instances: over the instance limit",
                self.limits.max_instances
            ));
        }
        let m = &self.modules[module];
        let mut bindings = Vec::with_capacity(m.imports.len());
        // wit-component passes one argument per imported interface; index them.
        let by_name: HashMap<&str, u32> = args.iter().map(|(n, i)| (n.as_str(), *i)).collect();
        for import in &m.imports {
            let arg = by_name
                .get(import.module.as_str())
                .and_then(|index| self.ctxs[ctx as usize].core_instances.get(*index as usize))
                .cloned();
            let item = match arg {
                Some(CoreInst::Module(mi)) => self.module_export(mi, &import.name),
                Some(CoreInst::Exports(items)) => items
                    .iter()
                    .find(|(n, _)| *n == import.name)
                    .map(|(_, i)| i.clone())
                    .unwrap_or(CoreItem::Other),
                _ => CoreItem::Other,
            };
            let item = match (import.kind, item) {
                (CoreKind::Func, CoreItem::Func(f)) => CoreItem::Func(f),
                (CoreKind::Func, _) => CoreItem::Func(self.opaque_core(format!(
                    "core import `{}#{}` is bound to nothing wcaudit can see",
                    import.module, import.name
                ))),
                (CoreKind::Table, CoreItem::Table(Some(t))) => CoreItem::Table(Some(t)),
                (CoreKind::Table, _) => {
                    self.tables_opaque(
                        "a core table import could not be resolved, so what is written to it \
                         may land in any table",
                    );
                    CoreItem::Table(None)
                }
                _ => CoreItem::Other,
            };
            bindings.push(item);
        }
        let id = self.out.instances.len() as u32;
        self.out.instances.push(ModuleInstance { module, bindings });
        if let Some(start) = m.start {
            let target = self.out.resolve_func(self.modules, id, start);
            self.out
                .extra_roots
                .push(("core start function".into(), ExportTarget::Core(target)));
        }
        Ok(CoreInst::Module(id))
    }

    fn module_export(&self, instance: u32, name: &str) -> CoreItem {
        let m = &self.modules[self.out.instances[instance as usize].module];
        match m.export(name) {
            Some(e) if e.kind == CoreKind::Func => {
                CoreItem::Func(self.out.resolve_func(self.modules, instance, e.index))
            }
            Some(e) if e.kind == CoreKind::Table => {
                CoreItem::Table(self.out.resolve_table(self.modules, instance, e.index))
            }
            _ => CoreItem::Other,
        }
    }

    fn export_funcs(&self, item: &Item) -> (ItemKind, Vec<(Option<String>, ExportTarget)>) {
        match item {
            Item::Func(f) => (ItemKind::Func, vec![(None, ExportTarget::Component(*f))]),
            Item::Instance(inst) => {
                // Every function of an exported instance is callable, also
                // inside instances it exports in turn (`inner#f`). A work
                // list, not recursion: instances can nest very deep.
                let mut funcs = Vec::new();
                let mut pending: Vec<(Option<String>, Inst)> = vec![(None, inst.clone())];
                while let Some((prefix, inst)) = pending.pop() {
                    let items: Vec<(String, Item)> = match &inst {
                        Inst::Ctx(child) => self.ctxs[*child as usize].exports.clone(),
                        Inst::Exports(items) => items.as_ref().clone(),
                        _ => Vec::new(),
                    };
                    let mut nested = Vec::new();
                    for (name, item) in items {
                        let name = match &prefix {
                            Some(p) => format!("{p}#{name}"),
                            None => name,
                        };
                        match item {
                            Item::Func(f) => funcs.push((Some(name), ExportTarget::Component(f))),
                            Item::Instance(inner) => nested.push((Some(name), inner)),
                            _ => {}
                        }
                    }
                    // Depth first, in declaration order.
                    pending.extend(nested.into_iter().rev());
                }
                (ItemKind::Instance, funcs)
            }
            Item::Module(_) => (ItemKind::Module, Vec::new()),
            Item::Component(_) => (ItemKind::Component, Vec::new()),
            Item::Other => (ItemKind::Type, Vec::new()),
        }
    }

    /// Fills table contents from table initializers and element segments,
    /// and collects every function whose reference is taken.
    fn finish_tables(&mut self) {
        let mut ref_taken = Vec::new();
        for instance in 0..self.out.instances.len() as u32 {
            let module = &self.modules[self.out.instances[instance as usize].module];
            let resolve = |item: &ElemItem| match item {
                ElemItem::Func(f) => Some(self.out.resolve_func(self.modules, instance, *f)),
                _ => None,
            };
            for f in &module.ref_funcs {
                ref_taken.push(self.out.resolve_func(self.modules, instance, *f));
            }
            // What this instance's initializers and segments leave in each
            // slot (`None`: null), last write first applied to the copy.
            let mut written: BTreeMap<(TableKey, u32), Option<CoreFuncRef>> = BTreeMap::new();
            let mut floating: Vec<(TableKey, CoreFuncRef)> = Vec::new();
            let mut dynamic: Vec<TableKey> = Vec::new();
            for (table, item) in &module.table_inits {
                let Some(key) = self.out.resolve_table(self.modules, instance, *table) else {
                    continue;
                };
                match resolve(item) {
                    Some(f) => floating.push((key, f)),
                    None => dynamic.push(key),
                }
            }
            for segment in &module.elements {
                let Some(table) = segment.table else { continue };
                let Some(key) = self.out.resolve_table(self.modules, instance, table) else {
                    continue;
                };
                for (i, item) in segment.items.iter().enumerate() {
                    if *item == ElemItem::Unknown {
                        dynamic.push(key);
                        continue;
                    }
                    let f = resolve(item);
                    match segment.offset {
                        Some(start) => {
                            written.insert((key, start.wrapping_add(i as u32)), f);
                        }
                        None => floating.extend(f.map(|f| (key, f))),
                    }
                }
            }
            for ((key, slot), f) in written {
                let Some(f) = f else { continue };
                let held = self
                    .out
                    .tables
                    .entry(key)
                    .or_default()
                    .slots
                    .entry(slot)
                    .or_default();
                if !held.contains(&f) {
                    held.push(f);
                    held.sort();
                }
            }
            for (key, f) in floating {
                self.out.tables.entry(key).or_default().floating.push(f);
            }
            for key in dynamic {
                self.out.tables.entry(key).or_default().dynamic = true;
            }
            for table in &module.mutated_tables {
                if let Some(key) = self.out.resolve_table(self.modules, instance, *table) {
                    self.out.tables.entry(key).or_default().dynamic = true;
                }
            }
        }
        ref_taken.extend(self.out.tables_opaque);
        ref_taken.sort();
        ref_taken.dedup();
        self.out.ref_taken = ref_taken;
    }
}

/// Fills in what each root import's type declares (function names,
/// async-ness, resources), from the validator's view of the root.
pub(super) fn describe_root_imports(linked: &mut Linked, types: &wasmparser::types::Types) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Instantiation far deeper than a binary can hold (wasmparser stops at
    /// 1,000 components), on a thread whose stack holds no level each: the
    /// linker's nesting is a stack of its own.
    #[test]
    fn instantiation_costs_no_native_stack() {
        const DEPTH: usize = 50_000;
        let defs: Vec<ComponentDef> = (0..DEPTH)
            .map(|i| {
                let mut def = ComponentDef::new(i);
                if i + 1 < DEPTH {
                    def.push(Decl::Component(i + 1));
                    def.push(Decl::Instantiate {
                        component: 0,
                        args: Vec::new(),
                    });
                }
                def
            })
            .collect();
        let linked = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || link_component(&defs, &[], &Limits::default()))
            .unwrap()
            .join()
            .unwrap()
            .unwrap();
        assert_eq!(linked.contexts, (0..DEPTH).collect::<Vec<_>>());
    }
}
