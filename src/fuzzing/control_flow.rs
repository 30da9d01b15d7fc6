//! Runnable components whose core code reaches imports by varied control
//! flow, for the soundness oracle: direct calls, loops with constant and
//! data-dependent bounds, branches, code that throws and catches,
//! `call_indirect` through slots filled by element segments, by `table.set`
//! (from `ref.func` and from funcref globals), by a start function and by
//! another core module the table is exported to, `call_ref`, and tail
//! calls, in a component or nested in one that passes it its imports. Written as component text, so that a failing input reads as a
//! fixture.
//!
//! Functions only call functions after them, directly or through a table
//! slot, so every generated program terminates.

use std::fmt::Write as _;

use arbitrary::{Result, Unstructured};

/// The host functions the component imports (`test:gen/host#hit-N`).
const HOSTS: usize = 4;
/// Table slots; each holds one function of the upper half, or nothing.
const SLOTS: usize = 4;
/// Statements per function body, and how deep loops and branches nest.
const STATEMENTS: u32 = 5;
const DEPTH: u32 = 2;

struct Program {
    functions: usize,
    /// Functions whose reference code takes (`ref.func`, declared) and
    /// whose funcref global it reads: only these, so that a function only
    /// an element segment puts in the table is reached through it alone.
    referenced: std::collections::BTreeSet<usize>,
    globals: std::collections::BTreeSet<usize>,
    /// Per slot, the function an element segment puts there, if any.
    slots: Vec<Option<usize>>,
    /// Whether a start function writes slot 0 before `run` is called.
    start_writes: Option<usize>,
    /// A second core module that imports the table and, when it is
    /// instantiated, writes this slot with its own function calling this
    /// host function.
    other_module_writes: Option<(usize, usize)>,
    /// Whether the component is nested in another that passes the host
    /// functions in as an instantiation argument.
    nested: bool,
}

/// Component text for one generated program.
pub(crate) fn component_text(u: &mut Unstructured) -> Result<String> {
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
    let mut program = Program {
        functions,
        referenced: Default::default(),
        globals: Default::default(),
        slots,
        start_writes,
        other_module_writes,
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
    Ok(render(&program, &bodies))
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
    match u.int_in_range(0..=9)? {
        0 | 1 => {
            let host = u.int_in_range(0..=HOSTS - 1)?;
            let _ = writeln!(out, "{pad}(call $hit{host})");
        }
        2 if later => {
            let target = u.int_in_range(index + 1..=program.functions - 1)?;
            let _ = writeln!(out, "{pad}(call $f{target})");
        }
        3 if depth < DEPTH => {
            // A loop with a constant bound, or one read from a global the
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
        5 if indirect => {
            let slot = u.int_in_range(0..=SLOTS - 1)?;
            // A slot nothing filled traps: guarded by whether it is null.
            let _ = writeln!(
                out,
                "{pad}(if (i32.eqz (ref.is_null (table.get $t (i32.const {slot})))) (then (call_indirect $t (type $v) (i32.const {slot}))))"
            );
        }
        6 if indirect => {
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
        _ => {
            let _ = writeln!(
                out,
                "{pad}(global.set $state (i32.add (global.get $state) (i32.const 1)))"
            );
        }
    }
    Ok(())
}

/// The import of the host functions, as a component declares it.
fn host_import() -> String {
    let mut text = String::from("  (import \"test:gen/host\" (instance $host\n");
    for h in 0..HOSTS {
        let _ = writeln!(text, "    (export \"hit-{h}\" (func))");
    }
    text.push_str("  ))\n");
    text
}

fn render(program: &Program, bodies: &[String]) -> String {
    let fields = component_fields(program, bodies);
    if !program.nested {
        return format!("(component\n{fields})\n");
    }
    // The same component nested, its import passed in as an instantiation
    // argument, its `run` re-exported.
    format!(
        "(component\n{}  (component $inner\n{fields}  )\n  (instance $in (instantiate $inner (with \"test:gen/host\" (instance $host))))\n  (alias export $in \"run\" (func $run))\n  (export \"run\" (func $run))\n)\n",
        host_import(),
    )
}

/// What is inside the component that holds the program: its import, the
/// core modules and instances, and the lifted `run`.
fn component_fields(program: &Program, bodies: &[String]) -> String {
    let mut text = String::new();
    text.push_str(&host_import());
    for h in 0..HOSTS {
        let _ = writeln!(
            text,
            "  (alias export $host \"hit-{h}\" (func $hit{h}))\n  (core func $lowered{h} (canon lower (func $hit{h})))"
        );
    }
    text.push_str("  (core module $m\n    (type $v (func))\n");
    for h in 0..HOSTS {
        let _ = writeln!(text, "    (import \"host\" \"hit-{h}\" (func $hit{h}))");
    }
    // Exported only to the module that writes it: a shared table is one
    // the analysis must treat as written at run time.
    let export = if program.other_module_writes.is_some() {
        " (export \"table\")"
    } else {
        ""
    };
    let _ = writeln!(text, "    (table $t{export} {SLOTS} funcref)");
    text.push_str("    (tag $thrown)\n    (global $state (mut i32) (i32.const 0))\n");
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
    for (f, body) in bodies.iter().enumerate() {
        let locals: String = (0..DEPTH).map(|d| format!(" (local $i{d} i32)")).collect();
        let _ = write!(text, "    (func $f{f} (type $v){locals}\n{body}    )\n");
    }
    if let Some(target) = program.start_writes {
        let _ = writeln!(
            text,
            "    (func $start (table.set $t (i32.const 0) (ref.func $f{target})))\n    (start $start)"
        );
    }
    text.push_str("    (export \"run\" (func $f0))\n  )\n  (core instance $hosts\n");
    for h in 0..HOSTS {
        let _ = writeln!(text, "    (export \"hit-{h}\" (func $lowered{h}))");
    }
    text.push_str("  )\n  (core instance $i (instantiate $m (with \"host\" (instance $hosts))))\n");
    if let Some((slot, host)) = program.other_module_writes {
        let _ = writeln!(
            text,
            "  (core module $other\n    (import \"host\" \"hit-{host}\" (func $hit))\n    (import \"m\" \"table\" (table {SLOTS} funcref))\n    (func $g (call $hit))\n    (elem declare func $g)\n    (func $start (table.set 0 (i32.const {slot}) (ref.func $g)))\n    (start $start))\n  (core instance (instantiate $other (with \"host\" (instance $hosts)) (with \"m\" (instance $i))))"
        );
    }
    text.push_str("  (func (export \"run\") (canon lift (core func $i \"run\")))\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_programs_are_valid_components() {
        for seed in 0..64u8 {
            let bytes: Vec<u8> = (0..512u32)
                .map(|i| {
                    (i as u8)
                        .wrapping_mul(31)
                        .wrapping_add(seed.wrapping_mul(7))
                        ^ seed
                })
                .collect();
            let text = component_text(&mut Unstructured::new(&bytes)).unwrap();
            let binary = wat::parse_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
                .validate_all(&binary)
                .unwrap_or_else(|e| panic!("{e}\n{text}"));
        }
    }
}
