//! `wcaudit imports`: what a component imports and exports, and whether
//! each imported function is reached from an export.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::facts::Facts;
use crate::facts::capabilities::Reachability;
use crate::graph::{ImportGraph, Reach};
use crate::model::{BinaryModel, ComponentFuncRef, CoreFuncRef, NodeKind, WitModel};

#[derive(Serialize)]
pub(crate) struct ImportsView {
    pub(crate) file: String,
    pub(crate) kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) world: Option<String>,
    /// Capability classes, with what grants them and how they are reached.
    pub(crate) capabilities: Vec<super::CapabilitySummary>,
    /// Exported functions, for the graph in a Markdown diff.
    #[serde(skip)]
    pub(crate) entry_points: Vec<String>,
    pub(crate) imports: Vec<ImportRow>,
    pub(crate) exports: Vec<ExportRow>,
    /// The guest program read from an interpreter component, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) program: Option<super::ProgramSummary>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) indeterminate_because: Vec<String>,
    /// Resource types each imported interface declares.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) resources: BTreeMap<String, Vec<String>>,
    /// Every component and core module, outermost first.
    pub(crate) tree: Vec<TreeRow>,
    /// Every canonical function: lifts, lowers and built-ins.
    pub(crate) canonical: Vec<CanonRow>,
}

#[derive(Serialize)]
pub(crate) struct TreeRow {
    pub(crate) path: String,
    pub(crate) kind: &'static str,
    pub(crate) index: u32,
    pub(crate) depth: u32,
    pub(crate) offset: usize,
    pub(crate) size: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) producers: Vec<String>,
    /// For core modules: how many imports, exports and functions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) module: Option<ModuleCounts>,
}

#[derive(Serialize)]
pub(crate) struct ModuleCounts {
    pub(crate) imports: usize,
    pub(crate) exports: usize,
    pub(crate) functions: usize,
    pub(crate) call_sites: usize,
}

#[derive(Serialize)]
pub(crate) struct CanonRow {
    /// `lift`, `lower`, or a built-in such as `resource.drop`.
    pub(crate) kind: &'static str,
    /// What is lifted or lowered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) function: Option<String>,
    /// The component (instance) the definition belongs to.
    pub(crate) component: String,
    pub(crate) offset: usize,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) is_async: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) string_encoding: Option<&'static str>,
    /// Index of the core memory in the component's memory index space.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) memory: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) realloc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) post_return: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) callback: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ImportRow {
    pub(crate) interface: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) function: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signature: Option<String>,
    pub(crate) reach: &'static str,
    /// Only an embedded language runtime's modules call it, so `reach` is
    /// `indeterminate`: whether the program uses it is not in the binary.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) runtime_inherited: bool,
    /// Whose code calls it; none when no code does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) origin: Option<crate::facts::origin::Origin>,
    /// Exports that reach it, best first.
    pub(crate) reached_from: Vec<String>,
    /// Modules whose code calls it.
    pub(crate) imported_by: Vec<String>,
    /// Whether the guest program of an interpreter component uses it:
    /// `used`, `unused` (the engine alone may) or `indeterminate`, when a
    /// program was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) program: Option<&'static str>,
    /// Where the program uses it (`app.js:10:17`), or why it cannot be
    /// decided.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) program_evidence: Vec<String>,
}

impl ImportRow {
    /// The reach as every view words it.
    pub(crate) fn reach_word(&self) -> &'static str {
        if self.runtime_inherited {
            crate::facts::capabilities::RUNTIME_REACH
        } else {
            self.reach
        }
    }
}

#[derive(Serialize)]
pub(crate) struct ExportRow {
    pub(crate) name: String,
    pub(crate) kind: &'static str,
    pub(crate) offset: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) function: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signature: Option<String>,
    /// What one call crosses inside the binary, when it calls from one
    /// component into another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) crossings: Option<CrossingsRow>,
}

/// The longest chain of component boundaries one call of an export
/// crosses inside a composition, and what it copies on the way.
#[derive(Serialize, Clone)]
pub(crate) struct CrossingsRow {
    pub(crate) export: String,
    /// Component boundaries on the longest chain.
    pub(crate) depth: u32,
    /// The components on it, the export's first.
    pub(crate) components: Vec<String>,
    /// Strings and lists copied between memories on it (parameters and
    /// results counted apart).
    pub(crate) string_copies: u32,
    pub(crate) list_copies: u32,
    /// The components call each other in a cycle; the chain is one round.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) recursive: bool,
}

