//! The engine's own APIs a program uses, by the table in
//! `wasi::engine_apis`: each use with the interfaces it reaches, and each
//! global or module the table does not know.

use super::Language;
use super::scan::{Position, Reference, Scan};
use crate::wasi::engine_apis::{
    Api, JAVASCRIPT, JAVASCRIPT_DYNAMIC, JAVASCRIPT_PURE, PYTHON, PYTHON_BUILTINS, PYTHON_PURE,
};

pub(crate) enum ApiUse {
    Reaches {
        interfaces: &'static [&'static str],
        /// `fetch`, `os.environ`.
        name: String,
        at: Position,
    },
    /// A name the table cannot vouch for: anything the engine can reach
    /// may be reached through it, or, for `eval` and the like, anything
    /// at all (a dynamic `import()` of any interface).
    Unknown {
        what: String,
        at: Position,
        everything: bool,
    },
}

/// Whether an engine can reach `interface` (without version) on a
/// program's behalf: every WASI interface; the world's own interfaces are
/// reached through their bindings only.
pub(crate) fn engine_reachable(interface: &str) -> bool {
    interface.starts_with("wasi:")
}

pub(crate) fn uses(language: Language, scan: &Scan, program_modules: &[String]) -> Vec<ApiUse> {
    match language {
        Language::JavaScript => javascript(scan),
        Language::Python => python(scan, program_modules),
    }
}

fn javascript(scan: &Scan) -> Vec<ApiUse> {
    let mut out = Vec::new();
    for u in &scan.uses {
        match &u.reference {
            Reference::Name(name) => {
                if let Some(api) = JAVASCRIPT
                    .iter()
                    .find(|a| a.member.is_none() && a.name == name)
                {
                    out.push(ApiUse::Reaches {
                        interfaces: api.interfaces,
                        name: name.clone(),
                        at: u.at,
                    });
                } else if JAVASCRIPT_DYNAMIC.contains(&name.as_str()) {
                    out.push(ApiUse::Unknown {
                        what: format!("`{name}` reaches names the text does not show"),
                        at: u.at,
                        everything: true,
                    });
                } else if !scan.declared.contains(name) && !JAVASCRIPT_PURE.contains(&name.as_str())
                {
                    out.push(ApiUse::Unknown {
                        what: format!(
                            "the global `{name}` is not in wcaudit's table of engine APIs"
                        ),
                        at: u.at,
                        everything: false,
                    });
                }
            }
            Reference::Member {
                object: Some(object),
                property,
            } => {
                if let Some(api) = JAVASCRIPT
                    .iter()
                    .find(|a| a.name == object && a.member == Some(property.as_str()))
                    && !scan.declared.contains(object)
                {
                    out.push(ApiUse::Reaches {
                        interfaces: api.interfaces,
                        name: format!("{object}.{property}"),
                        at: u.at,
                    });
                }
            }
            Reference::Member { object: None, .. } => {}
        }
    }
    out
}

/// The table's entry for `module.member`: the member's own, else the
/// module's (`os.listdir` is `os`'s files).
fn python_api(module: &str, member: Option<&str>) -> Option<&'static Api> {
    member
        .and_then(|m| {
            PYTHON
                .iter()
                .find(|a| a.name == module && a.member == Some(m))
        })
        .or_else(|| {
            PYTHON
                .iter()
                .find(|a| a.name == module && a.member.is_none())
        })
}

/// Built-in functions that reach the host (`open`, `print`): table entries
/// named like a module but called bare.
const PYTHON_HOST_BUILTINS: &[&str] = &["open", "print", "input", "exit", "quit"];

fn python(scan: &Scan, program_modules: &[String]) -> Vec<ApiUse> {
    let mut out = Vec::new();
    let reaches = |api: &Api, name: String, at: Position| ApiUse::Reaches {
        interfaces: api.interfaces,
        name,
        at,
    };
    // Local name → the standard-library module it stands for.
    let mut modules: std::collections::BTreeMap<&str, &str> = Default::default();
    for import in &scan.imports {
        let top = import.module.split('.').next().unwrap_or(&import.module);
        let own_module = import.module.starts_with('.') || program_modules.iter().any(|m| m == top);
        let bindings = top == "wit_world"
            || import.module.contains(".imports")
            || import.module.contains(".exports");
        if own_module || bindings {
            continue;
        }
        let listed = PYTHON.iter().any(|a| a.name == top);
        // A module with listed members (`os`) is judged by the members
        // used; one without (`socket`) by its import.
        let by_member = PYTHON.iter().any(|a| a.name == top && a.member.is_some());
        match python_api(top, None) {
            Some(api) if !by_member => out.push(reaches(api, import.module.clone(), import.at)),
            _ if !listed && !PYTHON_PURE.contains(&top) => out.push(ApiUse::Unknown {
                what: format!(
                    "imports `{}`, which is not in wcaudit's table of the standard library",
                    import.module
                ),
                at: import.at,
                everything: false,
            }),
            _ => {}
        }
        if let Some(ns) = &import.namespace {
            modules.insert(ns.as_str(), top);
        }
        // `from os import environ`
        for (name, _) in &import.names {
            if let Some(api) = python_api(top, Some(name)) {
                out.push(reaches(api, format!("{top}.{name}"), import.at));
            }
        }
    }
    for u in &scan.uses {
        match &u.reference {
            Reference::Name(name)
                if !scan.declared.contains(name) && !modules.contains_key(name.as_str()) =>
            {
                if PYTHON_HOST_BUILTINS.contains(&name.as_str()) {
                    if let Some(api) = python_api(name, None) {
                        out.push(reaches(api, name.clone(), u.at));
                    }
                } else if !PYTHON_BUILTINS.contains(&name.as_str()) {
                    out.push(ApiUse::Unknown {
                        what: format!(
                            "the name `{name}` is neither defined by the program nor a built-in wcaudit knows"
                        ),
                        at: u.at,
                        everything: false,
                    });
                }
            }
            Reference::Member {
                object: Some(object),
                property,
            } => {
                if let Some(module) = modules.get(object.as_str())
                    && let Some(api) = python_api(module, Some(property))
                {
                    out.push(reaches(api, format!("{module}.{property}"), u.at));
                }
            }
            _ => {}
        }
    }
    out
}
