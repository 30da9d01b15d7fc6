//! Component sections: each item becomes a `Decl` of the component being
//! parsed, in order, for the linker to interpret; canonical built-ins also
//! record the component-model features they need.

use wasmparser::{
    CanonicalFunction, CanonicalOption, ComponentAlias, ComponentAliasSectionReader,
    ComponentCanonicalSectionReader, ComponentExportSectionReader, ComponentImportSectionReader,
    ComponentInstance, ComponentInstanceSectionReader, ComponentType, ComponentTypeRef,
    ComponentTypeSectionReader, Instance, InstanceSectionReader,
};

use super::Builder;
use crate::load::InputError;
use crate::model::link::{CanonOptions, Decl, ItemKind};
use crate::model::module::CoreKind;

impl<'a> Builder<'a> {
    pub(super) fn component_import_section(
        &mut self,
        reader: &ComponentImportSectionReader<'a>,
    ) -> Result<(), InputError> {
        for import in reader.clone().into_iter_with_offsets() {
            let (offset, import) = import.map_err(|e| self.wasm(e))?;
            let kind = match import.ty {
                ComponentTypeRef::Module(_) => ItemKind::Module,
                ComponentTypeRef::Func(_) => ItemKind::Func,
                ComponentTypeRef::Value(_) => ItemKind::Value,
                ComponentTypeRef::Type(_) => ItemKind::Type,
                ComponentTypeRef::Instance(_) => ItemKind::Instance,
                ComponentTypeRef::Component(_) => ItemKind::Component,
            };
            self.push_decl(Decl::Import {
                name: import.name.name.to_string(),
                kind,
                offset: offset as usize,
            });
        }
        Ok(())
    }

    pub(super) fn component_export_section(
        &mut self,
        reader: &ComponentExportSectionReader<'a>,
    ) -> Result<(), InputError> {
        for export in reader.clone().into_iter_with_offsets() {
            let (offset, export) = export.map_err(|e| self.wasm(e))?;
            self.push_decl(Decl::Export {
                name: export.name.name.to_string(),
                kind: ItemKind::from_external(export.kind),
                index: export.index,
                offset: offset as usize,
            });
        }
        Ok(())
    }

    /// Core instances: a module instantiated, or a bag of core exports.
    pub(super) fn core_instance_section(
        &mut self,
        reader: &InstanceSectionReader<'a>,
    ) -> Result<(), InputError> {
        for instance in reader.clone() {
            let decl = match instance.map_err(|e| self.wasm(e))? {
                Instance::Instantiate { module_index, args } => Decl::CoreInstantiate {
                    module: module_index,
                    args: args.iter().map(|a| (a.name.to_string(), a.index)).collect(),
                },
                Instance::FromExports(exports) => Decl::CoreInstanceFromExports(
                    exports
                        .iter()
                        .map(|e| (e.name.to_string(), CoreKind::from_external(e.kind), e.index))
                        .collect(),
                ),
            };
            self.push_decl(decl);
        }
        Ok(())
    }

    pub(super) fn component_instance_section(
        &mut self,
        reader: &ComponentInstanceSectionReader<'a>,
    ) -> Result<(), InputError> {
        for instance in reader.clone() {
            let decl = match instance.map_err(|e| self.wasm(e))? {
                ComponentInstance::Instantiate {
                    component_index,
                    args,
                } => Decl::Instantiate {
                    component: component_index,
                    args: args
                        .iter()
                        .map(|a| (a.name.to_string(), ItemKind::from_external(a.kind), a.index))
                        .collect(),
                },
                ComponentInstance::FromExports(exports) => Decl::InstanceFromExports(
                    exports
                        .iter()
                        .map(|e| {
                            (
                                e.name.name.to_string(),
                                ItemKind::from_external(e.kind),
                                e.index,
                            )
                        })
                        .collect(),
                ),
            };
            self.push_decl(decl);
        }
        Ok(())
    }

