//! `wcaudit p3`: how ready a component or WIT package is for WASI 0.3, as
//! a migration plan — what blocks a port, grouped by who must act (the
//! toolchain, an embedded runtime, your code), each WASI 0.2 function with
//! what replaces it in WASI 0.3, the p3-migration findings, and the steps.

use std::collections::BTreeSet;

use serde::Serialize;

use super::json::JsonFinding;
use crate::facts::Facts;
use crate::facts::origin::{Origin, OriginKind, is_engine};
use crate::graph::Reach;
use crate::rules::{Finding, Level, Location};
use crate::wasi::p3::{classify, p2_function, p2_interface, p2_interface_becomes};

#[derive(Serialize)]
pub(crate) struct P3View<'a> {
    pub(crate) file: String,
    /// `component`, `core-module` or `wit`.
    pub(crate) kind: &'static str,
    /// `p2`, `p3`, `mixed` (interfaces of both), `p2+async` (0.2
    /// interfaces, 0.3 async ABI), `none`, or `wit`.
    pub(crate) targets: &'static str,
    pub(crate) ready: bool,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) interfaces: Vec<InterfaceRow>,
    /// Who must act, what blocks first first.
    pub(crate) plan: Vec<PlanGroup>,
    /// Imported WASI 0.2 interfaces no export calls into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) unreached: Option<Unreached>,
    pub(crate) steps: Vec<String>,
    pub(crate) findings: Vec<JsonFinding<'a>>,
    #[serde(skip)]
    located: Vec<Located>,
}

#[derive(Serialize)]
pub(crate) struct InterfaceRow {
    pub(crate) interface: String,
    /// The WASI 0.3 interface it becomes; `None` when removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) becomes: Option<String>,
    pub(crate) items: Vec<ItemRow>,
}

#[derive(Serialize)]
pub(crate) struct ItemRow {
    pub(crate) item: String,
    pub(crate) status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) p2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) p3: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(crate) note: String,
    /// For a removed item: what to use instead, or `none: ` and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) instead: Option<String>,
    pub(crate) who: Who,
    /// How exports reach it (binaries only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reach: Option<&'static str>,
    /// The modules whose code calls it (binaries only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) called_by: Vec<String>,
}

/// wit-component names the adapters it links `wit-component:adapter:<name>`.
const ADAPTER_MODULE: &str = "module wit-component:adapter:";

impl Who {
    /// Who must act for a call `origin`'s own code makes: an engine is
    /// upgraded on its own; a language's runtime and standard library, the
    /// adapter and glue come with the toolchain.
    fn of(origin: Origin) -> Who {
        match origin.kind {
            OriginKind::Program => Who::YourCode,
            OriginKind::Runtime if is_engine(&origin) => Who::Runtime,
            OriginKind::Runtime | OriginKind::Adapter | OriginKind::Glue => Who::Toolchain,
        }
    }
}

/// Who must act for a function to work on WASI 0.3, in the order the
/// plan takes them: a toolchain has to emit WASI 0.3 before code built
/// with it can use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Who {
    /// The preview1 adapter, glue, or the language toolchain whose runtime
    /// and standard library make the call.
    Toolchain,
    /// An embedded language runtime.
    Runtime,
    /// The app's own code, or the WIT being checked.
    YourCode,
    /// No export reaches it: nothing to port.
    Nobody,
}

#[derive(Serialize)]
pub(crate) struct PlanGroup {
    pub(crate) who: Who,
    /// The embedded runtime, for `runtime`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) runtime: Option<&'static str>,
    /// The modules that make the calls.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) modules: Vec<String>,
    /// Interfaces with functions that change, most blocking first.
    pub(crate) interfaces: Vec<String>,
    /// Functions that change, and of those the ones WASI 0.3 removes.
    pub(crate) changes: usize,
    pub(crate) removed: usize,
    /// Interfaces whose every function used is unchanged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) unchanged: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct Unreached {
    /// Interfaces whose functions no export reaches.
    pub(crate) interfaces: Vec<String>,
    pub(crate) functions: usize,
    /// Interfaces imported for their types only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) types_only: Vec<String>,
}

/// What the text and markdown show beside a finding: where it is and what
/// to write instead.
struct Located {
    at: Option<String>,
    help: Option<String>,
}

