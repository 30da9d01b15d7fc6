//! One pass over a binary with wasmparser: every payload is validated and
//! recorded, so each byte is decoded once. Components become declaration
//! lists (`Decl`) that the linker interprets; core modules become
//! `CoreModule` facts.

use std::collections::BTreeSet;

use wasmparser::{
    CanonicalFunction, CanonicalOption, Chunk, ComponentAlias, ComponentInstance, ComponentType,
    ComponentTypeRef, Encoding, FuncToValidate, FuncValidatorAllocations, FunctionBody, Instance,
    KnownCustom, Parser, Payload, TypeRef, ValidPayload, Validator, ValidatorResources,
    WasmFeatures,
};

use super::link::{self, CanonOptions, ComponentDef, Decl, ItemKind};
use super::module::{self, CoreExport, CoreImport, CoreKind, CoreModule, FuncSig};
use super::{BinaryModel, NodeKind, Producer, TreeNode, world};
use crate::load::{InputError, Limits, Loaded};

/// Below this many bodies per thread, threads cost more than they save.
const MIN_BODIES_PER_THREAD: usize = 256;

/// Pieces of a module's bodies per analysing thread: enough that the
/// threads finish together, few enough that taking one costs nothing.
const PIECES_PER_THREAD: usize = 8;

enum Frame {
    Component { def: usize, node: usize },
    Module { module: usize, node: usize },
}

/// A body to analyse, with its function's parameter count.
type PendingBody<'a> = (FuncToValidate<ValidatorResources>, FunctionBody<'a>, u32);

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

struct Builder<'a> {
    file: &'a str,
    limits: &'a Limits,
    tree: Vec<TreeNode>,
    modules: Vec<CoreModule>,
    components: Vec<ComponentDef>,
    stack: Vec<Frame>,
    features: BTreeSet<&'static str>,
    notes: Vec<String>,
    /// Where the content of the outermost component's first
    /// `component-type` custom section is.
    declared_section: Option<std::ops::Range<usize>>,
    defined_funcs: usize,
    pending: Option<Pending>,
    /// Bodies of the module being parsed, analysed when it ends.
    pending_bodies: Vec<PendingBody<'a>>,
}

/// A binary is usually a component or module; a WIT package encoded as
/// wasm is a component too, but is reported as WIT.
pub(super) enum Parsed {
    Binary(Box<BinaryModel>),
    WitPackage(Box<wit_parser::Resolve>, wit_parser::PackageId),
}

pub(super) fn parse_binary(input: &Loaded, limits: &Limits) -> Result<Parsed, InputError> {
    // wit-component's decoding reads the component's skeleton; it runs
    // beside wcaudit's own pass instead of after it.
    std::thread::scope(|scope| {
        let decoding = (input.kind == crate::load::InputKind::Component)
            .then(|| {
                std::thread::Builder::new()
                    .name(world::DECODING_THREAD.into())
                    .spawn_scoped(scope, || world::decode_component(&input.bytes, limits))
                    .ok()
            })
            .flatten();
        parse_and_link(input, limits, decoding)
    })
}

type Decoding<'scope> =
    Option<std::thread::ScopedJoinHandle<'scope, Result<world::Decoded, String>>>;

