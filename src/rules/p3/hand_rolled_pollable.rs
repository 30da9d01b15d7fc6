use super::{has_stream_or_future, interfaces, type_name};
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct HandRolledPollable checks subject;
    id: "P3M007",
    name: "hand-rolled-pollable",
    category: P3Migration,
    level: Warn,
    summary: "A WIT interface that hands out `pollable`s or defines its own readiness polling.",
    what: "\
Reports, in your own WIT, functions that return a `pollable`, methods named \
`subscribe`, and resources with `ready`/`block` methods: the WASI 0.2 \
readiness-polling pattern.",
    why: "\
WASI 0.3 has no pollables: waiting is expressed with `async func` or by \
returning a `future<T>`, and the async ABI does the polling. An interface \
built on pollables has to be redesigned to be usable from WASI 0.3 code.",
    fix: "\
Make the waiting operation an `async func` (as `monotonic-clock.subscribe-duration` \
became `wait-for: async func(how-long: duration)`), or return \
`future<result<T, E>>` for a value that arrives later.",
    example: "\
```wit
interface jobs {
  use wasi:io/poll@0.2.12.{pollable};
  subscribe: func(id: u32) -> pollable;   // p3: wait: async func(id: u32)
}
```

```text
warning[P3M007] hand-rolled-pollable: example:app/jobs#subscribe returns a pollable; in WASI 0.3 make it an async func or return a future
```",
}

impl HandRolledPollable {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        for iface in interfaces(subject) {
            for func in iface.functions() {
                let returns_pollable = func
                    .result
                    .as_ref()
                    .and_then(|t| type_name(iface.resolve, t))
                    .is_some_and(|n| n == "pollable");
                // `subscribe` returning a stream or future is already WASI 0.3 style.
                let streams = func
                    .result
                    .as_ref()
                    .is_some_and(|t| has_stream_or_future(iface.resolve, t));
                if !returns_pollable && (func.item_name() != "subscribe" || streams) {
                    continue;
                }
                let what =
                    "returns a pollable; in WASI 0.3 make it an async func or return a future";
                out.push(
                    iface.function_finding(&META, func, what)
                    .with_help("`async func` for an operation that waits, `future<result<T, E>>` for a value that arrives later"),
                );
            }
            for (resource, span, methods) in iface.resources() {
                let polls = methods
                    .iter()
                    .any(|m| matches!(m.item_name(), "ready" | "block"));
                if polls {
                    let what = "polls for readiness (ready/block); WASI 0.3 uses futures instead";
                    out.push(
                        iface
                            .resource_finding(&META, &resource, span, what)
                            .with_help(
                                "replace the resource with a `future<T>` or an `async func`",
                            ),
                    );
                }
            }
        }
    }
}