/// One imported interface and the functions used (or declared, for WIT).
pub(crate) struct Used {
    pub(crate) interface: String,
    pub(crate) functions: Vec<UsedFunction>,
}

pub(crate) struct UsedFunction {
    pub(crate) name: String,
    pub(crate) who: Who,
    pub(crate) reach: Option<Reach>,
    pub(crate) called_by: Vec<String>,
}

/// What is being planned for.
pub(crate) enum Input<'m> {
    /// A component, with the first embedded language runtime found in it.
    Component(Option<&'static str>),
    /// A core module: its import namespaces and function counts.
    CoreModule(&'m crate::model::BinaryModel),
    Wit,
}

/// The WASI functions of a WIT package's worlds: all are the WIT's own.
pub(crate) fn wit_used(imports: Vec<(String, Vec<String>)>) -> Vec<Used> {
    imports
        .into_iter()
        .map(|(interface, functions)| Used {
            interface,
            functions: functions
                .into_iter()
                .map(|name| UsedFunction {
                    name,
                    who: Who::YourCode,
                    reach: None,
                    called_by: Vec::new(),
                })
                .collect(),
        })
        .collect()
}

/// Used WASI functions of a binary, per imported interface, with who
/// calls each (as capability attribution decides it).
pub(crate) fn used_functions(
    model: &crate::model::BinaryModel,
    graph: &crate::graph::ImportGraph,
    facts: &Facts,
) -> Vec<Used> {
    let functions = &facts.import_functions;
    model
        .linked
        .imports
        .iter()
        .enumerate()
        .map(|(i, import)| {
            let functions = functions
                .iter()
                .filter(|f| f.import == i)
                .filter_map(|f| Some((f, f.host?, f.name.clone()?)))
                .map(|(f, host, name)| {
                    let called_by: Vec<String> = graph
                        .host_reach(host)
                        .imported_by
                        .iter()
                        .map(|n| model.node_label(*n))
                        .collect();
                    // The adapter passes the program's preview1 calls on,
                    // but on WASI 0.3 it is the adapter that changes, not
                    // the program's calls into it.
                    let adapter_only = !called_by.is_empty()
                        && called_by.iter().all(|l| l.starts_with(ADAPTER_MODULE));
                    let who = match facts.host_caller(host) {
                        _ if f.reach == Reach::Unreachable => Who::Nobody,
                        _ if adapter_only => Who::Toolchain,
                        Some(origin) => Who::of(origin),
                        None => Who::YourCode,
                    };
                    UsedFunction {
                        name,
                        who,
                        reach: Some(f.reach),
                        called_by,
                    }
                })
                .collect();
            Used {
                interface: import.name.clone(),
                functions,
            }
        })
        .collect()
}

/// The WASI versions a binary targets, from its import and export names
/// and its use of the async ABI.
pub(crate) fn binary_targets(model: &crate::model::BinaryModel) -> &'static str {
    let names = model
        .linked
        .imports
        .iter()
        .map(|i| i.name.as_str())
        .chain(model.linked.exports.iter().map(|e| e.name.as_str()));
    classify(names, model.features.contains("cm_async"))
}

/// How much a status blocks a port: removed items need new code, renamed
/// ones a new name.
fn rank(status: &str) -> u8 {
    match status {
        "removed" => 0,
        "unclassified" => 1,
        "replaced" => 2,
        "renamed+changed" => 3,
        "changed" => 4,
        "moved" => 5,
        "renamed" => 6,
        _ => 7,
    }
}

