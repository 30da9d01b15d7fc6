use super::needs;
use crate::rules::{Binary, Finding, Location};

crate::rules::declare_rule! {
    pub(crate) struct UnusedGrant checks binary;
    id: "POL003",
    name: "unused-grant",
    category: Policy,
    level: Warn,
    summary: "A granted wasmtime permission that nothing the component reaches needs.",
    what: "\
When the permissions a component will run with are known (`check --granted` \
or `[grants]` in `wcaudit.toml`), reports each permission no reachable import \
needs: `-S http` for a component that sends no HTTP, `-S inherit-network` \
for one that opens no socket, `--dir` for one that opens no file.",
    why: "\
Least privilege: a permission nothing needs today is one an exploited or \
updated component can use tomorrow without anyone noticing.",
    fix: "\
Remove the permission from the deployment; `wcaudit grants` prints the \
minimal set.",
    example: "\
```sh
wcaudit check app.wasm --granted '-S http -S inherit-network'
```

```text
warning[POL003] unused-grant: -S inherit-network is granted but nothing reachable needs it
```",
    security_severity: "3.0",
}

impl UnusedGrant {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, facts, policy) = (binary.model, binary.facts, binary.policy);
        let Some(granted) = &policy.granted else {
            return;
        };
        let needed: Vec<_> = needs(model, facts).into_iter().map(|n| n.grant).collect();
        for grant in &granted.grants {
            // wasmtime links wasi:cli by default; nobody asked for it.
            if needed.contains(grant) || *grant == crate::wasi::grants::Grant::Cli {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    Location::component(model, Some(0)),
                    grant.name().to_string(),
                    format!(
                        "{} is granted but nothing reachable needs it",
                        grant
                            .flag()
                            .split(' ')
                            .take(2)
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                )
                .with_help("remove it from the deployment (see `wcaudit grants`)"),
            );
        }
    }
}
