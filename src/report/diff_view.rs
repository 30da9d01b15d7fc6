//! `wcaudit diff`: what changed between two builds of a component, in
//! capability terms.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::config::DiffChange;

use super::imports_view::ImportsView;

/// One side of a comparison, reduced to what a reviewer cares about.
pub(crate) struct Side {
    pub(crate) file: String,
    pub(crate) size: usize,
    pub(crate) modules: usize,
    /// What the component targets: `p2`, `p3`, `mixed`, `p2+async`.
    pub(crate) targets: &'static str,
    pub(crate) view: ImportsView,
}

#[derive(Serialize, Default)]
pub(crate) struct Diff {
    pub(crate) base: String,
    pub(crate) head: String,
    pub(crate) capabilities_gained: Vec<String>,
    pub(crate) capabilities_lost: Vec<String>,
    pub(crate) imports_added: Vec<String>,
    pub(crate) imports_removed: Vec<String>,
    /// `interface#function: unreachable → reached`
    pub(crate) reach_changed: Vec<String>,
    pub(crate) exports_added: Vec<String>,
    pub(crate) exports_removed: Vec<String>,
    pub(crate) size: (usize, usize),
    pub(crate) modules: (usize, usize),
    /// WASI targets before and after (see `wcaudit p3`).
    pub(crate) targets: (&'static str, &'static str),
    /// The head's capability classes, for the Markdown graph.
    #[serde(skip)]
    pub(crate) head_capabilities: Vec<super::CapabilitySummary>,
    #[serde(skip)]
    pub(crate) head_entry_points: Vec<String>,
}

impl Diff {
    /// The kinds of change this diff has, named as `[diff] fail-on` names
    /// them.
    pub(crate) fn changes(&self) -> Vec<DiffChange> {
        let mut out = Vec::new();
        for (name, present) in [
            (
                DiffChange::CapabilityGained,
                !self.capabilities_gained.is_empty(),
            ),
            (DiffChange::ImportAdded, !self.imports_added.is_empty()),
            (DiffChange::ReachChanged, !self.reach_changed.is_empty()),
            (DiffChange::ExportAdded, !self.exports_added.is_empty()),
            (DiffChange::ExportRemoved, !self.exports_removed.is_empty()),
            (DiffChange::TargetChanged, self.targets.0 != self.targets.1),
        ] {
            if present {
                out.push(name);
            }
        }
        out
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.capabilities_gained.is_empty()
            && self.capabilities_lost.is_empty()
            && self.imports_added.is_empty()
            && self.imports_removed.is_empty()
            && self.reach_changed.is_empty()
            && self.exports_added.is_empty()
            && self.exports_removed.is_empty()
            && self.targets.0 == self.targets.1
    }
}

fn imports(view: &ImportsView) -> BTreeMap<String, &'static str> {
    view.imports
        .iter()
        .map(|row| {
            let name = match &row.function {
                Some(function) => format!("{}#{function}", row.interface),
                None => row.interface.clone(),
            };
            (name, row.reach_word())
        })
        .collect()
}

/// Capability classes a side grants, at the finest level
/// (`network.sockets`, not `network`: an HTTP client that gains raw
/// sockets gains a power of its own), `support` aside.
fn classes(view: &ImportsView) -> BTreeSet<String> {
    view.capabilities
        .iter()
        .filter(|c| c.class != "support")
        .flat_map(|c| c.interfaces.iter())
        .map(|interface| crate::wasi::classes::finest_class(interface).to_string())
        .collect()
}

fn exports(view: &ImportsView) -> BTreeSet<String> {
    view.exports
        .iter()
        .map(|row| match &row.function {
            Some(function) => format!("{}#{function}", row.name),
            None => row.name.clone(),
        })
        .collect()
}

pub(crate) fn compare(base: &Side, head: &Side) -> Diff {
    let (base_imports, head_imports) = (imports(&base.view), imports(&head.view));
    let (base_classes, head_classes) = (classes(&base.view), classes(&head.view));
    let (base_exports, head_exports) = (exports(&base.view), exports(&head.view));
    Diff {
        base: base.file.clone(),
        head: head.file.clone(),
        capabilities_gained: head_classes.difference(&base_classes).cloned().collect(),
        capabilities_lost: base_classes.difference(&head_classes).cloned().collect(),
        imports_added: head_imports
            .keys()
            .filter(|k| !base_imports.contains_key(*k))
            .cloned()
            .collect(),
        imports_removed: base_imports
            .keys()
            .filter(|k| !head_imports.contains_key(*k))
            .cloned()
            .collect(),
        reach_changed: head_imports
            .iter()
            .filter_map(|(name, reach)| {
                let before = base_imports.get(name)?;
                (before != reach).then(|| format!("{name}: {before} → {reach}"))
            })
            .collect(),
        exports_added: head_exports.difference(&base_exports).cloned().collect(),
        exports_removed: base_exports.difference(&head_exports).cloned().collect(),
        size: (base.size, head.size),
        modules: (base.modules, head.modules),
        targets: (base.targets, head.targets),
        head_capabilities: head.view.capabilities.clone(),
        head_entry_points: head.view.entry_points.clone(),
    }
}

