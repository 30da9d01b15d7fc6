use crate::rules::{Binary, Category, Finding, Level, Location, Rule, RuleMeta, Subject};
use crate::wasi::p3::{p2_function, p2_interface, p2_interface_fate};

pub(crate) struct P2WasiItems;

static META: RuleMeta = RuleMeta {
    id: "P3M002",
    name: "p2-wasi-items",
    category: Category::P3Migration,
    default_level: Level::Warn,
    summary: "WASI 0.2 functions the component uses that WASI 0.3 removes, renames or changes.",
    what: "\
For each WASI 0.2.x interface a component imports (or a WIT world imports), \
looks up every function it uses in the WASI 0.2.12 → 0.3.0 item table and \
reports the ones whose fate is not \"same\": removed, renamed, changed, moved \
or replaced, each with its WASI 0.3 replacement as WIT \
(`subscribe-duration` → `wait-for: async func(how-long: duration)`, \
`get-stdout` → `write-via-stream`, `wall-clock` → `system-clock`). \
`wasi:io/poll` has its own rule, `wasi-io-poll`.",
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
    security_severity: None,
    thresholds: &[],
};

impl Rule for P2WasiItems {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        match subject {
            Subject::Binary(Binary {
                model,
                import_functions: functions,
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
                    // Functions some export may call.
                    let used: Vec<&str> = of_import
                        .iter()
                        .filter(|f| f.host.is_some() && f.reach != crate::graph::Reach::Unreachable)
                        .filter_map(|f| f.name.as_deref())
                        .collect();
                    let location = Location::component(model, Some(import.offset));
                    if let Some(finding) = report(&import.name, base, &used, location) {
                        out.push(finding);
                    }
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
                    if let Some(finding) = report(&name, base, &declared, location) {
                        out.push(finding);
                    }
                }
            }
        }
    }
}

/// One finding for an interface whose used items change, or `None`.
fn report(name: &str, base: &str, functions: &[&str], location: Location) -> Option<Finding> {
    let interface = p2_interface_fate(base).filter(|i| i.breaks());
    let changed: Vec<String> = functions
        .iter()
        .filter_map(|f| p2_function(base, f))
        .filter(|item| item.breaks())
        .map(|item| item.fate())
        .collect();
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
    Some(finding)
}
