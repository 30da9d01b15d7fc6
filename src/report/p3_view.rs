//! `wcaudit p3`: how ready a component or WIT package is for WASI 0.3 —
//! what blocks a port per interface, with the WASI 0.3 WIT to write
//! instead, and the p3-migration findings.

use serde::Serialize;

use super::json::JsonFinding;
use crate::rules::p3::{classify, p2_function, p2_interface, p2_interface_fate};
use crate::rules::{Finding, Level};

#[derive(Serialize)]
pub(crate) struct P3View<'a> {
    pub(crate) file: String,
    /// `p2`, `p3`, `mixed` (interfaces of both), `p2+async` (0.2
    /// interfaces, 0.3 async ABI), `none`, or `wit`.
    pub(crate) targets: &'static str,
    pub(crate) ready: bool,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) interfaces: Vec<InterfaceRow>,
    pub(crate) findings: Vec<JsonFinding<'a>>,
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
}

/// The readiness of one input: `interfaces` lists each WASI 0.2 interface
/// used, with the fate of each function used (or declared, for WIT).
pub(crate) fn build<'a>(
    file: String,
    targets: &'static str,
    used: Vec<(String, Vec<String>)>,
    findings: &'a [Finding],
) -> P3View<'a> {
    let mut interfaces = Vec::new();
    for (name, functions) in used {
        let Some(base) = p2_interface(&name) else {
            continue;
        };
        let becomes = match p2_interface_fate(base) {
            Some(fate) => fate.p3_instance.clone(),
            None => functions
                .iter()
                .find_map(|f| p2_function(base, f))
                .and_then(|i| i.p3_instance.clone()),
        };
        let items = functions
            .iter()
            .map(|f| match p2_function(base, f) {
                Some(item) => ItemRow {
                    item: item.p2_item.clone().unwrap_or_default(),
                    status: item.status.clone(),
                    p2: item.p2_sig.clone(),
                    p3: item.replacement(),
                    note: item.note.clone(),
                },
                // Not in the WASI 0.2.12 table: say so rather than guess.
                None => ItemRow {
                    item: f.clone(),
                    status: "unclassified".into(),
                    p2: None,
                    p3: None,
                    note: "not a WASI 0.2.12 item".into(),
                },
            })
            .collect();
        interfaces.push(InterfaceRow {
            interface: name,
            becomes,
            items,
        });
    }
    let errors = findings.iter().filter(|f| f.level == Level::Deny).count();
    let warnings = findings.iter().filter(|f| f.level == Level::Warn).count();
    P3View {
        file,
        targets,
        ready: findings.is_empty(),
        errors,
        warnings,
        interfaces,
        findings: findings.iter().map(super::json::finding).collect(),
    }
}

/// Used WASI functions of a binary, per imported interface.
pub(crate) fn used_functions(
    model: &crate::model::BinaryModel,
    graph: &crate::graph::ImportGraph,
) -> (&'static str, Vec<(String, Vec<String>)>) {
    let functions = graph.import_functions(model);
    let used = model
        .linked
        .imports
        .iter()
        .enumerate()
        .map(|(i, import)| {
            let names = functions
                .iter()
                .filter(|f| f.import == i && f.host.is_some())
                .filter_map(|f| f.name.clone())
                .collect();
            (import.name.clone(), names)
        })
        .collect();
    (classify(model), used)
}

fn headline(view: &P3View<'_>) -> String {
    let what = match view.targets {
        "p2" => "a WASI 0.2 component",
        "p3" => "a WASI 0.3 component",
        "mixed" => "a component using WASI 0.2 and 0.3 interfaces",
        "p2+async" => "a WASI 0.2 component using the WASI 0.3 async ABI",
        "wit" => "WIT",
        _ => "a component without WASI imports",
    };
    if view.ready {
        format!("{}: {what}; nothing blocks WASI 0.3", view.file)
    } else {
        format!(
            "{}: {what}; not ready for WASI 0.3: {} error{}, {} warning{}",
            view.file,
            view.errors,
            if view.errors == 1 { "" } else { "s" },
            view.warnings,
            if view.warnings == 1 { "" } else { "s" }
        )
    }
}

pub(crate) fn render_text(view: &P3View<'_>) -> String {
    let mut out = headline(view);
    out.push('\n');
    for interface in &view.interfaces {
        let changes: Vec<&ItemRow> = interface
            .items
            .iter()
            .filter(|i| i.status != "same")
            .collect();
        out.push_str(&format!(
            "\n{} → {}\n",
            interface.interface,
            interface.becomes.as_deref().unwrap_or("(removed)")
        ));
        if interface.items.is_empty() {
            out.push_str("  no functions used (types only)\n");
        } else if changes.is_empty() {
            out.push_str("  every function used is unchanged\n");
        }
        let width = changes.iter().map(|i| i.item.len()).max().unwrap_or(0);
        for item in changes {
            out.push_str(&format!(
                "  {:<width$}  {:<15}  {}\n",
                item.item,
                item.status,
                item.p3.as_deref().unwrap_or("-")
            ));
        }
    }
    if !view.findings.is_empty() {
        out.push_str("\nfindings:\n");
        for f in &view.findings {
            out.push_str(&format!("  {}\n", f.one_line()));
        }
    }
    out
}

pub(crate) fn render_markdown(view: &P3View<'_>) -> String {
    let mut out = format!("## WASI 0.3 readiness\n\n{}\n", headline(view));
    for interface in &view.interfaces {
        out.push_str(&format!(
            "\n### `{}` → `{}`\n\n",
            interface.interface,
            interface.becomes.as_deref().unwrap_or("(removed)")
        ));
        out.push_str("| item | fate | WASI 0.3 |\n|---|---|---|\n");
        for item in &interface.items {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                item.item,
                item.status,
                item.p3
                    .as_deref()
                    .map(|p| format!("`{}`", p.replace('|', "\\\\|")))
                    .unwrap_or_else(|| "—".into())
            ));
        }
    }
    if !view.findings.is_empty() {
        out.push_str("\n### Findings\n\n");
        for f in &view.findings {
            out.push_str(&format!("- {}\n", f.one_line()));
        }
    }
    out
}