fn section(out: &mut String, title: &str, items: &[String], bullet: &str) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("{title}:\n"));
    for item in items {
        out.push_str(&format!("  {bullet} {}\n", crate::untrusted::text(item)));
    }
}

pub(crate) fn render_text(diffs: &[Diff]) -> String {
    let mut out = String::new();
    for diff in diffs {
        out.push_str(&format!(
            "{} → {}\n",
            crate::untrusted::text(&diff.base),
            crate::untrusted::text(&diff.head)
        ));
        if diff.is_empty() {
            out.push_str("  no capability, import or export changes\n");
        }
        section(
            &mut out,
            "capabilities gained",
            &diff.capabilities_gained,
            "+",
        );
        section(&mut out, "capabilities lost", &diff.capabilities_lost, "-");
        section(&mut out, "imports added", &diff.imports_added, "+");
        section(&mut out, "imports removed", &diff.imports_removed, "-");
        section(&mut out, "reachability changed", &diff.reach_changed, "~");
        section(&mut out, "exports added", &diff.exports_added, "+");
        section(&mut out, "exports removed", &diff.exports_removed, "-");
        if diff.targets.0 != diff.targets.1 {
            out.push_str(&format!(
                "WASI target: {} → {} (see `wcaudit p3`)\n",
                diff.targets.0, diff.targets.1
            ));
        }
        out.push_str(&format!(
            "size: {} → {} bytes; core modules: {} → {}\n\n",
            diff.size.0, diff.size.1, diff.modules.0, diff.modules.1
        ));
    }
    out
}

pub(crate) fn render_json(diffs: &[Diff]) -> String {
    let mut text = crate::untrusted::json(
        serde_json::to_string_pretty(&serde_json::json!({
            "version": 1,
            "diffs": diffs,
        }))
        .expect("diff JSON serializes"),
    );
    text.push('\n');
    text
}

pub(crate) fn render_markdown(diffs: &[Diff]) -> String {
    use crate::untrusted::code;
    let mut out = String::from("## wcaudit diff\n\n");
    out.push_str(
        "| component | capabilities gained | capabilities lost | imports +/- | exports +/- | WASI target |\n",
    );
    out.push_str("|---|---|---|---|---|---|\n");
    for diff in diffs {
        let list = |items: &[String]| {
            if items.is_empty() {
                "—".to_string()
            } else {
                items.iter().map(|i| code(i)).collect::<Vec<_>>().join(", ")
            }
        };
        out.push_str(&format!(
            "| {} | {} | {} | +{} / -{} | +{} / -{} | {} |\n",
            code(&diff.head),
            list(&diff.capabilities_gained),
            list(&diff.capabilities_lost),
            diff.imports_added.len(),
            diff.imports_removed.len(),
            diff.exports_added.len(),
            diff.exports_removed.len(),
            if diff.targets.0 == diff.targets.1 {
                diff.targets.1.to_string()
            } else {
                format!("{} → {}", diff.targets.0, diff.targets.1)
            },
        ));
    }
    for diff in diffs.iter().filter(|d| !d.is_empty()) {
        out.push_str(&format!("\n### {}\n\n", code(&diff.head)));
        for (title, items) in [
            ("Imports added", &diff.imports_added),
            ("Imports removed", &diff.imports_removed),
            ("Reachability changed", &diff.reach_changed),
            ("Exports added", &diff.exports_added),
            ("Exports removed", &diff.exports_removed),
        ] {
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("**{title}**\n\n"));
            for item in items {
                out.push_str(&format!("- {}\n", code(item)));
            }
            out.push('\n');
        }
        if diff.head_capabilities.iter().any(|c| c.class != "support") {
            out.push_str("**Exports → capabilities** (classes gained are outlined)\n\n");
            out.push_str(&super::markdown::mermaid(
                &diff.head_capabilities,
                &diff.head_entry_points,
                &diff.capabilities_gained,
            ));
        }
    }
    out
}
