//! Core module sections: each handler records one section's facts in the
//! module being parsed. Function bodies wait until the module ends, to be
//! validated and scanned in parallel.

use wasmparser::{
    ElementSectionReader, ExportSectionReader, FuncToValidate, FuncValidatorAllocations,
    FunctionBody, FunctionSectionReader, GlobalSectionReader, ImportSectionReader,
    TableSectionReader, TypeRef, TypeSectionReader, ValidPayload, ValidatorResources,
};

use super::Builder;
use crate::load::InputError;
use crate::model::module::{self, CoreExport, CoreImport, CoreKind, FuncSig};

/// Below this many bodies per thread, threads cost more than they save.
const MIN_BODIES_PER_THREAD: usize = 256;

/// Pieces of a module's bodies per analysing thread: enough that the
/// threads finish together, few enough that taking one costs nothing.
const PIECES_PER_THREAD: usize = 8;

/// A body to analyse, with its function's parameter count.
pub(super) type PendingBody<'a> = (FuncToValidate<ValidatorResources>, FunctionBody<'a>, u32);

type BodyResult = wasmparser::Result<module::BodyFacts>;

/// Validates and scans `bodies` in order on this thread.
fn analyse_bodies(bodies: Vec<PendingBody<'_>>) -> Vec<BodyResult> {
    let mut allocs = FuncValidatorAllocations::default();
    let mut scratch = module::ScanScratch::default();
    bodies
        .into_iter()
        .map(|(to_validate, body, params)| {
            let mut validator = to_validate.into_validator(std::mem::take(&mut allocs));
            let result = module::analyze_body(&body, &mut validator, params, &mut scratch);
            allocs = validator.into_allocations();
            result
        })
        .collect()
}

fn body_bytes(body: &FunctionBody<'_>) -> usize {
    let range = body.range();
    (range.end - range.start) as usize
}

