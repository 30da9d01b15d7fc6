use super::interfaces;
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct StartFinishPair checks subject;
    id: "P3M009",
    name: "start-finish-pair",
    category: P3Migration,
    level: Warn,
    summary: "`start-x`/`finish-x` function pairs: WASI 0.2's two-phase async, which WASI 0.3 collapses.",
    what: "\
Reports pairs of functions (or methods of one resource) named `start-<x>` and \
`finish-<x>` in your own WIT.",
    why: "\
Splitting an operation into start and finish, with a pollable in between, \
is how WASI 0.2 expressed non-blocking calls. WASI 0.3 does the same with \
one `async func` (`start-connect`/`finish-connect` became \
`connect: async func`), one plain `func` when the operation is quick \
(`bind`), or a returned `stream` (`listen`).",
    fix: "Merge each pair into one `async func <x>` (or a plain `func` when it never waits).",
    example: "\
```wit
resource session {
  start-login: func(user: string) -> result<_, error>;
  finish-login: func() -> result<token, error>;   // p3: login: async func(user: string) -> result<token, error>
}
```

```text
warning[P3M009] start-finish-pair: example:auth/sessions has start-login and finish-login; in WASI 0.3 make them one async func login
```",
}

impl StartFinishPair {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        for iface in interfaces(subject) {
            let functions: Vec<_> = iface.functions().collect();
            for start in &functions {
                let Some(rest) = start.name.split_once("start-") else {
                    continue;
                };
                let finish_name = format!("{}finish-{}", rest.0, rest.1);
                if !functions.iter().any(|f| f.name == finish_name) {
                    continue;
                }
                let operation = rest.1;
                out.push(
                    Finding::new(
                        &META,
                        iface.location(start.span),
                        format!("{}#{}", iface.name, start.name),
                        format!(
                            "{} has start-{operation} and finish-{operation}; in WASI 0.3 make them one async func {operation}",
                            iface.name
                        ),
                    )
                    .with_help(format!("`{operation}: async func(...)`, or a plain func when it never waits")),
                );
            }
        }
    }
}
