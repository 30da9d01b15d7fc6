//! Runnable components whose core code reaches imports by varied control
//! flow, for the soundness oracle: direct calls, loops with constant and
//! data-dependent bounds, branches, code that throws and catches,
//! `call_indirect` through slots filled by active element segments, by
//! `table.set` (from `ref.func` and from funcref globals), `table.init`
//! (passive segments), `table.grow`, `table.copy`, by a start function and
//! by another core module the table is exported to, through slot indices
//! stored in and loaded from linear memory, `call_ref`, tail calls, a
//! resource destructor run by `resource.drop`, host functions lowered with
//! the async ABI and `run` lifted with the callback ABI, in a component or
//! nested in one that passes it its imports. Written as component text, so
//! that a failing input reads as a fixture.
//!
//! Besides `run`, every program exports `count(n)`, whose code calls host
//! functions of its own (`tick-N`) from loops with constant bounds (which
//! the analysis counts), loops bounded by `n` (which it must not count),
//! branches and code that throws: the oracle compares the counts the
//! analysis claims exact with the calls replay sees for `count(n)` with
//! the generator's `n`.
//!
//! Functions only call functions after them, directly or through a table
//! slot, so every generated program terminates.
//!
//! Component start functions are not generated: wasmtime 48 cannot run
//! them. It refuses a component start section ("support for component
//! model `value`s is not enabled"), and its translator behind that has
//! `unimplemented!("component start section")`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use arbitrary::{Result, Unstructured};

/// The host functions the component imports (`test:gen/host#hit-N`).
const HOSTS: usize = 4;
/// The host functions only `count` calls (`test:gen/counted#tick-N`):
/// apart from `hit-N`, so that `count`'s direct calls do not make every
/// `hit-N` reachable whatever the analysis makes of `run`.
const TICKS: usize = 2;
/// Table slots; each holds one function of the upper half, or nothing.
/// `table.grow` adds slots after these, and indirect calls try up to
/// `GROWN` of them.
const SLOTS: usize = 4;
const GROWN: usize = 2;
/// Linear-memory cells (i32) that hold table slot indices.
const CELLS: usize = 2;
/// Statements per function body, and how deep loops and branches nest.
const STATEMENTS: u32 = 5;
const DEPTH: u32 = 2;

/// One generated program: its text and the argument `count` is invoked
/// with.
pub(crate) struct Generated {
    pub(crate) text: String,
    // Read when the program is replayed (feature `replay`).
    #[cfg_attr(not(feature = "replay"), allow(dead_code))]
    pub(crate) count_arg: u32,
}

struct Program {
    functions: usize,
    /// Functions whose reference code takes (`ref.func`, declared) and
    /// whose funcref global it reads: only these, so that a function only
    /// an element segment puts in the table is reached through it alone.
    referenced: BTreeSet<usize>,
    globals: BTreeSet<usize>,
    /// Per slot, the function an element segment puts there, if any.
    slots: Vec<Option<usize>>,
    /// The functions of the passive segment `table.init` copies from.
    passive: Vec<usize>,
    /// Whether code changes the table by `table.init`, `table.grow` and
    /// `table.copy`, and calls through slot indices kept in memory. Half
    /// the programs do not: the analysis resolves their slots exactly,
    /// so a claim of `unreachable` rests on the routes that fill them.
    dynamic_table: bool,
    /// Whether a start function writes slot 0 before `run` is called.
    start_writes: Option<usize>,
    /// A second core module that imports the table and, when it is
    /// instantiated, writes this slot with its own function calling this
    /// host function.
    other_module_writes: Option<(usize, usize)>,
    /// The host function a resource's destructor calls; code creates and
    /// drops the resource.
    destructor: Option<usize>,
    /// Whether the host also provides `hit-async`, an async function
    /// code calls through an async lowering.
    async_host: bool,
    /// Whether `run` is lifted with the async callback ABI.
    callback: bool,
    /// Whether the component is nested in another that passes the host
    /// functions in as an instantiation argument.
    nested: bool,
}