/// The readiness of one input: `interfaces` lists each WASI 0.2 interface
/// used, with the fate of each function used (or declared, for WIT), and
/// `plan` what to do about them.
pub(crate) fn build<'a>(
    file: String,
    input: Input<'_>,
    targets: &'static str,
    used: Vec<Used>,
    findings: &'a [Finding],
) -> P3View<'a> {
    let mut interfaces = Vec::new();
    for used in used {
        let Some(base) = p2_interface(&used.interface) else {
            continue;
        };
        let becomes = p2_interface_becomes(base).map(str::to_string);
        let items = used
            .functions
            .into_iter()
            .map(|f| {
                let reach = f.reach.map(Reach::as_str);
                match p2_function(base, &f.name) {
                    Some(item) => ItemRow {
                        item: item.p2_item.clone().unwrap_or_default(),
                        status: item.status.clone(),
                        p2: item.p2_sig.clone(),
                        p3: item.replacement(),
                        note: item.note.clone(),
                        instead: item.instead.clone(),
                        who: f.who,
                        reach,
                        called_by: f.called_by,
                    },
                    // Not in the WASI 0.2.12 table: say so rather than guess.
                    None => ItemRow {
                        item: f.name,
                        status: "unclassified".into(),
                        p2: None,
                        p3: None,
                        note: "not a WASI 0.2.12 item".into(),
                        instead: Some(
                            "unknown: not in the WASI 0.2.12 → 0.3.0 table; check the WASI 0.3 WIT"
                                .into(),
                        ),
                        who: f.who,
                        reach,
                        called_by: f.called_by,
                    },
                }
            })
            .collect();
        interfaces.push(InterfaceRow {
            interface: used.interface,
            becomes,
            items,
        });
    }
    let blocking = |f: &&Finding| f.level != Level::Allow;
    let errors = findings.iter().filter(|f| f.level == Level::Deny).count();
    let warnings = findings.iter().filter(|f| f.level == Level::Warn).count();
    let (kind, runtime) = match &input {
        Input::Component(runtime) => ("component", *runtime),
        Input::CoreModule(_) => ("core-module", None),
        Input::Wit => ("wit", None),
    };
    let plan = plan(&interfaces, runtime);
    let unreached = unreached(&interfaces);
    let ready =
        !matches!(input, Input::CoreModule(_)) && findings.iter().filter(blocking).count() == 0;
    let steps = steps(&input, &plan, unreached.as_ref(), findings);
    P3View {
        file,
        kind,
        targets,
        ready,
        errors,
        warnings,
        interfaces,
        plan,
        unreached,
        steps,
        findings: findings.iter().map(super::json::finding).collect(),
        located: findings.iter().map(located).collect(),
    }
}

fn located(f: &Finding) -> Located {
    Located {
        at: match &f.location {
            Location::Text {
                file, line, column, ..
            } => Some(format!("{file}:{line}:{column}")),
            Location::Binary { .. } => None,
        },
        help: f.help.clone(),
    }
}

/// The groups of who must act, each with its interfaces most blocking
/// first.
fn plan(interfaces: &[InterfaceRow], runtime: Option<&'static str>) -> Vec<PlanGroup> {
    let mut groups: Vec<PlanGroup> = Vec::new();
    for who in [Who::Toolchain, Who::Runtime, Who::YourCode] {
        let mut modules = BTreeSet::new();
        let mut ranked: Vec<(u8, &str)> = Vec::new();
        let mut unchanged = Vec::new();
        let (mut changes, mut removed) = (0, 0);
        for interface in interfaces {
            let mine: Vec<&ItemRow> = interface.items.iter().filter(|i| i.who == who).collect();
            if mine.is_empty() {
                continue;
            }
            modules.extend(mine.iter().flat_map(|i| i.called_by.iter().cloned()));
            let breaking: Vec<&&ItemRow> = mine.iter().filter(|i| i.status != "same").collect();
            match breaking.iter().map(|i| rank(&i.status)).min() {
                Some(r) => ranked.push((r, &interface.interface)),
                None => unchanged.push(interface.interface.clone()),
            }
            changes += breaking.len();
            removed += breaking.iter().filter(|i| i.status == "removed").count();
        }
        if ranked.is_empty() && unchanged.is_empty() {
            continue;
        }
        ranked.sort_by_key(|(r, _)| *r);
        groups.push(PlanGroup {
            who,
            runtime: runtime.filter(|_| who == Who::Runtime),
            modules: modules.into_iter().collect(),
            interfaces: ranked.into_iter().map(|(_, n)| n.to_string()).collect(),
            changes,
            removed,
            unchanged,
        });
    }
    groups
}

