use crate::rules::{Binary, Finding, Location, Subject};

crate::rules::declare_rule! {
    pub(crate) struct WasiRcPin checks subject;
    id: "P3M004",
    name: "wasi-rc-pin",
    category: P3Migration,
    level: Deny,
    summary: "Imports or exports a WASI 0.3 release candidate (`@0.3.0-rc-…`).",
    what: "\
Reports every import and export named at a WASI 0.3.0 release-candidate \
version, such as `wasi:http/handler@0.3.0-rc-2026-03-15`.",
    why: "\
Pre-release versions match only exactly, and wasmtime 46 and later provide \
only the final `@0.3.0` interfaces: a component built against a release \
candidate will not link. (Release candidates were supported by wasmtime \
37–40 for rc-2025-09-16, 41–42 for rc-2026-01-06, 43–45 for rc-2026-03-15.)",
    fix: "Rebuild against the final WASI 0.3.0 WIT (`wasi:*@0.3.0`).",
    example: "\
```text
error[P3M004] wasi-rc-pin: imports wasi:clocks/monotonic-clock@0.3.0-rc-2026-03-15, a WASI release candidate that wasmtime 46 and later do not link
```",
}

fn is_rc(name: &str) -> bool {
    name.starts_with("wasi:")
        && name
            .split_once('@')
            .is_some_and(|(_, v)| v.starts_with("0.3.0-rc"))
}

impl WasiRcPin {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        let Some(Binary { model, .. }) = subject.binary() else {
            if let Subject::Wit(wit) = subject {
                check_wit(wit, out);
            }
            return;
        };
        let names = model
            .linked
            .imports
            .iter()
            .map(|i| ("imports", &i.name, i.offset))
            .chain(
                model
                    .linked
                    .exports
                    .iter()
                    .map(|e| ("exports", &e.name, e.offset)),
            );
        for (verb, name, offset) in names {
            if !is_rc(name) {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    Location::component(model, Some(offset)),
                    name.clone(),
                    format!("{verb} {name}, a WASI release candidate that wasmtime 46 and later do not link"),
                )
                .with_help("rebuild against wasi:*@0.3.0")
                .about_wit(name, None),
            );
        }
    }
}

/// WIT worlds that import or export a release candidate.
fn check_wit(wit: &crate::model::WitModel, out: &mut Vec<Finding>) {
    let resolve = &wit.resolve;
    for package in &wit.packages {
        for (_, world) in &resolve.packages[*package].worlds {
            let world = &resolve.worlds[*world];
            let items = world
                .imports
                .iter()
                .map(|i| ("imports", i))
                .chain(world.exports.iter().map(|e| ("exports", e)));
            for (verb, (key, item)) in items {
                let Some((id, span)) = super::interface_item(key, item) else {
                    continue;
                };
                let Some(name) = resolve.id_of(id).filter(|n| is_rc(n)) else {
                    continue;
                };
                let location = Location::in_wit(&wit.file, wit.locate(span));
                out.push(
                    Finding::new(
                        &META,
                        location,
                        format!("{}#{name}", world.name),
                        format!(
                            "world {} {verb} {name}, a WASI release candidate that wasmtime 46 and later do not link",
                            world.name
                        ),
                    )
                    .with_help("pin wasi:*@0.3.0"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn recognises_release_candidates() {
        assert!(super::is_rc("wasi:http/handler@0.3.0-rc-2026-03-15"));
        assert!(!super::is_rc("wasi:http/handler@0.3.0"));
        assert!(!super::is_rc("corp:x/y@0.3.0-rc-1"));
    }
}