/// Component text for one generated program.
#[cfg(test)]
pub(crate) fn component_text(u: &mut Unstructured) -> Result<String> {
    Ok(generate(u)?.text)
}

/// One generated program.
pub(crate) fn generate(u: &mut Unstructured) -> Result<Generated> {
    let functions = u.int_in_range(2..=8)?;
    let upper = functions / 2;
    let mut slots = Vec::new();
    for _ in 0..SLOTS {
        slots.push(if u.arbitrary()? {
            Some(u.int_in_range(upper..=functions - 1)?)
        } else {
            None
        });
    }
    let mut passive = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        passive.push(u.int_in_range(upper..=functions - 1)?);
    }
    let start_writes = if u.arbitrary()? {
        Some(u.int_in_range(upper..=functions - 1)?)
    } else {
        None
    };
    let other_module_writes = if u.arbitrary()? {
        Some((
            u.int_in_range(0..=SLOTS - 1)?,
            u.int_in_range(0..=HOSTS - 1)?,
        ))
    } else {
        None
    };
    let destructor = if u.arbitrary()? {
        Some(u.int_in_range(0..=HOSTS - 1)?)
    } else {
        None
    };
    let async_host = u.arbitrary()?;
    let mut program = Program {
        functions,
        referenced: Default::default(),
        globals: Default::default(),
        slots,
        passive,
        dynamic_table: u.arbitrary()?,
        start_writes,
        other_module_writes,
        destructor,
        async_host,
        callback: u.arbitrary()?,
        nested: u.arbitrary()?,
    };
    let mut bodies = Vec::new();
    for index in 0..functions {
        let mut body = String::new();
        // `run` calls every function of the lower half, which call through
        // the table; each function of the upper half, which the table
        // holds, calls an import: so most programs reach an import only
        // through a slot some way fills.
        if index == 0 {
            for callee in 1..upper {
                let _ = writeln!(body, "      (call $f{callee})");
            }
            // The export drops the resource it creates: the destructor runs.
            if program.destructor.is_some() {
                body.push_str("      (call $resource_drop (call $resource_new (i32.const 0)))\n");
            }
        } else if index >= upper {
            let host = u.int_in_range(0..=HOSTS - 1)?;
            let _ = writeln!(body, "      (call $hit{host})");
        }
        for _ in 0..u.int_in_range(0..=STATEMENTS)? {
            statement(u, &mut program, index, 0, &mut body)?;
        }
        // A tail call to a later function ends some bodies.
        if index + 1 < functions && u.ratio(1, 4)? {
            let target = u.int_in_range(index + 1..=functions - 1)?;
            let _ = writeln!(body, "      (return_call $f{target})");
        }
        bodies.push(body);
    }
    let mut count = String::new();
    for _ in 0..u.int_in_range(1..=STATEMENTS)? {
        count_statement(u, 0, None, &mut count)?;
    }
    let count_arg = u.int_in_range(0..=7)?;
    Ok(Generated {
        text: render(&program, &bodies, &count),
        count_arg,
    })
}

/// An i32 expression for a table slot that may hold a function: one
/// written by a segment or `table.set`, one `table.grow` may have added,
/// or (in a program with a dynamic table) an index code stored in linear
/// memory.
fn slot_index(u: &mut Unstructured, dynamic: bool) -> Result<String> {
    Ok(if dynamic && u.ratio(1, 3)? {
        let cell = u.int_in_range(0..=CELLS - 1)?;
        format!("(i32.load (i32.const {}))", cell * 4)
    } else {
        format!("(i32.const {})", u.int_in_range(0..=SLOTS + GROWN - 1)?)
    })
}

/// A function of the upper half that code takes a reference to.
fn referenced_target(u: &mut Unstructured, program: &mut Program) -> Result<usize> {
    let target = u.int_in_range(program.functions / 2..=program.functions - 1)?;
    program.referenced.insert(target);
    Ok(target)
}

