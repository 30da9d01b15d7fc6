//! Facts about one core module: its imports, exports, functions and the
//! call sites in each function body, with loop nesting depth.

use wasmparser::{
    BinaryReader, ConstExpr, ElementItems, ElementKind, ExternalKind, FrameKind, FrameStack,
    FuncValidator, FunctionBody, Operator, ValType, ValidatorResources, VisitOperator,
    VisitSimdOperator,
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
        Some((total, trips))
    }
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

    fn func_name(&self, func: u32) -> Option<&super::symbol::FuncName> {
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

/// Reads one function body: validates each operator and records call
/// sites, table writes and taken references in the same decode. The
/// validator's own visitor is wrapped, so no `Operator` value is built.
pub(crate) fn analyze_body(
    body: &FunctionBody<'_>,
    validator: &mut FuncValidator<ValidatorResources>,
    params: u32,
    scratch: &mut ScanScratch,
) -> wasmparser::Result<BodyFacts> {
    let mut reader: BinaryReader<'_> = body.get_binary_reader();
    validator.read_locals(&mut reader)?;
    let mut scan = Scan {
        params,
        buf: std::mem::take(scratch),
        ..Scan::default()
    };
    let scanned = scan_body(&mut reader, validator, &mut scan);
    // The body keeps exact copies; the grown buffers go back for the next.
    let facts = BodyFacts {
        body: FuncBody {
            calls: scan.buf.calls.as_slice().into(),
            loops: scan.buf.loops.as_slice().into(),
        },
        ref_funcs: scan.ref_funcs,
        mutated_tables: scan.mutated_tables,
    };
    *scratch = scan.buf;
    scratch.clear();
    scanned.map(|()| facts)
}

/// The scan's buffers, kept from one body to the next: each body would
/// otherwise grow its own, one reallocation at a time.
#[derive(Default)]
pub(crate) struct ScanScratch {
    calls: Vec<CallSite>,
    loops: Vec<LoopInfo>,
    frames: Vec<OpenFrame>,
    /// Every `local.set`/`local.tee`: (operator index, local, constant stored).
    sets: Vec<(u32, u32, Option<i32>)>,
}

impl ScanScratch {
    fn clear(&mut self) {
        self.calls.clear();
        self.loops.clear();
        self.frames.clear();
        self.sets.clear();
    }
}

fn scan_body(
    reader: &mut BinaryReader<'_>,
    validator: &mut FuncValidator<ValidatorResources>,
    scan: &mut Scan,
) -> wasmparser::Result<()> {
    while !reader.eof() {
        let offset = reader.original_position();
        scan.offset = offset;
        let mut visitor = Scanning {
            inner: validator.visitor(offset),
            scan,
        };
        reader.visit_operator(&mut visitor)??;
    }
    reader.finish_expression(&validator.visitor(reader.original_position()))
}

/// The few operators loop-count recognition needs to see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tok {
    Get(u32),
    Set(u32),
    Tee(u32),
    Const(i32),
    Add,
    /// `i32.lt_u`, `i32.lt_s` or `i32.ne`: continue while below the bound.
    Below,
    #[default]
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FrameKind2 {
    Block,
    If,
    Loop(u32),
}

#[derive(Clone, Copy)]
struct OpenFrame {
    kind: FrameKind2,
    /// Operator index where the frame opened.
    opened: u32,
}

/// What the scan of one body has seen so far.
#[derive(Default)]
struct Scan {
    /// Call sites, open frames, loops and local writes.
    buf: ScanScratch,
    ref_funcs: Vec<u32>,
    mutated_tables: Vec<u32>,
    loop_depth: u32,
    /// The constant pushed by the previous instruction, if it was `i32.const`.
    last_const: Option<u32>,
    /// The last few operators, as a ring: operator `i` is at `i % 8`.
    /// Shifting an array for every operator cost more than validating it.
    window: [Tok; 8],
    ops: u32,
    params: u32,
    /// Byte offset of the operator being visited.
    offset: u64,
}

impl Scan {
    fn innermost_loop(&self) -> Option<(usize, u32)> {
        self.buf
            .frames
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, f)| match f.kind {
                FrameKind2::Loop(id) => Some((i, id)),
                _ => None,
            })
    }

    fn call(&mut self, target: CallTarget) {
        let innermost = self.innermost_loop();
        let conditional = innermost.is_some_and(|(at, _)| {
            self.buf.frames[at + 1..]
                .iter()
                .any(|f| f.kind == FrameKind2::If)
        });
        self.buf.calls.push(CallSite {
            target,
            loop_depth: self.loop_depth,
            innermost_loop: innermost.map(|(_, id)| id),
            conditional,
            offset: self.offset as u32,
        });
    }

    fn open(&mut self, kind: FrameKind2) {
        let kind = if let FrameKind2::Loop(_) = kind {
            let id = self.buf.loops.len() as u32;
            self.buf.loops.push(LoopInfo {
                parent: self.innermost_loop().map(|(_, id)| id),
                trips: None,
            });
            self.loop_depth += 1;
            FrameKind2::Loop(id)
        } else {
            kind
        };
        self.buf.frames.push(OpenFrame {
            kind,
            opened: self.ops,
        });
    }

    fn close(&mut self) {
        if let Some(OpenFrame {
            kind: FrameKind2::Loop(_),
            ..
        }) = self.buf.frames.pop()
        {
            self.loop_depth -= 1;
        }
    }

    /// The `back`-th operator before the current one (1 is the previous).
    fn before(&self, back: u32) -> Tok {
        self.window[(self.ops.wrapping_sub(back) % 8) as usize]
    }

    /// Records the current operator's token; the caller then counts it.
    fn push_tok(&mut self, tok: Tok) {
        if let Tok::Set(local) | Tok::Tee(local) = tok {
            let stored = match self.before(1) {
                Tok::Const(k) => Some(k),
                _ => None,
            };
            self.buf.sets.push((self.ops, local, stored));
        }
        self.window[(self.ops % 8) as usize] = tok;
    }

    /// `br_if` to a loop after `x = x + 1; x < N` fixes that loop's count.
    fn branch_if(&mut self, depth: u32) {
        let Some(frame) = self
            .buf
            .frames
            .len()
            .checked_sub(1 + depth as usize)
            .map(|i| self.buf.frames[i])
        else {
            return;
        };
        let FrameKind2::Loop(id) = frame.kind else {
            return;
        };
        let w = |back| self.before(back);
        let counter = match (w(7), w(6), w(5), w(4), w(3), w(2), w(1)) {
            // x = x + 1; x < N
            (
                Tok::Get(a),
                Tok::Const(1),
                Tok::Add,
                Tok::Set(b),
                Tok::Get(c),
                Tok::Const(n),
                Tok::Below,
            ) if a == b && b == c => Some((a, n)),
            // (x = x + 1) < N, with local.tee
            (_, Tok::Get(a), Tok::Const(1), Tok::Add, Tok::Tee(b), Tok::Const(n), Tok::Below)
                if a == b =>
            {
                Some((a, n))
            }
            _ => None,
        };
        let Some((local, bound)) = counter else {
            return;
        };
        // The counter's value when the loop was entered.
        let start = match self
            .buf
            .sets
            .iter()
            .rev()
            .find(|(at, l, _)| *l == local && *at < frame.opened)
        {
            Some((_, _, stored)) => *stored,
            None if local >= self.params => Some(0),
            None => None,
        };
        if let Some(start) = start
            && bound > start
            && let Some(info) = self.buf.loops.get_mut(id as usize)
            && info.trips.is_none()
        {
            info.trips = Some((bound - start) as u32);
        }
    }
}

