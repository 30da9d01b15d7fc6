use std::collections::{BTreeMap, BTreeSet};

use crate::rules::{Binary, Finding, Location};

crate::rules::declare_rule! {
    pub(crate) struct MixedWasiVersions checks binary;
    id: "HYG002",
    name: "mixed-wasi-versions",
    category: Hygiene,
    level: Warn,
    summary: "The same WASI package is imported at more than one version.",
    what: "\
Reports each WASI package (`wasi:cli`, `wasi:io`, …) whose interfaces are \
imported at different versions, for example `wasi:cli/environment@0.2.9` \
beside `wasi:cli/stdout@0.2.12`, and lists which interfaces use which.",
    why: "\
Mixed versions mean two toolchains disagreed: typically a language runtime \
built against an older WASI beside bindings generated from newer WIT \
(componentize-py's usual shape). Hosts accept both today, but a host that \
only ships the newer patch release, a policy written for one version, or the \
move to WASI 0.3 will treat them differently, and resources shared between \
the two versions are distinct types.",
    fix: "\
Regenerate bindings and rebuild the runtime against one WASI release, or \
update the toolchain so both halves agree.",
    example: "\
```text
warning[HYG002] mixed-wasi-versions: wasi:cli is imported at 0.2.9 and 0.2.12
```",
}

impl MixedWasiVersions {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let model = binary.model;
        // In an interpreter's component the runtime's WASI release is the
        // toolchain's; the world's is the author's.
        let help = match binary.facts.origins.engine() {
            Some(engine) => format!(
                "a host must provide every version; import the release {} is built against in your world (or wait for a toolchain built against yours) to need one",
                engine.origin.phrase
            ),
            None => "build the runtime and the bindings against one WASI release".to_string(),
        };
        // package → version → interfaces (and the first import's offset)
        let mut packages: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
        let mut offsets: BTreeMap<&str, usize> = BTreeMap::new();
        for import in &model.linked.imports {
            let Some((path, version)) = import.name.split_once('@') else {
                continue;
            };
            let Some((package, interface)) = path.split_once('/') else {
                continue;
            };
            if !package.starts_with("wasi:") {
                continue;
            }
            offsets.entry(package).or_insert(import.offset);
            packages
                .entry(package)
                .or_default()
                .entry(version)
                .or_default()
                .push(interface);
        }
        for (package, versions) in packages {
            if versions.len() < 2 {
                continue;
            }
            let listed: BTreeSet<&str> = versions.keys().copied().collect();
            let listed: Vec<&str> = listed.into_iter().collect();
            let mut finding = Finding::new(
                &META,
                Location::component(model, offsets.get(package).copied()),
                package.to_string(),
                format!("{package} is imported at {}", listed.join(" and ")),
            )
            .with_help(help.clone());
            for (version, interfaces) in &versions {
                finding = finding.with_note(format!("@{version}: {}", interfaces.join(", ")));
            }
            out.push(finding);
        }
    }
}
