//! The plan as text and as Markdown.

use super::*;

/// An input's text, with control characters escaped so that it cannot
/// break or forge output lines.
pub(super) fn safe(text: &str) -> String {
    crate::untrusted::text(text).into_owned()
}

fn headline(view: &P3View<'_>) -> String {
    let what = match (view.kind, view.targets) {
        ("core-module", _) => "a core module, not a component",
        (_, "p2") => "a WASI 0.2 component",
        (_, "p3") => "a WASI 0.3 component",
        (_, "mixed") => "a component using WASI 0.2 and 0.3 interfaces",
        (_, "p2+async") => "a WASI 0.2 component using the WASI 0.3 async ABI",
        (_, "wit") => "WIT",
        _ => "a component without WASI imports",
    };
    let file = safe(&view.file);
    if view.ready {
        format!("{file}: {what}; nothing blocks WASI 0.3")
    } else if view.kind == "core-module" {
        format!("{file}: {what}; not ready for WASI 0.3: make it a component first")
    } else {
        format!(
            "{file}: {what}; not ready for WASI 0.3: {}, {}",
            plural(view.errors, "error"),
            plural(view.warnings, "warning"),
        )
    }
}

fn group_title(view: &P3View<'_>, group: &PlanGroup) -> String {
    match group.who {
        Who::Toolchain => {
            "The preview1 adapter or language toolchain: upgrade it (it makes these calls, not your code)"
                .into()
        }
        Who::Runtime => format!(
            "The embedded language runtime{}: upgrade it (it makes these calls)",
            group.runtime.map(|r| format!(" ({r})")).unwrap_or_default()
        ),
        Who::YourCode if view.kind == "wit" => "Your WIT: port the imports of its worlds".into(),
        Who::YourCode | Who::Nobody => "Your code: port these calls".into(),
    }
}

/// The WASI 0.3 side of an item row: its replacement, or what to do
/// instead.
fn replacement(item: &ItemRow) -> String {
    match (&item.p3, &item.instead) {
        (Some(p3), _) => p3.clone(),
        (None, Some(instead)) => instead.clone(),
        (None, None) => "none: no WASI 0.3 counterpart".into(),
    }
}

/// The items of `interface` that `who` calls and that change, most
/// blocking first.
fn changed_items(interface: &InterfaceRow, who: Who) -> Vec<&ItemRow> {
    let mut items: Vec<&ItemRow> = interface
        .items
        .iter()
        .filter(|i| i.who == who && i.status != "same")
        .collect();
    items.sort_by_key(|i| rank(&i.status));
    items
}

fn interface<'v>(view: &'v P3View<'_>, name: &str) -> Option<&'v InterfaceRow> {
    view.interfaces.iter().find(|i| i.interface == name)
}

fn becomes(interface: &InterfaceRow) -> String {
    match &interface.becomes {
        Some(p3) => safe(p3),
        None => "(removed in WASI 0.3)".into(),
    }
}

pub(crate) fn render_text(view: &P3View<'_>) -> String {
    let mut out = headline(view);
    out.push('\n');
    for group in &view.plan {
        out.push_str(&format!("\n{}\n", group_title(view, group)));
        if !group.modules.is_empty() {
            let modules: Vec<String> = group.modules.iter().map(|m| safe(m)).collect();
            out.push_str(&format!("  called by: {}\n", modules.join(", ")));
        }
        for name in &group.interfaces {
            let Some(row) = interface(view, name) else {
                continue;
            };
            out.push_str(&format!(
                "\n  {} → {}\n",
                crate::untrusted::lead(name),
                becomes(row)
            ));
            let items = changed_items(row, group.who);
            let width = items
                .iter()
                .map(|i| crate::untrusted::lead(&i.item).chars().count())
                .max()
                .unwrap_or(0);
            for item in items {
                out.push_str(&format!(
                    "    {:<width$}  {:<15}  {}\n",
                    crate::untrusted::lead(&item.item),
                    item.status,
                    safe(&replacement(item))
                ));
            }
        }
        if !group.unchanged.is_empty() {
            let names: Vec<String> = group.unchanged.iter().map(|n| safe(n)).collect();
            out.push_str(&format!(
                "\n  unchanged in WASI 0.3: {}\n",
                names.join(", ")
            ));
        }
    }
    if let Some(u) = &view.unreached {
        out.push_str("\nNot reached from any export (nothing to port):\n");
        if u.functions > 0 {
            let names: Vec<String> = u.interfaces.iter().map(|n| safe(n)).collect();
            out.push_str(&format!(
                "  {} of {}: {}\n",
                plural(u.functions, "function"),
                plural(u.interfaces.len(), "interface"),
                names.join(", ")
            ));
        }
        if !u.types_only.is_empty() {
            let names: Vec<String> = u.types_only.iter().map(|n| safe(n)).collect();
            out.push_str(&format!("  types only: {}\n", names.join(", ")));
        }
    }
    if !view.findings.is_empty() {
        out.push_str("\nfindings:\n");
        let mut helps = BTreeSet::new();
        for (f, at) in view.findings.iter().zip(&view.located) {
            out.push_str(&format!("  {}\n", safe(&f.one_line())));
            if let Some(at) = &at.at {
                out.push_str(&format!("    at {}\n", safe(at)));
            }
            // The same advice once for a binary (P3M002 gives it per
            // interface); WIT findings keep theirs beside each location.
            if let Some(help) = at
                .help
                .as_ref()
                .filter(|h| at.at.is_some() || helps.insert(h.as_str()))
            {
                out.push_str(&format!("    help: {}\n", safe(help)));
            }
        }
    }
    if !view.steps.is_empty() {
        out.push_str("\nsteps:\n");
        for (n, step) in view.steps.iter().enumerate() {
            out.push_str(&format!("  {}. {}\n", n + 1, safe(step)));
        }
    }
    out
}