fn parse_and_link(
    input: &Loaded,
    limits: &Limits,
    decoding: Decoding<'_>,
) -> Result<Parsed, InputError> {
    let file = input.display.as_str();
    let bytes = &input.bytes;
    let mut builder = Builder {
        file,
        limits,
        tree: Vec::new(),
        modules: Vec::new(),
        components: Vec::new(),
        stack: Vec::new(),
        features: BTreeSet::new(),
        notes: Vec::new(),
        declared_section: None,
        defined_funcs: 0,
        pending: None,
        pending_bodies: Vec::new(),
    };
    let mut validator = Validator::new_with_features(WasmFeatures::all());
    let mut parser = Parser::new(0);
    parser.set_features(WasmFeatures::all());
    let mut parsers: Vec<Parser> = Vec::new();
    let mut pos = 0usize;
    let mut payloads = 0u32;
    let mut root_types = None;
    let wasm_err = |e: &wasmparser::BinaryReaderError| InputError::from_wasm(file, e);
    loop {
        let (payload, consumed) = match parser
            .parse(&bytes[pos..], true)
            .map_err(|e| wasm_err(&e))?
        {
            Chunk::Parsed { consumed, payload } => (payload, consumed),
            Chunk::NeedMoreData(_) => {
                return Err(InputError::new(
                    file,
                    Some(bytes.len()),
                    "unexpected end-of-file".into(),
                ));
            }
        };
        pos += consumed;
        // Every function body is a payload: reading the clock for each
        // would cost more than the check is worth.
        payloads += 1;
        if payloads.is_multiple_of(256) {
            limits
                .check_time()
                .map_err(|message| InputError::new(file, Some(pos), message))?;
        }
        let valid = validator.payload(&payload).map_err(|e| wasm_err(&e))?;
        let is_end = matches!(payload, Payload::End(_));
        builder.payload(&payload, valid, &mut root_types)?;
        match &payload {
            Payload::ModuleSection { parser: nested, .. }
            | Payload::ComponentSection { parser: nested, .. } => {
                parsers.push(std::mem::replace(&mut parser, nested.clone()));
            }
            _ => {}
        }
        if is_end {
            match parsers.pop() {
                Some(outer) => parser = outer,
                None => break,
            }
        }
    }
    let is_component = builder.tree.first().map(|n| n.kind) == Some(NodeKind::Component);
    let mut linked = if is_component {
        link::link_component(&builder.components, &builder.modules, limits)
    } else {
        link::link_core_module(&builder.modules[0])
    }
    .and_then(|linked| {
        limits.check_time()?;
        check_graph_size(&linked, &builder.modules, limits.max_graph)?;
        Ok(linked)
    })
    .map_err(|message| InputError::new(file, None, message))?;
    let decoded = decoding.map(|handle| {
        handle
            .join()
            .unwrap_or_else(|panic| Err(world::panic_message(panic.as_ref())))
    });
    let world = if is_component {
        match decoded.unwrap_or_else(|| world::decode_component(bytes, limits)) {
            Ok(world::Decoded::World(summary)) => Some(*summary),
            Ok(world::Decoded::Package(resolve, package)) => {
                return Ok(Parsed::WitPackage(resolve, package));
            }
            Err(e) => {
                // A decoding left behind at the deadline refuses the input
                // as any other work over the time limit does.
                limits
                    .check_time()
                    .map_err(|message| InputError::new(file, None, message))?;
                builder
                    .notes
                    .push(format!("the WIT world could not be decoded: {e}"));
                None
            }
        }
    } else {
        None
    };
    let declared = match builder.declared_section.take() {
        Some(range) if is_component => {
            let content = bytes.get(range).unwrap_or_default().to_vec();
            match world::decode_declared(content, limits) {
                Ok(declared) => Some(declared),
                Err(e) => {
                    limits
                        .check_time()
                        .map_err(|message| InputError::new(file, None, message))?;
                    builder.notes.push(format!(
                        "the world in the `component-type` custom section could not be decoded: {e}"
                    ));
                    None
                }
            }
        }
        _ => None,
    };
    // wit-component names every decoded world `root:component/root`; the
    // declared one has the name it was written with.
    let mut world = world;
    if let (Some(world), Some(declared)) = (&mut world, &declared) {
        world.name = declared.name.clone();
    }
    if let Some(types) = &root_types {
        link::describe_root_imports(&mut linked, types);
    }
    for reason in &linked.opaque {
        builder.notes.push(reason.clone());
    }
    Ok(Parsed::Binary(Box::new(BinaryModel {
        file: file.to_string(),
        size: bytes.len(),
        is_component,
        tree: builder.tree,
        modules: builder.modules,
        linked,
        world,
        declared,
        features: builder.features,
        notes: builder.notes,
    })))
}

/// The graph stage makes a node per core function per module instance and
/// an edge per call site per instance; refuse before it allocates them.
fn check_graph_size(
    linked: &link::Linked,
    modules: &[module::CoreModule],
    max_graph: usize,
) -> Result<(), String> {
    let per_module: Vec<usize> = modules
        .iter()
        .map(|m| m.func_types.len() + m.bodies.iter().map(|b| b.calls.len()).sum::<usize>())
        .collect();
    let mut size = linked.host_funcs.len();
    for instance in &linked.instances {
        size = size.saturating_add(per_module[instance.module]);
        if size > max_graph {
            return Err(format!(
                "the import graph would have more than {max_graph} functions and calls \
                 (module instances × their functions): over the graph limit"
            ));
        }
    }
    Ok(())
}