/// One statement of function `index` at nesting `depth`.
fn statement(
    u: &mut Unstructured,
    program: &mut Program,
    index: usize,
    depth: u32,
    out: &mut String,
) -> Result<()> {
    let later = index + 1 < program.functions;
    let upper = program.functions / 2;
    // Indirect calls only from the lower half, whose slots hold functions
    // of the upper half: no cycle through the table.
    let indirect = index < upper;
    let pad = "      ".to_string() + &"  ".repeat(depth as usize);
    match u.int_in_range(0..=16)? {
        0 | 1 => {
            let host = u.int_in_range(0..=HOSTS - 1)?;
            let _ = writeln!(out, "{pad}(call $hit{host})");
        }
        2 if later => {
            let target = u.int_in_range(index + 1..=program.functions - 1)?;
            let _ = writeln!(out, "{pad}(call $f{target})");
        }
        3 if depth < DEPTH => {
            // A loop counting down from a constant, or from a global the
            // code changes (data-dependent).
            let local = depth;
            let bound = if u.arbitrary()? {
                format!("(i32.const {})", u.int_in_range(0..=3)?)
            } else {
                "(i32.and (global.get $state) (i32.const 3))".to_string()
            };
            let _ = writeln!(out, "{pad}(local.set $i{local} {bound})");
            let _ = writeln!(
                out,
                "{pad}(block $out{local} (loop $again{local}\n{pad}  (br_if $out{local} (i32.eqz (local.get $i{local})))"
            );
            for _ in 0..u.int_in_range(1..=2)? {
                statement(u, program, index, depth + 1, out)?;
            }
            let _ = writeln!(
                out,
                "{pad}  (local.set $i{local} (i32.sub (local.get $i{local}) (i32.const 1)))\n{pad}  (br $again{local})))"
            );
        }
        4 if depth < DEPTH => {
            let _ = writeln!(
                out,
                "{pad}(if (i32.and (global.get $state) (i32.const 1)) (then"
            );
            statement(u, program, index, depth + 1, out)?;
            let _ = writeln!(out, "{pad}))");
        }
        // Twice as likely as the others: calls through slots are what
        // most of the routes to an import go through.
        5 | 15 if indirect => {
            // A slot nothing filled, or one past the table's end, traps:
            // guarded by both.
            // A constant index is written out at the call, where the
            // analysis reads it; one from memory goes through a local.
            let slot = slot_index(u, program.dynamic_table)?;
            let index = if slot.starts_with("(i32.const") {
                slot
            } else {
                let _ = writeln!(out, "{pad}(local.set $k {slot})");
                "(local.get $k)".to_string()
            };
            let _ = writeln!(
                out,
                "{pad}(if (i32.lt_u {index} (table.size $t)) (then (if (i32.eqz (ref.is_null (table.get $t {index}))) (then (call_indirect $t (type $v) {index})))))"
            );
        }
        6 if indirect || program.dynamic_table => {
            let slot = u.int_in_range(0..=SLOTS - 1)?;
            let target = u.int_in_range(upper..=program.functions - 1)?;
            // From a ref.func, or from the function's funcref global.
            let value = if u.arbitrary()? {
                program.referenced.insert(target);
                format!("(ref.func $f{target})")
            } else {
                program.globals.insert(target);
                format!("(global.get $ref{target})")
            };
            let _ = writeln!(out, "{pad}(table.set $t (i32.const {slot}) {value})");
        }
        7 if later => {
            let target = u.int_in_range(index + 1..=program.functions - 1)?;
            program.referenced.insert(target);
            let _ = writeln!(out, "{pad}(call_ref $v (ref.func $f{target}))");
        }
        8 if depth < DEPTH => {
            // Code that runs and then throws, caught around it.
            let _ = writeln!(
                out,
                "{pad}(block $caught{depth} (try_table (catch_all $caught{depth})"
            );
            statement(u, program, index, depth + 1, out)?;
            let _ = writeln!(out, "{pad}  (throw $thrown)))");
        }
        9 if program.dynamic_table && !program.passive.is_empty() => {
            let slot = u.int_in_range(0..=SLOTS - 1)?;
            let from = u.int_in_range(0..=program.passive.len() - 1)?;
            let _ = writeln!(
                out,
                "{pad}(table.init $t $passive (i32.const {slot}) (i32.const {from}) (i32.const 1))"
            );
        }
        10 if program.dynamic_table => {
            // A function in a new slot after the others (`table.grow`
            // answers -1 when it cannot grow, which is fine too).
            let target = referenced_target(u, program)?;
            let _ = writeln!(
                out,
                "{pad}(drop (table.grow $t (ref.func $f{target}) (i32.const 1)))"
            );
        }
        11 if program.dynamic_table => {
            let to = u.int_in_range(0..=SLOTS - 1)?;
            let from = u.int_in_range(0..=SLOTS + GROWN - 1)?;
            // A source past the table's end traps: guarded.
            let _ = writeln!(
                out,
                "{pad}(if (i32.lt_u (i32.const {from}) (table.size $t)) (then (table.copy $t $t (i32.const {to}) (i32.const {from}) (i32.const 1))))"
            );
        }
        12 if program.dynamic_table => {
            // A slot index through memory: funcrefs cannot be stored there.
            let cell = u.int_in_range(0..=CELLS - 1)?;
            let slot = u.int_in_range(0..=SLOTS + GROWN - 1)?;
            let _ = writeln!(
                out,
                "{pad}(i32.store (i32.const {}) (i32.const {slot}))",
                cell * 4
            );
        }
        13 if program.destructor.is_some() => {
            // The destructor runs when the owned handle is dropped.
            let _ = writeln!(
                out,
                "{pad}(call $resource_drop (call $resource_new (global.get $state)))"
            );
        }
        14 if program.async_host => {
            // The host function finishes at once: the status is dropped.
            let _ = writeln!(out, "{pad}(drop (call $hit_async))");
        }
        _ => {
            let _ = writeln!(
                out,
                "{pad}(global.set $state (i32.add (global.get $state) (i32.const 1)))"
            );
        }
    }
    Ok(())
}

