use crate::facts::origin::Origin;
use crate::rules::{Binary, Finding, Location, Subject};
use crate::wasi::p3::{p2_function, p2_interface, p2_interface_fate};

crate::rules::declare_rule! {
    pub(crate) struct P2WasiItems checks subject;
    id: "P3M002",
    name: "p2-wasi-items",
    category: P3Migration,
    level: Allow,
    summary: "WASI 0.2 functions the component uses that WASI 0.3 removes, renames or changes.",
    what: "\
For each WASI 0.2.x interface a component imports (or a WIT world imports), \
looks up every function it uses in the WASI 0.2.12 → 0.3.0 item table and \
reports the ones whose fate is not \"same\": removed, renamed, changed, moved \
or replaced, each with its WASI 0.3 replacement as WIT \
(`subscribe-duration` → `wait-for: async func(how-long: duration)`, \
`get-stdout` → `write-via-stream`, `wall-clock` → `system-clock`). \
`wasi:io/poll` has its own rule, `wasi-io-poll`.

Off by default: `p3-migration-summary` says the same in one finding per \
component. Turn this rule on (`-W p2-wasi-items`, or `[rules]`) for one \
finding per interface, e.g. to suppress or baseline interfaces one by one.",
    why: "\
WASI 0.3 replaces the 0.2 I/O model (pollables and resource streams) with \
native `stream<T>`, `future<T>` and `async func`. Code calling the 0.2 \
functions has to change when the component moves to 0.3 hosts and \
toolchains; knowing which calls change, and into what, sizes the port.",
    fix: "\
Regenerate bindings against the WASI 0.3.0 interfaces and replace each call \
with the listed replacement. For languages with async support, the \
replacements are `async` functions and streams.",
    example: "\
```text
warning[P3M002] p2-wasi-items: imports wasi:clocks/monotonic-clock@0.2.12: 2 of its 3 used functions change in WASI 0.3
  note: subscribe-duration: renamed+changed → wasi:clocks/monotonic-clock@0.3.0 wait-for: async func(how-long: duration)
```",
}

impl P2WasiItems {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        out.extend(changed_interfaces(subject).into_iter().map(|c| c.finding));
    }
}

/// One WASI 0.2 interface a component uses whose used items change in
/// WASI 0.3: its per-interface finding, and whose code calls them.
pub(super) struct ChangedInterface {
    pub(super) finding: Finding,
    /// How many of its used functions change (1 for an interface that
    /// changes as a whole).
    pub(super) changed: usize,
    /// How many of those only code other than the program calls.
    pub(super) not_program: usize,
}

/// Every WASI 0.2 interface (but `wasi:io/poll`, which has its own rule)
/// whose used items change in WASI 0.3, with its finding.
pub(super) fn changed_interfaces(subject: &Subject<'_>) -> Vec<ChangedInterface> {
    let mut out = Vec::new();
    match subject {
        Subject::Binary(Binary {
            model,
            import_functions: functions,
            facts,
            ..
        }) => {
            for (i, import) in model.linked.imports.iter().enumerate() {
                let Some(base) = p2_interface(&import.name) else {
                    continue;
                };
                if base == "wasi:io/poll" {
                    continue;
                }
                let of_import: Vec<_> = functions.iter().filter(|f| f.import == i).collect();
                // An import no export reaches has nothing to port:
                // `unreachable-import` says to drop it instead.
                if !of_import.is_empty()
                    && of_import
                        .iter()
                        .all(|f| f.reach == crate::graph::Reach::Unreachable)
                {
                    continue;
                }
                // Functions some export may call, with whose code calls them.
                let used: Vec<(&str, Option<Origin>)> = of_import
                    .iter()
                    .filter(|f| f.reach != crate::graph::Reach::Unreachable)
                    .filter_map(|f| {
                        let host = f.host?;
                        Some((f.name.as_deref()?, facts.host_caller(host)))
                    })
                    .collect();
                let names: Vec<&str> = used.iter().map(|(n, _)| *n).collect();
                let location = Location::component(model, Some(import.offset));
                let Some((finding, changed)) = report(&import.name, base, &names, location) else {
                    continue;
                };
                let not_program = used
                    .iter()
                    .filter(|(n, origin)| {
                        changed.contains(n) && origin.is_some_and(|o| !o.is_program())
                    })
                    .count();
                let origin = facts.import_caller(i);
                out.push(ChangedInterface {
                    finding: finding.with_origin(origin),
                    changed: changed.len().max(1),
                    not_program,
                });
            }
        }
        Subject::Wit(wit) => {
            for (id, name, location) in super::world_interfaces(wit, false) {
                let Some(base) = p2_interface(&name) else {
                    continue;
                };
                if base == "wasi:io/poll" {
                    continue;
                }
                let declared: Vec<&str> = wit.resolve.interfaces[id]
                    .functions
                    .keys()
                    .map(String::as_str)
                    .collect();
                if let Some((finding, changed)) = report(&name, base, &declared, location) {
                    out.push(ChangedInterface {
                        finding,
                        changed: changed.len().max(1),
                        not_program: 0,
                    });
                }
            }
        }
    }
    out
}

/// One finding for an interface whose used items change, or `None`.
/// The functions that change come with it.
fn report<'f>(
    name: &str,
    base: &str,
    functions: &[&'f str],
    location: Location,
) -> Option<(Finding, Vec<&'f str>)> {
    let interface = p2_interface_fate(base).filter(|i| i.breaks());
    let (changed_names, changed): (Vec<&str>, Vec<String>) = functions
        .iter()
        .filter_map(|f| Some((*f, p2_function(base, f)?)))
        .filter(|(_, item)| item.breaks())
        .map(|(f, item)| (f, item.fate()))
        .unzip();
    if changed.is_empty() && interface.is_none() {
        return None;
    }
    let becomes = interface
        .and_then(|i| i.p3_instance.as_deref())
        .map(|p3| format!(" (it becomes {p3})"))
        .unwrap_or_default();
    let message = if functions.is_empty() {
        format!("imports {name}, which WASI 0.3 changes{becomes}")
    } else {
        format!(
            "imports {name}{becomes}: {} of its {} used functions change in WASI 0.3",
            changed.len(),
            functions.len()
        )
    };
    let mut finding = Finding::new(&META, location, name.to_string(), message)
        .with_help(
            "regenerate bindings against the WASI 0.3.0 interfaces and use the replacements listed",
        )
        .about_wit(name, None);
    if let Some(interface) = interface {
        finding = finding.with_note(interface.fate());
    }
    for fate in changed {
        finding = finding.with_note(fate);
    }
    Some((finding, changed_names))
}
