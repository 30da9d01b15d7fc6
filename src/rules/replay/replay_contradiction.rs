use crate::rules::{Binary, Finding, Location, Subject};

crate::rules::declare_rule! {
    pub(crate) struct ReplayContradiction checks subject;
    id: "RPL001",
    name: "replay-contradiction",
    category: Replay,
    level: Deny,
    summary: "Replay saw the component call an import that static analysis proved unreachable.",
    what: "\
With `check --replay`, wcaudit runs the component under a counting host and \
compares what it measured with what it proved. This rule fires when an \
imported function that the import graph calls *unreachable* was called \
during the replay, by an invocation or by a start function while \
instantiating. That is a bug in wcaudit's analysis, not in the \
component: a path the graph missed. `unreachable-import` is withheld for \
the function, since its claim is refuted.",
    why: "\
Unreachability is what lets you drop capabilities with confidence. A wrong \
claim could make you deny a capability the component needs, so the \
contradiction is reported as an error rather than silently corrected.",
    fix: "\
Report it to wcaudit with the component (or the smallest one that shows \
it). Until it is fixed, trust the replay: keep the import, and allow this \
rule for the component if it blocks you.",
    example: "\
```text
error[RPL001] replay-contradiction: static analysis says wasi:cli/environment@0.2.12#get-environment is never reached, but replay of wasi:cli/run@0.2.12#run saw 1 call per invocation
```",
}

impl ReplayContradiction {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        let Some(Binary {
            model,
            graph,
            observed: Some(observed),
            ..
        }) = subject.binary()
        else {
            return;
        };
        for refuted in crate::graph::refuted_unreachable(model, graph, observed) {
            let import = &model.linked.imports[refuted.function.import];
            let function = &refuted.function;
            let item = refuted.item;
            let mut saw = Vec::new();
            if let Some(calls) = &refuted.invoked {
                saw.push(format!("{} per invocation", super::calls_text(calls)));
            }
            if refuted.while_instantiating > 0 {
                saw.push(format!(
                    "{} while instantiating",
                    super::count_text(refuted.while_instantiating)
                ));
            }
            out.push(
                Finding::new(
                    &META,
                    Location::component(model, Some(import.offset)),
                    item.clone(),
                    format!(
                        "static analysis says {item} is never reached, but replay of {} saw {}",
                        observed.entry,
                        saw.join(" and ")
                    ),
                )
                .with_help(
                    "this is a wcaudit analysis error: please report it with the component; \
                     until then, trust the replay and keep the import",
                )
                .about_wit(&import.name, function.name.as_deref()),
            );
        }
    }
}