/// One statement of `count(n)`, which calls host functions only: in
/// loops counting `i = i + 1` from 0 to a constant (the shape whose trip
/// count the analysis knows) or to `n` (which it must not claim to know),
/// under branches on `n`, and around code that throws and is caught.
/// Inside a counted loop (`in_loop`, its depth), statements on `n` may
/// also disturb it: leave it early, branch back to it a second time,
/// write its counter again, leave `count` by a tail call, or throw.
fn count_statement(
    u: &mut Unstructured,
    depth: u32,
    in_loop: Option<u32>,
    out: &mut String,
) -> Result<()> {
    let pad = "      ".to_string() + &"  ".repeat(depth as usize);
    // Mostly loops at the top: a call outside loops has no count claimed.
    // In a loop, one statement in six disturbs it: most loops stay whole,
    // so that exact counts are claimed and compared too.
    let choice = if depth == 0 && u.ratio(1, 2)? {
        2
    } else if in_loop.is_some() && u.ratio(1, 6)? {
        u.int_in_range(6..=10)?
    } else {
        match u.int_in_range(0..=6)? {
            6 => 11,
            regular => regular,
        }
    };
    let bit = 1 << u.int_in_range(0..=2)?;
    let on_bit = format!("(i32.and (local.get $n) (i32.const {bit}))");
    match (choice, in_loop) {
        (0 | 1, _) => {
            let tick = u.int_in_range(0..=TICKS - 1)?;
            let _ = writeln!(out, "{pad}(call $tick{tick})");
        }
        (2 | 3, _) if depth < DEPTH => {
            let local = depth;
            let bound = if u.ratio(2, 3)? {
                format!("(i32.const {})", u.int_in_range(1..=4)?)
            } else {
                "(i32.and (local.get $n) (i32.const 3))".to_string()
            };
            let _ = writeln!(
                out,
                "{pad}(local.set $c{local} (i32.const 0))\n{pad}(block $leave{local} (loop $count{local}"
            );
            for _ in 0..u.int_in_range(1..=2)? {
                count_statement(u, depth + 1, Some(local), out)?;
            }
            let _ = writeln!(
                out,
                "{pad}  (local.set $c{local} (i32.add (local.get $c{local}) (i32.const 1)))\n{pad}  (br_if $count{local} (i32.lt_u (local.get $c{local}) {bound}))))"
            );
        }
        (4, _) if depth < DEPTH => {
            let _ = writeln!(out, "{pad}(if {on_bit} (then");
            count_statement(u, depth + 1, in_loop, out)?;
            let _ = writeln!(out, "{pad}) (else");
            count_statement(u, depth + 1, in_loop, out)?;
            let _ = writeln!(out, "{pad}))");
        }
        (5, _) if depth < DEPTH => {
            let _ = writeln!(
                out,
                "{pad}(block $caught{depth} (try_table (catch_all $caught{depth})"
            );
            count_statement(u, depth + 1, in_loop, out)?;
            let _ = writeln!(out, "{pad}  (throw $thrown)))");
        }
        (6, Some(l)) => {
            let _ = writeln!(out, "{pad}(br_if $leave{l} {on_bit})");
        }
        // Clearing the bit first: the iteration runs again once.
        (7, Some(l)) => {
            let _ = writeln!(
                out,
                "{pad}(if {on_bit} (then (local.set $n (i32.xor (local.get $n) (i32.const {bit}))) (br $count{l})))"
            );
        }
        (8, Some(l)) => {
            let _ = writeln!(
                out,
                "{pad}(if {on_bit} (then (local.set $c{l} (i32.add (local.get $c{l}) (i32.const 1)))))"
            );
        }
        // A tail call of a host function: `count` ends with it. (Host
        // functions only, so that `count`'s counts stay compared.)
        (9, Some(_)) => {
            let tick = u.int_in_range(0..=TICKS - 1)?;
            let _ = writeln!(out, "{pad}(if {on_bit} (then (return_call $tick{tick})))");
        }
        // To a catch around the loop, or out of `count` (the invocation
        // then fails and is not compared).
        (10, Some(_)) => {
            let _ = writeln!(out, "{pad}(if {on_bit} (then (throw $thrown)))");
        }
        _ => {
            let _ = writeln!(
                out,
                "{pad}(global.set $state (i32.add (global.get $state) (i32.const 1)))"
            );
        }
    }
    Ok(())
}

