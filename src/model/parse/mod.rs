//! One pass over a binary with wasmparser: every payload is validated and
//! recorded, so each byte is decoded once. Components become declaration
//! lists (`Decl`) that the linker interprets; core modules become
//! `CoreModule` facts.
//!
//! As in wasmparser's own `Validator`, `Builder::payload` only dispatches:
//! each section kind has its handler, core module sections in
//! `core_sections`, component sections in `component_sections`, custom
//! sections in `custom_sections`.

mod component_sections;
mod core_sections;
mod custom_sections;

use std::collections::{BTreeMap, BTreeSet};

use wasmparser::{Chunk, Encoding, Parser, Payload, ValidPayload, Validator, WasmFeatures};

use self::core_sections::PendingBody;
use super::link::{self, ComponentDef, Decl};
use super::module::{self, CoreModule};
use super::{BinaryModel, NodeKind, TreeNode, world};
use crate::load::{InputError, Limits, Loaded};

/// What is being parsed, innermost last: payloads go to the top frame.
enum Frame {
    Component { def: usize, node: usize },
    Module { module: usize, node: usize },
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
    let providers = provider_worlds(&linked, &builder.tree, bytes, limits);
    Ok(Parsed::Binary(Box::new(BinaryModel {
        file: file.to_string(),
        size: bytes.len(),
        is_component,
        tree: builder.tree,
        modules: builder.modules,
        linked,
        world,
        providers,
        declared,
        features: builder.features,
        notes: builder.notes,
    })))
}

