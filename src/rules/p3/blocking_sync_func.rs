use super::interfaces;
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct BlockingSyncFunc checks subject;
    id: "P3M010",
    name: "blocking-sync-func",
    category: P3Migration,
    level: Warn,
    summary: "A non-async WIT function whose name says it blocks (`blocking-…`, `block`, `wait…`, `sleep…`).",
    what: "\
Reports functions in your own WIT that are not `async` but are named like \
operations that wait: `blocking-<x>`, `block`, `wait…`, `sleep…`.",
    why: "\
In WASI 0.3 a function that may block is declared `async func`: callers can \
then run other work (and other requests) while it waits. A synchronous \
blocking function stalls the whole component for its duration.",
    fix: "Declare it `async func` (and drop the `blocking-` prefix).",
    example: "\
```wit
blocking-fetch: func(url: string) -> result<list<u8>, error>;  // p3: fetch: async func(url: string) -> result<list<u8>, error>
```

```text
warning[P3M010] blocking-sync-func: example:net/fetch#blocking-fetch may block but is not async; make it an async func in WASI 0.3
```",
}

fn sounds_blocking(name: &str) -> bool {
    name.starts_with("blocking-")
        || name == "block"
        || name.starts_with("wait")
        || name.starts_with("sleep")
}

impl BlockingSyncFunc {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        for iface in interfaces(subject) {
            for func in iface.functions() {
                if func.kind.is_async() || !sounds_blocking(func.item_name()) {
                    continue;
                }
                // A resource's `block` is the polling pattern: hand-rolled-pollable reports it.
                if func.item_name() == "block"
                    && matches!(func.kind, wit_parser::FunctionKind::Method(_))
                {
                    continue;
                }
                let what = "may block but is not async; make it an async func in WASI 0.3";
                out.push(
                    iface
                        .function_finding(&META, func, what)
                        .with_help("declare it `async func` and drop the `blocking-` prefix"),
                );
            }
        }
    }
}
