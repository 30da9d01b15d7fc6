//! The linker: evaluates each component's declarations in order, as a
//! host instantiating it would, keeping every component instance's index
//! spaces, so that what a declaration names can be resolved to concrete
//! functions, module instances and tables.

mod core_instances;

use std::collections::HashMap;
use std::rc::Rc;

pub(in crate::model) use self::core_instances::link_core_module;
use super::decls::{ComponentDef, Decl, ItemKind};
use super::linked::{
    Builtin, ComponentFuncRef, CoreFuncRef, CoreItem, ExportTarget, HostFunc, Lifting, Linked,
    Lowering, RootExport, RootImport, TableKey,
};
use crate::load::Limits;
use crate::model::module::{CoreKind, CoreModule};

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
    /// Beside `funcs` and `instances`: the name each came in by (an
    /// import, or an export of an imported instance), so that a lowering
    /// can say what its component calls it.
    func_names: Vec<Option<Rc<str>>>,
    instance_names: Vec<Option<Rc<str>>>,
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
pub(in crate::model) fn link_component(
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
                    let outer_ctx = &mut self.ctxs[outer.ctx as usize];
                    outer_ctx.instances.push(Inst::Ctx(done));
                    outer_ctx.instance_names.push(None);
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
                self.add_named(ctx, *kind, item, Some(Rc::from(name.as_str())));
            }
            Decl::Export {
                name, kind, index, ..
            } => {
                let item = self.item(ctx, *kind, *index);
                self.ctxs[c].exports.push((name.clone(), item.clone()));
                let known_as = self.name_of(ctx, *kind, *index);
                self.add_named(ctx, *kind, item, known_as);
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
                    None => {
                        self.ctxs[c].instances.push(Inst::Opaque);
                        self.ctxs[c].instance_names.push(None);
                    }
                }
            }
            Decl::InstanceFromExports(exports) => {
                let items = exports
                    .iter()
                    .map(|(name, kind, index)| (name.clone(), self.item(ctx, *kind, *index)))
                    .collect();
                self.ctxs[c].instances.push(Inst::Exports(Rc::new(items)));
                self.ctxs[c].instance_names.push(None);
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
                // A function is named within its interface; an instance
                // exported by an instance is an interface of its own.
                let known_as = match (kind, self.name_of(ctx, ItemKind::Instance, *instance)) {
                    (ItemKind::Func, Some(outer)) => Rc::from(format!("{outer}#{name}")),
                    _ => Rc::from(name.as_str()),
                };
                self.add_named(ctx, *kind, item, Some(known_as));
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
                self.ctxs[c].func_names.push(None);
            }
            Decl::Lower {
                func,
                options,
                offset,
                copies,
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
                    name: self
                        .name_of(ctx, ItemKind::Func, *func)
                        .map(|n| n.to_string()),
                    copies: *copies,
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
        self.add_named(ctx, kind, item, None);
    }

    /// Adds an item to its index space, with the name it came in by.
    fn add_named(&mut self, ctx: u32, kind: ItemKind, item: Item, name: Option<Rc<str>>) {
        let c = &mut self.ctxs[ctx as usize];
        match kind {
            ItemKind::Func => {
                c.funcs.push(match item {
                    Item::Func(f) => f,
                    _ => ComponentFuncRef::Opaque(0),
                });
                c.func_names.push(name);
            }
            ItemKind::Instance => {
                c.instances.push(match item {
                    Item::Instance(i) => i,
                    _ => Inst::Opaque,
                });
                c.instance_names.push(name);
            }
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

    /// The name function or instance `index` came in by, if any.
    fn name_of(&self, ctx: u32, kind: ItemKind, index: u32) -> Option<Rc<str>> {
        let c = &self.ctxs[ctx as usize];
        let names = match kind {
            ItemKind::Func => &c.func_names,
            ItemKind::Instance => &c.instance_names,
            _ => return None,
        };
        names.get(index as usize).cloned().flatten()
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
