//! What wcaudit knows about WASI itself, independent of any input: the
//! capability class of each interface, the wasmtime grant each needs, and
//! what each WASI 0.2 item becomes in 0.3. Every stage after the model
//! reads it; it depends on no stage.

pub(crate) mod classes;
pub(crate) mod engine_apis;
pub(crate) mod grants;
pub(crate) mod p3;
