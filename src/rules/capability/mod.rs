//! What the capability classes of `crate::wasi::classes` amount to in one
//! component: how each import and class is reached, and the finding the
//! capability rules share.

pub(crate) mod ambient_environment;
pub(crate) mod dead_component;
pub(crate) mod filesystem_access;
pub(crate) mod insecure_random;
pub(crate) mod network_access;
pub(crate) mod overbroad_world;
pub(crate) mod surplus_export;
pub(crate) mod unreachable_import;
pub(crate) mod unused_by_program;

pub(crate) use crate::facts::capabilities::Reachability;
use crate::facts::capabilities::uses_of_class;
use crate::graph::Reach;
use crate::wasi::classes::Capability;

/// The one check of the rules that are rows of a table
/// (`declare_rule!`'s `checks class`): each reports one capability class,
/// in its own words (`what` starts the message).
pub(crate) fn check_class(
    meta: &'static super::RuleMeta,
    (class, what): (Capability, &str),
    binary: &super::Binary<'_>,
    out: &mut Vec<super::Finding>,
) {
    out.extend(class_finding(meta, binary.model, binary.facts, class, what));
}

/// One finding for capability `class`, if the component imports it and
/// an export may reach it: which interfaces grant it, how it is reached,
/// and from where. A provably unused class is left to
/// `unreachable-import`.
fn class_finding(
    meta: &'static super::RuleMeta,
    model: &crate::model::BinaryModel,
    facts: &crate::facts::Facts,
    class: Capability,
    what: &str,
) -> Option<super::Finding> {
    let use_ = uses_of_class(facts, class)?;
    if use_.reach == Reach::Unreachable {
        return None;
    }
    let names: Vec<&str> = use_.interfaces.iter().map(String::as_str).collect();
    let reach = use_.reachability().phrase();
    let mut finding = super::Finding::new(
        meta,
        super::Location::component(model, Some(use_.offset)),
        class.as_str().to_string(),
        format!("{what}: imports {} ({reach})", names.join(", ")),
    )
    .with_capability_path(use_)
    .with_capability(class.as_str())
    .with_reach(use_.reachability())
    .with_origin(use_.origin);
    if !use_.imported_by.is_empty() {
        let by: Vec<&str> = use_.imported_by.iter().map(String::as_str).collect();
        finding = finding.with_note(format!("called from {}", by.join(", ")));
    }
    if use_.runtime_inherited {
        finding = finding.with_note(
            "comes with the embedded language runtime, not from calls wcaudit can see in the app",
        );
    }
    Some(finding)
}

#[cfg(test)]
mod tests;
