//! What replay refuses before wasmtime sees a component: features it does
//! not run soundly, and functions that would take Cranelift far past any
//! deadline to compile. Compilation cannot be interrupted, and one past
//! the deadline keeps its thread busy after the replay has moved on, so
//! the clearly pathological ones are never started.

use wasmparser::{CanonicalFunction, Parser, Payload};

/// Locals times operators of one function above which it is not compiled.
/// Cranelift's register allocation grows with the values live across each
/// instruction: 200 locals over 6,000 operators (2^20) compile in about a
/// second here, 1,000 over 400,000 (2^28.6) took 30 s. The largest
/// functions of real interpreters (SQLite's, CPython's) stay below 2^27.
pub(crate) const MAX_COMPILE_COST: u64 = 1 << 28;

/// The same over all functions of a component together: wasmtime
/// compiles them all before the first call, so many functions each just
/// under [`MAX_COMPILE_COST`] add up to the same minutes. Large real
/// components (an interpreter of 20 MB) stay below 2^30.
pub(crate) const MAX_TOTAL_COMPILE_COST: u64 = 1 << 32;

/// Why a component is not compiled.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A feature replay does not run: an error for the input (exit 2).
    Unsupported(String),
    /// A function that would compile past any deadline: reported as a
    /// timeout, like a compilation that did not finish.
    TooCostly(String),
}

/// Looks over every core module and component in `bytes`, nested ones
/// included. What does not parse is left to wasmtime to report.
pub(crate) fn check(bytes: &[u8]) -> Result<(), Refusal> {
    let mut function = 0u64;
    let mut total = 0u64;
    // Per module being read (nested ones on top): each type's parameter
    // count, and each defined function's type. Parameters are locals to
    // the register allocator like any other.
    let mut modules: Vec<(Vec<u64>, Vec<u32>)> = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let Ok(payload) = payload else {
            return Ok(());
        };
        match payload {
            Payload::Version {
                encoding: wasmparser::Encoding::Module,
                ..
            } => modules.push((Vec::new(), Vec::new())),
            Payload::End(_) => {
                modules.pop();
            }
            Payload::TypeSection(reader) => {
                if let Some((types, _)) = modules.last_mut() {
                    for group in reader.into_iter().flatten() {
                        for ty in group.into_types() {
                            types.push(match &ty.composite_type.inner {
                                wasmparser::CompositeInnerType::Func(f) => f.params().len() as u64,
                                _ => 0,
                            });
                        }
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                if let Some((_, functions)) = modules.last_mut() {
                    functions.extend(reader.into_iter().flatten());
                }
            }
            // Each module numbers its functions from its imports on; the
            // code section's own index is what a reader can find again.
            Payload::CodeSectionStart { .. } => function = 0,
            Payload::CodeSectionEntry(body) => {
                let offset = body.range().start;
                let (locals, operators) = cost_parts(&body);
                let params = modules
                    .last()
                    .and_then(|(types, functions)| {
                        types.get(*functions.get(function as usize)? as usize)
                    })
                    .copied()
                    .unwrap_or(0);
                let locals = locals.saturating_add(params);
                let cost = locals.max(1).saturating_mul(operators);
                if cost > MAX_COMPILE_COST {
                    return Err(Refusal::TooCostly(format!(
                        "function {function} of a code section (its body at byte {offset:#x}) has \
                         {locals} locals (parameters included) and {operators} operators, which would take wasmtime \
                         far past the deadline to compile (locals × operators over 2^28); \
                         replay does not compile it"
                    )));
                }
                total = total.saturating_add(cost);
                if total > MAX_TOTAL_COMPILE_COST {
                    return Err(Refusal::TooCostly(format!(
                        "its functions up to the one at byte {offset:#x} add up to more than \
                         2^32 locals × operators, which would take wasmtime far past the \
                         deadline to compile; replay does not compile it"
                    )));
                }
                function += 1;
            }
            Payload::ComponentCanonicalSection(reader) => {
                let start = reader.range().start;
                for canon in reader.into_iter().flatten() {
                    let builtin = match canon {
                        CanonicalFunction::ErrorContextNew { .. } => "error-context.new",
                        CanonicalFunction::ErrorContextDebugMessage { .. } => {
                            "error-context.debug-message"
                        }
                        CanonicalFunction::ErrorContextDrop => "error-context.drop",
                        _ => continue,
                    };
                    return Err(Refusal::Unsupported(format!(
                        "it uses `canon {builtin}` (canonical section at byte {start:#x}); \
                         replay does not run error-context, which lets a guest keep \
                         messages of any size in the host and which WASI 0.3 does not use"
                    )));
                }
            }
            Payload::ComponentStartSection { range, .. } => {
                return Err(Refusal::Unsupported(format!(
                    "it has a component start function (byte {:#x}), which wasmtime 48 \
                     cannot run; static analysis still reports what it reaches",
                    range.start
                )));
            }
            _ => {}
        }
    }
    Ok(())
}

/// A function's locals and operators, as far as its body parses.
fn cost_parts(body: &wasmparser::FunctionBody<'_>) -> (u64, u64) {
    let mut locals = 0u64;
    if let Ok(reader) = body.get_locals_reader() {
        for (count, _) in reader.into_iter().flatten() {
            locals = locals.saturating_add(u64::from(count));
        }
    }
    let mut operators = 0u64;
    if let Ok(mut reader) = body.get_operators_reader() {
        while !reader.eof() {
            if reader.read().is_err() {
                break;
            }
            operators += 1;
        }
    }
    (locals, operators)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A function with `params` parameters and no other locals, whose body
    /// reads them `reads` times.
    fn module(params: usize, reads: usize) -> Vec<u8> {
        let mut wat = String::from("(module (func");
        wat.push_str(&" (param i64)".repeat(params));
        wat.push_str(&"\n local.get 0 drop".repeat(reads));
        wat.push_str("))");
        wat::parse_str(&wat).unwrap()
    }

    #[test]
    fn parameters_count_as_locals() {
        // 1,000 parameters × 2 × 140,000 operators: over 2^28 only with the
        // parameters counted.
        match check(&module(1_000, 140_000)) {
            Err(Refusal::TooCostly(why)) => {
                assert!(why.contains("1000 locals (parameters included)"), "{why}")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(check(&module(10, 140_000)), Ok(()));
    }
}