impl CrossingsRow {
    /// One row per export that crosses at least one boundary.
    pub(crate) fn rows(
        model: &BinaryModel,
        crossings: &[crate::facts::loops::ExportCrossings],
    ) -> Vec<CrossingsRow> {
        crossings
            .iter()
            .filter(|c| c.depth > 0)
            .map(|c| CrossingsRow {
                export: c.label.clone(),
                depth: c.depth,
                components: c
                    .components
                    .iter()
                    .map(|n| model.tree_path(*n).join(" › "))
                    .collect(),
                string_copies: c.string_copies,
                list_copies: c.list_copies,
                recursive: c.recursive,
            })
            .collect()
    }
}

pub(crate) fn build(model: &BinaryModel, graph: &ImportGraph, facts: &Facts) -> ImportsView {
    let linked = &model.linked;
    let signature = |item: &str, func: &str| {
        model
            .world
            .as_ref()
            .and_then(|w| w.signature(item, func))
            .map(str::to_string)
    };
    let mut imports = Vec::new();
    let functions = &facts.import_functions;
    let engine = facts.origins.engine().is_some();
    for (i, import) in linked.imports.iter().enumerate() {
        if !functions.iter().any(|f| f.import == i) {
            imports.push(ImportRow {
                interface: import.name.clone(),
                function: None,
                signature: None,
                reach: "types-only",
                runtime_inherited: false,
                origin: None,
                reached_from: Vec::new(),
                imported_by: Vec::new(),
                program: None,
                program_evidence: Vec::new(),
            });
        }
    }
    for f in functions.iter().cloned() {
        let import = &linked.imports[f.import];
        let (reached_from, imported_by) = match f.host {
            Some(h) => {
                let reach = graph.host_reach(h);
                (
                    graph.exports_reaching(h).map(str::to_string).collect(),
                    reach
                        .imported_by
                        .iter()
                        .map(|n| model.node_label(*n))
                        .collect::<Vec<_>>(),
                )
            }
            None => (Vec::new(), Vec::new()),
        };
        let func_name = f.name.clone().unwrap_or_else(|| import.name.clone());
        let origin = f.host.and_then(|h| facts.host_origin(h));
        let reachability =
            Reachability::new(f.reach, engine && !origin.is_some_and(|o| o.is_program()));
        let usage = facts.program_usage(&import.name, &func_name);
        imports.push(ImportRow {
            program: usage.map(crate::program::Usage::as_str),
            program_evidence: usage.map(program_evidence).unwrap_or_default(),
            interface: import.name.clone(),
            signature: signature(&import.name, &func_name),
            function: f.name,
            reach: reachability.reach.as_str(),
            runtime_inherited: reachability.runtime,
            origin,
            reached_from,
            imported_by,
        });
    }
    let order: std::collections::HashMap<&str, usize> = linked
        .imports
        .iter()
        .enumerate()
        .map(|(i, imp)| (imp.name.as_str(), i))
        .collect();
    imports.sort_by_key(|row| {
        order
            .get(row.interface.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
    let crossings = CrossingsRow::rows(model, facts.crossings(model, graph));
    let crossing_of = |label: &str| crossings.iter().find(|c| c.export == label).cloned();
    let mut exports = Vec::new();
    for export in &linked.exports {
        if export.funcs.is_empty() {
            exports.push(ExportRow {
                name: export.name.clone(),
                kind: export.kind.as_str(),
                offset: export.offset,
                function: None,
                signature: None,
                crossings: None,
            });
        }
        for (func, _) in &export.funcs {
            let func_name = func.clone().unwrap_or_else(|| export.name.clone());
            let label = match func {
                Some(f) => format!("{}#{f}", export.name),
                None => export.name.clone(),
            };
            exports.push(ExportRow {
                name: export.name.clone(),
                kind: export.kind.as_str(),
                offset: export.offset,
                signature: signature(&export.name, &func_name),
                function: func.clone(),
                crossings: crossing_of(&label),
            });
        }
    }
    ImportsView {
        file: model.file.clone(),
        kind: if model.is_component {
            "component"
        } else {
            "core-module"
        },
        world: model.world.as_ref().map(|w| w.name.clone()),
        capabilities: super::CapabilitySummary::of(facts),
        entry_points: facts.entry_points.clone(),
        imports,
        exports,
        program: super::ProgramSummary::of(facts),
        indeterminate_because: if graph.hosts.iter().any(|h| h.reach == Reach::Indeterminate) {
            graph.indeterminate_reasons.iter().cloned().collect()
        } else {
            Vec::new()
        },
        resources: linked
            .imports
            .iter()
            .filter(|i| !i.resources.is_empty())
            .map(|i| (i.name.clone(), i.resources.clone()))
            .collect(),
        tree: tree_rows(model),
        canonical: canonical_rows(model),
    }
}

/// Each use as `file:line:column` (with the engine API it goes through),
/// or the reason the use cannot be decided and where.
fn program_evidence(usage: &crate::program::Usage) -> Vec<String> {
    match usage {
        crate::program::Usage::Used(list) => list.iter().map(ToString::to_string).collect(),
        crate::program::Usage::Unused => Vec::new(),
        crate::program::Usage::Indeterminate { reason, at } => vec![match at {
            Some(at) => format!("{reason} ({at})"),
            None => reason.clone(),
        }],
    }
}

fn tree_rows(model: &BinaryModel) -> Vec<TreeRow> {
    model
        .tree
        .iter()
        .enumerate()
        .map(|(i, node)| TreeRow {
            path: model.tree_path(i).join(" › "),
            kind: match node.kind {
                NodeKind::Component => "component",
                NodeKind::Module => "module",
            },
            index: node.index,
            depth: node.depth,
            offset: node.offset,
            size: node.size,
            name: node.name.clone(),
            producers: node
                .producers
                .iter()
                .map(|p| {
                    format!("{}: {} {}", p.field, p.name, p.version)
                        .trim_end()
                        .to_string()
                })
                .collect(),
            module: node.module.map(|m| {
                let m = &model.modules[m];
                ModuleCounts {
                    imports: m.imports.len(),
                    exports: m.exports.len(),
                    functions: m.func_types.len(),
                    call_sites: m.bodies.iter().map(|b| b.calls.len()).sum(),
                }
            }),
        })
        .collect()
}

fn canonical_rows(model: &BinaryModel) -> Vec<CanonRow> {
    let linked = &model.linked;
    let component = |ctx: u32| model.tree_path(linked.contexts[ctx as usize]).join(" › ");
    let core_label = |f: CoreFuncRef| match f {
        CoreFuncRef::Defined { instance, func } => {
            let m = linked.instances[instance as usize].module;
            format!(
                "{}: {}",
                model.module_label(m),
                model.modules[m].func_label(func)
            )
        }
        CoreFuncRef::Lowered(_) => "a lowered function".into(),
        CoreFuncRef::Builtin(b) => format!("canon {}", linked.builtins[b as usize].name),
        CoreFuncRef::Host(h) => linked.host_func_name(h),
        CoreFuncRef::Opaque(_) => "code not in the binary".into(),
    };
    let mut rows = Vec::new();
    for lift in &linked.lifts {
        rows.push(CanonRow {
            kind: "lift",
            function: Some(core_label(lift.core)),
            component: component(lift.ctx),
            offset: lift.offset,
            is_async: lift.options.is_async,
            string_encoding: Some(lift.options.string_encoding),
            memory: lift.options.memory,
            realloc: lift.realloc.map(core_label),
            post_return: lift.post_return.map(core_label),
            callback: lift.callback.map(core_label),
        });
    }
    for lowering in &linked.lowerings {
        let function = match lowering.target {
            ComponentFuncRef::Host(h) => linked.host_func_name(h),
            ComponentFuncRef::Lifted(l) => {
                format!(
                    "a function lifted in {}",
                    component(linked.lifts[l as usize].ctx)
                )
            }
            ComponentFuncRef::Opaque(_) => "code not in the binary".into(),
        };
        rows.push(CanonRow {
            kind: "lower",
            function: Some(function),
            component: component(lowering.ctx),
            offset: lowering.offset,
            is_async: lowering.options.is_async,
            string_encoding: Some(lowering.options.string_encoding),
            memory: lowering.options.memory,
            realloc: lowering.realloc.map(core_label),
            post_return: None,
            callback: None,
        });
    }
    for builtin in &linked.builtins {
        rows.push(CanonRow {
            kind: builtin.name,
            function: None,
            component: component(builtin.ctx),
            offset: builtin.offset,
            is_async: false,
            string_encoding: None,
            memory: None,
            realloc: None,
            post_return: None,
            callback: None,
        });
    }
    rows.sort_by_key(|r| r.offset);
    rows
}

/// `wcaudit imports` on WIT: every interface, world and function with its
/// signature and location.
pub(crate) fn render_wit(model: &WitModel) -> String {
    let rows: Vec<[String; 4]> = model
        .items
        .iter()
        .map(|item| {
            [
                item.name.clone(),
                item.kind.as_str().to_string(),
                item.location
                    .as_ref()
                    .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
                    .unwrap_or_default(),
                item.signature.clone().unwrap_or_default(),
            ]
        })
        .collect();
    format!(
        "{} (wit)\n\n{}",
        crate::untrusted::text(&model.file),
        table(["ITEM", "KIND", "LOCATION", "SIGNATURE"], &rows)
    )
}

/// A plain table, one row per imported function.
pub(crate) fn render_text(view: &ImportsView) -> String {
    let mut out = format!("{} ({}", crate::untrusted::text(&view.file), view.kind);
    if let Some(world) = &view.world {
        out.push_str(&format!(", world {}", crate::untrusted::text(world)));
    }
    out.push_str(")\n\n");
    let rows: Vec<[String; 4]> = view
        .capabilities
        .iter()
        .filter(|c| c.class != "support")
        .map(|c| {
            let reach = c.reach_word().to_string();
            [
                c.class.to_string(),
                reach,
                c.imported_by.join(", "),
                c.interfaces.join(", "),
            ]
        })
        .collect();
    out.push_str(&table(
        ["CAPABILITY", "REACH", "CALLED BY", "INTERFACES"],
        &rows,
    ));
    out.push('\n');
    let rows: Vec<[String; 4]> = view
        .imports
        .iter()
        .map(|r| {
            [
                r.interface.clone(),
                r.function.clone().unwrap_or_else(|| "-".into()),
                r.reach_word().to_string(),
                r.reached_from.first().cloned().map_or_else(
                    || r.imported_by.join(", "),
                    |first| {
                        let more = r.reached_from.len() - 1;
                        let via = if r.imported_by.is_empty() {
                            String::new()
                        } else {
                            format!(" (called by {})", r.imported_by.join(", "))
                        };
                        if more > 0 {
                            format!("from {first} +{more}{via}")
                        } else {
                            format!("from {first}{via}")
                        }
                    },
                ),
            ]
        })
        .collect();
    out.push_str(&table(["IMPORT", "FUNCTION", "REACH", "DETAIL"], &rows));
    if !view.indeterminate_because.is_empty() {
        out.push_str("\nindeterminate because:\n");
        for reason in &view.indeterminate_because {
            out.push_str(&format!("  - {}\n", crate::untrusted::text(reason)));
        }
    }
    let rows: Vec<[String; 4]> = view
        .exports
        .iter()
        .map(|e| {
            [
                e.name.clone(),
                e.function.clone().unwrap_or_else(|| "-".into()),
                e.kind.to_string(),
                e.signature.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&table(["EXPORT", "FUNCTION", "KIND", "SIGNATURE"], &rows));
    let rows: Vec<[String; 3]> = view
        .exports
        .iter()
        .filter_map(|e| e.crossings.as_ref())
        .map(|c| {
            [
                c.export.clone(),
                format!("{}{}", c.depth, if c.recursive { " (a cycle)" } else { "" }),
                format!("{} string, {} list", c.string_copies, c.list_copies),
            ]
        })
        .collect();
    if !rows.is_empty() {
        out.push('\n');
        out.push_str(&table(["EXPORT", "BOUNDARIES CROSSED", "COPIES"], &rows));
    }
    out
}

/// Every cell may come from the input: each is escaped, and the first
/// column, which starts each line, cannot start a workflow command.
pub(crate) fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let rows: Vec<[String; N]> = rows
        .iter()
        .map(|row| {
            std::array::from_fn(|i| {
                if i == 0 {
                    crate::untrusted::lead(&row[i]).into_owned()
                } else {
                    crate::untrusted::text(&row[i]).into_owned()
                }
            })
        })
        .collect();
    let rows = rows.as_slice();
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<&str>, out: &mut String| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == N {
                text.push_str(cell);
            } else {
                text.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header.to_vec(), &mut out);
    if rows.is_empty() {
        out.push_str("(none)\n");
    }
    for row in rows {
        line(row.iter().map(String::as_str).collect(), &mut out);
    }
    out
}