/// The imports of the host functions, as a component declares them.
fn host_import(program: &Program) -> String {
    let mut text = String::from("  (import \"test:gen/host\" (instance $host\n");
    for h in 0..HOSTS {
        let _ = writeln!(text, "    (export \"hit-{h}\" (func))");
    }
    if program.async_host {
        text.push_str("    (export \"hit-async\" (func async))\n");
    }
    text.push_str("  ))\n  (import \"test:gen/counted\" (instance $counted\n");
    for t in 0..TICKS {
        let _ = writeln!(text, "    (export \"tick-{t}\" (func))");
    }
    text.push_str("  ))\n");
    text
}

fn render(program: &Program, bodies: &[String], count: &str) -> String {
    let fields = component_fields(program, bodies, count);
    if !program.nested {
        return format!("(component\n{fields})\n");
    }
    // The same component nested, its import passed in as an instantiation
    // argument, its exports re-exported.
    format!(
        "(component\n{}  (component $inner\n{fields}  )\n  (instance $in (instantiate $inner (with \"test:gen/host\" (instance $host)) (with \"test:gen/counted\" (instance $counted))))\n  (alias export $in \"run\" (func $run))\n  (export \"run\" (func $run))\n  (alias export $in \"count\" (func $count))\n  (export \"count\" (func $count))\n)\n",
        host_import(program),
    )
}

