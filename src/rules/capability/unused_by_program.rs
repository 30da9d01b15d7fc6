use std::collections::BTreeMap;

use crate::program::Usage;
use crate::rules::{Binary, Finding, Location};
use crate::wasi::classes::{Capability, classify_import};

crate::rules::declare_rule! {
    pub(crate) struct UnusedByProgram checks binary;
    id: "CAP009",
    name: "unused-by-program",
    category: Capability,
    level: Warn,
    summary: "An interpreter component imports a capability its program never uses: only the engine can call it.",
    what: "\
For a component an interpreter runs (componentize-js, componentize-qjs, \
componentize-py) whose program wcaudit could read — the JavaScript the \
component carries, or the source given with `--program` — reports each \
capability class (filesystem, network, environment, and the world's own \
interfaces) that the component imports and no part of the program uses: \
not through its bindings, not through a resource it holds, not through the \
engine's APIs (`fetch`, `open`, `os.environ`). Where the program could \
reach a class in a way the text does not show (`eval`, a computed member \
of a binding module), the class is indeterminate and not reported.",
    why: "\
The program is what the component's author controls. A capability it never \
uses is one the engine drags in (a runtime built for every world) or one \
the world asks for by mistake: it widens what a host must grant, and the \
engine can still call it.",
    fix: "\
Build the component for a narrower world (for jco, `componentize \
--disable http` drops `fetch`'s outgoing HTTP; a custom world need not \
include `wasi:cli/command`), or compose it with a virtualised or denying \
implementation of the class (WASI-Virt). For an interface of the world \
itself, remove it from the WIT.",
    example: "\
```text
warning[CAP009] unused-by-program: the program never uses network (wasi:sockets/tcp, wasi:sockets/udp, …): only SpiderMonkey (StarlingMonkey) can call it
```",
    security_severity: "4.0",
}

/// The classes a program's author can act on; the engine's own plumbing
/// (clocks, stdio, poll) is left out.
const CLASSES: &[Capability] = &[
    Capability::Filesystem,
    Capability::Network,
    Capability::Environment,
    Capability::Custom,
];

/// Interfaces named in one finding; the rest are counted.
const LISTED: usize = 6;

impl UnusedByProgram {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, facts) = (binary.model, binary.facts);
        let (Some(program), Some(engine)) = (&facts.program, facts.origins.engine()) else {
            return;
        };
        // Per class: its interfaces (in import order), and whether any of
        // its functions is used or undecided.
        let mut classes: BTreeMap<Capability, (Vec<&str>, bool, Option<usize>)> = BTreeMap::new();
        for (index, import) in model.linked.imports.iter().enumerate() {
            let class = classify_import(&import.name).0;
            if !CLASSES.contains(&class) {
                continue;
            }
            let entry = classes.entry(class).or_insert((Vec::new(), false, None));
            let mut any = false;
            for f in facts.import_functions.iter().filter(|f| f.import == index) {
                let name = f.name.as_deref().unwrap_or(&import.name);
                any = true;
                match program.usage(&import.name, name) {
                    Some(Usage::Unused) => {}
                    // Used, undecided, or a function the program's view of
                    // the world does not know: not provably unused.
                    _ => entry.1 = true,
                }
            }
            if any && !entry.0.contains(&import.name.as_str()) {
                entry.0.push(&import.name);
                entry.2.get_or_insert(import.offset);
            }
        }
        for (class, (interfaces, touched, offset)) in classes {
            if touched || interfaces.is_empty() {
                continue;
            }
            let shown: Vec<&str> = interfaces.iter().take(LISTED).copied().collect();
            let more = interfaces.len() - shown.len();
            let list = if more > 0 {
                format!("{}, and {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            };
            let what = match class {
                Capability::Custom => "the world's interfaces".to_string(),
                other => other.as_str().to_string(),
            };
            out.push(
                Finding::new(
                    &META,
                    Location::component(model, offset),
                    format!("{} unused by program", class.as_str()),
                    format!(
                        "the program never uses {what} ({list}): only {} can call {}",
                        engine.origin.phrase,
                        if interfaces.len() == 1 { "it" } else { "them" }
                    ),
                )
                .with_capability(class.as_str())
                .with_note(format!("read from {}", program.provenance()))
                .with_help(match class {
                    Capability::Custom => {
                        "remove the interfaces from the world, or use them".to_string()
                    }
                    _ => format!(
                        "build for a narrower world, or compose the component with an implementation of {} that denies it (WASI-Virt)",
                        class.as_str()
                    ),
                }),
            );
        }
    }
}
