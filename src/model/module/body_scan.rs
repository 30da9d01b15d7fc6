//! The scan of one function body, in the same decode as its validation:
//! call sites with their loop nesting, counted loops, table writes and
//! taken references. `scan_op!` picks the operators the scan needs out
//! of wasmparser's visitor, so no `Operator` value is built.

use wasmparser::{
    BinaryReader, FrameKind, FrameStack, FuncValidator, FunctionBody, ValidatorResources,
    VisitOperator, VisitSimdOperator,
};

use super::{BodyFacts, CallSite, CallTarget, FuncBody, LoopInfo, Unmodelled};

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
    /// Per loop (by id): what makes its count less than certain.
    loop_marks: Vec<LoopMarks>,
}

/// What can make a loop run other than its counter says.
#[derive(Clone, Copy, Default)]
struct LoopMarks {
    /// The first call site recorded inside the loop.
    calls_from: usize,
    /// A branch, `return`, tail call or throw (or a call that may throw
    /// to a catch outside) can leave it before its last iteration: its
    /// calls are then made at most as often as it counts.
    leaves_early: bool,
    /// A branch back to it besides the counted `br_if`: it may run more
    /// often than its counter says.
    extra_back_edge: bool,
}

impl ScanScratch {
    fn clear(&mut self) {
        self.calls.clear();
        self.loops.clear();
        self.frames.clear();
        self.sets.clear();
        self.loop_marks.clear();
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

/// What an open control frame is, as far as the scan cares: wasmparser's
/// `FrameKind` is the validator's view and cannot carry the loop's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OpenFrameKind {
    /// `block`, `try_table` and the like: nothing to count.
    Block,
    /// Calls inside are conditional.
    If,
    /// The loop's index in the body's loops (0 until `Scan::open` numbers it).
    Loop(u32),
}

#[derive(Clone, Copy)]
struct OpenFrame {
    kind: OpenFrameKind,
    /// Operator index where the frame opened.
    opened: u32,
    /// A branch out of this frame (or back to its loop) came before: the
    /// code after it in the frame may not run.
    skipped: bool,
    /// For a `try_table` with catches: the outermost label they branch
    /// to, counted from the frame around it, and whether one catches
    /// everything (then no throw inside gets further out).
    catches: Option<(u32, bool)>,
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
    /// A `return` or a throw came before: the code after it may not run.
    left_function: bool,
}

impl Scan {
    fn innermost_loop(&self) -> Option<(usize, u32)> {
        self.buf
            .frames
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, f)| match f.kind {
                OpenFrameKind::Loop(id) => Some((i, id)),
                _ => None,
            })
    }

    fn call(&mut self, target: CallTarget) {
        let innermost = self.innermost_loop();
        // Not made on every call of the function when a branch encloses
        // it (inside its loops or around them), or when a branch, a
        // return or a throw before it may skip it: its loops' counts are
        // then an upper bound, not the function's calls.
        let conditional = innermost.is_some()
            && (self.left_function
                || self
                    .buf
                    .frames
                    .iter()
                    .any(|f| f.kind == OpenFrameKind::If || f.skipped));
        self.buf.calls.push(CallSite {
            target,
            loop_depth: self.loop_depth,
            innermost_loop: innermost.map(|(_, id)| id),
            conditional,
            offset: self.offset as u32,
        });
        // Inside a `try_table`, the callee may throw to its catches: what
        // follows may be skipped and loops inside the catch's target left
        // early, as after a `throw`.
        if self.buf.frames.iter().any(|f| f.catches.is_some()) {
            self.throw();
        }
    }

    fn open(&mut self, kind: OpenFrameKind) {
        let kind = if let OpenFrameKind::Loop(_) = kind {
            let id = self.buf.loops.len() as u32;
            self.buf.loops.push(LoopInfo {
                parent: self.innermost_loop().map(|(_, id)| id),
                trips: None,
            });
            self.buf.loop_marks.push(LoopMarks {
                calls_from: self.buf.calls.len(),
                ..LoopMarks::default()
            });
            self.loop_depth += 1;
            OpenFrameKind::Loop(id)
        } else {
            kind
        };
        self.buf.frames.push(OpenFrame {
            kind,
            opened: self.ops,
            skipped: false,
            catches: None,
        });
    }

    /// A `try_table`: a block whose throws land at its catches' labels.
    fn open_try(&mut self, catches: &[wasmparser::Catch]) {
        use wasmparser::Catch;
        let all = catches
            .iter()
            .any(|c| matches!(c, Catch::All { .. } | Catch::AllRef { .. }));
        let outermost = catches
            .iter()
            .map(|c| match *c {
                Catch::One { label, .. }
                | Catch::OneRef { label, .. }
                | Catch::All { label }
                | Catch::AllRef { label } => label,
            })
            .max();
        self.open(OpenFrameKind::Block);
        if let Some(frame) = self.buf.frames.last_mut() {
            frame.catches = outermost.map(|label| (label, all));
        }
    }

    /// A throw: it lands at a label of a catch of the `try_table`s
    /// around it, up to the innermost that catches everything, or leaves
    /// the function when none does.
    fn throw(&mut self) {
        let len = self.buf.frames.len();
        let mut deepest = 0;
        for (at, frame) in self.buf.frames.iter().enumerate().rev() {
            let Some((label, all)) = frame.catches else {
                continue;
            };
            // Depth from the innermost frame to the label's frame.
            deepest = deepest.max((len - at) as u32 + label);
            if all {
                return self.leave(Some(deepest));
            }
        }
        self.leave(None);
    }

    /// A branch to the frame `depth` levels out (`None`: out of the
    /// function, by `return` or a throw): the rest of that frame and of
    /// every frame inside it may be skipped from here on.
    fn leave(&mut self, depth: Option<u32>) {
        self.leave_counted(depth, false);
    }

    /// `leave`, for the counted `br_if` of a loop when `counted`.
    fn leave_counted(&mut self, depth: Option<u32>, counted: bool) {
        self.mark_branch(depth, counted);
        let frames = &mut self.buf.frames;
        let from = match depth.and_then(|d| frames.len().checked_sub(1 + d as usize)) {
            Some(target) => target,
            None => {
                self.left_function = true;
                0
            }
        };
        for frame in &mut frames[from..] {
            frame.skipped = true;
        }
    }

    fn close(&mut self) {
        if let Some(OpenFrame {
            kind: OpenFrameKind::Loop(id),
            ..
        }) = self.buf.frames.pop()
        {
            self.loop_depth -= 1;
            let marks = self.buf.loop_marks[id as usize];
            #[cfg(test)]
            if super::IGNORE_LOOP_DISTURBANCES.with(std::cell::Cell::get) {
                return;
            }
            if marks.extra_back_edge {
                self.buf.loops[id as usize].trips = None;
            }
            if marks.leaves_early {
                for call in &mut self.buf.calls[marks.calls_from..] {
                    call.conditional = true;
                }
            }
        }
    }

    /// Marks what a branch to the frame `depth` levels out (`None`: out of
    /// the function) does to the loops: those it leaves may end early, and
    /// a loop it targets gets another back edge unless it is the counted
    /// `br_if`.
    fn mark_branch(&mut self, depth: Option<u32>, counted: bool) {
        let frames = &self.buf.frames;
        let target = depth.and_then(|d| frames.len().checked_sub(1 + d as usize));
        let left_from = target.map_or(0, |t| t + 1);
        for frame in &frames[left_from..] {
            if let OpenFrameKind::Loop(id) = frame.kind {
                self.buf.loop_marks[id as usize].leaves_early = true;
            }
        }
        if let Some(t) = target
            && let OpenFrameKind::Loop(id) = frames[t].kind
            && !counted
        {
            self.buf.loop_marks[id as usize].extra_back_edge = true;
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

    /// `br_if` to a loop after `x = x + 1; x < N` fixes that loop's count,
    /// when nothing else in the loop writes `x`. Whether this was that
    /// loop's counted back edge.
    fn branch_if(&mut self, depth: u32) -> bool {
        let Some(frame) = self
            .buf
            .frames
            .len()
            .checked_sub(1 + depth as usize)
            .map(|i| self.buf.frames[i])
        else {
            return false;
        };
        let OpenFrameKind::Loop(id) = frame.kind else {
            return false;
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
            return false;
        };
        // The increment is the one write of the counter in the loop.
        let writes = self
            .buf
            .sets
            .iter()
            .filter(|(at, l, _)| *l == local && *at >= frame.opened)
            .count();
        #[cfg(test)]
        let writes = if super::IGNORE_LOOP_DISTURBANCES.with(std::cell::Cell::get) {
            1
        } else {
            writes
        };
        if writes != 1 {
            return false;
        }
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
            return true;
        }
        false
    }
}