/// What is inside the component that holds the program: its import, the
/// core modules and instances, and the lifted `run` and `count`.
fn component_fields(program: &Program, bodies: &[String], count: &str) -> String {
    let mut text = String::new();
    text.push_str(&host_import(program));
    for h in 0..HOSTS {
        let _ = writeln!(
            text,
            "  (alias export $host \"hit-{h}\" (func $hit{h}))\n  (core func $lowered{h} (canon lower (func $hit{h})))"
        );
    }
    for t in 0..TICKS {
        let _ = writeln!(
            text,
            "  (alias export $counted \"tick-{t}\" (func $tick{t}))\n  (core func $lowered_tick{t} (canon lower (func $tick{t})))"
        );
    }
    if program.async_host {
        text.push_str("  (alias export $host \"hit-async\" (func $hit_async))\n  (core func $lowered_async (canon lower (func $hit_async) async))\n");
    }
    text.push_str("  (core instance $hosts\n");
    for h in 0..HOSTS {
        let _ = writeln!(text, "    (export \"hit-{h}\" (func $lowered{h}))");
    }
    if program.async_host {
        text.push_str("    (export \"hit-async\" (func $lowered_async))\n");
    }
    for t in 0..TICKS {
        let _ = writeln!(text, "    (export \"tick-{t}\" (func $lowered_tick{t}))");
    }
    text.push_str("  )\n");
    if let Some(h) = program.destructor {
        // The destructor lives in a core instance of its own: the resource
        // type names it before the main instance imports `resource.new`.
        let _ = writeln!(
            text,
            "  (core module $dtor\n    (import \"host\" \"hit-{h}\" (func $hit))\n    (func (export \"dtor\") (param i32) (call $hit)))\n  (core instance $dtors (instantiate $dtor (with \"host\" (instance $hosts))))\n  (type $res (resource (rep i32) (dtor (core func $dtors \"dtor\"))))\n  (core func $resource_new (canon resource.new $res))\n  (core func $resource_drop (canon resource.drop $res))"
        );
    }
    if program.callback {
        text.push_str("  (core func $task_return (canon task.return))\n");
    }
    let extras = program.destructor.is_some() || program.callback;
    if extras {
        text.push_str("  (core instance $extras\n");
        if program.destructor.is_some() {
            text.push_str("    (export \"resource-new\" (func $resource_new))\n    (export \"resource-drop\" (func $resource_drop))\n");
        }
        if program.callback {
            text.push_str("    (export \"task-return\" (func $task_return))\n");
        }
        text.push_str("  )\n");
    }
    text.push_str(&core_module(program, bodies, count));
    let with_extras = if extras {
        " (with \"extras\" (instance $extras))"
    } else {
        ""
    };
    let _ = writeln!(
        text,
        "  (core instance $i (instantiate $m (with \"host\" (instance $hosts)){with_extras}))"
    );
    if let Some((slot, host)) = program.other_module_writes {
        let _ = writeln!(
            text,
            "  (core module $other\n    (import \"host\" \"hit-{host}\" (func $hit))\n    (import \"m\" \"table\" (table {SLOTS} funcref))\n    (func $g (call $hit))\n    (elem declare func $g)\n    (func $start (table.set 0 (i32.const {slot}) (ref.func $g)))\n    (start $start))\n  (core instance (instantiate $other (with \"host\" (instance $hosts)) (with \"m\" (instance $i))))"
        );
    }
    if program.callback {
        text.push_str("  (func (export \"run\") async (canon lift (core func $i \"run\") async (callback (core func $i \"callback\"))))\n");
    } else {
        text.push_str("  (func (export \"run\") (canon lift (core func $i \"run\")))\n");
    }
    text.push_str(
        "  (func (export \"count\") (param \"n\" u32) (canon lift (core func $i \"count\")))\n",
    );
    text
}