/// The WIT worlds of the nested components that provide functions other
/// components of the binary call, decoded from their own bytes: what the
/// chatty rules show of an interface called inside a composition. A
/// component that does not decode is left out.
fn provider_worlds(
    linked: &link::Linked,
    tree: &[TreeNode],
    bytes: &[u8],
    limits: &Limits,
) -> BTreeMap<usize, world::WorldSummary> {
    let mut nodes = BTreeSet::new();
    for lowering in &linked.lowerings {
        if let link::ComponentFuncRef::Lifted(lift) = lowering.target {
            let lift = &linked.lifts[lift as usize];
            if lift.ctx != lowering.ctx {
                nodes.insert(linked.contexts[lift.ctx as usize]);
            }
        }
    }
    let mut out = BTreeMap::new();
    for node in nodes {
        let n = &tree[node];
        if n.parent.is_none() || limits.check_time().is_err() {
            continue;
        }
        let Some(component) = bytes.get(n.offset..n.offset + n.size) else {
            continue;
        };
        if let Ok(world::Decoded::World(summary)) = world::decode_component(component, limits) {
            out.insert(node, *summary);
        }
    }
    out
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

    /// Hands each payload to its section's handler.
    fn payload(
        &mut self,
        payload: &Payload<'a>,
        valid: ValidPayload<'a>,
        root_types: &mut Option<wasmparser::types::Types>,
    ) -> Result<(), InputError> {
        match payload {
            Payload::Version {
                encoding, range, ..
            } => self.begin(*encoding, range.start as usize, None),
            Payload::ModuleSection {
                unchecked_range, ..
            } => self.pending_nested(
                NodeKind::Module,
                unchecked_range.start as usize..unchecked_range.end as usize,
            ),
            Payload::ComponentSection {
                unchecked_range, ..
            } => self.pending_nested(
                NodeKind::Component,
                unchecked_range.start as usize..unchecked_range.end as usize,
            ),
            Payload::End(_) => self.end(valid, root_types),
            // Core module sections.
            Payload::TypeSection(reader) => self.type_section(reader),
            Payload::ImportSection(reader) => self.import_section(reader),
            Payload::FunctionSection(reader) => self.function_section(reader),
            Payload::TableSection(reader) => self.table_section(reader),
            Payload::GlobalSection(reader) => self.global_section(reader),
            Payload::ExportSection(reader) => self.export_section(reader),
            Payload::StartSection { func, .. } => {
                self.current_module().expect("validated").start = Some(*func);
                Ok(())
            }
            Payload::ElementSection(reader) => self.element_section(reader),
            Payload::CodeSectionStart { size, .. } => {
                self.current_module().expect("validated").code_size = *size as usize;
                Ok(())
            }
            Payload::CodeSectionEntry(body) => {
                self.code_section_entry(body, valid);
                Ok(())
            }
            // Component sections.
            Payload::ComponentImportSection(reader) => self.component_import_section(reader),
            Payload::ComponentExportSection(reader) => self.component_export_section(reader),
            Payload::InstanceSection(reader) => self.core_instance_section(reader),
            Payload::ComponentInstanceSection(reader) => self.component_instance_section(reader),
            Payload::ComponentAliasSection(reader) => self.component_alias_section(reader),
            Payload::ComponentTypeSection(reader) => self.component_type_section(reader),
            Payload::ComponentCanonicalSection(reader) => self.component_canonical_section(reader),
            Payload::ComponentStartSection { start, .. } => {
                self.push_decl(Decl::Start(start.func_index));
                Ok(())
            }
            Payload::CustomSection(section) => {
                self.custom_section(section);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Closes the innermost module or component. A module's bodies are
    /// analysed now, all together; the root's types are kept for
    /// describing its imports.
    fn end(
        &mut self,
        valid: ValidPayload<'a>,
        root_types: &mut Option<wasmparser::types::Types>,
    ) -> Result<(), InputError> {
        if matches!(self.stack.last(), Some(Frame::Module { .. })) {
            self.finish_bodies()?;
        }
        if let ValidPayload::End(types) = valid {
            if let Some(Frame::Component { def, .. }) = self.stack.last() {
                copies_of_lowerings(&mut self.components[*def], &types);
            }
            if self.stack.len() == 1 {
                *root_types = Some(types);
            }
        }
        self.stack.pop();
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
}

struct Pending {
    parent: usize,
    index: u32,
    offset: usize,
    size: usize,
}

/// Records, for each `canon lower` of the component just closed, which of
/// its function's parameters and results carry strings or lists: what a
/// call copies from one memory into another.
fn copies_of_lowerings(
    def: &mut crate::model::link::ComponentDef,
    types: &wasmparser::types::Types,
) {
    for decl in &mut def.decls {
        let Decl::Lower { func, copies, .. } = decl else {
            continue;
        };
        if *func as usize >= types.component_function_count() as usize {
            continue;
        }
        let ty = &types[types.component_function_at(*func)];
        let mut params = Carried::default();
        for (_, p) in ty.params.iter() {
            params.add(types, p);
        }
        let mut results = Carried::default();
        if let Some(r) = &ty.result {
            results.add(types, r);
        }
        *copies = crate::model::link::Copies {
            params_string: params.string,
            params_list: params.list,
            results_string: results.string,
            results_list: results.list,
        };
    }
}

/// Whether a value type carries a string or a list, at any depth.
#[derive(Default)]
struct Carried {
    string: bool,
    list: bool,
}

impl Carried {
    /// A work list, not recursion: types can nest deep.
    fn add(
        &mut self,
        types: &wasmparser::types::Types,
        ty: &wasmparser::component_types::ComponentValType,
    ) {
        use wasmparser::PrimitiveValType;
        use wasmparser::component_types::{ComponentDefinedType as D, ComponentValType as V};
        let mut pending = vec![*ty];
        let mut seen = std::collections::HashSet::new();
        while let Some(ty) = pending.pop() {
            let id = match ty {
                V::Primitive(PrimitiveValType::String) => {
                    self.string = true;
                    continue;
                }
                V::Primitive(_) => continue,
                V::Type(id) => id,
            };
            if !seen.insert(id) {
                continue;
            }
            match &types[id] {
                D::Primitive(PrimitiveValType::String) => self.string = true,
                D::List { element, .. } | D::FixedLengthList { element, .. } => {
                    self.list = true;
                    pending.push(*element);
                }
                D::Record(r) => pending.extend(r.fields.values().copied()),
                D::Variant(v) => pending.extend(v.cases.values().filter_map(|c| c.ty)),
                D::Tuple(t) => pending.extend(t.types.iter().copied()),
                D::Option { ty, .. } => pending.push(*ty),
                D::Result { ok, err, .. } => pending.extend(ok.iter().chain(err.iter()).copied()),
                D::Map { key, value, .. } => {
                    self.list = true;
                    pending.push(*key);
                    pending.push(*value);
                }
                _ => {}
            }
        }
    }
}
