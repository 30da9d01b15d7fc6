//! The hygiene rules: inputs that are not what they seem (a core module,
//! mixed WASI versions, an embedded runtime wcaudit cannot see into, a
//! composition whose calls cross many components).

pub(crate) mod core_module;
pub(crate) mod deep_composition;
pub(crate) mod mixed_wasi_versions;
pub(crate) mod runtime_opaque;

#[cfg(test)]
mod tests;