    pub(super) fn component_alias_section(
        &mut self,
        reader: &ComponentAliasSectionReader<'a>,
    ) -> Result<(), InputError> {
        for alias in reader.clone() {
            let decl = match alias.map_err(|e| self.wasm(e))? {
                ComponentAlias::InstanceExport {
                    kind,
                    instance_index,
                    name,
                } => Decl::AliasExport {
                    kind: ItemKind::from_external(kind),
                    instance: instance_index,
                    name: name.to_string(),
                },
                ComponentAlias::CoreInstanceExport {
                    kind,
                    instance_index,
                    name,
                } => Decl::AliasCoreExport {
                    kind: CoreKind::from_external(kind),
                    instance: instance_index,
                    name: name.to_string(),
                },
                ComponentAlias::Outer { kind, count, index } => Decl::AliasOuter {
                    kind: ItemKind::from_outer(kind),
                    count,
                    index,
                },
            };
            self.push_decl(decl);
        }
        Ok(())
    }

    /// Types matter to the linker only as index slots, and for a
    /// resource's destructor, which the host may call.
    pub(super) fn component_type_section(
        &mut self,
        reader: &ComponentTypeSectionReader<'a>,
    ) -> Result<(), InputError> {
        for ty in reader.clone() {
            let ty = ty.map_err(|e| self.wasm(e))?;
            if let ComponentType::Resource { dtor: Some(f), .. } = ty {
                self.push_decl(Decl::ResourceDtor(f));
            }
            self.push_decl(Decl::Type);
        }
        Ok(())
    }

