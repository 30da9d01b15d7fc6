use std::collections::BTreeMap;

use super::suggest_batch;
use crate::facts::loops::{Crossing, LoopCall};
use crate::model::BinaryModel;
use crate::rules::{Binary, Finding, Level, Location, Threshold};

crate::rules::declare_rule! {
    pub(crate) struct ImportCallInLoop checks binary;
    id: "CHT002",
    name: "import-call-in-loop",
    category: Chatty,
    level: Warn,
    summary: "An imported function is called inside a loop: many host calls where one batched call would do.",
    what: "\
Finds call sites inside `loop`s whose callee is an imported function, or \
reaches one through a few exactly known calls: a call in an app module's \
loop into the preview1 adapter's `fd_write`, which calls \
`wasi:io/streams`, counts, and so does a loop whose host call is satisfied \
by a sibling component. Where the loop counts a local from a constant to a \
constant bound, the finding estimates calls per call of the function \
(nested loops multiply: 8 × 8 = 64); calls under an `if` in the loop are \
\"up to\" that many. When the component embeds an interpreter, the calls are \
in bytecode: the rule says the pattern is not statically determinable and \
suggests replay instead of guessing.",
    why: "\
Every host call crosses the component boundary: arguments are lowered and \
copied, the host runs, results are lifted back. A loop of fine-grained calls \
(one header, one byte, one key at a time) multiplies that cost by the \
iteration count and makes latency scale with input size. One call that \
takes a list and returns a list or a record does the same work with one \
crossing.",
    fix: "\
Batch the work: ask the host for everything at once (a `list<…>` parameter \
and result, or a record), buffer output and write it in one call, or read \
a whole stream instead of single items. The finding shows a batched WIT \
signature for the imported function when its signature is known.",
    example: "\
```wat
(loop $names
  (call $get_header (local.get $name) (local.get $len) (i32.const 128))
  (br_if $names (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
```

```text
warning[CHT002] import-call-in-loop: process calls corpus:headers/fine@0.1.0#get-header in a loop: 64 calls per call (8 × 8)
```",
    thresholds: [MIN_CALL_SITES],
}

static MIN_CALL_SITES: Threshold = Threshold {
    rule: "CHT002",
    key: "min-call-sites",
    default: 24,
    meaning: "how many distinct call sites of host functions one export may reach before the rule reports that each call crosses the boundary that many times",
};

/// Host functions named in one finding; the rest are counted.
const MAX_LISTED: usize = 4;

impl ImportCallInLoop {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, graph, policy, facts) =
            (binary.model, binary.graph, binary.policy, binary.facts);
        if let Some(program) = &facts.program {
            program_loops(model, program, out);
            return;
        }
        if let Some(engine) = facts.origins.engine() {
            let mut finding = Finding::new(
                &META,
                Location::Binary {
                    file: model.file.clone(),
                    component_path: model.tree_path(engine.node),
                    offset: Some(model.tree[engine.node].offset),
                },
                "interpreted".into(),
                format!(
                    "host call patterns live in {} bytecode: how often imports are called per request is not statically determinable",
                    engine.origin.name
                ),
            )
            .with_help("confirm call counts by running the component with representative input (replay)")
            .with_origin(engine.origin);
            finding.max_level = Some(Level::Warn);
            out.push(finding);
            return;
        }
        // (instance, function, imported function) → the worst loop calling it.
        let mut found: BTreeMap<(u32, u32, u32), &LoopCall> = BTreeMap::new();
        for calls in facts.loop_calls(model, binary.graph) {
            match found.entry((calls.instance, calls.func, calls.callee)) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(calls);
                }
                std::collections::btree_map::Entry::Occupied(mut o) => {
                    let worse = match (&o.get().repetitions, &calls.repetitions) {
                        (Some((a, _)), Some((b, _))) => b > a,
                        (Some(_), None) => true,
                        _ => false,
                    };
                    if worse {
                        o.insert(calls);
                    }
                }
            }
        }
        for calls in found.into_values() {
            out.push(
                finding(model, graph, calls).with_origin(facts.function_origin(
                    model,
                    calls.instance,
                    calls.func,
                )),
            );
        }
        let min_sites = policy.threshold(&MIN_CALL_SITES).max(1) as usize;
        crossings_per_export(model, binary.graph, facts, min_sites, out);
    }
}

/// Calls of imported functions inside the loops of an interpreter
/// component's program, one finding per calling function and import (the
/// calls of all its loops added up), located on the first loop's line.
fn program_loops(model: &BinaryModel, program: &crate::program::Program, out: &mut Vec<Finding>) {
    // Per caller and imported function: every call its loops make, added
    // up (two calls in one loop, or one in each of two loops, are two per
    // iteration), shown at the first.
    let mut per_caller: BTreeMap<(Option<&str>, &str, &str), Vec<&crate::program::ProgramLoop>> =
        BTreeMap::new();
    for l in &program.loops {
        let key = (
            l.caller.as_deref(),
            l.interface.as_str(),
            l.function.as_str(),
        );
        per_caller.entry(key).or_default().push(l);
    }
    for ((caller, interface, function), loops) in per_caller {
        let l = loops[0];
        let total: Option<u64> = loops
            .iter()
            .map(|l| l.count)
            .try_fold(0u64, |sum, n| n.map(|n| sum.saturating_add(n)));
        let conditional = loops.iter().any(|l| l.conditional);
        let caller_text = caller.unwrap_or("the module's top level");
        let count = match total {
            Some(n) => format!(
                ": {}{n} call{} per call",
                if conditional { "up to " } else { "" },
                if n == 1 { "" } else { "s" }
            ),
            None => " (iteration count not known statically)".to_string(),
        };
        let file = l.at.file.rsplit('/').next().unwrap_or(&l.at.file);
        let mut finding = Finding::new(
            &META,
            Location::Text {
                file: l.at.file.clone(),
                line: l.at.line as usize,
                column: l.at.column as usize,
                range: l.at.offset as usize..l.at.offset as usize + 1,
            },
            format!("program:{caller_text}→{interface}#{function}"),
            format!(
                "{caller_text} calls {interface}#{function} in a loop{}{count} ({file}:{})",
                l.through
                    .as_ref()
                    .map(|t| format!(" through {t}"))
                    .unwrap_or_default(),
                l.at.line
            ),
        )
        .about_wit(interface, Some(function))
        .with_note(format!(
            "in the program's {} source; `wcaudit replay` measures the calls",
            program.language.name()
        ));
        if let Some(batch) = model
            .world
            .as_ref()
            .and_then(|w| w.signature(interface, function))
            .and_then(suggest_batch)
        {
            finding = finding.with_note(format!("a batched form: `{batch}`"));
        }
        out.push(
            finding
                .with_help("batch the calls: one call that takes and returns a list (or a record)"),
        );
    }
}

/// The second signal: an export whose calls can reach many distinct call
/// sites of host functions crosses the boundary that many times per call,
/// loops or not.
fn crossings_per_export(
    model: &BinaryModel,
    graph: &crate::graph::ImportGraph,
    facts: &crate::facts::Facts,
    min_sites: usize,
    out: &mut Vec<Finding>,
) {
    let linked = &model.linked;
    for export in facts.exports(model, graph) {
        let label = &export.label;
        let sites = export.host_calls.len();
        // The calls are the program's when any of its code makes them.
        let mut origin: Option<crate::facts::origin::Origin> = None;
        let mut per_host: BTreeMap<u32, usize> = BTreeMap::new();
        for &(instance, func, host) in &export.host_calls {
            *per_host.entry(host).or_default() += 1;
            let of = facts.function_origin(model, instance, func);
            origin = Some(origin.map_or(of, |o| o.min(of)));
        }
        if sites < min_sites {
            continue;
        }
        let mut busiest: Vec<(u32, usize)> = per_host.into_iter().collect();
        busiest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let top: Vec<String> = busiest
            .iter()
            .take(MAX_LISTED)
            .map(|(h, n)| format!("{} ({n})", linked.host_func_name(*h)))
            .collect();
        out.push(
            Finding::new(
                &META,
                Location::component(model, linked.exports.iter().find(|e| label.starts_with(&e.name)).map(|e| e.offset)),
                format!("export {label}"),
                format!("export {label} can reach {sites} call sites of {} host functions", busiest.len()),
            )
            .with_note(format!("most called: {}", top.join(", ")))
            .with_help("every call site crosses the component boundary; batch what one request needs into fewer, coarser calls")
            .with_origin(origin.unwrap_or(crate::facts::origin::Origin::PROGRAM)),
        );
    }
}

/// A component in a message: by its name when it has one.
pub(super) fn component_name(model: &BinaryModel, node: usize) -> String {
    match (&model.tree[node].name, model.tree[node].parent) {
        (Some(name), _) => format!("component `{name}`"),
        (None, None) => "the outer component".to_string(),
        (None, Some(_)) => model.node_label(node),
    }
}

/// "component `guest` calls `fine#get-header` of component `host` 64
/// times per call of `process`, inside this composition".
fn crossing_message(
    model: &BinaryModel,
    calls: &LoopCall,
    crossing: &Crossing,
    function: &str,
    called: &str,
) -> String {
    let name = crossing.name.as_deref().unwrap_or(called);
    let times = match &calls.repetitions {
        Some((total, trips)) => {
            let up_to = if calls.conditional { "up to " } else { "" };
            let product = if trips.len() > 1 {
                let factors: Vec<String> = trips.iter().map(u32::to_string).collect();
                format!(" ({})", factors.join(" × "))
            } else {
                String::new()
            };
            format!("{up_to}{total} times per call of {function}{product}")
        }
        None => format!("in a loop of {function} (iteration count not known statically)"),
    };
    format!(
        "{} calls {name} of {} {times}, inside this composition",
        component_name(model, crossing.from),
        component_name(model, crossing.to)
    )
}

fn finding(model: &BinaryModel, graph: &crate::graph::ImportGraph, calls: &LoopCall) -> Finding {
    let (instance, func, callee) = (calls.instance, calls.func, calls.callee);
    let linked = &model.linked;
    let m = linked.instances[instance as usize].module;
    let module = &model.modules[m];
    let function = module.func_label(func);
    // The import as the module names it; for a component import that is
    // the host function itself.
    let direct = calls.crossing.is_none()
        && matches!(calls.hosts.as_slice(), [(_, through)] if through.is_empty());
    let (called, raw_called) = if direct {
        let host = linked.host_func_name(calls.hosts[0].0);
        (host.clone(), host)
    } else {
        (module.func_label(callee), module.func_raw_label(callee))
    };
    let count = match &calls.repetitions {
        Some((total, trips)) => {
            let product = trips
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" × ");
            let up_to = if calls.conditional { "up to " } else { "" };
            if trips.len() > 1 {
                format!(": {up_to}{total} calls per call ({product})")
            } else {
                format!(": {up_to}{total} calls per call")
            }
        }
        None => " (iteration count not known statically)".to_string(),
    };
    let mut finding = Finding::new(
        &META,
        Location::Binary {
            file: model.file.clone(),
            component_path: model.tree_path(module.tree_node),
            offset: Some(calls.offset as usize),
        },
        // Raw symbols, so that the fingerprint does not depend on how
        // names are shown.
        format!(
            "{}:{}→{raw_called}",
            model.module_label(m),
            module.func_raw_label(func)
        ),
        match &calls.crossing {
            Some(crossing) => crossing_message(model, calls, crossing, &function, &called),
            None => format!("{function} calls {called} in a loop{count}"),
        },
    )
    .with_symbol(module.func_symbol(func));
    if let Some(crossing) = &calls.crossing {
        finding = finding.with_note(format!(
            "each call crosses from {} into {} ({})",
            model.tree_path(crossing.from).join(" › "),
            model.tree_path(crossing.to).join(" › "),
            crossing.called
        ));
        // The interface as the providing component's WIT has it.
        if let Some((interface, func)) = crossing.name.as_deref().and_then(|n| n.split_once('#')) {
            finding = finding.about_wit(interface, Some(func));
            if let Some(batch) = model
                .providers
                .get(&crossing.to)
                .and_then(|w| w.signature(interface, func))
                .and_then(suggest_batch)
            {
                finding = finding.with_note(format!("a batched form: `{batch}`"));
            }
        }
    }
    if !direct && !calls.hosts.is_empty() {
        let mut through: Vec<String> = Vec::new();
        for (_, crossed) in &calls.hosts {
            for n in crossed {
                let label = model.node_label(*n);
                if !through.contains(&label) {
                    through.push(label);
                }
            }
        }
        let hosts: Vec<String> = calls
            .hosts
            .iter()
            .map(|(h, _)| linked.host_func_name(*h))
            .collect();
        let shown = hosts.len().min(MAX_LISTED);
        let more = if hosts.len() > shown {
            format!(" and {} more", hosts.len() - shown)
        } else {
            String::new()
        };
        finding = finding.with_note(format!(
            "each call reaches {}{more}{}",
            hosts[..shown].join(", "),
            if through.is_empty() {
                String::new()
            } else {
                format!(" through {}", through.join(" → "))
            }
        ));
    }
    if let Some(export) = graph
        .core_node(instance, func)
        .and_then(|node| graph.nearest_export(node))
    {
        finding = finding.with_note(format!("reached from export {export}"));
    }
    if direct {
        let host_func = &linked.host_funcs[calls.hosts[0].0 as usize];
        let import = &linked.imports[host_func.import];
        let func_name = host_func.name.as_deref().unwrap_or(&import.name);
        finding = finding.about_wit(&import.name, host_func.name.as_deref());
        if let Some(batch) = model
            .world
            .as_ref()
            .and_then(|w| w.signature(&import.name, func_name))
            .and_then(suggest_batch)
        {
            finding = finding.with_note(format!("a batched form: `{batch}`"));
        }
    }
    finding.with_help("batch the calls: one call that takes and returns a list (or a record)")
}
