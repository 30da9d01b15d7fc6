use std::collections::BTreeSet;

use crate::facts::tasks::TaskCall;
use crate::model::{BinaryModel, ComponentFuncRef};
use crate::rules::{Binary, Finding};

crate::rules::declare_rule! {
    pub(crate) struct BlockingCallInAsyncTask checks binary;
    id: "CHT004",
    name: "blocking-call-in-async-task",
    category: Chatty,
    level: Warn,
    summary: "An async export's task makes a call that blocks it, where an async form exists.",
    what: "\
Finds calls, in the code an async-lifted export runs (its entry function \
and its callback, and what they call), that wait before they return: an \
`async func` import lowered synchronously, or a WASI 0.2 function that \
waits for I/O or a pollable (`poll`, `pollable.block`, the `blocking-…` \
stream methods, the filesystem's `descriptor` operations) which WASI 0.3 \
offers as an `async func`, a stream or a future. A synchronous export is \
not reported: waiting in its calls is how synchronous code waits.",
    why: "\
An async task is meant to give way while it waits, so that the host runs \
other tasks (other requests of the same HTTP handler, the subtasks it \
started) in the meantime. A synchronous call that waits holds the task, \
and with the callback ABI the whole component instance, until it returns: \
the concurrency the async export promises is lost for as long as the call \
waits.",
    fix: "\
Lower the `async func` with the `async` option (what language bindings do \
when the call is awaited) and await it, or move from the WASI 0.2 \
interface to its WASI 0.3 form, which the finding names.",
    example: "\
```rust
// In an async export: blocks the task until the file system answers.
let meta = descriptor.stat()?;          // wasi:filesystem@0.2
// instead (WASI 0.3):
let meta = descriptor.stat().await?;
```

```text
warning[CHT004] blocking-call-in-async-task: run (an async export) calls wasi:io/poll@0.2.12#poll, which blocks its task until it returns; WASI 0.3 has instead: await several futures or async calls at once
```",
}

impl BlockingCallInAsyncTask {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, facts) = (binary.model, binary.facts);
        let linked = &model.linked;
        // A synchronous call of an async import inside a loop is
        // serial-async-awaits' (each call a sequential wait): not twice.
        let blocking_in_loops: BTreeSet<ComponentFuncRef> = facts
            .loop_lowerings(model)
            .iter()
            .filter_map(|call| match call.lowered {
                crate::facts::loops::Lowered::Call {
                    lowering,
                    is_async: false,
                } => Some(linked.lowerings[lowering as usize].target),
                _ => None,
            })
            .collect();
        for task in facts.async_tasks(model, binary.graph) {
            let mut reported = BTreeSet::new();
            for call in &task.lowerings {
                let lowering = &linked.lowerings[call.lowering as usize];
                let Some(callee) = super::callee(model, call.lowering) else {
                    continue;
                };
                if lowering.options.is_async || !reported.insert(callee.target) {
                    continue;
                }
                let why = if callee.is_async {
                    if blocking_in_loops.contains(&callee.target) {
                        continue;
                    }
                    "is an async func lowered synchronously, so the call blocks its task until \
                     the subtask finishes"
                        .to_string()
                } else {
                    let Some(form) = callee.host.and_then(|host| waiting_p2(model, host)) else {
                        continue;
                    };
                    format!("blocks its task until it returns; WASI 0.3 has instead: {form}")
                };
                out.push(
                    finding(model, &task.export, &callee, call, &why)
                        .with_origin(facts.function_origin(model, call.caller.0, call.caller.1)),
                );
            }
        }
    }
}

/// What WASI 0.3 has instead of the WASI 0.2 function `host`, when it
/// waits before it returns.
fn waiting_p2(model: &BinaryModel, host: u32) -> Option<String> {
    let linked = &model.linked;
    let func = &linked.host_funcs[host as usize];
    let interface = crate::wasi::p3::p2_interface(&linked.imports[func.import].name)?;
    crate::wasi::p3::p2_waiting_function(interface, func.name.as_deref()?)
}

fn finding(
    model: &BinaryModel,
    export: &str,
    callee: &super::Callee,
    call: &TaskCall,
    why: &str,
) -> Finding {
    let message = format!(
        "{} calls {}, which {why}",
        in_task(model, call, export),
        callee.name
    );
    super::at_call_site(
        &META,
        model,
        call.caller,
        call.offset,
        &callee.name,
        message,
    )
    .with_help(if callee.host.is_some() {
        "await it: lower the call with `async`, or use the WASI 0.3 form"
    } else {
        "await it: lower the call with `async`"
    })
}

/// `run (an async export)`, or `fetch_all, in the task of async export
/// run`: the function making the call, and the task it blocks.
pub(crate) fn in_task(model: &BinaryModel, call: &TaskCall, export: &str) -> String {
    let (instance, func) = call.caller;
    let module = &model.modules[model.linked.instances[instance as usize].module];
    let function = module.func_label(func);
    if function == export {
        format!("{function} (an async export)")
    } else {
        format!("{function}, in the task of async export {export},")
    }
}