/// The core module with the program's functions, `count` and `run`.
fn core_module(program: &Program, bodies: &[String], count: &str) -> String {
    let mut text = String::from("  (core module $m\n    (type $v (func))\n");
    for h in 0..HOSTS {
        let _ = writeln!(text, "    (import \"host\" \"hit-{h}\" (func $hit{h}))");
    }
    for t in 0..TICKS {
        let _ = writeln!(text, "    (import \"host\" \"tick-{t}\" (func $tick{t}))");
    }
    if program.async_host {
        text.push_str("    (import \"host\" \"hit-async\" (func $hit_async (result i32)))\n");
    }
    if program.destructor.is_some() {
        text.push_str("    (import \"extras\" \"resource-new\" (func $resource_new (param i32) (result i32)))\n    (import \"extras\" \"resource-drop\" (func $resource_drop (param i32)))\n");
    }
    if program.callback {
        text.push_str("    (import \"extras\" \"task-return\" (func $task_return))\n");
    }
    // Exported only to the module that writes it: a shared table is one
    // the analysis must treat as written at run time.
    let export = if program.other_module_writes.is_some() {
        " (export \"table\")"
    } else {
        ""
    };
    let _ = writeln!(text, "    (table $t{export} {SLOTS} funcref)");
    text.push_str(
        "    (memory 1)\n    (tag $thrown)\n    (global $state (mut i32) (i32.const 0))\n",
    );
    for f in &program.globals {
        let _ = writeln!(text, "    (global $ref{f} funcref (ref.func $f{f}))");
    }
    let mut declared: Vec<usize> = program.referenced.iter().copied().collect();
    declared.extend(program.start_writes);
    if !declared.is_empty() {
        let names: Vec<String> = declared.iter().map(|f| format!("$f{f}")).collect();
        let _ = writeln!(text, "    (elem declare func {})", names.join(" "));
    }
    for (slot, target) in program.slots.iter().enumerate() {
        if let Some(target) = target {
            let _ = writeln!(
                text,
                "    (elem (table $t) (i32.const {slot}) func $f{target})"
            );
        }
    }
    if !program.passive.is_empty() {
        let names: Vec<String> = program.passive.iter().map(|f| format!("$f{f}")).collect();
        let _ = writeln!(text, "    (elem $passive func {})", names.join(" "));
    }
    let locals: String = (0..DEPTH).map(|d| format!(" (local $i{d} i32)")).collect();
    for (f, body) in bodies.iter().enumerate() {
        let _ = write!(
            text,
            "    (func $f{f} (type $v){locals} (local $k i32)\n{body}    )\n"
        );
    }
    let counters: String = (0..DEPTH).map(|d| format!(" (local $c{d} i32)")).collect();
    let _ = write!(
        text,
        "    (func (export \"count\") (param $n i32){counters}\n{count}    )\n"
    );
    if let Some(target) = program.start_writes {
        let _ = writeln!(
            text,
            "    (func $start (table.set $t (i32.const 0) (ref.func $f{target})))\n    (start $start)"
        );
    }
    if program.callback {
        // Returns its result at once and exits: the callback is never
        // called, but the callback ABI requires one.
        text.push_str("    (func (export \"run\") (result i32) (call $f0) (call $task_return) (i32.const 0))\n    (func (export \"callback\") (param i32 i32 i32) (result i32) (i32.const 0))\n");
    } else {
        text.push_str("    (export \"run\" (func $f0))\n");
    }
    text.push_str("  )\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 64 programs from xorshift64 bytes.
    fn texts() -> impl Iterator<Item = String> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        (0..64).map(move |_| {
            let bytes: Vec<u8> = (0..512)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            component_text(&mut Unstructured::new(&bytes)).unwrap()
        })
    }

    #[test]
    fn generated_programs_are_valid_components() {
        for text in texts() {
            let binary = wat::parse_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
                .validate_all(&binary)
                .unwrap_or_else(|e| panic!("{e}\n{text}"));
        }
    }

    #[test]
    fn generated_programs_use_every_route() {
        let texts: Vec<String> = texts().collect();
        for route in [
            "(table.init",
            "(table.grow",
            "(table.copy",
            "(i32.store",
            "(i32.load",
            "(table.set",
            "(call_ref",
            "(return_call",
            "(call $resource_drop",
            "(call $hit_async",
            "(callback",
            "(start $start)",
            "(core module $other",
            "(component $inner",
            "(br_if $count0 (i32.lt_u (local.get $c0) (i32.const",
            "(br_if $count0 (i32.lt_u (local.get $c0) (i32.and (local.get $n)",
            "(br_if $count1",
            "(call $tick",
        ] {
            assert!(
                texts.iter().any(|t| t.contains(route)),
                "no program has {route}"
            );
        }
    }
}
