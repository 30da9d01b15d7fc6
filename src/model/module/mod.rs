//! Facts about one core module: its imports, exports, functions and the
//! call sites in each function body, with loop nesting depth.

mod body_scan;
mod initializers;

use wasmparser::{ExternalKind, ValType};

pub(crate) use self::body_scan::{ScanScratch, analyze_body};
pub(crate) use self::initializers::{read_element, read_global, read_table};

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
/// Reference types are collapsed into one shape: with function subtyping
/// (`call_indirect` and `call_ref` accept a target declared with a
/// subtype) and iso-recursive type equivalence (identical types at
/// different indices are one type), a target whose reference types differ
/// by index from the call's can still be called. Numeric types must match
/// exactly under any subtyping, so they are kept: equal shapes is a
/// necessary condition for a call to reach a target, never a sufficient one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct FuncSig {
    pub(crate) params: Box<[ValShape]>,
    pub(crate) results: Box<[ValShape]>,
}

/// A value type as far as signature matching can tell it apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ValShape {
    I32,
    I64,
    F32,
    F64,
    V128,
    /// Any reference type, whatever its heap type and nullability.
    Ref,
}

impl FuncSig {
    pub(crate) fn of(ty: &wasmparser::FuncType) -> Self {
        let shape = |t: &ValType| match t {
            ValType::I32 => ValShape::I32,
            ValType::I64 => ValShape::I64,
            ValType::F32 => ValShape::F32,
            ValType::F64 => ValShape::F64,
            ValType::V128 => ValShape::V128,
            ValType::Ref(_) => ValShape::Ref,
        };
        FuncSig {
            params: ty.params().iter().map(shape).collect(),
            results: ty.results().iter().map(shape).collect(),
        }
    }
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
    /// Control passes to code wcaudit does not follow: whatever function
    /// a reference was taken of may run.
    Unmodelled(Unmodelled),
}

/// A way to run code that the call graph does not model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unmodelled {
    /// `resume`, `resume_throw`, `resume_throw_ref` or `switch`: a
    /// continuation made by `cont.new` from some function reference runs.
    StackSwitching,
}