/// Records what the scan needs from one operator. Arms name the operators
/// of interest; every other operator only clears the remembered constant.
macro_rules! scan_op {
    ($scan:ident, $slot:ident, Block $($rest:tt)*) => {
        $scan.open(FrameKind2::Block)
    };
    ($scan:ident, $slot:ident, If $($rest:tt)*) => {
        $scan.open(FrameKind2::If)
    };
    ($scan:ident, $slot:ident, Try $($rest:tt)*) => {
        $scan.open(FrameKind2::Block)
    };
    ($scan:ident, $slot:ident, TryTable $($rest:tt)*) => {
        $scan.open(FrameKind2::Block)
    };
    ($scan:ident, $slot:ident, Loop $($rest:tt)*) => {
        $scan.open(FrameKind2::Loop(0))
    };
    ($scan:ident, $slot:ident, BrIf { $depth:ident }) => {
        $scan.branch_if($depth)
    };
    ($scan:ident, $slot:ident, End $($rest:tt)*) => {
        $scan.close()
    };
    ($scan:ident, $slot:ident, Delegate $($rest:tt)*) => {
        $scan.close()
    };
    ($scan:ident, $slot:ident, Call { $f:ident }) => {
        $scan.call(CallTarget::Direct($f))
    };
    ($scan:ident, $slot:ident, ReturnCall { $f:ident }) => {
        $scan.call(CallTarget::Direct($f))
    };
    ($scan:ident, $slot:ident, CallIndirect { $ty:ident, $table:ident }) => {
        $scan.call(CallTarget::Indirect {
            table: $table,
            ty: $ty,
            slot: $slot,
        })
    };
    ($scan:ident, $slot:ident, ReturnCallIndirect { $ty:ident, $table:ident }) => {
        $scan.call(CallTarget::Indirect {
            table: $table,
            ty: $ty,
            slot: $slot,
        })
    };
    ($scan:ident, $slot:ident, CallRef { $ty:ident }) => {
        $scan.call(CallTarget::Ref { ty: $ty })
    };
    ($scan:ident, $slot:ident, ReturnCallRef { $ty:ident }) => {
        $scan.call(CallTarget::Ref { ty: $ty })
    };
    ($scan:ident, $slot:ident, Resume $($rest:tt)*) => {
        $scan.call(CallTarget::Unmodelled(Unmodelled::StackSwitching))
    };
    ($scan:ident, $slot:ident, ResumeThrow $($rest:tt)*) => {
        $scan.call(CallTarget::Unmodelled(Unmodelled::StackSwitching))
    };
    ($scan:ident, $slot:ident, ResumeThrowRef $($rest:tt)*) => {
        $scan.call(CallTarget::Unmodelled(Unmodelled::StackSwitching))
    };
    ($scan:ident, $slot:ident, Switch $($rest:tt)*) => {
        $scan.call(CallTarget::Unmodelled(Unmodelled::StackSwitching))
    };
    ($scan:ident, $slot:ident, RefFunc { $f:ident }) => {
        $scan.ref_funcs.push($f)
    };
    ($scan:ident, $slot:ident, TableSet { $table:ident }) => {
        $scan.mutated_tables.push($table)
    };
    ($scan:ident, $slot:ident, TableGrow { $table:ident }) => {
        $scan.mutated_tables.push($table)
    };
    ($scan:ident, $slot:ident, TableFill { $table:ident }) => {
        $scan.mutated_tables.push($table)
    };
    ($scan:ident, $slot:ident, TableInit { $elem:ident, $table:ident }) => {
        $scan.mutated_tables.push($table)
    };
    ($scan:ident, $slot:ident, TableCopy { $dst:ident, $src:ident }) => {
        $scan.mutated_tables.push($dst)
    };
    ($scan:ident, $slot:ident, I32Const { $value:ident }) => {
        $scan.last_const = Some($value as u32)
    };
    ($scan:ident, $slot:ident, $other:ident $($rest:tt)*) => {};
}

