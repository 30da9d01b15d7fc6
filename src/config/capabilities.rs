//! Capability patterns must name something that exists: a misspelt class
//! or package would otherwise allow or deny nothing, silently.

use globset::Glob;

use super::{Config, ConfigError};

/// Checks a capability pattern names something that exists: a class or
/// subclass, or an interface glob over a known WASI package and interface.
/// Globs over other packages are custom interfaces, checked against the
/// inputs later (see `Config::unmatched_allow`).
pub(super) fn known_capability(text: &str) -> Result<(), String> {
    use crate::wasi::classes::{class_names, wasi_interfaces, wasi_packages};
    let is_glob = |t: &str| t.contains(['*', '?', '[', '{']);
    let Some((namespace, _)) = text.split_once(':') else {
        if is_glob(text) || class_names().any(|c| c == text) {
            return Ok(());
        }
        return Err(format!(
            "unknown capability class `{text}`{}; classes are {}",
            crate::suggest::hint(text, class_names()),
            class_names().collect::<Vec<_>>().join(", ")
        ));
    };
    if namespace != "wasi" {
        return Ok(());
    }
    let unversioned = text.split_once('@').map_or(text, |(name, _)| name);
    let package = unversioned.split_once('/').map_or(unversioned, |(p, _)| p);
    fn matches_any<'a>(glob: &str, mut names: impl Iterator<Item = &'a str>) -> bool {
        Glob::new(glob).is_ok_and(|g| {
            let matcher = g.compile_matcher();
            names.any(|n| matcher.is_match(n))
        })
    }
    if !matches_any(package, wasi_packages()) {
        return Err(format!(
            "`{text}` names no known WASI package{}",
            crate::suggest::hint(package, wasi_packages())
        ));
    }
    if unversioned.contains('/') && !matches_any(unversioned, wasi_interfaces()) {
        return Err(format!(
            "`{text}` names no known WASI interface{}",
            crate::suggest::hint(unversioned, wasi_interfaces())
        ));
    }
    Ok(())
}

impl Config {
    /// The first allow pattern over a non-WASI package that matches none
    /// of `imports` (every interface the inputs under this configuration
    /// import): most likely a misspelt package, which would otherwise deny
    /// the real one silently.
    pub(crate) fn unmatched_allow<'a>(
        &self,
        imports: impl Iterator<Item = &'a str> + Clone,
    ) -> Option<ConfigError> {
        let (pattern, span) = self
            .custom_allow
            .iter()
            .find(|(pattern, _)| !imports.clone().any(|i| pattern.matches(i)))?;
        let mut names: Vec<&str> = imports.filter(|i| i.contains(':')).collect();
        names.sort_unstable();
        names.dedup();
        let unversioned: Vec<&str> = names
            .iter()
            .map(|n| n.split_once('@').map_or(*n, |(n, _)| n))
            .collect();
        Some(ConfigError {
            file: self.file.clone().unwrap_or_default(),
            text: self.text.clone(),
            span: Some(span.clone()),
            message: format!(
                "`{}` matches no known WASI package and no import of any input{}",
                pattern.text,
                crate::suggest::hint(&pattern.text, unversioned.iter().copied())
            ),
        })
    }
}
