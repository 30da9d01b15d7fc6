use crate::graph::Reach;
use crate::rules::{Binary, Finding, Location, Subject};

crate::rules::declare_rule! {
    pub(crate) struct WasiIoPoll checks subject;
    id: "P3M001",
    name: "wasi-io-poll",
    category: P3Migration,
    level: Warn,
    summary: "Uses `wasi:io/poll`, which WASI 0.3 removes.",
    what: "\
Reports a component that imports `wasi:io/poll@0.2.x`, and WIT that imports \
it in a world or `use`s its `pollable` type in an interface.",
    why: "\
WASI 0.3 has no `wasi:io` package at all. Readiness polling is replaced by \
the component model's native async: functions that used to return a \
`pollable` become `async func`s or return `future<T>`, and the `poll` loop \
becomes the waitable sets that bindings generators emit. A component built \
on `wasi:io/poll` has to be rebuilt against the 0.3 interfaces, and WIT that \
passes pollables around has to be redesigned.",
    fix: "\
Port to the WASI 0.3 interfaces: for timers, `wasi:clocks/monotonic-clock@0.3.0` \
`wait-for: async func(how-long: duration)`; for streams, `stream<u8>`; for HTTP, \
`wasi:http/handler@0.3.0`. In your own WIT, replace a function returning a \
`pollable` with an `async func`, or return a `future<T>`.",
    example: "\
```wit
interface jobs {
  use wasi:io/poll@0.2.12.{pollable};
  start: func(id: u32) -> pollable;   // p3: start: async func(id: u32)
}
```

```text
warning[P3M001] wasi-io-poll: interface example:app/jobs uses wasi:io/poll@0.2.12, which WASI 0.3 removes
```",
}

const HELP: &str = "WASI 0.3 replaces pollables with `async func` and `future<T>`; rebuild against the 0.3 interfaces";

/// `wasi:io/poll@0.2.x`, the only shape this rule is about.
fn is_p2_poll(name: &str) -> bool {
    name.strip_prefix("wasi:io/poll@")
        .is_some_and(|version| version.starts_with("0.2."))
}

impl WasiIoPoll {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        match subject {
            Subject::Binary(Binary {
                model,
                graph,
                import_functions,
                facts,
                ..
            }) => {
                for (i, import) in model.linked.imports.iter().enumerate() {
                    if !is_p2_poll(&import.name) {
                        continue;
                    }
                    let funcs: Vec<_> = import_functions
                        .iter()
                        .filter(|f| f.import == i && f.reach != Reach::Unreachable)
                        .collect();
                    let mut finding = Finding::new(
                        &META,
                        Location::component(model, Some(import.offset)),
                        import.name.clone(),
                        format!("imports {}, which WASI 0.3 removes", import.name),
                    )
                    .with_help(HELP)
                    .with_origin(facts.import_caller(i));
                    if funcs.is_empty() {
                        finding = finding.with_note(
                            "no export reaches it, so removing the import may be enough",
                        );
                    } else {
                        let names: Vec<String> = funcs
                            .iter()
                            .filter_map(|f| {
                                f.name
                                    .clone()
                                    .map(|n| format!("{n} ({})", f.reach.as_str()))
                            })
                            .collect();
                        finding = finding.with_note(format!("used: {}", names.join(", ")));
                        if let Some(host) = funcs.iter().find_map(|f| f.host) {
                            finding = finding.with_host(model, graph, facts, host);
                        }
                    }
                    out.push(finding);
                }
            }
            Subject::Wit(wit) => {
                let resolve = &wit.resolve;
                let poll_name =
                    |iface: wit_parser::InterfaceId| resolve.id_of(iface).filter(|n| is_p2_poll(n));
                for package in &wit.packages {
                    let pkg = &resolve.packages[*package];
                    for (_, world_id) in &pkg.worlds {
                        let world = &resolve.worlds[*world_id];
                        for (key, item) in &world.imports {
                            let Some((iface, span)) = super::interface_item(key, item) else {
                                continue;
                            };
                            let Some(name) = poll_name(iface) else {
                                continue;
                            };
                            let location = Location::in_wit(
                                &wit.file,
                                wit.locate(span).or_else(|| wit.locate(world.span)),
                            );
                            out.push(
                                Finding::new(
                                    &META,
                                    location,
                                    format!("{}/{}#{name}", pkg.name, world.name),
                                    format!(
                                        "world {}/{} imports {name}, which WASI 0.3 removes",
                                        pkg.name, world.name
                                    ),
                                )
                                .with_help(HELP),
                            );
                        }
                    }
                    for (_, iface_id) in &pkg.interfaces {
                        let iface = &resolve.interfaces[*iface_id];
                        let used = iface.types.values().find_map(|t| {
                            let def = &resolve.types[*t];
                            let wit_parser::TypeDefKind::Type(wit_parser::Type::Id(target)) =
                                def.kind
                            else {
                                return None;
                            };
                            match resolve.types[target].owner {
                                wit_parser::TypeOwner::Interface(owner) => {
                                    poll_name(owner).map(|n| (n, def.span))
                                }
                                _ => None,
                            }
                        });
                        let Some((name, span)) = used else { continue };
                        let location = Location::in_wit(
                            &wit.file,
                            wit.locate(span).or_else(|| wit.locate(iface.span)),
                        );
                        let iface_name = resolve.id_of(*iface_id).unwrap_or_default();
                        out.push(
                            Finding::new(
                                &META,
                                location,
                                format!("{iface_name}#{name}"),
                                format!(
                                    "interface {iface_name} uses {name}, which WASI 0.3 removes"
                                ),
                            )
                            .with_help(HELP),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_only_p2_poll() {
        assert!(super::is_p2_poll("wasi:io/poll@0.2.12"));
        assert!(super::is_p2_poll("wasi:io/poll@0.2.0"));
        assert!(!super::is_p2_poll("wasi:io/streams@0.2.12"));
        assert!(!super::is_p2_poll("wasi:io/poll@0.3.0-rc-2025-08-15"));
    }
}