    pub(super) fn component_canonical_section(
        &mut self,
        reader: &ComponentCanonicalSectionReader<'a>,
    ) -> Result<(), InputError> {
        for canon in reader.clone().into_iter_with_offsets() {
            let (offset, canon) = canon.map_err(|e| self.wasm(e))?;
            let decl = self.canonical(canon, offset as usize);
            self.push_decl(decl);
        }
        Ok(())
    }
    fn canonical(&mut self, canon: CanonicalFunction, offset: usize) -> Decl {
        use CanonicalFunction as C;
        let builtin = |name: &'static str| Decl::Builtin { name, offset };
        match canon {
            C::Lift {
                core_func_index,
                options,
                ..
            } => {
                let options = CanonOptions::from(&options[..]);
                if options.is_async {
                    self.features.insert(if options.callback.is_some() {
                        "cm_async"
                    } else {
                        "cm_async_stackful"
                    });
                }
                if options.gc {
                    self.features.insert("cm_gc");
                }
                Decl::Lift {
                    core_func: core_func_index,
                    options,
                    offset,
                }
            }
            C::Lower {
                func_index,
                options,
            } => {
                let options = CanonOptions::from(&options[..]);
                if options.is_async {
                    self.features.insert("cm_async");
                }
                if options.gc {
                    self.features.insert("cm_gc");
                }
                Decl::Lower {
                    func: func_index,
                    options,
                    offset,
                    copies: Default::default(),
                }
            }
            C::ResourceNew { .. } => builtin("resource.new"),
            C::ResourceDrop { .. } => builtin("resource.drop"),
            C::ResourceRep { .. } => builtin("resource.rep"),
            C::ThreadSpawnRef { .. } => {
                self.gated("thread.spawn-ref", "shared_everything_threads", offset)
            }
            C::ThreadSpawnIndirect { .. } => {
                self.gated("thread.spawn-indirect", "shared_everything_threads", offset)
            }
            C::ThreadAvailableParallelism => self.gated(
                "thread.available-parallelism",
                "shared_everything_threads",
                offset,
            ),
            C::BackpressureInc => self.gated("backpressure.inc", "cm_async", offset),
            C::BackpressureDec => self.gated("backpressure.dec", "cm_async", offset),
            C::TaskReturn { .. } => self.gated("task.return", "cm_async", offset),
            C::TaskCancel => self.gated("task.cancel", "cm_async", offset),
            C::ContextGet { .. } => self.gated("context.get", "cm_async", offset),
            C::ContextSet { .. } => self.gated("context.set", "cm_async", offset),
            C::ThreadYield => self.gated("thread.yield", "cm_async", offset),
            C::SubtaskDrop => self.gated("subtask.drop", "cm_async", offset),
            C::SubtaskCancel { .. } => self.gated("subtask.cancel", "cm_async", offset),
            C::StreamNew { .. } => self.gated("stream.new", "cm_async", offset),
            C::StreamRead { .. } => self.gated("stream.read", "cm_async", offset),
            C::StreamWrite { .. } => self.gated("stream.write", "cm_async", offset),
            C::StreamForward { .. } => self.gated("stream.forward", "cm_forward", offset),
            C::StreamCancelRead { .. } => self.gated("stream.cancel-read", "cm_async", offset),
            C::StreamCancelWrite { .. } => self.gated("stream.cancel-write", "cm_async", offset),
            C::StreamDropReadable { .. } => self.gated("stream.drop-readable", "cm_async", offset),
            C::StreamDropWritable { .. } => self.gated("stream.drop-writable", "cm_async", offset),
            C::FutureNew { .. } => self.gated("future.new", "cm_async", offset),
            C::FutureRead { .. } => self.gated("future.read", "cm_async", offset),
            C::FutureWrite { .. } => self.gated("future.write", "cm_async", offset),
            C::FutureForward { .. } => self.gated("future.forward", "cm_forward", offset),
            C::FutureCancelRead { .. } => self.gated("future.cancel-read", "cm_async", offset),
            C::FutureCancelWrite { .. } => self.gated("future.cancel-write", "cm_async", offset),
            C::FutureDropReadable { .. } => self.gated("future.drop-readable", "cm_async", offset),
            C::FutureDropWritable { .. } => self.gated("future.drop-writable", "cm_async", offset),
            C::ErrorContextNew { .. } => {
                self.gated("error-context.new", "cm_error_context", offset)
            }
            C::ErrorContextDebugMessage { .. } => {
                self.gated("error-context.debug-message", "cm_error_context", offset)
            }
            C::ErrorContextDrop => self.gated("error-context.drop", "cm_error_context", offset),
            C::WaitableSetNew => self.gated("waitable-set.new", "cm_async", offset),
            C::WaitableSetWait { .. } => self.gated("waitable-set.wait", "cm_async", offset),
            C::WaitableSetPoll { .. } => self.gated("waitable-set.poll", "cm_async", offset),
            C::WaitableSetDrop => self.gated("waitable-set.drop", "cm_async", offset),
            C::WaitableJoin => self.gated("waitable.join", "cm_async", offset),
            C::ThreadIndex => self.gated("thread.index", "cm_threading", offset),
            C::ThreadNewIndirect { .. } => {
                self.gated("thread.new-indirect", "cm_threading", offset)
            }
            C::ThreadResumeLater => self.gated("thread.resume-later", "cm_threading", offset),
            C::ThreadSuspend => self.gated("thread.suspend", "cm_threading", offset),
            C::ThreadSuspendThenResume => {
                self.gated("thread.suspend-then-resume", "cm_threading", offset)
            }
            C::ThreadYieldThenResume => {
                self.gated("thread.yield-then-resume", "cm_threading", offset)
            }
            C::ThreadSuspendThenPromote => {
                self.gated("thread.suspend-then-promote", "cm_threading", offset)
            }
            C::ThreadYieldThenPromote => {
                self.gated("thread.yield-then-promote", "cm_threading", offset)
            }
        }
    }

    fn gated(&mut self, name: &'static str, feature: &'static str, offset: usize) -> Decl {
        self.features.insert(feature);
        Decl::Builtin { name, offset }
    }
}

impl CanonOptions {
    fn from(options: &[CanonicalOption]) -> Self {
        let mut out = CanonOptions::default();
        for option in options {
            match option {
                CanonicalOption::UTF8 => out.string_encoding = "utf8",
                CanonicalOption::UTF16 => out.string_encoding = "utf16",
                CanonicalOption::CompactUTF16 => out.string_encoding = "latin1+utf16",
                CanonicalOption::Memory(m) => out.memory = Some(*m),
                CanonicalOption::Realloc(f) => out.realloc = Some(*f),
                CanonicalOption::PostReturn(f) => out.post_return = Some(*f),
                CanonicalOption::Async => out.is_async = true,
                CanonicalOption::Callback(f) => out.callback = Some(*f),
                CanonicalOption::CoreType(_) => {}
                CanonicalOption::Gc => out.gc = true,
            }
        }
        out
    }
}
