use crate::rules::{Binary, Finding, Location};

crate::rules::declare_rule! {
    pub(crate) struct RuntimeOpaque checks binary;
    id: "HYG003",
    name: "runtime-opaque",
    category: Hygiene,
    level: Warn,
    summary: "The component embeds an interpreter, so its call patterns are not statically visible.",
    what: "\
Reports a component that embeds a language runtime: CPython \
(componentize-py), SpiderMonkey (StarlingMonkey, ComponentizeJS) or QuickJS \
(componentize-qjs), recognised by module names and producers, when its \
program could not be read. wcaudit reads the JavaScript a componentize-js \
or componentize-qjs component carries, and a program given with \
`--program`; CPython's heap holds code objects, not source, so a Python \
component needs `--program`.",
    why: "\
Everything the interpreter can do looks reachable, and nothing the program \
does is visible: which imports the app really uses, how often it calls \
them, and whether an unused import is truly unused cannot be decided \
statically. wcaudit reports such imports as indeterminate (and \
runtime-inherited) rather than guessing; the component's capabilities are \
those of the whole runtime.",
    fix: "\
Pass the program's source with `--program` (a file or a directory), so \
that wcaudit says which imports the program uses; or confirm behaviour by \
running the component (replay) with representative inputs. Allow this rule \
for components where that is accepted.",
    example: "\
```text
warning[HYG003] runtime-opaque: embeds CPython (componentize-py): reachability through the interpreter is not statically determinable
```",
}

impl RuntimeOpaque {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, facts) = (binary.model, binary.facts);
        // A program that was read is analysed, not opaque.
        if facts.program.is_some() {
            return;
        }
        for engine in &facts.origins.engines {
            let mut finding = Finding::new(
                    &META,
                    Location::Binary {
                        file: model.file.clone(),
                        component_path: model.tree_path(engine.node),
                        offset: Some(model.tree[engine.node].offset),
                    },
                    engine.origin.name.to_string(),
                    format!(
                        "embeds {}: reachability through the interpreter is not statically determinable",
                        engine.origin.name
                    ),
                )
                .with_note(format!("recognised by {}", engine.evidence));
            if !facts.recorded_modules.is_empty() {
                finding = finding.with_note(format!(
                    "the heap records the program's modules {}: give their source with --program",
                    facts.recorded_modules.join(", ")
                ));
            }
            out.push(finding.with_help(
                "give wcaudit the program's source with --program, or confirm what the component calls by running it (replay)",
            ));
        }
    }
}
