use std::collections::BTreeMap;

use super::Callee;
use crate::facts::loops::{LoopLowering, Lowered};
use crate::facts::tasks::{AsyncTask, TaskCall};
use crate::model::BinaryModel;
use crate::rules::{Binary, Finding};

crate::rules::declare_rule! {
    pub(crate) struct SerialAsyncAwaits checks binary;
    id: "CHT003",
    name: "serial-async-awaits",
    category: Chatty,
    level: Warn,
    summary: "Async imports awaited one at a time in a loop, where they could run concurrently.",
    what: "\
Finds async subtasks of an imported function started and awaited one at a \
time: in a loop, an async-lowered call followed by `waitable-set.wait` in \
the same iteration (the stackful ABI), or an `async func` import lowered \
synchronously (each call blocks until the subtask finishes); and with the \
callback ABI, where no function loops, a task whose entry starts one \
subtask and whose callback, re-entered when it ends, starts the next of \
the same import. Either way the calls run one after another.",
    why: "\
The component-model async ABI lets a component start many subtasks and wait \
for all of them on one waitable set, so independent requests (fetches, \
reads, lookups) overlap. Awaiting each before starting the next turns N \
concurrent waits into N sequential ones: latency grows with N.",
    fix: "\
Start every subtask first, joining each to one waitable set, then wait for \
the set until all are done; or call a batched interface that takes the whole \
list. With language bindings: `join_all`/`Promise.all`/`asyncio.gather` \
instead of awaiting inside the loop.",
    example: "\
```rust
for id in ids {
    results.push(fetch(id).await); // one at a time
}
// instead: futures::future::join_all(ids.map(fetch)).await
```

```text
warning[CHT003] serial-async-awaits: run starts test:p3/net@0.1.0#fetch and waits for it in every iteration of a loop: 4 sequential waits per call
warning[CHT003] serial-async-awaits: callback (the callback of async export run) starts test:p3/net@0.1.0#fetch again each time it is re-entered, after the one before ended: one subtask at a time (callback ABI)
```",
}

/// What one loop does with subtasks: the async host calls it starts, and
/// whether it waits in the same iteration.
#[derive(Default)]
struct LoopAwaits<'a> {
    started: Vec<(Callee, &'a LoopLowering)>,
    waits: bool,
}

impl SerialAsyncAwaits {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, facts) = (binary.model, binary.facts);
        let per_function = facts
            .loop_lowerings(model)
            .chunk_by(|a, b| (a.instance, a.func) == (b.instance, b.func));
        for calls in per_function {
            let origin = facts.function_origin(model, calls[0].instance, calls[0].func);
            // Per innermost loop: async calls started, and whether it waits.
            let mut loops: BTreeMap<u32, LoopAwaits<'_>> = BTreeMap::new();
            let mut blocking: BTreeMap<String, (Callee, &LoopLowering)> = BTreeMap::new();
            for call in calls {
                match call.lowered {
                    Lowered::Wait => loops.entry(call.innermost_loop).or_default().waits = true,
                    Lowered::Call { lowering, is_async } => {
                        let Some(callee) = super::callee(model, lowering) else {
                            continue;
                        };
                        if is_async {
                            loops
                                .entry(call.innermost_loop)
                                .or_default()
                                .started
                                .push((callee, call));
                        } else if callee.is_async {
                            blocking
                                .entry(callee.name.clone())
                                .or_insert((callee, call));
                        }
                    }
                }
            }
            for awaits in loops.into_values() {
                if !awaits.waits {
                    continue;
                }
                for (callee, call) in awaits.started {
                    out.push(finding(model, &callee, call, false).with_origin(origin));
                }
            }
            for (callee, call) in blocking.into_values() {
                out.push(finding(model, &callee, call, true).with_origin(origin));
            }
        }
        for task in facts.async_tasks(model, binary.graph) {
            for (callee, call) in serial_across_reentries(model, task) {
                let origin = facts.function_origin(model, call.caller.0, call.caller.1);
                out.push(reentry_finding(model, task, &callee, call).with_origin(origin));
            }
        }
    }
}

/// With the callback ABI: the imports the entry starts once and the
/// callback starts again on a re-entry, outside loops. The callback runs
/// when an event arrives, so each start follows the end of the one
/// before. An entry that starts several (or starts them in a loop) runs
/// them concurrently, and its callback refilling the set keeps them so.
fn serial_across_reentries<'t>(
    model: &BinaryModel,
    task: &'t AsyncTask,
) -> Vec<(Callee, &'t TaskCall)> {
    if task.callback.is_none()
        || task.entry_starts.len() > 1
        || task.entry_starts.iter().any(|c| c.in_loop)
    {
        return Vec::new();
    }
    let Some(first) = task
        .entry_starts
        .first()
        .and_then(|call| super::callee(model, call.lowering))
    else {
        return Vec::new();
    };
    let again = task.callback_starts.iter().find(|call| {
        !call.in_loop && model.linked.lowerings[call.lowering as usize].target == first.target
    });
    again.map(|call| (first, call)).into_iter().collect()
}

fn reentry_finding(
    model: &BinaryModel,
    task: &AsyncTask,
    callee: &Callee,
    call: &TaskCall,
) -> Finding {
    let label = |(instance, func): (u32, u32)| {
        let m = model.linked.instances[instance as usize].module;
        model.modules[m].func_label(func)
    };
    let callback = task.callback.map(label).unwrap_or_default();
    let through = match label(call.caller) {
        caller if caller == callback => String::new(),
        caller => format!(" (through {caller})"),
    };
    let message = format!(
        "{callback} (the callback of async export {}) starts {}{through} again each \
             time it is re-entered, after the one before ended: one subtask at a time (callback \
             ABI)",
        task.export, callee.name
    );
    super::at_call_site(
        &META,
        model,
        call.caller,
        call.offset,
        &callee.name,
        message,
    )
    .with_help(
        "start every subtask in the entry function and join them to one waitable set; let the \
         callback only collect the results",
    )
}

fn finding(model: &BinaryModel, callee: &Callee, call: &LoopLowering, blocking: bool) -> Finding {
    let caller = (call.instance, call.func);
    let module = &model.modules[model.linked.instances[call.instance as usize].module];
    let function = module.func_label(call.func);
    let name = &callee.name;
    let count = match &call.repetitions {
        Some((n, _)) => format!(": {n} sequential waits per call"),
        None => String::new(),
    };
    let how = if blocking {
        format!(
            "calls async {name} synchronously in a loop, so each call blocks until it finishes{count}"
        )
    } else {
        format!("starts {name} and waits for it in every iteration of a loop{count}")
    };
    super::at_call_site(
        &META,
        model,
        caller,
        call.offset,
        name,
        format!("{function} {how}"),
    )
    .with_help("start all the subtasks first, join them to one waitable set, then wait for the set")
}
