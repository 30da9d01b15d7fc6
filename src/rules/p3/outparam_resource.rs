use super::interfaces;
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct OutparamResource checks subject;
    id: "P3M011",
    name: "outparam-resource",
    category: P3Migration,
    level: Warn,
    summary: "An out-parameter resource (`*-outparam`) used to deliver a result later.",
    what: "Reports resources named `<x>-outparam` in your own WIT.",
    why: "\
WASI 0.2's `response-outparam` let a handler deliver its response after \
returning, because functions could not be async. WASI 0.3 handlers simply \
return the value from an `async func`; out-parameters are gone.",
    fix: "Return the value: `async func(...) -> result<T, E>` (as WASI 0.3's `handler.handle` does).",
    example: "\
```wit
resource reply-outparam { set: static func(param: reply-outparam, value: result<reply, error>); }
```

```text
warning[P3M011] outparam-resource: resource reply-outparam in example:rpc/server is an out-parameter; in WASI 0.3 return the value from an async func
```",
}

impl OutparamResource {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        for iface in interfaces(subject) {
            for (resource, span, _) in iface.resources() {
                if !resource.ends_with("-outparam") {
                    continue;
                }
                let what = "is an out-parameter; in WASI 0.3 return the value from an async func";
                out.push(
                    iface
                        .resource_finding(&META, &resource, span, what)
                        .with_help("`async func(...) -> result<T, E>`"),
                );
            }
        }
    }
}
