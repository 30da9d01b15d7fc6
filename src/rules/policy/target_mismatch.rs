use crate::rules::{Binary, Finding, Location};

crate::rules::declare_rule! {
    pub(crate) struct TargetMismatch checks binary;
    id: "POL004",
    name: "target-mismatch",
    category: Policy,
    level: Deny,
    summary: "The component does not conform to the world `targets` names in `wcaudit.toml`.",
    what: "\
Compares the component with the target world from `wcaudit.toml` (a \
built-in profile such as `profile:http-proxy`, or a world in your own WIT) \
and reports, one finding each, every import the world does not offer and \
every export the world requires that the component lacks. Interfaces match \
by name with semver-compatible versions (`wasi:cli/stdout@0.2.9` conforms to \
a world importing `@0.2.12`; release candidates match only exactly).",
    why: "\
A host built for a world links exactly that world: an extra import fails \
instantiation, a missing export leaves the host nothing to call. Checking \
before deploying turns a runtime failure on the target platform into a \
readable list in review.",
    fix: "\
Remove the extra imports (see `unreachable-import` and `overbroad-world` \
for which are unused), export what the world requires, or target a world \
that matches what the component is.",
    example: "\
```toml
targets = \"profile:http-proxy\"
```

```text
error[POL004] target-mismatch: imports wasi:filesystem/preopens@0.2.12, which profile http-proxy does not offer
```",
}

/// `name@version` → (name, version).
fn split(name: &str) -> (&str, Option<&str>) {
    match name.split_once('@') {
        Some((n, v)) => (n, Some(v)),
        None => (name, None),
    }
}

/// Semver-compatible: same major (same minor below 1.0), and a
/// pre-release only matches itself.
fn compatible(a: &str, b: &str) -> bool {
    let ((name_a, version_a), (name_b, version_b)) = (split(a), split(b));
    if name_a != name_b {
        return false;
    }
    match (version_a, version_b) {
        (None, None) => true,
        (Some(x), Some(y)) if x.contains('-') || y.contains('-') => x == y,
        (Some(x), Some(y)) => {
            let parts =
                |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
            let (x, y) = (parts(x), parts(y));
            match (x.first(), y.first()) {
                (Some(0), Some(0)) => x.get(1) == y.get(1),
                (mx, my) => mx == my,
            }
        }
        _ => false,
    }
}

impl TargetMismatch {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, policy) = (binary.model, binary.policy);
        let Some(target) = &policy.target else {
            return;
        };
        if !model.is_component {
            return;
        }
        for import in &model.linked.imports {
            if target.imports.iter().any(|t| compatible(t, &import.name)) {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    Location::component(model, Some(import.offset)),
                    format!("import {}", import.name),
                    format!(
                        "imports {}, which {} does not offer",
                        import.name, target.label
                    ),
                )
                .with_capability(
                    crate::wasi::classes::classify_import(&import.name)
                        .0
                        .as_str(),
                )
                .about_wit(&import.name, None),
            );
        }
        for export in &target.exports {
            if model
                .linked
                .exports
                .iter()
                .any(|e| compatible(export, &e.name))
            {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    Location::component(model, Some(0)),
                    format!("export {export}"),
                    format!("does not export {export}, which {} requires", target.label),
                )
                .with_help(format!("export {export}, or target another world")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compatible;

    #[test]
    fn versions_match_semver_compatibly() {
        assert!(compatible(
            "wasi:cli/stdout@0.2.12",
            "wasi:cli/stdout@0.2.9"
        ));
        assert!(!compatible(
            "wasi:cli/stdout@0.2.12",
            "wasi:cli/stdout@0.3.0"
        ));
        assert!(!compatible(
            "wasi:cli/stdout@0.3.0",
            "wasi:cli/stdout@0.3.0-rc-2025-08-15"
        ));
        assert!(compatible("a:b/c@1.2.0", "a:b/c@1.9.1"));
        assert!(!compatible("a:b/c@1.2.0", "a:b/d@1.2.0"));
        assert!(compatible("run", "run"));
    }
}
