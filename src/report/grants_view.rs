//! `wcaudit grants`: the wasmtime permissions a component needs, derived
//! from what its exports reach, as flags and as a list of interfaces.

use serde::Serialize;

use crate::facts::Facts;
use crate::facts::capabilities::{import_reachability, needs};
use crate::graph::Reach;
use crate::model::BinaryModel;
use crate::wasi::classes::serves_http;
use crate::wasi::grants::{Grant, beyond_serve, grant_for};

#[derive(Serialize)]
pub(crate) struct GrantsView {
    pub(crate) file: String,
    /// `wasmtime serve` for HTTP handlers, `wasmtime run` otherwise, with
    /// the grants of `needs` only.
    pub(crate) command: String,
    /// Grants for what the program's own code reaches or may reach.
    pub(crate) needs: Vec<NeedRow>,
    /// Grants only an embedded language runtime may need: whether the
    /// program inside it uses them is for `wcaudit replay` to confirm.
    /// When the guest program was read, those it uses are in `needs`, and
    /// these are the engine's alone.
    pub(crate) runtime_may_need: Vec<NeedRow>,
    /// Whether the guest program was read (`runtime_may_need` is then
    /// what only the engine may call).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) program_read: bool,
    /// Every interface an export reaches (or may reach), granted or not.
    pub(crate) interfaces: Vec<InterfaceRow>,
    /// For `wasmtime serve`: the WASI imports it links only with `-S cli`,
    /// which the command line then includes, since a component with an
    /// unlinked import does not instantiate.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) serve_needs_cli: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct NeedRow {
    pub(crate) flag: &'static str,
    pub(crate) interfaces: Vec<String>,
    pub(crate) reach: &'static str,
}

#[derive(Serialize)]
pub(crate) struct InterfaceRow {
    pub(crate) name: String,
    pub(crate) reach: &'static str,
    /// The flag it needs; `None` when wasmtime always provides it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) flag: Option<&'static str>,
}

pub(crate) fn build(model: &BinaryModel, facts: &Facts) -> GrantsView {
    let mut interfaces = Vec::new();
    for (i, import) in model.linked.imports.iter().enumerate() {
        let Some(reachability) =
            import_reachability(facts, i).filter(|r| r.reach != Reach::Unreachable)
        else {
            continue;
        };
        interfaces.push(InterfaceRow {
            name: import.name.clone(),
            reach: reachability.word(),
            flag: grant_for(&import.name).map(|g| g.flag()),
        });
    }
    // With the guest program read, what it uses is the program's need.
    let (needs, runtime_may_need): (Vec<_>, Vec<_>) =
        needs(model, facts).into_iter().partition(|n| {
            n.reachability.needed_by_program()
                || n.interfaces
                    .iter()
                    .any(|i| facts.program_uses_interface(i) == Some(true))
        });
    let serves = serves_http(model.linked.exports.iter().map(|e| e.name.as_str()));
    let verb = if serves { "serve" } else { "run" };
    let serve_needs_cli = if serves {
        beyond_serve(model.linked.imports.iter().map(|i| i.name.as_str()))
    } else {
        Vec::new()
    };
    let mut command = format!("wasmtime {verb}");
    let mut flags: Vec<&str> = needs.iter().map(|n| n.grant.flag()).collect();
    if !serve_needs_cli.is_empty() && !flags.contains(&Grant::Cli.flag()) {
        flags.insert(0, Grant::Cli.flag());
    }
    for flag in flags {
        command.push(' ');
        command.push_str(flag);
    }
    command.push(' ');
    command.push_str(&model.file);
    let rows = |needs: Vec<crate::facts::capabilities::Need>| -> Vec<NeedRow> {
        needs
            .into_iter()
            .map(|n| NeedRow {
                flag: n.grant.flag(),
                interfaces: n.interfaces,
                reach: n.reachability.word(),
            })
            .collect()
    };
    GrantsView {
        file: model.file.clone(),
        command,
        needs: rows(needs),
        runtime_may_need: rows(runtime_may_need),
        program_read: facts.program.is_some(),
        interfaces,
        serve_needs_cli,
    }
}

fn need_rows(out: &mut String, rows: &[NeedRow]) {
    let width = rows.iter().map(|n| n.flag.len()).max().unwrap_or(0);
    for need in rows {
        out.push_str(&format!(
            "  {:<width$}  {} ({})\n",
            need.flag,
            crate::untrusted::text(&need.interfaces.join(", ")),
            need.reach
        ));
    }
}

pub(crate) fn render_text(view: &GrantsView) -> String {
    let mut out = format!("{}\n\n", crate::untrusted::text(&view.file));
    if view.needs.is_empty() {
        out.push_str("needs no permission beyond what wasmtime always provides\n");
    } else {
        out.push_str("needs:\n");
        need_rows(&mut out, &view.needs);
    }
    if !view.runtime_may_need.is_empty() {
        out.push_str(if view.program_read {
            "\nthe engine alone may call these (the program never does), not granted above:\n"
        } else {
            "\nmay need (only the embedded language runtime reaches these; confirm with `wcaudit replay`):\n"
        });
        need_rows(&mut out, &view.runtime_may_need);
    }
    if !view.serve_needs_cli.is_empty() {
        out.push_str(&format!(
            "\nto instantiate under `wasmtime serve`, which links only the HTTP proxy world's interfaces by itself:\n  -S cli  {}\n",
            view.serve_needs_cli.join(", ")
        ));
    }
    out.push_str("\ninterfaces an export reaches or may reach:\n");
    if view.interfaces.is_empty() {
        out.push_str("  (none)\n");
    }
    for row in &view.interfaces {
        out.push_str(&format!(
            "  {} ({}){}\n",
            crate::untrusted::lead(&row.name),
            row.reach,
            row.flag.map(|f| format!(": {f}")).unwrap_or_default()
        ));
    }
    out.push_str(&format!(
        "\nrun it with:\n  {}\n",
        crate::untrusted::text(&view.command)
    ));
    out
}
