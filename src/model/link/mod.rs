//! Linking: interprets each component's declarations the way a host
//! instantiates it, so that every lowered import, lifted export, core
//! instance and table resolves to concrete functions. This is what answers
//! "which inner module brought in this import" and lets the graph follow a
//! call from an app module through an adapter to a WASI import.

mod decls;
mod linked;
mod linker;

pub(crate) use self::decls::ItemKind;
pub(in crate::model) use self::decls::{CanonOptions, ComponentDef, Decl};
pub(in crate::model) use self::linked::describe_root_imports;
pub(crate) use self::linked::{
    ComponentFuncRef, Copies, CoreFuncRef, ExportTarget, IndirectTargets, Linked, TableKey,
};
pub(in crate::model) use self::linker::{link_component, link_core_module};

#[cfg(test)]
thread_local! {
    /// Sabotage for the oracle's own test: when set, active element
    /// segments place nothing in tables, so the analysis must be caught
    /// claiming `unreachable` what replay sees called.
    pub(crate) static IGNORE_ELEMENT_SEGMENTS: std::cell::Cell<bool> =
        const { std::cell::Cell::new(false) };
}
