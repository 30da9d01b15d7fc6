use crate::facts::origin::Origin;
use crate::graph::Reach;
use crate::rules::{Binary, Finding, Location};
use crate::wasi::classes::{Capability, classify_import};

crate::rules::declare_rule! {
    pub(crate) struct OverbroadWorld checks binary;
    id: "CAP007",
    name: "overbroad-world",
    category: Capability,
    level: Warn,
    summary: "The component imports far more than its exports reach or its kind needs.",
    what: "\
Compares what a component imports with what its exports can reach and what \
a component of its kind needs. It fires for an HTTP handler (it exports \
`wasi:http/incoming-handler` or `wasi:http/handler`) that imports anything \
a strict `wasi:http/proxy` host does not offer (filesystem, sockets, \
environment, exit, terminal), and for any component that imports two or more \
capability classes its exports do not (or cannot be shown to) reach, at \
least one of them indeterminate — the shape of a language runtime's whole \
WASI surface dragged into a narrow world. It says how many classes are \
imported, how many are reached, and which are unreachable, indeterminate, or \
used only by an embedded interpreter (then the finding is the runtime's). \
Classes that are all provably unreachable are left to `unreachable-import`, \
which names what to remove.",
    why: "\
A host must grant every import to instantiate a component, reached or not. \
Strict HTTP hosts refuse components that import outside the proxy world, and \
hosts that accept them hand out filesystem and network access the code never \
uses. Each surplus class is attack surface and review burden.",
    fix: "\
Target the narrowest world that fits (for HTTP, `wasi:http/proxy`), remove \
unneeded interfaces from custom worlds, and build language runtimes with the \
features they need (for componentize-py and jco, stub or exclude WASI \
interfaces the app never uses).",
    example: "\
```text
warning[CAP007] overbroad-world: an HTTP handler that imports filesystem, network (sockets), environment, exit, terminal, which wasi:http/proxy hosts do not provide
```",
    security_severity: "4.0",
}

/// Classes a `wasi:http/proxy` host provides (besides outgoing HTTP).
const PROXY_CLASSES: &[Capability] = &[
    Capability::Clocks,
    Capability::Random,
    Capability::InsecureRandom,
    Capability::Stdio,
    Capability::Support,
    Capability::Custom,
];

impl OverbroadWorld {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, facts) = (binary.model, binary.facts);
        if !model.is_component || model.linked.exports.iter().all(|e| e.funcs.is_empty()) {
            return; // nothing exported: dead-component's finding
        }
        let uses: Vec<_> = facts
            .capabilities
            .iter()
            .filter(|u| !matches!(u.class, Capability::Support | Capability::Custom))
            .collect();
        let location = Location::component(model, Some(0));
        let reached: Vec<&str> = uses
            .iter()
            .filter(|u| matches!(u.reach, Reach::Direct | Reach::Indirect))
            .map(|u| u.class.as_str())
            .collect();
        let notes: Vec<String> = uses
            .iter()
            .map(|u| format!("{}: {}", u.class.as_str(), u.reachability().word()))
            .collect();
        if crate::wasi::classes::serves_http(model.linked.exports.iter().map(|e| e.name.as_str())) {
            let mut outside: Vec<String> = Vec::new();
            for import in &model.linked.imports {
                let (class, _) = classify_import(&import.name);
                let sockets = import.name.starts_with("wasi:sockets/");
                let label = if sockets {
                    "network (sockets)".to_string()
                } else {
                    class.as_str().to_string()
                };
                if (sockets || !PROXY_CLASSES.contains(&class) && class != Capability::Network)
                    && !outside.contains(&label)
                {
                    outside.push(label);
                }
            }
            if !outside.is_empty() {
                let mut finding = Finding::new(
                    &META,
                    location,
                    "http-handler".into(),
                    format!(
                        "an HTTP handler that imports {}, which wasi:http/proxy hosts do not provide",
                        outside.join(", ")
                    ),
                )
                .with_help("target the wasi:http/proxy world");
                if let Some(engine) = facts.origins.engine()
                    && uses.iter().all(|u| !u.reachability().needed_by_program())
                {
                    finding = finding
                        .with_note(format!(
                            "{} imports them, whatever the program uses: hosts that hold to wasi:http/proxy refuse the component until its toolchain can leave them out",
                            engine.origin.phrase
                        ))
                        .with_help(
                            "deploy to a host that provides these imports, or compose the component with one that provides them (e.g. WASI-Virt) so that only wasi:http/proxy imports remain",
                        );
                }
                for note in notes {
                    finding = finding.with_note(note);
                }
                out.push(finding);
                return;
            }
        }
        let unreached: Vec<_> = uses
            .iter()
            .filter(|u| matches!(u.reach, Reach::Unreachable | Reach::Indeterminate))
            .collect();
        // Classes that are only unreachable are unreachable-import's to
        // report, with what to remove; this rule adds the ones no analysis
        // can settle.
        let unsettled = unreached.iter().any(|u| u.reach == Reach::Indeterminate);
        if unreached.len() >= 2 && unsettled {
            let classes = |runtime: bool, reach: Reach| -> Vec<&str> {
                unreached
                    .iter()
                    .filter(|u| u.runtime_inherited == runtime && u.reach == reach)
                    .map(|u| u.class.as_str())
                    .collect()
            };
            let mut parts = vec![if reached.is_empty() {
                "no export provably reaches any".to_string()
            } else {
                format!("exports reach {} ({})", reached.len(), reached.join(", "))
            }];
            let unreachable = classes(false, Reach::Unreachable);
            if !unreachable.is_empty() {
                parts.push(format!("unreachable: {}", unreachable.join(", ")));
            }
            let indeterminate = classes(false, Reach::Indeterminate);
            if !indeterminate.is_empty() {
                parts.push(format!("indeterminate: {}", indeterminate.join(", ")));
            }
            let runtime = classes(true, Reach::Indeterminate);
            let engine = facts.origins.engine().map(|e| e.origin);
            if let Some(engine) = engine.filter(|_| !runtime.is_empty()) {
                parts.push(format!(
                    "only {} may use {}",
                    engine.phrase,
                    runtime.join(", ")
                ));
            }
            // When the program reaches nothing and every class comes with an
            // interpreter's runtime, the world is the toolchain's, not the
            // author's to narrow.
            let origin = match engine {
                Some(engine) if reached.is_empty() && runtime.len() == unreached.len() => engine,
                _ => Origin::PROGRAM,
            };
            let mut finding = Finding::new(
                &META,
                location,
                "unreached-classes".into(),
                format!(
                    "imports {} capability classes; {}",
                    uses.len(),
                    parts.join("; ")
                ),
            )
            .with_help("narrow the world the component (or its runtime) is built for")
            .with_origin(origin);
            for note in notes {
                finding = finding.with_note(note);
            }
            out.push(finding);
        }
    }
}
