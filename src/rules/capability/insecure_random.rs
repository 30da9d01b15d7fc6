use super::class_finding;
use crate::rules::{Category, Finding, Level, Rule, RuleMeta, Subject};
use crate::wasi::classes::Capability;

pub(crate) struct InsecureRandom;

static META: RuleMeta = RuleMeta {
    id: "CAP005",
    name: "insecure-random",
    category: Category::Capability,
    default_level: Level::Warn,
    summary: "Uses `wasi:random/insecure` or `wasi:random/insecure-seed`.",
    what: "\
Reports a component whose exports can reach `wasi:random/insecure` or \
`wasi:random/insecure-seed` (an import nobody reaches is \
`unreachable-import`'s finding).",
    why: "\
The insecure interfaces make no promise of unpredictability: a host may \
return a fixed sequence. Values from them must never become keys, tokens, \
nonces or session identifiers. Language runtimes use them to seed hash \
tables, which is fine; application code using them for secrets is not.",
    fix: "\
Use `wasi:random/random` (`get-random-bytes`) for anything an attacker must \
not guess. If only the runtime's hash seeding uses the insecure interfaces, \
allow this rule for the component.",
    example: "\
```text
warning[CAP005] insecure-random: insecure random numbers: imports wasi:random/insecure@0.2.12 (reached)
```",
    security_severity: Some("4.0"),
    thresholds: &[],
};

impl Rule for InsecureRandom {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        let Subject::Binary { model, graph, .. } = subject else {
            return;
        };
        out.extend(class_finding(
            &META,
            model,
            graph,
            Capability::InsecureRandom,
            true,
            "insecure random numbers",
        ));
    }
}