fn unreached(interfaces: &[InterfaceRow]) -> Option<Unreached> {
    let mut out = Unreached {
        interfaces: Vec::new(),
        functions: 0,
        types_only: Vec::new(),
    };
    for interface in interfaces {
        if interface.items.is_empty() {
            out.types_only.push(interface.interface.clone());
            continue;
        }
        let n = interface
            .items
            .iter()
            .filter(|i| i.who == Who::Nobody)
            .count();
        if n > 0 {
            out.functions += n;
            out.interfaces.push(interface.interface.clone());
        }
    }
    (out.functions > 0 || !out.types_only.is_empty()).then_some(out)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// What to do, in order: what fails on WASI 0.3 hosts now, then who must
/// act first.
fn steps(
    input: &Input<'_>,
    plan: &[PlanGroup],
    unreached: Option<&Unreached>,
    findings: &[Finding],
) -> Vec<String> {
    let mut steps = Vec::new();
    if let Input::CoreModule(model) = input {
        let imports: Vec<String> = model
            .linked
            .imports
            .iter()
            .map(|i| {
                format!(
                    "{} ({})",
                    safe(&i.name),
                    plural(i.declared_funcs.len(), "function")
                )
            })
            .collect();
        let what = if imports.is_empty() {
            "It imports nothing.".to_string()
        } else {
            format!("It imports {}.", imports.join(", "))
        };
        steps.push(format!(
            "Make it a component: WASI 0.3 hosts run components, and this is a core module. {what} \
             Build with a toolchain that emits components, or wrap this module: \
             `wasm-tools component new <module.wasm> --adapt \
             wasi_snapshot_preview1=wasi_snapshot_preview1.command.wasm -o <component.wasm>` \
             (the preview1 adapter makes a WASI 0.2 component)."
        ));
        steps.push("Run `wcaudit p3` on the component to plan its move to WASI 0.3.".into());
        return steps;
    }
    let errors = findings.iter().filter(|f| f.level == Level::Deny).count();
    if errors > 0 {
        steps.push(format!(
            "Fix the {} first: they fail on WASI 0.3 hosts as the binary stands.",
            plural(errors, "error")
        ));
    }
    for group in plan.iter().filter(|g| g.changes > 0) {
        let removed = match group.removed {
            0 => String::new(),
            n => format!(" ({n} removed)"),
        };
        let calls = format!(
            "{} that WASI 0.3 changes, in {}{removed}",
            plural(group.changes, "function"),
            plural(group.interfaces.len(), "interface"),
        );
        steps.push(match group.who {
            Who::Toolchain => format!(
                "Upgrade the preview1 adapter or your language toolchain to a release that \
                 targets WASI 0.3, and rebuild: the adapter, not your code, calls the {calls}."
            ),
            Who::Runtime => format!(
                "Upgrade the embedded language runtime{} to a release built for WASI 0.3: it \
                 calls the {calls}. Which of them your program needs cannot be seen \
                 statically; review its uses of these interfaces.",
                group.runtime.map(|r| format!(" ({r})")).unwrap_or_default()
            ),
            Who::YourCode | Who::Nobody if matches!(input, Input::Wit) => format!(
                "Port your WIT: import the WASI 0.3.0 interfaces instead and replace the uses \
                 of the {calls}, as listed."
            ),
            Who::YourCode | Who::Nobody => format!(
                "Port your code: regenerate bindings against the WASI 0.3.0 interfaces and \
                 replace the calls to the {calls}, as listed."
            ),
        });
    }
    let exports: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule.id == "P3M003" && f.level != Level::Allow)
        .collect();
    for f in exports {
        let why = f
            .message
            .split_once("; ")
            .map_or(f.message.as_str(), |(_, why)| why);
        steps.push(format!(
            "Move the export {} to WASI 0.3: {}.",
            safe(&f.subject),
            safe(why)
        ));
    }
    let design = findings
        .iter()
        .filter(|f| f.level == Level::Warn && !["P3M001", "P3M002", "P3M003"].contains(&f.rule.id))
        .count();
    if design > 0 {
        steps.push(format!(
            "Address the {} under findings; each says what to write instead.",
            plural(design, "warning")
        ));
    }
    if let Some(u) = unreached {
        let mut what = Vec::new();
        if u.functions > 0 {
            what.push(format!(
                "{} of {} that no export reaches",
                plural(u.functions, "function"),
                plural(u.interfaces.len(), "interface")
            ));
        }
        if !u.types_only.is_empty() {
            what.push(format!(
                "{} imported for types only",
                plural(u.types_only.len(), "interface")
            ));
        }
        steps.push(format!(
            "Nothing to port for the {}: they leave with the WASI 0.2 world.",
            what.join(" and ")
        ));
    }
    if !steps.is_empty() {
        steps.push(
            "Run `wcaudit p3` again on the result until it reports nothing that blocks WASI 0.3."
                .into(),
        );
    }
    steps
}

mod render;
use render::safe;
pub(crate) use render::{render_markdown, render_text};