/// Records what the scan needs from one operator. Arms name the operators
/// of interest; every other operator only clears the remembered constant.
macro_rules! scan_op {
    ($scan:ident, $slot:ident, Block $($rest:tt)*) => {
        $scan.open(OpenFrameKind::Block)
    };
    ($scan:ident, $slot:ident, If $($rest:tt)*) => {
        $scan.open(OpenFrameKind::If)
    };
    ($scan:ident, $slot:ident, Try $($rest:tt)*) => {
        $scan.open(OpenFrameKind::Block)
    };
    ($scan:ident, $slot:ident, TryTable { $try_table:ident }) => {
        $scan.open_try(&$try_table.catches)
    };
    ($scan:ident, $slot:ident, Loop $($rest:tt)*) => {
        $scan.open(OpenFrameKind::Loop(0))
    };
    ($scan:ident, $slot:ident, BrIf { $depth:ident }) => {{
        let counted = $scan.branch_if($depth);
        $scan.leave_counted(Some($depth), counted)
    }};
    ($scan:ident, $slot:ident, Br { $depth:ident }) => {
        $scan.leave(Some($depth))
    };
    ($scan:ident, $slot:ident, BrOnNull { $depth:ident }) => {
        $scan.leave(Some($depth))
    };
    ($scan:ident, $slot:ident, BrOnNonNull { $depth:ident }) => {
        $scan.leave(Some($depth))
    };
    ($scan:ident, $slot:ident, BrOnCast { $depth:ident $(, $rest:ident)* }) => {
        $scan.leave(Some($depth))
    };
    ($scan:ident, $slot:ident, BrOnCastFail { $depth:ident $(, $rest:ident)* }) => {
        $scan.leave(Some($depth))
    };
    // Every target may be taken; what may be skipped reaches out to the
    // outermost.
    ($scan:ident, $slot:ident, BrTable { $targets:ident }) => {{
        for target in $targets.targets().filter_map(Result::ok) {
            $scan.mark_branch(Some(target), false);
        }
        $scan.leave(
            $targets
                .targets()
                .filter_map(Result::ok)
                .chain([$targets.default()])
                .max(),
        )
    }};
    ($scan:ident, $slot:ident, Return $($rest:tt)*) => {
        $scan.leave(None)
    };
    ($scan:ident, $slot:ident, Throw $($rest:tt)*) => {
        $scan.throw()
    };
    ($scan:ident, $slot:ident, ThrowRef $($rest:tt)*) => {
        $scan.throw()
    };
    ($scan:ident, $slot:ident, Rethrow $($rest:tt)*) => {
        $scan.leave(None)
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
    ($scan:ident, $slot:ident, ReturnCall { $f:ident }) => {{
        $scan.call(CallTarget::Direct($f));
        $scan.leave(None)
    }};
    ($scan:ident, $slot:ident, CallIndirect { $ty:ident, $table:ident }) => {
        $scan.call(CallTarget::Indirect {
            table: $table,
            ty: $ty,
            slot: $slot,
        })
    };
    ($scan:ident, $slot:ident, ReturnCallIndirect { $ty:ident, $table:ident }) => {{
        $scan.call(CallTarget::Indirect {
            table: $table,
            ty: $ty,
            slot: $slot,
        });
        $scan.leave(None)
    }};
    ($scan:ident, $slot:ident, CallRef { $ty:ident }) => {
        $scan.call(CallTarget::Ref { ty: $ty })
    };
    ($scan:ident, $slot:ident, ReturnCallRef { $ty:ident }) => {{
        $scan.call(CallTarget::Ref { ty: $ty });
        $scan.leave(None)
    }};
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