/// Cuts `bodies` into at most `pieces` runs of about equal byte size,
/// in order.
fn cut_by_bytes(bodies: Vec<PendingBody<'_>>, pieces: usize) -> Vec<Vec<PendingBody<'_>>> {
    let total: usize = bodies.iter().map(|(_, body, _)| body_bytes(body)).sum();
    let per_piece = total.div_ceil(pieces.max(1)).max(1);
    let mut cut = Vec::with_capacity(pieces);
    let mut piece = Vec::new();
    let mut bytes = 0;
    for pending in bodies {
        bytes += body_bytes(&pending.1);
        piece.push(pending);
        if bytes >= per_piece {
            cut.push(std::mem::take(&mut piece));
            bytes = 0;
        }
    }
    if !piece.is_empty() {
        cut.push(piece);
    }
    cut
}

impl<'a> Builder<'a> {
    /// Validates and scans the module's function bodies on the available
    /// cores. Bodies are cut into pieces of about equal bytes, more pieces
    /// than threads, and each thread takes the next piece when it is done,
    /// so one long body does not leave a core idle. Results are merged in
    /// function order, so the model is the same whatever the thread count.
    pub(super) fn finish_bodies(&mut self) -> Result<(), InputError> {
        let pending = std::mem::take(&mut self.pending_bodies);
        if pending.is_empty() {
            return Ok(());
        }
        let threads = self
            .limits
            .threads
            .max(1)
            .min(pending.len().div_ceil(MIN_BODIES_PER_THREAD));
        let results = if threads == 1 {
            analyse_bodies(pending)
        } else {
            let pieces = cut_by_bytes(pending, threads * PIECES_PER_THREAD);
            let queue = std::sync::Mutex::new(pieces.into_iter().enumerate());
            let mut done: Vec<(usize, Vec<BodyResult>)> = std::thread::scope(|scope| {
                let workers: Vec<_> = (0..threads)
                    .map(|_| {
                        scope.spawn(|| {
                            let mut done = Vec::new();
                            loop {
                                // Taking a piece cannot panic, so the lock is never
                                // poisoned; were it, the pieces must still all
                                // be analysed, or functions would go missing.
                                let next = queue
                                    .lock()
                                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                                    .next();
                                let Some((index, piece)) = next else {
                                    return done;
                                };
                                done.push((index, analyse_bodies(piece)));
                            }
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|w| w.join().expect("body analysis does not panic"))
                    .collect()
            });
            done.sort_unstable_by_key(|(index, _)| *index);
            done.into_iter().flat_map(|(_, results)| results).collect()
        };
        let file = self.file;
        let module = self.current_module().expect("module frame");
        for result in results {
            let facts = result.map_err(|e| InputError::from_wasm(file, &e))?;
            module.bodies.push(facts.body);
            module.ref_funcs.extend(facts.ref_funcs);
            module.mutated_tables.extend(facts.mutated_tables);
        }
        Ok(())
    }
    /// Function signatures by type index; other composite types keep a
    /// slot so that indices line up.
    pub(super) fn type_section(
        &mut self,
        reader: &TypeSectionReader<'a>,
    ) -> Result<(), InputError> {
        let file = self.file;
        let module = self.current_module().expect("validated");
        for group in reader.clone() {
            let group = group.map_err(|e| InputError::from_wasm(file, &e))?;
            for sub in group.into_types() {
                let sig = match &sub.composite_type.inner {
                    wasmparser::CompositeInnerType::Func(f) => Some(FuncSig::of(f)),
                    _ => None,
                };
                module.types.push(sig);
            }
        }
        Ok(())
    }

    pub(super) fn import_section(
        &mut self,
        reader: &ImportSectionReader<'a>,
    ) -> Result<(), InputError> {
        let file = self.file;
        let module = self.current_module().expect("validated");
        for import in reader.clone().into_imports_with_offsets() {
            let (offset, import) = import.map_err(|e| InputError::from_wasm(file, &e))?;
            let kind = match import.ty {
                TypeRef::Func(ty) | TypeRef::FuncExact(ty) => {
                    module.func_imports.push(module.imports.len() as u32);
                    module.func_types.push(ty);
                    CoreKind::Func
                }
                TypeRef::Table(_) => {
                    module.table_imports.push(module.imports.len() as u32);
                    CoreKind::Table
                }
                TypeRef::Memory(_) => CoreKind::Memory,
                TypeRef::Global(g) => {
                    module.ref_globals.push(g.content_type.is_reference_type());
                    CoreKind::Global
                }
                TypeRef::Tag(_) => CoreKind::Tag,
            };
            module.imports.push(CoreImport {
                module: import.module.to_string(),
                name: import.name.to_string(),
                kind,
                offset: offset as usize,
            });
        }
        Ok(())
    }

    pub(super) fn function_section(
        &mut self,
        reader: &FunctionSectionReader<'a>,
    ) -> Result<(), InputError> {
        let count = reader.count() as usize;
        self.defined_funcs += count;
        if self.defined_funcs > self.limits.max_functions {
            return Err(self.err(
                reader.range().start as usize,
                format!(
                    "more than {} functions: over the function limit",
                    self.limits.max_functions
                ),
            ));
        }
        let file = self.file;
        let module = self.current_module().expect("validated");
        // Each entry takes at least a byte: a count the section
        // cannot hold must not reserve memory.
        let section = reader.range();
        module
            .bodies
            .reserve(count.min((section.end - section.start) as usize));
        for ty in reader.clone() {
            module
                .func_types
                .push(ty.map_err(|e| InputError::from_wasm(file, &e))?);
        }
        Ok(())
    }

    pub(super) fn table_section(
        &mut self,
        reader: &TableSectionReader<'a>,
    ) -> Result<(), InputError> {
        let file = self.file;
        let module = self.current_module().expect("validated");
        for table in reader.clone() {
            let table = table.map_err(|e| InputError::from_wasm(file, &e))?;
            module::read_table(table, module).map_err(|e| InputError::from_wasm(file, &e))?;
        }
        Ok(())
    }

    pub(super) fn global_section(
        &mut self,
        reader: &GlobalSectionReader<'a>,
    ) -> Result<(), InputError> {
        let file = self.file;
        let module = self.current_module().expect("validated");
        for global in reader.clone() {
            let global = global.map_err(|e| InputError::from_wasm(file, &e))?;
            module::read_global(global, module).map_err(|e| InputError::from_wasm(file, &e))?;
        }
        Ok(())
    }

    pub(super) fn export_section(
        &mut self,
        reader: &ExportSectionReader<'a>,
    ) -> Result<(), InputError> {
        let file = self.file;
        let module = self.current_module().expect("validated");
        for export in reader.clone() {
            let export = export.map_err(|e| InputError::from_wasm(file, &e))?;
            module
                .export_index
                .insert(export.name.to_string(), module.exports.len());
            module.exports.push(CoreExport {
                name: export.name.to_string(),
                kind: CoreKind::from_external(export.kind),
                index: export.index,
            });
        }
        Ok(())
    }

    pub(super) fn element_section(
        &mut self,
        reader: &ElementSectionReader<'a>,
    ) -> Result<(), InputError> {
        let file = self.file;
        let module = self.current_module().expect("validated");
        for element in reader.clone() {
            let element = element.map_err(|e| InputError::from_wasm(file, &e))?;
            module::read_element(element, module).map_err(|e| InputError::from_wasm(file, &e))?;
        }
        Ok(())
    }

    pub(super) fn code_section_entry(&mut self, body: &FunctionBody<'a>, valid: ValidPayload<'a>) {
        // Bodies are analysed together when the module ends, in
        // parallel; see `finish_bodies`.
        // The validator hands out every body it has not yet seen.
        if let ValidPayload::Func(to_validate, _) = valid {
            let params = self
                .current_module()
                .and_then(|m| m.func_sig(to_validate.index))
                .map_or(0, |sig| sig.params.len() as u32);
            self.pending_bodies
                .push((to_validate, body.clone(), params));
        }
    }
}
