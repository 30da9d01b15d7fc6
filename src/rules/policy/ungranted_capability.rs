use super::needs;
use crate::rules::{Binary, Finding, Location};

crate::rules::declare_rule! {
    pub(crate) struct UngrantedCapability checks binary;
    id: "POL002",
    name: "ungranted-capability",
    category: Policy,
    level: Deny,
    summary: "An export reaches an import that the granted wasmtime permissions do not cover.",
    what: "\
When the permissions a component will run with are known (`check --granted \
'<wasmtime flags>'`, or `[grants] wasmtime = \"...\"` in `wcaudit.toml`), \
reports each reachable (or possibly reachable) capability they do not \
cover: outgoing HTTP without `-S http`, sockets without \
`-S inherit-network`, DNS without `-S allow-ip-name-lookup`, files without \
`--dir`, environment variables without `--env` or `-S inherit-env`.",
    why: "\
The mismatch fails at run time, not at deploy time: without `-S http` the \
component does not even instantiate; without a network or directory grant \
the calls fail with access errors on the first request that needs them.",
    fix: "\
Add the missing permission to the deployment (see `wcaudit grants`), or \
remove the capability from the component.",
    example: "\
```sh
wcaudit check app.wasm --granted '-S http'
```

```text
error[POL002] ungranted-capability: reaches wasi:filesystem/preopens@0.2.12, which needs --dir <HOST>::<GUEST>; the grants are `-S http`
```",
}

impl UngrantedCapability {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, facts, policy) = (binary.model, binary.facts, binary.policy);
        let Some(granted) = &policy.granted else {
            return;
        };
        for need in needs(model, facts) {
            if granted.grants.contains(&need.grant) {
                continue;
            }
            let first = model
                .linked
                .imports
                .iter()
                .find(|i| need.interfaces.contains(&i.name));
            out.push(
                Finding::new(
                    &META,
                    Location::component(model, first.map(|i| i.offset)),
                    need.grant.name().to_string(),
                    format!(
                        "{} {}, which needs {}; {}",
                        match (need.reachability.reach, need.reachability.runtime) {
                            (_, true) => "its embedded runtime may reach",
                            (crate::graph::Reach::Indeterminate, _) => "may reach",
                            _ => "reaches",
                        },
                        need.interfaces.join(", "),
                        need.grant.flag(),
                        if granted.source.is_empty() {
                            "nothing is granted".to_string()
                        } else {
                            format!("the grants are `{}`", granted.source)
                        }
                    ),
                )
                .with_help(format!("add {} to the deployment", need.grant.flag()))
                .with_reach(need.reachability),
            );
        }
    }
}
