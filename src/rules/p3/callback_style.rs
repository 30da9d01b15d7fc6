use super::interfaces;
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct CallbackStyle checks subject;
    id: "P3M015",
    name: "callback-style",
    category: P3Migration,
    level: Allow,
    summary: "Callbacks emulated with `register`/`subscribe` functions and `on-…` handlers, where WASI 0.3 returns a `stream<T>`.",
    what: "\
Reports interfaces in your own WIT that pair a registration function \
(`register…`, `subscribe…`, `listen…`, `add-listener`) with handler-shaped \
functions (`on-…`, `…-callback`, `handle-…-event`): callbacks emulated \
across the component boundary. Off by default (design advice).",
    why: "\
WIT has no function values, so callback APIs turn into pairs of imports and \
exports that are hard to compose. WASI 0.3 delivers events as a \
`stream<T>` returned by the call that subscribes (`listen -> \
stream<tcp-socket>`).",
    fix: "Return `stream<event>` from the subscribing function instead of calling back into the component.",
    example: "\
```wit
register: func(topic: string);
on-message: func(topic: string, body: list<u8>);   // p3: subscribe: func(topic: string) -> stream<message>
```

```text
warning[P3M015] callback-style: example:bus/events emulates callbacks (register, on-message); return a stream<T> in WASI 0.3
```",
}

fn registers(name: &str) -> bool {
    name.starts_with("register")
        || name.starts_with("subscribe")
        || name.starts_with("listen")
        || name == "add-listener"
}

fn handles(name: &str) -> bool {
    name.starts_with("on-")
        || name.ends_with("-callback")
        || (name.starts_with("handle-") && name.ends_with("-event"))
}

impl CallbackStyle {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        for iface in interfaces(subject) {
            // Free functions only: a resource's `subscribe` is polling, not registration.
            let names: Vec<&str> = iface
                .functions()
                .filter(|f| {
                    matches!(
                        f.kind,
                        wit_parser::FunctionKind::Freestanding
                            | wit_parser::FunctionKind::AsyncFreestanding
                    )
                })
                .map(|f| f.item_name())
                .collect();
            let register: Vec<&str> = names.iter().copied().filter(|n| registers(n)).collect();
            let handler: Vec<&str> = names.iter().copied().filter(|n| handles(n)).collect();
            if register.is_empty() || handler.is_empty() {
                continue;
            }
            let span = iface.resolve.interfaces[iface.id].span;
            out.push(
                Finding::new(
                    &META,
                    iface.location(span),
                    iface.name.clone(),
                    format!(
                        "{} emulates callbacks ({}, {}); return a stream<T> in WASI 0.3",
                        iface.name,
                        register.join(", "),
                        handler.join(", ")
                    ),
                )
                .with_help("return `stream<event>` from the subscribing function"),
            );
        }
    }
}