/// The token an operator contributes to loop-count recognition.
macro_rules! scan_tok {
    (LocalGet { $l:ident }) => {
        Tok::Get($l)
    };
    (LocalSet { $l:ident }) => {
        Tok::Set($l)
    };
    (LocalTee { $l:ident }) => {
        Tok::Tee($l)
    };
    (I32Const { $v:ident }) => {
        Tok::Const($v)
    };
    (I32Add $($rest:tt)*) => {
        Tok::Add
    };
    (I32LtU $($rest:tt)*) => {
        Tok::Below
    };
    (I32LtS $($rest:tt)*) => {
        Tok::Below
    };
    (I32Ne $($rest:tt)*) => {
        Tok::Below
    };
    ($other:ident $($rest:tt)*) => {
        Tok::Other
    };
}

macro_rules! scan_and_validate {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
        $(
            fn $visit(&mut self $($(,$arg: $argty)*)?) -> Self::Output {
                let scan = &mut *self.scan;
                #[allow(unused_variables)]
                let slot = scan.last_const.take();
                scan_op!(scan, slot, $op $({ $($arg),* })?);
                #[allow(unused_variables)]
                let tok = scan_tok!($op $({ $($arg),* })?);
                scan.push_tok(tok);
                scan.ops += 1;
                self.inner.$visit($($($arg),*)?)
            }
        )*
    };
}

