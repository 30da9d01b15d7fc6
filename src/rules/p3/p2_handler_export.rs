use crate::rules::{Binary, Finding, Location, Subject};
use crate::wasi::p3::{p2_function, p2_interface};

crate::rules::declare_rule! {
    pub(crate) struct P2HandlerExport checks subject;
    id: "P3M003",
    name: "p2-handler-export",
    category: P3Migration,
    level: Allow,
    summary: "Exports a WASI 0.2 entry point (`wasi:http/incoming-handler`, `wasi:cli/run@0.2`).",
    what: "\
Reports exports of the WASI 0.2 entry points: `wasi:http/incoming-handler` \
(becomes `wasi:http/handler@0.3.0`, world `wasi:http/service`) and \
`wasi:cli/run@0.2.x` (becomes the async `run` of `wasi:cli/run@0.3.0`), with \
the WASI 0.3 signature to implement.

Off by default: `p3-migration-summary` lists the exports to move in its one \
finding per component. Turn this rule on for a finding per export.",
    why: "\
The entry point is what a host calls. WASI 0.3 handlers return the response \
instead of writing it to a `response-outparam`, and both entry points become \
`async func`s. wasmtime 48 still runs the 0.2 exports, but a port to 0.3 \
starts here.",
    fix: "\
Implement the WASI 0.3 export shown and target the 0.3 world \
(`wasi:http/service@0.3.0` or `wasi:cli/command@0.3.0`).",
    example: "\
```text
warning[P3M003] p2-handler-export: exports wasi:http/incoming-handler@0.2.12; WASI 0.3 hosts call wasi:http/handler@0.3.0 handle: async func(request: request) -> result<response, error-code>
```",
}

/// Exported p2 interfaces that are entry points, and the function hosts call.
const ENTRY_POINTS: &[(&str, &str)] = &[
    ("wasi:http/incoming-handler", "handle"),
    ("wasi:cli/run", "run"),
];

impl P2HandlerExport {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        out.extend(p2_entry_points(subject));
    }
}

/// A finding per exported WASI 0.2 entry point.
pub(super) fn p2_entry_points(subject: &Subject<'_>) -> Vec<Finding> {
    match subject {
        Subject::Binary(Binary { model, .. }) => model
            .linked
            .exports
            .iter()
            .filter_map(|export| {
                finding(
                    &export.name,
                    Location::component(model, Some(export.offset)),
                )
            })
            .collect(),
        // A world that exports (or includes a world that exports) a
        // WASI 0.2 entry point: the world's own line is where to change it.
        Subject::Wit(wit) => super::world_interfaces(wit, true)
            .into_iter()
            .filter_map(|(_, name, location)| finding(&name, location))
            .collect(),
    }
}

/// The finding for an exported WASI 0.2 entry point `name`, if it is one.
fn finding(name: &str, location: Location) -> Option<Finding> {
    let base = p2_interface(name)?;
    let (_, function) = ENTRY_POINTS.iter().find(|(i, _)| *i == base)?;
    let replacement = p2_function(base, function)
        .and_then(|item| item.replacement())
        .unwrap_or_else(|| "its WASI 0.3 counterpart".into());
    Some(
        Finding::new(
            &META,
            location,
            name.to_string(),
            format!("exports {name}; WASI 0.3 hosts call {replacement}"),
        )
        .with_help("implement the WASI 0.3 export and target the 0.3 world"),
    )
}
