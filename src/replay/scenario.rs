//! Scenario files: what stubbed imports return, per function, in WAVE.
//!
//! ```toml
//! [[stub]]
//! function = "corpus:headers/fine#get-header"
//! returns = ['some("text/plain")', 'none']   # in order; the last repeats
//! ```

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use wasmtime::component::Val;
use wasmtime::component::types::ComponentFunc;

use super::stubs::StubEntry;

#[derive(Default)]
pub(crate) struct Scenario {
    file: String,
    stubs: Vec<StubScript>,
    used: RefCell<Vec<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    #[serde(default)]
    stub: Vec<StubScript>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StubScript {
    /// `interface#function`, `interface@version#function`, or a bare
    /// function name when only one stubbed import has it.
    function: String,
    returns: Vec<String>,
}

impl Scenario {
    pub(crate) fn read(path: &Path) -> Result<Scenario, String> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{file}: {e}"))?;
        let parsed: ScenarioFile = toml::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        for script in &parsed.stub {
            if script.returns.is_empty() {
                return Err(format!(
                    "{file}: stub `{}` has an empty `returns` list",
                    script.function
                ));
            }
        }
        Ok(Scenario {
            file,
            used: RefCell::new(vec![false; parsed.stub.len()]),
            stubs: parsed.stub,
        })
    }

    /// The scripted results of `interface#function`, parsed against its
    /// result type; empty when the scenario does not script it.
    pub(crate) fn returns_for(
        &self,
        interface: &str,
        function: &str,
        ty: &ComponentFunc,
    ) -> Result<Arc<Vec<Val>>, String> {
        let Some(index) = self
            .stubs
            .iter()
            .position(|s| selects(&s.function, interface, function))
        else {
            return Ok(Arc::new(Vec::new()));
        };
        self.used.borrow_mut()[index] = true;
        let script = &self.stubs[index];
        let Some(result_ty) = ty.results().next() else {
            return Err(format!(
                "{}: stub `{}` scripts returns, but `{function}` returns nothing",
                self.file, script.function
            ));
        };
        let values = script
            .returns
            .iter()
            .map(|text| {
                Val::from_wave(&result_ty, text).map_err(|e| {
                    format!(
                        "{}: stub `{}`: cannot read `{text}` as its result type: {e}",
                        self.file, script.function
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(values))
    }

    /// Fails on scripts that matched no stubbed import: a typo there would
    /// otherwise silently replay with defaults.
    pub(crate) fn check_all_used(&self, stubbed: &[StubEntry]) -> Result<(), String> {
        let used = self.used.borrow();
        for (script, used) in self.stubs.iter().zip(used.iter()) {
            if !used {
                let mut known: Vec<String> = stubbed
                    .iter()
                    .filter(|e| !e.function.starts_with("[resource-drop]"))
                    .map(|e| format!("{}#{}", e.interface, e.function))
                    .collect();
                known.dedup();
                let known = if known.is_empty() {
                    "none: every import is WASI that the host implements".to_string()
                } else {
                    known.join(", ")
                };
                return Err(format!(
                    "{}: stub `{}` matches no stubbed import (stubbed: {known})",
                    self.file, script.function
                ));
            }
        }
        Ok(())
    }
}

/// Whether a scenario's `function` selects `interface#function`.
fn selects(selector: &str, interface: &str, function: &str) -> bool {
    match selector.rsplit_once('#') {
        Some((want_interface, want_function)) => {
            want_function == function
                && (want_interface == interface
                    || interface.split_once('@').map(|(path, _)| path) == Some(want_interface))
        }
        None => selector == function,
    }
}

#[cfg(test)]
mod tests {
    use super::selects;

    #[test]
    fn selectors_match_with_or_without_version() {
        assert!(selects(
            "corpus:headers/fine#get-header",
            "corpus:headers/fine@0.1.0",
            "get-header"
        ));
        assert!(selects(
            "corpus:headers/fine@0.1.0#get-header",
            "corpus:headers/fine@0.1.0",
            "get-header"
        ));
        assert!(selects(
            "get-header",
            "corpus:headers/fine@0.1.0",
            "get-header"
        ));
        assert!(!selects(
            "corpus:headers/coarse#get-header",
            "corpus:headers/fine@0.1.0",
            "get-header"
        ));
        assert!(!selects(
            "set-header",
            "corpus:headers/fine@0.1.0",
            "get-header"
        ));
    }
}