/// Composed text (a headline, a finding) for a Markdown line or cell.
fn cell(text: &str) -> String {
    crate::untrusted::markdown(text)
}

use crate::untrusted::code;

pub(crate) fn render_markdown(view: &P3View<'_>) -> String {
    let mut out = format!("## WASI 0.3 readiness\n\n{}\n", cell(&headline(view)));
    for group in &view.plan {
        out.push_str(&format!("\n### {}\n", group_title(view, group)));
        if !group.modules.is_empty() {
            let modules: Vec<String> = group.modules.iter().map(|m| code(m)).collect();
            out.push_str(&format!("\nCalled by {}.\n", modules.join(", ")));
        }
        for name in &group.interfaces {
            let Some(row) = interface(view, name) else {
                continue;
            };
            out.push_str(&format!(
                "\n#### {} → {}\n\n",
                code(name),
                code(&becomes(row))
            ));
            out.push_str("| item | fate | WASI 0.3 |\n|---|---|---|\n");
            for item in changed_items(row, group.who) {
                let replacement = match &item.p3 {
                    Some(p3) => code(p3),
                    None => cell(&replacement(item)),
                };
                out.push_str(&format!(
                    "| {} | {} | {replacement} |\n",
                    code(&item.item),
                    item.status,
                ));
            }
        }
        if !group.unchanged.is_empty() {
            let names: Vec<String> = group.unchanged.iter().map(|n| code(n)).collect();
            out.push_str(&format!("\nUnchanged in WASI 0.3: {}.\n", names.join(", ")));
        }
    }
    if let Some(u) = &view.unreached {
        out.push_str("\n### Not reached from any export (nothing to port)\n\n");
        if u.functions > 0 {
            let names: Vec<String> = u.interfaces.iter().map(|n| code(n)).collect();
            out.push_str(&format!(
                "- {} of {}: {}\n",
                plural(u.functions, "function"),
                plural(u.interfaces.len(), "interface"),
                names.join(", ")
            ));
        }
        if !u.types_only.is_empty() {
            let names: Vec<String> = u.types_only.iter().map(|n| code(n)).collect();
            out.push_str(&format!("- types only: {}\n", names.join(", ")));
        }
    }
    if !view.findings.is_empty() {
        out.push_str("\n### Findings\n\n");
        let mut helps = BTreeSet::new();
        for (f, at) in view.findings.iter().zip(&view.located) {
            out.push_str(&format!("- {}", cell(&f.one_line())));
            if let Some(at) = &at.at {
                out.push_str(&format!(" ({})", code(at)));
            }
            out.push('\n');
            if let Some(help) = at
                .help
                .as_ref()
                .filter(|h| at.at.is_some() || helps.insert(h.as_str()))
            {
                out.push_str(&format!("  - help: {}\n", cell(help)));
            }
        }
    }
    if !view.steps.is_empty() {
        out.push_str("\n### Steps\n\n");
        for (n, step) in view.steps.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", n + 1, cell(step)));
        }
    }
    out
}
