use std::collections::BTreeMap;

use crate::graph::Reach;
use crate::rules::{Binary, Finding, Location, Threshold};

crate::rules::declare_rule! {
    pub(crate) struct UnreachableImport checks binary;
    id: "CAP001",
    name: "unreachable-import",
    category: Capability,
    level: Warn,
    summary: "An imported function (or a whole imported interface) that no export can reach.",
    what: "\
Follows every export of the component (and every start function and resource \
destructor) through lifts, core calls, adapter modules, shims and lowerings, \
and reports imported functions that no path reaches. When none of an \
interface's functions is reachable, it reports the interface once instead of \
each function, and by default one finding per capability class; when no \
export reaches any import at all, it is one finding for the whole world, and \
none when the component exports nothing (`dead-component` says so).

The rule only speaks when unreachability is proven: if a path might exist \
through an indirect call wcaudit cannot resolve, or through code that is not \
in the binary, the import is *indeterminate* and this rule stays silent.",
    why: "\
Every import is a capability the host must grant. An import nobody calls \
still makes the component ask for it: a host that denies it refuses to run \
the component, and a host that grants it hands out access the code never \
needed. Unused `wasi:sockets` or `wasi:filesystem` imports are the usual \
case, dragged in by a language runtime or a too-broad WIT world.",
    fix: "\
Remove the interface from your WIT world, or stop the toolchain from pulling \
it in (for an adapter-based build, use the reactor or proxy adapter that \
matches your world; for componentize-py and jco, narrow the world you \
target). If the import is used through code wcaudit cannot see, allow the \
rule for that component.",
    example: "\
```wit
world app {
  import wasi:sockets/tcp-create-socket@0.2.12;  // never called
  export wasi:cli/run@0.2.12;
}
```

```text
warning[CAP001] unreachable-import: wasi:sockets/tcp-create-socket@0.2.12 is imported but no export reaches it
```",
    security_severity: "3.0",
    thresholds: [GROUP_BY_CLASS],
}

static GROUP_BY_CLASS: Threshold = Threshold {
    rule: "CAP001",
    key: "group-by-class",
    default: 1,
    meaning: "1: one finding per capability class, listing its unreached interfaces and functions; 0: one finding per interface or function",
};

impl UnreachableImport {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, facts, policy) = (binary.model, binary.facts, binary.policy);
        let (observed, import_functions) = (binary.observed, binary.import_functions);
        let linked = &model.linked;
        let unreachable_reach = super::Reachability::new(Reach::Unreachable, false);
        let mut per_import: BTreeMap<usize, Vec<(Option<String>, Reach)>> = BTreeMap::new();
        for f in import_functions.iter() {
            per_import
                .entry(f.import)
                .or_default()
                .push((f.name.clone(), f.reach));
        }
        let mut items: Vec<Finding> = Vec::new();
        for (import, funcs) in per_import {
            let imp = &linked.imports[import];
            let capability = crate::wasi::classes::classify_import(&imp.name).0.as_str();
            let location = Location::component(model, Some(imp.offset));
            let origin = facts.import_caller(import);
            // A function replay saw called is not claimed unreachable:
            // replay-contradiction reports the analysis error instead.
            let refuted =
                |name: &Option<String>| observed.is_some_and(|o| o.saw(&imp.name, name.as_deref()));
            let unreachable: Vec<&Option<String>> = funcs
                .iter()
                .filter(|(name, r)| *r == Reach::Unreachable && !refuted(name))
                .map(|(name, _)| name)
                .collect();
            if unreachable.is_empty() {
                continue;
            }
            if unreachable.len() == funcs.len() {
                let what = if imp.is_core {
                    "imports from"
                } else {
                    "imports"
                };
                let mut finding = Finding::new(
                    &META,
                    location,
                    imp.name.clone(),
                    format!("{what} {} but no export reaches it", imp.name),
                )
                .with_help(format!(
                    "remove {} from the world, or the toolchain option that adds it",
                    imp.name
                ))
                .with_capability(capability)
                .with_reach(unreachable_reach)
                .with_origin(origin);
                let names: Vec<&str> = unreachable.iter().filter_map(|n| n.as_deref()).collect();
                if !names.is_empty() {
                    finding =
                        finding.with_note(format!("unreached functions: {}", names.join(", ")));
                }
                items.push(finding);
                continue;
            }
            for name in unreachable {
                let Some(name) = name else { continue };
                let qualified = format!("{}#{name}", imp.name);
                items.push(
                    Finding::new(
                        &META,
                        location.clone(),
                        qualified.clone(),
                        format!("imports {qualified} but no export reaches it"),
                    )
                    .with_note(format!(
                        "other functions of {} are reached; this one is not",
                        imp.name
                    ))
                    .with_capability(capability)
                    .with_reach(unreachable_reach)
                    .with_origin(origin)
                    .about_wit(&imp.name, Some(name)),
                );
            }
        }
        if policy.threshold(&GROUP_BY_CLASS) == 0 {
            out.extend(items);
            return;
        }
        let nothing_reached = import_functions
            .iter()
            .all(|f| f.reach == Reach::Unreachable);
        // A component that exports nothing is dead-component's to report,
        // with the classes it imports.
        if nothing_reached
            && model.is_component
            && model.linked.exports.iter().all(|e| e.funcs.is_empty())
        {
            return;
        }
        let groups = group_by_class(items);
        // A world no export uses at all is one piece of advice (drop the
        // world or export something that uses it), not one per class.
        let one_origin = groups.windows(2).all(|w| w[0].origin == w[1].origin);
        if nothing_reached && one_origin && groups.len() > 1 {
            out.push(whole_world(groups));
        } else {
            out.extend(groups);
        }
    }
}

/// One finding per capability class (and origin, so that the program's
/// unused imports are never folded with a runtime's): a class with one
/// unreached item keeps that item's own finding.
fn group_by_class(items: Vec<Finding>) -> Vec<Finding> {
    let mut groups: BTreeMap<(&'static str, crate::facts::origin::Origin), Vec<Finding>> =
        BTreeMap::new();
    for item in items {
        groups
            .entry((item.capability.unwrap_or("custom"), item.origin))
            .or_default()
            .push(item);
    }
    let mut out = Vec::new();
    for ((class, origin), mut group) in groups {
        if group.len() == 1 {
            out.append(&mut group);
            continue;
        }
        let subjects: Vec<&str> = group.iter().map(|f| f.subject.as_str()).collect();
        let first = &group[0];
        let mut finding = Finding::new(
            &META,
            first.location.clone(),
            format!("{class}: {}", subjects.join(", ")),
            format!(
                "imports {} {class} interfaces or functions that no export reaches",
                group.len()
            ),
        )
        .with_help(format!(
            "remove them from the world, or the toolchain option that adds them; `[rules] unreachable-import = {{ {} = 0 }}` reports each apart",
            GROUP_BY_CLASS.key
        ))
        .with_capability(class)
        .with_origin(origin);
        finding.reach = first.reach;
        finding.grouped = group.iter().map(|f| f.subject.clone()).collect();
        for item in &group {
            finding = finding.with_note(match item.notes.first() {
                Some(note) if item.wit_item.is_none() => format!("{}: {note}", item.subject),
                _ => item.subject.clone(),
            });
        }
        out.push(finding);
    }
    out
}

/// One finding for a component whose exports reach none of its imports,
/// with the per-class findings as its notes.
fn whole_world(groups: Vec<Finding>) -> Finding {
    let count: usize = groups.iter().map(|g| g.grouped.len().max(1)).sum();
    let classes: Vec<&str> = groups.iter().filter_map(|g| g.capability).collect();
    let mut finding = Finding::new(
        &META,
        groups[0].location.clone(),
        "world".into(),
        format!(
            "no export reaches any of its {count} imported interfaces or functions ({} capability classes: {})",
            classes.len(),
            classes.join(", ")
        ),
    )
    .with_help(
        "remove the imports from the world, or export what uses them; a component that uses nothing it imports may be built for the wrong world",
    )
    .with_origin(groups[0].origin);
    finding.reach = groups[0].reach;
    for group in &groups {
        let subjects = if group.grouped.is_empty() {
            vec![group.subject.clone()]
        } else {
            group.grouped.clone()
        };
        finding = finding.with_note(format!(
            "{}: {}",
            group.capability.unwrap_or("custom"),
            subjects.join(", ")
        ));
        finding.grouped.extend(subjects);
    }
    finding
}