/// The validator's operator visitor, with the scan riding along.
struct Scanning<'s, V> {
    inner: V,
    scan: &'s mut Scan,
}

impl<'a, V> VisitOperator<'a> for Scanning<'_, V>
where
    V: VisitOperator<'a, Output = wasmparser::Result<()>>,
{
    type Output = wasmparser::Result<()>;

    fn simd_visitor(&mut self) -> Option<&mut dyn VisitSimdOperator<'a, Output = Self::Output>> {
        self.scan.last_const = None;
        self.inner.simd_visitor()
    }

    wasmparser::for_each_visit_operator!(scan_and_validate);
}

impl<V: FrameStack> FrameStack for Scanning<'_, V> {
    fn current_frame(&self) -> Option<FrameKind> {
        self.inner.current_frame()
    }
}

/// Reads an element segment into the functions it places. Every function
/// an item names anywhere (also inside a larger expression, such as a GC
/// struct built around a `ref.func`) has its reference taken.
pub(crate) fn read_element(
    element: wasmparser::Element<'_>,
    module: &mut CoreModule,
) -> wasmparser::Result<()> {
    let mut items = Vec::new();
    match element.items {
        ElementItems::Functions(reader) => {
            for func in reader {
                let func = func?;
                module.ref_funcs.push(func);
                items.push(ElemItem::Func(func));
            }
        }
        ElementItems::Expressions(_, reader) => {
            for expr in reader {
                items.push(read_const_expr(&expr?, &mut module.ref_funcs)?);
            }
        }
    }
    let (table, offset) = match element.kind {
        ElementKind::Active {
            table_index,
            offset_expr,
        } => {
            // An offset is a constant expression too; whatever it names
            // is taken, though it is an integer.
            read_const_expr(&offset_expr, &mut module.ref_funcs)?;
            (Some(table_index.unwrap_or(0)), const_i32(&offset_expr))
        }
        ElementKind::Passive | ElementKind::Declared => (None, None),
    };
    module.elements.push(ElementSegment {
        table,
        offset,
        items,
    });
    Ok(())
}

/// Reads a defined global: its type, and the references its initializer
/// takes.
pub(crate) fn read_global(
    global: wasmparser::Global<'_>,
    module: &mut CoreModule,
) -> wasmparser::Result<()> {
    module
        .ref_globals
        .push(global.ty.content_type.is_reference_type());
    read_const_expr(&global.init_expr, &mut module.ref_funcs)?;
    Ok(())
}

/// Reads a defined table's initializer, which fills every slot.
pub(crate) fn read_table(
    table: wasmparser::Table<'_>,
    module: &mut CoreModule,
) -> wasmparser::Result<()> {
    let index = module.table_imports.len() as u32 + module.defined_tables;
    module.defined_tables += 1;
    if let wasmparser::TableInit::Expr(expr) = table.init {
        match read_const_expr(&expr, &mut module.ref_funcs)? {
            ElemItem::Null => {}
            item => module.table_inits.push((index, item)),
        }
    }
    Ok(())
}

/// What a constant expression evaluates to, as a slot's content; every
/// `ref.func` in it goes to `taken`.
fn read_const_expr(expr: &ConstExpr<'_>, taken: &mut Vec<u32>) -> wasmparser::Result<ElemItem> {
    let mut reader = expr.get_operators_reader();
    let mut ops = 0usize;
    let mut first = None;
    while !reader.eof() {
        let op = reader.read()?;
        if let Operator::RefFunc { function_index } = op {
            taken.push(function_index);
        }
        if ops == 0 {
            first = Some(match op {
                Operator::RefFunc { function_index } => ElemItem::Func(function_index),
                Operator::RefNull { .. } => ElemItem::Null,
                _ => ElemItem::Unknown,
            });
        }
        ops += 1;
    }
    // `ref.func f` or `ref.null t`, then `end`: anything longer computes.
    Ok(match first {
        Some(item) if ops == 2 => item,
        _ => ElemItem::Unknown,
    })
}

fn const_i32(expr: &ConstExpr<'_>) -> Option<u32> {
    let mut reader = expr.get_operators_reader();
    match (reader.read().ok()?, reader.read().ok()?) {
        (Operator::I32Const { value }, Operator::End) => Some(value as u32),
        _ => None,
    }
}