impl Unmodelled {
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Unmodelled::StackSwitching => {
                "stack switching (`resume`, `switch`) runs continuations made from function \
                 references, which wcaudit does not follow"
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct CallSite {
    pub(crate) target: CallTarget,
    /// How many `loop` blocks enclose the call.
    pub(crate) loop_depth: u32,
    /// The innermost enclosing loop, an index into `FuncBody::loops`.
    pub(crate) innermost_loop: Option<u32>,
    /// Inside an `if` within that loop: not every iteration makes the call.
    pub(crate) conditional: bool,
    /// Byte offset of the call instruction.
    pub(crate) offset: u32,
}

/// A `loop` in a function body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LoopInfo {
    pub(crate) parent: Option<u32>,
    /// Iterations per entry, when the loop counts a local from a constant
    /// to a constant bound (`i = i + 1; br_if (i < N)`).
    pub(crate) trips: Option<u32>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct FuncBody {
    pub(crate) calls: Vec<CallSite>,
    pub(crate) loops: Vec<LoopInfo>,
}

impl FuncBody {
    /// How often a call site runs per call of its function: the product of
    /// the known trip counts of its enclosing loops, and the trip counts
    /// (outermost first), or `None` when some loop's count is unknown.
    pub(crate) fn repetitions(&self, site: &CallSite) -> Option<(u64, Vec<u32>)> {
        let mut trips = Vec::new();
        let mut cursor = site.innermost_loop;
        while let Some(id) = cursor {
            let info = self.loops.get(id as usize)?;
            trips.push(info.trips?);
            cursor = info.parent;
        }
        trips.reverse();
        let total = trips
            .iter()
            .try_fold(1u64, |acc, t| acc.checked_mul(u64::from(*t)))?;
        #[cfg(test)]
        let total = total + u64::from(MISCOUNT_LOOPS.with(std::cell::Cell::get));
        Some((total, trips))
    }
}

#[cfg(test)]
thread_local! {
    /// Sabotage for the oracle's own test: when set, every counted call
    /// site claims one call more than its loops make, so the analysis
    /// must be caught miscounting what replay counts.
    pub(crate) static MISCOUNT_LOOPS: std::cell::Cell<bool> =
        const { std::cell::Cell::new(false) };
}

#[cfg(test)]
thread_local! {
    /// Sabotage for the oracle's own test: when set, the body scan forgets
    /// what disturbs a counted loop (an early exit, a second back edge, a
    /// second write of its counter), as it did before it knew of them.
    pub(crate) static IGNORE_LOOP_DISTURBANCES: std::cell::Cell<bool> =
        const { std::cell::Cell::new(false) };
}

/// What one function body contributes to its module.
#[derive(Debug, Default)]
pub(crate) struct BodyFacts {
    pub(crate) body: FuncBody,
    pub(crate) ref_funcs: Vec<u32>,
    pub(crate) mutated_tables: Vec<u32>,
}

/// What one item of an element segment (or a table's initializer) puts
/// in a slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ElemItem {
    /// The function `ref.func` (or a plain function index) names.
    Func(u32),
    /// `ref.null`: the slot holds nothing callable.
    Null,
    /// An expression whose value wcaudit does not evaluate (`global.get`,
    /// a GC value, …); any function reference may come out of it.
    Unknown,
}

#[derive(Clone, Debug)]
pub(crate) struct ElementSegment {
    /// The table an active segment writes to; `None` for passive and
    /// declared segments.
    pub(crate) table: Option<u32>,
    /// The first slot, when the offset is a constant.
    pub(crate) offset: Option<u32>,
    /// One entry per item, so that item `i` lands in slot `offset + i`.
    pub(crate) items: Vec<ElemItem>,
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
    /// Initializers of defined tables that fill every slot with something
    /// other than null: (table index, value).
    pub(crate) table_inits: Vec<(u32, ElemItem)>,
    /// Per global (imported ones first): whether it holds a reference.
    pub(crate) ref_globals: Vec<bool>,
    /// Bodies of defined functions, indexed from the first defined function.
    pub(crate) bodies: Vec<FuncBody>,
    /// Function names from the name section, sorted by index.
    pub(crate) func_names: Vec<(u32, super::symbol::FuncName)>,
    pub(crate) elements: Vec<ElementSegment>,
    /// Functions whose reference is taken with `ref.func`, in code or in
    /// any constant expression (global and table initializers, element
    /// items), or listed in an element segment.
    pub(crate) ref_funcs: Vec<u32>,
    /// Tables written by instructions at run time.
    pub(crate) mutated_tables: Vec<u32>,
    pub(crate) start: Option<u32>,
    pub(crate) code_size: usize,
    /// Export name → position in `exports`, for linking by name.
    pub(crate) export_index: std::collections::HashMap<String, usize>,
}

impl CoreModule {
    pub(crate) fn num_imported_funcs(&self) -> u32 {
        self.func_imports.len() as u32
    }

    pub(crate) fn body(&self, func: u32) -> Option<&FuncBody> {
        func.checked_sub(self.num_imported_funcs())
            .and_then(|i| self.bodies.get(i as usize))
    }

    pub(crate) fn func_name(&self, func: u32) -> Option<&super::symbol::FuncName> {
        self.func_names
            .binary_search_by_key(&func, |(i, _)| *i)
            .ok()
            .map(|i| &self.func_names[i].1)
    }

    /// Readable name of a function: its name-section name (demangled and
    /// made safe to print), its export name, or the import it stands for.
    pub(crate) fn func_label(&self, func: u32) -> String {
        if let Some(import) = self.func_imports.get(func as usize) {
            let import = &self.imports[*import as usize];
            return format!("{}#{}", import.module, import.name);
        }
        if let Some(name) = self.func_name(func) {
            return name.shown().to_string();
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

    /// The name-section name of a function as the module spells it (a
    /// mangled symbol), when `func_label` shows it otherwise.
    pub(crate) fn func_symbol(&self, func: u32) -> Option<&str> {
        if self.func_imports.get(func as usize).is_some() {
            return None;
        }
        self.func_name(func)
            .filter(|n| n.is_rewritten())
            .map(|n| &*n.raw)
    }

    /// The name a function is exported under, if it is exported.
    pub(crate) fn func_export_name(&self, func: u32) -> Option<&str> {
        self.exports
            .iter()
            .find(|e| e.kind == CoreKind::Func && e.index == func)
            .map(|e| e.name.as_str())
    }

    /// `func_label`, but with the raw name-section name: for identities
    /// (fingerprints) that must not change with how names are shown.
    pub(crate) fn func_raw_label(&self, func: u32) -> String {
        match self.func_symbol(func) {
            Some(raw) => raw.to_string(),
            None => self.func_label(func),
        }
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
        self.export_index.get(name).map(|i| &self.exports[*i])
    }
}
