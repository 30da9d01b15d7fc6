//! Core module instances: a module instantiated against core instances
//! of its component, a lone core module against the host, and what the
//! instances' segments and initializers leave in their tables.

use std::collections::{BTreeMap, HashMap};

use super::{CoreInst, Linker};
use crate::load::Limits;
use crate::model::link::decls::ItemKind;
use crate::model::link::linked::{
    CoreFuncRef, CoreItem, ExportTarget, HostFunc, Linked, ModuleInstance, RootExport, RootImport,
    TableKey,
};
use crate::model::module::{CoreKind, CoreModule, ElemItem};

/// A plain core module: one instance whose imports all come from the host.
pub(in crate::model) fn link_core_module(module: &CoreModule) -> Result<Linked, String> {
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
    pub(super) fn instantiate_module(
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

    pub(super) fn module_export(&self, instance: u32, name: &str) -> CoreItem {
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

    /// Fills table contents from table initializers and element segments,
    /// and collects every function whose reference is taken.
    pub(super) fn finish_tables(&mut self) {
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
                #[cfg(test)]
                if crate::model::link::IGNORE_ELEMENT_SEGMENTS.with(std::cell::Cell::get) {
                    continue;
                }
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