impl<'a> Builder<'a> {
    /// Validates and scans the module's function bodies on the available
    /// cores. Bodies are cut into pieces of about equal bytes, more pieces
    /// than threads, and each thread takes the next piece when it is done,
    /// so one long body does not leave a core idle. Results are merged in
    /// function order, so the model is the same whatever the thread count.
    fn finish_bodies(&mut self) -> Result<(), InputError> {
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

    fn err(&self, offset: usize, message: String) -> InputError {
        InputError::new(self.file, Some(offset), message)
    }

    fn wasm(&self, e: wasmparser::BinaryReaderError) -> InputError {
        InputError::from_wasm(self.file, &e)
    }

    fn current_def(&mut self) -> Option<&mut ComponentDef> {
        match self.stack.last() {
            Some(Frame::Component { def, .. }) => Some(&mut self.components[*def]),
            _ => None,
        }
    }

    fn current_module(&mut self) -> Option<&mut CoreModule> {
        match self.stack.last() {
            Some(Frame::Module { module, .. }) => Some(&mut self.modules[*module]),
            _ => None,
        }
    }

    fn push_decl(&mut self, decl: Decl) {
        if let Some(def) = self.current_def() {
            def.push(decl);
        }
    }

    fn payload(
        &mut self,
        payload: &Payload<'a>,
        valid: ValidPayload<'a>,
        root_types: &mut Option<wasmparser::types::Types>,
    ) -> Result<(), InputError> {
        match payload {
            Payload::Version {
                encoding, range, ..
            } => self.begin(*encoding, range.start as usize, None)?,
            Payload::ModuleSection {
                unchecked_range, ..
            } => self.pending_nested(
                NodeKind::Module,
                unchecked_range.start as usize..unchecked_range.end as usize,
            )?,
            Payload::ComponentSection {
                unchecked_range, ..
            } => self.pending_nested(
                NodeKind::Component,
                unchecked_range.start as usize..unchecked_range.end as usize,
            )?,
            Payload::End(_) => {
                if matches!(self.stack.last(), Some(Frame::Module { .. })) {
                    self.finish_bodies()?;
                }
                if let ValidPayload::End(types) = valid
                    && self.stack.len() == 1
                {
                    *root_types = Some(types);
                }
                self.stack.pop();
            }
            // Core module sections.
            Payload::TypeSection(reader) => {
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
            }
            Payload::ImportSection(reader) => {
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
            }
            Payload::FunctionSection(reader) => {
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
            }
            Payload::TableSection(reader) => {
                let file = self.file;
                let module = self.current_module().expect("validated");
                for table in reader.clone() {
                    let table = table.map_err(|e| InputError::from_wasm(file, &e))?;
                    module::read_table(table, module)
                        .map_err(|e| InputError::from_wasm(file, &e))?;
                }
            }
            Payload::GlobalSection(reader) => {
                let file = self.file;
                let module = self.current_module().expect("validated");
                for global in reader.clone() {
                    let global = global.map_err(|e| InputError::from_wasm(file, &e))?;
                    module::read_global(global, module)
                        .map_err(|e| InputError::from_wasm(file, &e))?;
                }
            }
            Payload::ExportSection(reader) => {
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
            }
            Payload::StartSection { func, .. } => {
                self.current_module().expect("validated").start = Some(*func);
            }
            Payload::ElementSection(reader) => {
                let file = self.file;
                let module = self.current_module().expect("validated");
                for element in reader.clone() {
                    let element = element.map_err(|e| InputError::from_wasm(file, &e))?;
                    module::read_element(element, module)
                        .map_err(|e| InputError::from_wasm(file, &e))?;
                }
            }
            Payload::CodeSectionStart { size, .. } => {
                self.current_module().expect("validated").code_size = *size as usize;
            }
            Payload::CodeSectionEntry(body) => {
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
            // Component sections.
            Payload::ComponentImportSection(reader) => {
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
            }
            Payload::ComponentExportSection(reader) => {
                for export in reader.clone().into_iter_with_offsets() {
                    let (offset, export) = export.map_err(|e| self.wasm(e))?;
                    self.push_decl(Decl::Export {
                        name: export.name.name.to_string(),
                        kind: ItemKind::from_external(export.kind),
                        index: export.index,
                        offset: offset as usize,
                    });
                }
            }
            Payload::InstanceSection(reader) => {
                for instance in reader.clone() {
                    let decl = match instance.map_err(|e| self.wasm(e))? {
                        Instance::Instantiate { module_index, args } => Decl::CoreInstantiate {
                            module: module_index,
                            args: args.iter().map(|a| (a.name.to_string(), a.index)).collect(),
                        },
                        Instance::FromExports(exports) => Decl::CoreInstanceFromExports(
                            exports
                                .iter()
                                .map(|e| {
                                    (e.name.to_string(), CoreKind::from_external(e.kind), e.index)
                                })
                                .collect(),
                        ),
                    };
                    self.push_decl(decl);
                }
            }
            Payload::ComponentInstanceSection(reader) => {
                for instance in reader.clone() {
                    let decl = match instance.map_err(|e| self.wasm(e))? {
                        ComponentInstance::Instantiate {
                            component_index,
                            args,
                        } => Decl::Instantiate {
                            component: component_index,
                            args: args
                                .iter()
                                .map(|a| {
                                    (a.name.to_string(), ItemKind::from_external(a.kind), a.index)
                                })
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
            }
            Payload::ComponentAliasSection(reader) => {
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
            }
            Payload::ComponentTypeSection(reader) => {
                for ty in reader.clone() {
                    let ty = ty.map_err(|e| self.wasm(e))?;
                    if let ComponentType::Resource { dtor: Some(f), .. } = ty {
                        self.push_decl(Decl::ResourceDtor(f));
                    }
                    self.push_decl(Decl::Type);
                }
            }
            Payload::ComponentCanonicalSection(reader) => {
                for canon in reader.clone().into_iter_with_offsets() {
                    let (offset, canon) = canon.map_err(|e| self.wasm(e))?;
                    let decl = self.canonical(canon, offset as usize);
                    self.push_decl(decl);
                }
            }
            Payload::ComponentStartSection { start, .. } => {
                self.push_decl(Decl::Start(start.func_index));
            }
            Payload::CustomSection(section) => self.custom(section),
            _ => {}
        }
        Ok(())
    }

    /// Opens a tree node for a module or component. The root opens here on
    /// its `Version` payload; nested ones are announced by their section
    /// (which carries the size) and opened by the `Version` that follows.
    fn begin(
        &mut self,
        encoding: Encoding,
        offset: usize,
        _size: Option<usize>,
    ) -> Result<(), InputError> {
        let kind = match encoding {
            Encoding::Component => NodeKind::Component,
            Encoding::Module => NodeKind::Module,
        };
        let (parent, index, size, start) = match self.pending.take() {
            Some(p) => (Some(p.parent), p.index, p.size, p.offset),
            None => (None, 0, 0, offset),
        };
        // No nesting limit of wcaudit's own: the validator has already
        // refused a binary of more than 1,000 components and modules, and
        // nesting here is `self.stack`, not the native stack.
        let depth = self.stack.len() as u32;
        if self.tree.len() >= self.limits.max_modules {
            return Err(self.err(
                offset,
                format!(
                    "more than {} components and core modules: over the module limit",
                    self.limits.max_modules
                ),
            ));
        }
        let node = self.tree.len();
        self.tree.push(TreeNode {
            kind,
            parent,
            index,
            depth,
            offset: start,
            size,
            name: None,
            producers: Vec::new(),
            module: None,
        });
        match kind {
            NodeKind::Component => {
                let def = self.components.len();
                self.components.push(ComponentDef::new(node));
                if let Some(Frame::Component {
                    def: parent_def, ..
                }) = self.stack.last()
                {
                    let parent_def = *parent_def;
                    self.components[parent_def].push(Decl::Component(def));
                }
                self.stack.push(Frame::Component { def, node });
            }
            NodeKind::Module => {
                let module = self.modules.len();
                self.modules.push(CoreModule {
                    tree_node: node,
                    ..CoreModule::default()
                });
                self.tree[node].module = Some(module);
                if let Some(Frame::Component {
                    def: parent_def, ..
                }) = self.stack.last()
                {
                    let parent_def = *parent_def;
                    self.components[parent_def].push(Decl::Module(module));
                }
                self.stack.push(Frame::Module { module, node });
            }
        }
        Ok(())
    }

    fn pending_nested(
        &mut self,
        kind: NodeKind,
        range: std::ops::Range<usize>,
    ) -> Result<(), InputError> {
        let Some(Frame::Component { def, node }) = self.stack.last() else {
            return Err(self.err(range.start, "nested section outside a component".into()));
        };
        let def = &self.components[*def];
        let index = match kind {
            NodeKind::Module => def.module_count,
            NodeKind::Component => def.component_count,
        };
        self.pending = Some(Pending {
            parent: *node,
            index,
            offset: range.start,
            size: range.len(),
        });
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

    /// Names and producers. A malformed custom section is not an input
    /// error (validators ignore custom sections too); it is noted.
    fn custom(&mut self, section: &wasmparser::CustomSectionReader<'_>) {
        let node = match self.stack.last() {
            Some(Frame::Component { node, .. } | Frame::Module { node, .. }) => *node,
            None => return,
        };
        if node == 0
            && self.declared_section.is_none()
            && section.name().starts_with("component-type")
            && matches!(self.stack.last(), Some(Frame::Component { .. }))
        {
            let start = usize::try_from(section.data_offset()).ok();
            let end = usize::try_from(section.range().end).ok();
            self.declared_section = start.zip(end).map(|(start, end)| start..end);
        }
        let result: wasmparser::Result<()> = (|| {
            match section.as_known() {
                KnownCustom::Producers(reader) => {
                    for field in reader {
                        let field = field?;
                        for value in field.values {
                            let value = value?;
                            self.tree[node].producers.push(Producer {
                                field: field.name.to_string(),
                                name: value.name.to_string(),
                                version: value.version.to_string(),
                            });
                        }
                    }
                }
                KnownCustom::Name(reader) => {
                    let Some(Frame::Module { module, .. }) = self.stack.last() else {
                        return Ok(());
                    };
                    let module = *module;
                    for name in reader {
                        match name? {
                            wasmparser::Name::Module { name, .. } => {
                                self.tree[node].name.get_or_insert_with(|| name.to_string());
                            }
                            wasmparser::Name::Function(map) => {
                                let names = &mut self.modules[module].func_names;
                                for naming in map {
                                    let naming = naming?;
                                    names.push((
                                        naming.index,
                                        super::symbol::FuncName::new(naming.name),
                                    ));
                                }
                                names.sort_by_key(|(i, _)| *i);
                                names.dedup_by_key(|(i, _)| *i);
                            }
                            _ => {}
                        }
                    }
                }
                KnownCustom::ComponentName(reader) => {
                    let Some(Frame::Component { def, .. }) = self.stack.last() else {
                        return Ok(());
                    };
                    let def = *def;
                    for name in reader {
                        match name? {
                            wasmparser::ComponentName::Component { name, .. } => {
                                self.tree[node].name = Some(name.to_string());
                            }
                            wasmparser::ComponentName::CoreModules(map) => {
                                for naming in map {
                                    let naming = naming?;
                                    if let Some(child) =
                                        self.components[def].module_node(naming.index, &self.tree)
                                    {
                                        self.tree[child].name = Some(naming.name.to_string());
                                    }
                                }
                            }
                            wasmparser::ComponentName::Components(map) => {
                                for naming in map {
                                    let naming = naming?;
                                    if let Some(child) = self.components[def]
                                        .component_node(naming.index, &self.components)
                                    {
                                        self.tree[child].name = Some(naming.name.to_string());
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            Ok(())
        })();
        if let Err(e) = result {
            self.notes.push(format!(
                "custom section `{}` is malformed and was ignored: {} (at byte offset {:#x})",
                section.name(),
                e.message(),
                e.offset()
            ));
        }
    }
}

struct Pending {
    parent: usize,
    index: u32,
    offset: usize,
    size: usize,
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
