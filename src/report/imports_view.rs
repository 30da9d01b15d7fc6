//! `wcaudit imports`: what a component imports and exports, and whether
//! each imported function is reached from an export.

use serde::Serialize;

use crate::graph::{ImportGraph, Reach};
use crate::model::BinaryModel;

#[derive(Serialize)]
pub(crate) struct ImportsView {
    pub(crate) file: String,
    pub(crate) kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) world: Option<String>,
    pub(crate) imports: Vec<ImportRow>,
    pub(crate) exports: Vec<ExportRow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) indeterminate_because: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct ImportRow {
    pub(crate) interface: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) function: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signature: Option<String>,
    pub(crate) reach: &'static str,
    /// Exports that reach it, best first.
    pub(crate) reached_from: Vec<String>,
    /// Modules whose code calls it.
    pub(crate) imported_by: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct ExportRow {
    pub(crate) name: String,
    pub(crate) kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) function: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signature: Option<String>,
}

pub(crate) fn build(model: &BinaryModel, graph: &ImportGraph) -> ImportsView {
    let linked = &model.linked;
    let signature = |item: &str, func: &str| {
        model
            .world
            .as_ref()
            .and_then(|w| w.signature(item, func))
            .map(str::to_string)
    };
    let mut imports = Vec::new();
    for f in graph.import_functions(model) {
        let import = &linked.imports[f.import];
        let (reached_from, imported_by) = match f.host {
            Some(h) => {
                let reach = graph.host_reach(h);
                (
                    reach
                        .roots
                        .iter()
                        .filter(|(r, _)| graph.roots[*r as usize].is_export)
                        .map(|(r, _)| graph.roots[*r as usize].label.clone())
                        .collect::<Vec<_>>(),
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
        imports.push(ImportRow {
            interface: import.name.clone(),
            signature: signature(&import.name, &func_name),
            function: f.name,
            reach: f.reach.as_str(),
            reached_from,
            imported_by,
        });
    }
    let mut exports = Vec::new();
    for export in &linked.exports {
        if export.funcs.is_empty() {
            exports.push(ExportRow {
                name: export.name.clone(),
                kind: export.kind.as_str(),
                function: None,
                signature: None,
            });
        }
        for (func, _) in &export.funcs {
            let func_name = func.clone().unwrap_or_else(|| export.name.clone());
            exports.push(ExportRow {
                name: export.name.clone(),
                kind: export.kind.as_str(),
                signature: signature(&export.name, &func_name),
                function: func.clone(),
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
        imports,
        exports,
        indeterminate_because: if graph.hosts.iter().any(|h| h.reach == Reach::Indeterminate) {
            graph.indeterminate_reasons.iter().cloned().collect()
        } else {
            Vec::new()
        },
    }
}

/// A plain table, one row per imported function.
pub(crate) fn render_text(view: &ImportsView) -> String {
    let mut out = format!("{} ({}", view.file, view.kind);
    if let Some(world) = &view.world {
        out.push_str(&format!(", world {world}"));
    }
    out.push_str(")\n\n");
    let rows: Vec<[String; 4]> = view
        .imports
        .iter()
        .map(|r| {
            [
                r.interface.clone(),
                r.function.clone().unwrap_or_else(|| "-".into()),
                r.reach.to_string(),
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
            out.push_str(&format!("  - {reason}\n"));
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
    out
}

fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
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
