//! The engine's own APIs a program uses, by the table in
//! `wasi::engine_apis`: each use with the interfaces it reaches, and each
//! global or module the table does not know.

use super::Language;
use super::scan::{Position, Reference, Scan};
use crate::wasi::engine_apis::{
    JAVASCRIPT, JAVASCRIPT_DYNAMIC, JAVASCRIPT_PURE, PYTHON, PYTHON_BUILTINS, PYTHON_PURE,
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

fn python(scan: &Scan, program_modules: &[String]) -> Vec<ApiUse> {
    let mut out = Vec::new();
    // Local name → the standard-library module it stands for.
    let mut modules: std::collections::BTreeMap<&str, &str> = Default::default();
    for import in &scan.imports {
        let top = import.module.split('.').next().unwrap_or(&import.module);
        if import.module.starts_with('.') || program_modules.iter().any(|m| m == top) {
            continue;
        }
        if top == "wit_world"
            || import.module.contains(".imports")
            || import.module.contains(".exports")
        {
            continue;
        }
        let listed = PYTHON.iter().any(|a| a.name == top && a.member.is_none());
        let module_apis = PYTHON.iter().any(|a| a.name == top);
        // A module with listed members (`os`) is judged by the members used.
        let by_member = PYTHON.iter().any(|a| a.name == top && a.member.is_some());
        if listed && !by_member {
            out.push(ApiUse::Reaches {
                interfaces: PYTHON
                    .iter()
                    .find(|a| a.name == top && a.member.is_none())
                    .map_or(&[], |a| a.interfaces),
                name: import.module.clone(),
                at: import.at,
            });
        } else if !module_apis && !PYTHON_PURE.contains(&top) {
            out.push(ApiUse::Unknown {
                what: format!(
                    "imports `{}`, which is not in wcaudit's table of the standard library",
                    import.module
                ),
                at: import.at,
                everything: false,
            });
        }
        if let Some(ns) = &import.namespace {
            modules.insert(ns.as_str(), top);
        }
        for (name, local) in &import.names {
            // `from os import environ`
            if let Some(api) = PYTHON
                .iter()
                .find(|a| a.name == top && a.member == Some(name.as_str()))
            {
                out.push(ApiUse::Reaches {
                    interfaces: api.interfaces,
                    name: format!("{top}.{name}"),
                    at: import.at,
                });
            } else if module_apis {
                let _ = local;
                if let Some(api) = PYTHON.iter().find(|a| a.name == top && a.member.is_none()) {
                    out.push(ApiUse::Reaches {
                        interfaces: api.interfaces,
                        name: format!("{top}.{name}"),
                        at: import.at,
                    });
                }
            }
        }
    }
    for u in &scan.uses {
        match &u.reference {
            Reference::Name(name) if !scan.declared.contains(name) => {
                if let Some(api) = PYTHON.iter().find(|a| {
                    a.member.is_none() && a.name == name && !modules.contains_key(name.as_str())
                }) {
                    if PYTHON_BUILTINS.contains(&name.as_str())
                        || ["open", "print", "input", "exit", "quit"].contains(&name.as_str())
                    {
                        out.push(ApiUse::Reaches {
                            interfaces: api.interfaces,
                            name: name.clone(),
                            at: u.at,
                        });
                    }
                } else if !PYTHON_BUILTINS.contains(&name.as_str())
                    && !modules.contains_key(name.as_str())
                {
                    out.push(ApiUse::Unknown {
                        what: format!("the name `{name}` is neither defined by the program nor a built-in wcaudit knows"),
                        at: u.at,
                        everything: false,
                    });
                }
            }
            Reference::Member {
                object: Some(object),
                property,
            } => {
                let Some(module) = modules.get(object.as_str()) else {
                    continue;
                };
                if let Some(api) = PYTHON
                    .iter()
                    .find(|a| a.name == *module && a.member == Some(property.as_str()))
                {
                    out.push(ApiUse::Reaches {
                        interfaces: api.interfaces,
                        name: format!("{module}.{property}"),
                        at: u.at,
                    });
                } else if let Some(api) = PYTHON
                    .iter()
                    .find(|a| a.name == *module && a.member.is_none())
                {
                    out.push(ApiUse::Reaches {
                        interfaces: api.interfaces,
                        name: format!("{module}.{property}"),
                        at: u.at,
                    });
                }
            }
            _ => {}
        }
    }
    out
}
