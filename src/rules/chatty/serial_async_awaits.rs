use std::collections::BTreeMap;

use crate::facts::loops::{LoopLowering, Lowered};
use crate::model::BinaryModel;
use crate::rules::{Binary, Finding, Location};

crate::rules::declare_rule! {
    pub(crate) struct SerialAsyncAwaits checks binary;
    id: "CHT003",
    name: "serial-async-awaits",
    category: Chatty,
    level: Warn,
    summary: "Async imports awaited one at a time in a loop, where they could run concurrently.",
    what: "\
Finds loops that start an async subtask of an imported function and wait \
for it in the same iteration: an async-lowered call followed by \
`waitable-set.wait` in the same loop, or an `async func` import lowered \
synchronously (each call blocks until the subtask finishes). Either way the \
calls run one after another.",
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
```",
}

/// What one loop does with subtasks: the async host calls it starts, and
/// whether it waits in the same iteration.
#[derive(Default)]
struct LoopAwaits<'a> {
    started: Vec<(u32, &'a LoopLowering)>,
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
            let mut blocking: BTreeMap<u32, &LoopLowering> = BTreeMap::new();
            for call in calls {
                match call.lowered {
                    Lowered::Wait => loops.entry(call.innermost_loop).or_default().waits = true,
                    Lowered::Host {
                        host,
                        is_async: true,
                    } => loops
                        .entry(call.innermost_loop)
                        .or_default()
                        .started
                        .push((host, call)),
                    Lowered::Host {
                        host,
                        is_async: false,
                    } => {
                        if host_is_async(model, host) {
                            blocking.entry(host).or_insert(call);
                        }
                    }
                }
            }
            for awaits in loops.into_values() {
                if !awaits.waits {
                    continue;
                }
                for (host, call) in awaits.started {
                    out.push(finding(model, host, call, false).with_origin(origin));
                }
            }
            for (host, call) in blocking {
                out.push(finding(model, host, call, true).with_origin(origin));
            }
        }
    }
}

fn host_is_async(model: &BinaryModel, host: u32) -> bool {
    let linked = &model.linked;
    let host = &linked.host_funcs[host as usize];
    let import = &linked.imports[host.import];
    let name = host.name.as_deref().unwrap_or(&import.name);
    import
        .declared_funcs
        .iter()
        .any(|(f, is_async)| *is_async && f == name)
}

fn finding(model: &BinaryModel, host: u32, call: &LoopLowering, blocking: bool) -> Finding {
    let (instance, func) = (call.instance, call.func);
    let linked = &model.linked;
    let m = linked.instances[instance as usize].module;
    let module = &model.modules[m];
    let function = module.func_label(func);
    let host_name = linked.host_func_name(host);
    let count = match &call.repetitions {
        Some((n, _)) => format!(": {n} sequential waits per call"),
        None => String::new(),
    };
    let how = if blocking {
        format!(
            "calls async {host_name} synchronously in a loop, so each call blocks until it finishes{count}"
        )
    } else {
        format!("starts {host_name} and waits for it in every iteration of a loop{count}")
    };
    Finding::new(
        &META,
        Location::Binary {
            file: model.file.clone(),
            component_path: model.tree_path(module.tree_node),
            offset: Some(call.offset as usize),
        },
        format!(
            "{}:{}→{host_name}",
            model.module_label(m),
            module.func_raw_label(func)
        ),
        format!("{function} {how}"),
    )
    .with_symbol(module.func_symbol(func))
    .with_help("start all the subtasks first, join them to one waitable set, then wait for the set")
}
