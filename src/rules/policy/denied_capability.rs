use crate::graph::Reach;
use crate::rules::{Binary, Finding, Level, Location};
use crate::wasi::classes::classify_import;

crate::rules::declare_rule! {
    pub(crate) struct DeniedCapability checks binary;
    id: "POL001",
    name: "denied-capability",
    category: Policy,
    level: Deny,
    summary: "The component imports an interface the policy (`wcaudit.toml`) denies.",
    what: "\
Checks every imported interface against `[capabilities]` in `wcaudit.toml`: \
an import matching a `deny` pattern, or missing from a non-empty `allow` \
list, is a violation. Patterns are globs over interface names \
(`wasi:sockets/*`, `wasi:http/outgoing-handler@0.2.*`) or capability classes \
(`network`, `filesystem`). A denied import that an export can reach (or may \
reach: indeterminate) is an error; one that is provably unreachable is a \
warning that says \"imported but unreachable\", since the host must still \
grant it.",
    why: "\
This is the pre-deploy gate: a component that gains network or filesystem \
access it is not supposed to have should fail the pipeline before it ships, \
with the path that reaches the capability in hand.",
    fix: "\
Remove the import from the component's world (or stop the toolchain adding \
it), or, if the capability is intended, allow it in `wcaudit.toml` for that \
component with an `[[overrides]]` entry.",
    example: "\
```toml
# wcaudit.toml
[capabilities]
deny = [\"wasi:sockets/*\"]
```

```text
error[POL001] denied-capability: wasi:sockets/tcp-create-socket@0.2.12 is denied by `wasi:sockets/*` (wcaudit.toml) and reached
```",
    security_severity: "7.0",
}

impl DeniedCapability {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, graph, policy) = (binary.model, binary.graph, binary.policy);
        let (functions, facts) = (binary.import_functions, binary.facts);
        if policy.allow.is_empty() && policy.deny.is_empty() {
            return;
        }
        let source = policy.file.as_deref().unwrap_or("the policy");
        for (i, import) in model.linked.imports.iter().enumerate() {
            let Some(why) = policy.denial(&import.name) else {
                continue;
            };
            // An interface imported only for its types grants nothing itself.
            let Some(best) = functions
                .iter()
                .filter(|f| f.import == i)
                .min_by_key(|f| f.reach)
            else {
                continue;
            };
            // A policy is a gate: what only an embedded runtime may reach
            // still fails it, said as such.
            let reachability = crate::facts::capabilities::import_reachability(facts, i)
                .expect("the import has functions");
            let state = reachability.phrase();
            let cap = (reachability.reach == Reach::Unreachable).then_some(Level::Warn);
            let mut finding = Finding::new(
                &META,
                Location::component(model, Some(import.offset)),
                import.name.clone(),
                format!("{} is {why} ({source}) and {state}", import.name),
            )
            .with_capability(classify_import(&import.name).0.as_str())
            .with_reach(reachability)
            .with_origin(facts.import_origin(i))
            .about_wit(&import.name, None);
            finding.max_level = cap;
            if let Some(host) = best.host {
                finding = finding.with_host(model, graph, facts, host);
            }
            out.push(finding);
        }
    }
}
