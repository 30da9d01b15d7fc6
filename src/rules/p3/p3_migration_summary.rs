use super::p2_handler_export::p2_entry_points;
use super::p2_wasi_items::changed_interfaces;
use crate::facts::origin::Origin;
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct P3MigrationSummary checks subject;
    id: "P3M016",
    name: "p3-migration-summary",
    category: P3Migration,
    level: Warn,
    summary: "How much of a component's WASI 0.2 use changes in WASI 0.3, in one finding per component.",
    what: "\
Counts the WASI 0.2 functions a component (or a WIT world) uses that WASI \
0.3 removes, renames or changes, the interfaces they are in, how many of \
them only the preview1 adapter or a language runtime calls, and the WASI \
0.2 entry points it exports. One finding per component, with a note per \
interface (the program's first, at most eight) and per export; `wcaudit p3` \
prints the full plan with each replacement. `p2-wasi-items` (per \
interface) and `p2-handler-export` (per export) say the same one item at a \
time; they are off by default. \
Imports no export reaches get no migration advice: `unreachable-import` \
says to drop them instead.",
    why: "\
A port to WASI 0.3 is one piece of work per component, and who does it \
matters: what the program calls is the author's to change, what only the \
adapter or a runtime calls changes by upgrading the toolchain. One finding \
that sizes the work and says who owns it is advice a reviewer can act on; \
twenty findings of one kind are not.",
    fix: "\
Run `wcaudit p3 FILE` for the plan. Upgrade the toolchain (adapter, \
runtime) for the items it owns; regenerate bindings against the WASI 0.3.0 \
interfaces and use the replacements for the items the program calls; \
implement the WASI 0.3 export.",
    example: "\
```text
warning[P3M016] p3-migration-summary: 14 WASI 0.2 functions this component uses change in WASI 0.3 (in 6 interfaces; 12 of them called only by the preview1 adapter), and it exports wasi:cli/run@0.2.12
  note: wasi:io/streams@0.2.12: 4 of its 4 used functions change in WASI 0.3
```",
}

impl P3MigrationSummary {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        let interfaces = changed_interfaces(subject);
        let exports = p2_entry_points(subject);
        let Some(first) = interfaces
            .first()
            .map(|c| &c.finding)
            .or_else(|| exports.first())
        else {
            return;
        };
        let changed: usize = interfaces.iter().map(|c| c.changed).sum();
        let not_program: usize = interfaces.iter().map(|c| c.not_program).sum();
        // Whose code the port is about: the program's as soon as it calls
        // one changed item or exports an entry point, except in a component
        // an interpreter runs, where the engine implements the entry point
        // too: when only the engine calls changed items, the port is the
        // toolchain's.
        let engine = subject
            .binary()
            .and_then(|b| b.facts.origins.engine())
            .map(|e| e.origin);
        let origin = match engine {
            Some(engine)
                if !interfaces.is_empty()
                    && interfaces.iter().all(|c| c.finding.origin == engine) =>
            {
                engine
            }
            _ if exports.is_empty() => interfaces
                .iter()
                .map(|c| c.finding.origin)
                .min()
                .unwrap_or(Origin::PROGRAM),
            _ => Origin::PROGRAM,
        };
        let mut others: Vec<&str> = interfaces
            .iter()
            .map(|c| c.finding.origin)
            .filter(|o| !o.is_program())
            .map(|o| o.phrase)
            .collect();
        others.sort_unstable();
        others.dedup();
        let mut message = String::new();
        if !interfaces.is_empty() {
            let user = match subject {
                Subject::Binary(_) => "this component uses",
                Subject::Wit(_) => "the world's imports declare",
            };
            message = format!(
                "{changed} WASI 0.2 function{} {user} change{} in WASI 0.3 (in {} interface{}",
                plural(changed),
                if changed == 1 { "s" } else { "" },
                interfaces.len(),
                plural(interfaces.len()),
            );
            if not_program > 0 {
                message.push_str(&format!(
                    "; {not_program} of them called only by {}",
                    others.join(" and ")
                ));
            }
            message.push(')');
        }
        if !exports.is_empty() {
            let names: Vec<&str> = exports.iter().map(|f| f.subject.as_str()).collect();
            if message.is_empty() {
                message = format!("exports {}, a WASI 0.2 entry point", names.join(", "));
            } else {
                message.push_str(&format!(", and it exports {}", names.join(", ")));
            }
        }
        let mut finding = Finding::new(
            &META,
            first.location.clone(),
            "wasi 0.2 → 0.3".into(),
            message,
        )
        .with_help("`wcaudit p3` prints the plan with every replacement; `-W p2-wasi-items` reports each interface apart")
        .with_origin(origin);
        // When one origin calls them all, the message has said so once.
        let one_caller = interfaces
            .windows(2)
            .all(|w| w[0].finding.origin == w[1].finding.origin);
        // The program's interfaces first: they are the author's to port.
        let mut listed: Vec<_> = interfaces.iter().collect();
        listed.sort_by_key(|c| !c.finding.origin.is_program());
        for changed in listed.iter().take(NOTED_INTERFACES) {
            let by = if changed.finding.origin.is_program() || one_caller {
                String::new()
            } else {
                format!(" (called by {})", changed.finding.origin.phrase)
            };
            finding = finding.with_note(format!("{}{by}", changed.finding.message));
        }
        if listed.len() > NOTED_INTERFACES {
            finding = finding.with_note(format!(
                "and {} more interfaces: `wcaudit p3` lists every one",
                listed.len() - NOTED_INTERFACES
            ));
        }
        for export in &exports {
            finding = finding.with_note(export.message.clone());
        }
        out.push(finding);
    }
}

/// How many interfaces the finding lists in its notes; the plan has all.
const NOTED_INTERFACES: usize = 8;

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
