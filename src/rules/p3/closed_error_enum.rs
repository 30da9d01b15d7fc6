use super::interfaces;
use crate::rules::{Finding, Subject};

crate::rules::declare_rule! {
    pub(crate) struct ClosedErrorEnum checks subject;
    id: "P3M014",
    name: "closed-error-enum",
    category: P3Migration,
    level: Allow,
    summary: "An error type declared as a closed `enum`, where WASI 0.3 uses an open `variant` with an `other` case.",
    what: "\
Reports `enum`s in your own WIT named `error-code` or `<x>-error`. Off by \
default (design advice): enable it with `-W closed-error-enum`.",
    why: "\
An enum cannot grow a case without breaking callers that match on it, and \
cannot carry detail. WASI 0.3's filesystem, sockets and http error codes \
are `variant error-code { …, other(option<string>) }` so new conditions \
fit without a breaking change.",
    fix: "Declare `variant error-code { …, other(option<string>) }`.",
    example: "\
```wit
enum error-code { not-found, denied }   // p3 style: variant error-code { not-found, denied, other(option<string>) }
```

```text
warning[P3M014] closed-error-enum: enum error-code in example:store/api is closed; WASI 0.3 uses a variant with an other(option<string>) case
```",
}

impl ClosedErrorEnum {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        for iface in interfaces(subject) {
            for (name, ty) in &iface.resolve.interfaces[iface.id].types {
                let def = &iface.resolve.types[*ty];
                let is_error_name = name == "error-code" || name.ends_with("-error");
                if !is_error_name || !matches!(def.kind, wit_parser::TypeDefKind::Enum(_)) {
                    continue;
                }
                out.push(
                    Finding::new(
                        &META,
                        iface.location(def.span),
                        format!("{}#{name}", iface.name),
                        format!(
                            "enum {name} in {} is closed; WASI 0.3 uses a variant with an other(option<string>) case",
                            iface.name
                        ),
                    )
                    .with_help("`variant error-code { …, other(option<string>) }`"),
                );
            }
        }
    }
}
