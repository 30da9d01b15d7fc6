//! Facts about one core module: its imports, exports, functions and the
//! call sites in each function body, with loop nesting depth.

use wasmparser::{
    BinaryReader, ConstExpr, ElementItems, ElementKind, ExternalKind, FuncValidator, FunctionBody,
    Operator, OperatorsReader, ValType, ValidatorResources,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum CoreKind {
    Func,
    Table,
    Memory,
    Global,
    Tag,
}

impl CoreKind {
    pub(crate) fn from_external(kind: ExternalKind) -> Self {
        match kind {
            ExternalKind::Func | ExternalKind::FuncExact => CoreKind::Func,
            ExternalKind::Table => CoreKind::Table,
            ExternalKind::Memory => CoreKind::Memory,
            ExternalKind::Global => CoreKind::Global,
            ExternalKind::Tag => CoreKind::Tag,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct CoreImport {
    pub(crate) module: String,
    pub(crate) name: String,
    pub(crate) kind: CoreKind,
    pub(crate) offset: usize,
}

#[derive(Clone, Debug)]
pub(crate) struct CoreExport {
    pub(crate) name: String,
    pub(crate) kind: CoreKind,
    pub(crate) index: u32,
}

/// A core function signature, for matching indirect call targets by type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct FuncSig {
    pub(crate) params: Box<[ValType]>,
    pub(crate) results: Box<[ValType]>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CallTarget {
    /// `call` / `return_call` of a function index.
    Direct(u32),
    /// `call_indirect` through a table; `slot` is known when the index is a
    /// constant pushed right before the call (the wit-component shim shape).
    Indirect {
        table: u32,
        ty: u32,
        slot: Option<u32>,
    },
    /// `call_ref` of a typed function reference.
    Ref { ty: u32 },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct CallSite {
    pub(crate) target: CallTarget,
    /// How many `loop` blocks enclose the call.
    pub(crate) loop_depth: u32,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct FuncBody {
    pub(crate) calls: Vec<CallSite>,
}

/// What one function body contributes to its module.
#[derive(Debug, Default)]
pub(crate) struct BodyFacts {
    pub(crate) body: FuncBody,
    pub(crate) ref_funcs: Vec<u32>,
    pub(crate) mutated_tables: Vec<u32>,
}

#[derive(Clone, Debug)]
pub(crate) struct ElementSegment {
    /// The table an active segment writes to; `None` for passive and
    /// declared segments.
    pub(crate) table: Option<u32>,
    /// The first slot, when the offset is a constant.
    pub(crate) offset: Option<u32>,
    pub(crate) funcs: Vec<u32>,
}

/// Everything the linker and the graph need to know about a core module.
#[derive(Clone, Debug, Default)]
pub(crate) struct CoreModule {
    pub(crate) tree_node: usize,
    pub(crate) imports: Vec<CoreImport>,
    pub(crate) exports: Vec<CoreExport>,
    pub(crate) types: Vec<Option<FuncSig>>,
    /// Type index of every function, imported ones first.
    pub(crate) func_types: Vec<u32>,
    /// For each imported function (in function index order), its position
    /// in `imports`.
    pub(crate) func_imports: Vec<u32>,
    pub(crate) table_imports: Vec<u32>,
    pub(crate) defined_tables: u32,
    /// Bodies of defined functions, indexed from the first defined function.
    pub(crate) bodies: Vec<FuncBody>,
    /// Function names from the name section, sorted by index.
    pub(crate) func_names: Vec<(u32, String)>,
    pub(crate) elements: Vec<ElementSegment>,
    /// Functions whose reference is taken with `ref.func`.
    pub(crate) ref_funcs: Vec<u32>,
    /// Tables written by instructions at run time.
    pub(crate) mutated_tables: Vec<u32>,
    pub(crate) start: Option<u32>,
    pub(crate) code_size: usize,
}

impl CoreModule {
    pub(crate) fn num_imported_funcs(&self) -> u32 {
        self.func_imports.len() as u32
    }

    pub(crate) fn body(&self, func: u32) -> Option<&FuncBody> {
        func.checked_sub(self.num_imported_funcs())
            .and_then(|i| self.bodies.get(i as usize))
    }

    pub(crate) fn func_name(&self, func: u32) -> Option<&str> {
        self.func_names
            .binary_search_by_key(&func, |(i, _)| *i)
            .ok()
            .map(|i| self.func_names[i].1.as_str())
    }

    /// Readable name of a function: its name-section name, its export
    /// name, or the import it stands for.
    pub(crate) fn func_label(&self, func: u32) -> String {
        if let Some(import) = self.func_imports.get(func as usize) {
            let import = &self.imports[*import as usize];
            return format!("{}#{}", import.module, import.name);
        }
        if let Some(name) = self.func_name(func) {
            return name.to_string();
        }
        if let Some(export) = self
            .exports
            .iter()
            .find(|e| e.kind == CoreKind::Func && e.index == func)
        {
            return export.name.clone();
        }
        format!("func[{func}]")
    }

    pub(crate) fn func_sig(&self, func: u32) -> Option<&FuncSig> {
        let ty = *self.func_types.get(func as usize)?;
        self.types.get(ty as usize)?.as_ref()
    }

    /// A module of one-call trampolines, like wit-component's shim that
    /// forwards each import through a table slot: plumbing, not code a
    /// reader cares about.
    pub(crate) fn is_trampoline_only(&self) -> bool {
        !self.bodies.is_empty()
            && self.bodies.iter().all(|b| {
                matches!(
                    b.calls.as_slice(),
                    [CallSite {
                        target: CallTarget::Direct(_) | CallTarget::Indirect { slot: Some(_), .. },
                        loop_depth: 0,
                        ..
                    }]
                )
            })
    }

    pub(crate) fn export(&self, name: &str) -> Option<&CoreExport> {
        self.exports.iter().find(|e| e.name == name)
    }
}

/// Reads one function body: validates each operator (when a validator is
/// given) and records call sites, table writes and taken references in
/// the same pass, so the code is decoded once.
pub(crate) fn analyze_body(
    body: &FunctionBody<'_>,
    mut validator: Option<&mut FuncValidator<ValidatorResources>>,
) -> wasmparser::Result<BodyFacts> {
    let mut facts = BodyFacts::default();
    let mut reader: BinaryReader<'_> = body.get_binary_reader();
    match validator.as_deref_mut() {
        Some(v) => v.read_locals(&mut reader)?,
        None => {
            for _ in 0..reader.read_var_u32()? {
                reader.read_var_u32()?;
                reader.read::<ValType>()?;
            }
        }
    }
    let mut ops = OperatorsReader::new(reader);
    let mut calls = Vec::new();
    // One entry per open block: true for `loop`.
    let mut frames: Vec<bool> = Vec::with_capacity(16);
    let mut loop_depth = 0u32;
    let mut last_const: Option<u32> = None;
    while !ops.eof() {
        let (op, offset) = ops.read_with_offset()?;
        if let Some(v) = validator.as_deref_mut() {
            v.op(offset, &op)?;
        }
        let const_before = last_const.take();
        match op {
            Operator::Block { .. }
            | Operator::If { .. }
            | Operator::Try { .. }
            | Operator::TryTable { .. } => frames.push(false),
            Operator::Loop { .. } => {
                frames.push(true);
                loop_depth += 1;
            }
            Operator::End | Operator::Delegate { .. } if frames.pop() == Some(true) => {
                loop_depth -= 1;
            }
            Operator::Call { function_index } | Operator::ReturnCall { function_index } => calls
                .push(CallSite {
                    target: CallTarget::Direct(function_index),
                    loop_depth,
                }),
            Operator::CallIndirect {
                type_index,
                table_index,
            }
            | Operator::ReturnCallIndirect {
                type_index,
                table_index,
            } => calls.push(CallSite {
                target: CallTarget::Indirect {
                    table: table_index,
                    ty: type_index,
                    slot: const_before,
                },
                loop_depth,
            }),
            Operator::CallRef { type_index } | Operator::ReturnCallRef { type_index } => calls
                .push(CallSite {
                    target: CallTarget::Ref { ty: type_index },
                    loop_depth,
                }),
            Operator::RefFunc { function_index } => facts.ref_funcs.push(function_index),
            Operator::TableSet { table }
            | Operator::TableGrow { table }
            | Operator::TableFill { table }
            | Operator::TableInit { table, .. } => facts.mutated_tables.push(table),
            Operator::TableCopy { dst_table, .. } => facts.mutated_tables.push(dst_table),
            Operator::I32Const { value } => last_const = Some(value as u32),
            _ => {}
        }
    }
    ops.finish()?;
    facts.body = FuncBody { calls };
    Ok(facts)
}

/// Reads an element segment into the functions it places.
pub(crate) fn read_element(
    element: wasmparser::Element<'_>,
    module: &mut CoreModule,
) -> wasmparser::Result<()> {
    let mut funcs = Vec::new();
    match element.items {
        ElementItems::Functions(reader) => {
            for func in reader {
                funcs.push(func?);
            }
        }
        ElementItems::Expressions(_, reader) => {
            for expr in reader {
                if let Some(func) = const_ref_func(&expr?) {
                    funcs.push(func);
                }
            }
        }
    }
    let (table, offset) = match element.kind {
        ElementKind::Active {
            table_index,
            offset_expr,
        } => (Some(table_index.unwrap_or(0)), const_i32(&offset_expr)),
        ElementKind::Passive | ElementKind::Declared => (None, None),
    };
    module.elements.push(ElementSegment {
        table,
        offset,
        funcs,
    });
    Ok(())
}

fn const_i32(expr: &ConstExpr<'_>) -> Option<u32> {
    let mut reader = expr.get_operators_reader();
    match (reader.read().ok()?, reader.read().ok()?) {
        (Operator::I32Const { value }, Operator::End) => Some(value as u32),
        _ => None,
    }
}

fn const_ref_func(expr: &ConstExpr<'_>) -> Option<u32> {
    let mut reader = expr.get_operators_reader();
    match reader.read().ok()? {
        Operator::RefFunc { function_index } => Some(function_index),
        _ => None,
    }
}
