use super::interfaces;
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct FutureLikeResource checks subject;
    id: "P3M013",
    name: "future-like-resource",
    category: P3Migration,
    level: Warn,
    summary: "A resource that only hands out one deferred value (`get: func() -> option<…>`), which WASI 0.3 models as `future<T>`.",
    what: "\
Reports resources in your own WIT whose only methods are `get` returning an \
`option` (plus, optionally, `subscribe`): a hand-made future, like WASI \
0.2's `future-incoming-response` and `future-trailers`.",
    why: "\
WASI 0.3 has a native `future<T>`: the value arrives once, the async ABI \
waits for it, and no polling resource is needed. WASI itself replaced its \
future resources with `future<result<…>>`.",
    fix: "Return `future<result<T, E>>` where the resource was returned, or make the producing call an `async func`.",
    example: "\
```wit
resource pending-reply { get: func() -> option<result<reply, error>>; subscribe: func() -> pollable; }
// p3: send: async func(request: request) -> result<reply, error>
```

```text
warning[P3M013] future-like-resource: resource pending-reply in example:rpc/client only hands out one deferred value; use future<T> in WASI 0.3
```",
}

impl FutureLikeResource {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        for iface in interfaces(subject) {
            for (resource, span, methods) in iface.resources() {
                let names: Vec<&str> = methods.iter().map(|m| m.item_name()).collect();
                let get_option = methods.iter().any(|m| {
                    m.item_name() == "get"
                        && m.result.as_ref().is_some_and(|t| {
                            matches!(t, wit_parser::Type::Id(id)
                                if matches!(iface.resolve.types[*id].kind, wit_parser::TypeDefKind::Option(_)))
                        })
                });
                if !get_option || !names.iter().all(|n| matches!(*n, "get" | "subscribe")) {
                    continue;
                }
                let what = "only hands out one deferred value; use future<T> in WASI 0.3";
                out.push(
                    iface.resource_finding(&META, &resource, span, what)
                    .with_help("return `future<result<T, E>>`, or make the producing call an `async func`"),
                );
            }
        }
    }
}
