//! The policy rules and what they share: the capability part of a team's
//! policy as rules see it, and the wasmtime grants a component needs.

use globset::GlobMatcher;

use super::Rule as _;

pub(crate) use crate::facts::capabilities::needs;

pub(crate) mod denied_capability;
pub(crate) mod target_mismatch;
pub(crate) mod ungranted_capability;
pub(crate) mod unused_grant;

/// A capability pattern: a glob over interface names (matched with and
/// without the version), or a capability class or subclass name
/// (`network` covers `network.sockets`; `network.sockets` covers only it).
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub(crate) text: String,
    pub(crate) matcher: GlobMatcher,
}

impl Pattern {
    pub(crate) fn matches(&self, interface: &str) -> bool {
        let class = crate::wasi::classes::classify_import(interface).0.as_str();
        let subclass = crate::wasi::classes::subclass_of(interface).map(|s| s.as_str());
        self.text == class
            || Some(self.text.as_str()) == subclass
            || self.matcher.is_match(interface)
            || self
                .matcher
                .is_match(crate::wasi::classes::unversioned(interface))
    }
}

/// Which capabilities the policy allows and denies for one input.
#[derive(Debug, Default, Clone)]
pub(crate) struct Policy {
    /// The file the policy came from, for messages.
    pub(crate) file: Option<String>,
    pub(crate) allow: Vec<Pattern>,
    pub(crate) deny: Vec<Pattern>,
    /// The wasmtime permissions the component will run with, when known.
    pub(crate) granted: Option<crate::wasi::grants::Granted>,
    /// The world the component must conform to, when one is named.
    pub(crate) target: Option<std::rc::Rc<TargetWorld>>,
    /// The world the components were built from, from `check --wit`: what
    /// a component declares it exports when its binary does not say.
    pub(crate) declared: Option<std::rc::Rc<crate::model::DeclaredWorld>>,
    /// Rule thresholds set by the policy: (rule id, key) → value.
    pub(crate) thresholds: std::collections::BTreeMap<(&'static str, &'static str), i64>,
}

/// A world's import and export names (`wasi:cli/stdout@0.2.12`, `run`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TargetWorld {
    /// `profile http-proxy` or `world my-world`, for messages.
    pub(crate) label: String,
    pub(crate) imports: Vec<String>,
    pub(crate) exports: Vec<String>,
}

impl Policy {
    /// A rule's threshold: the policy's value, or the rule's default.
    pub(crate) fn threshold(&self, threshold: &super::Threshold) -> i64 {
        self.thresholds
            .get(&(threshold.rule, threshold.key))
            .copied()
            .unwrap_or(threshold.default)
    }

    /// Why an import is denied: the deny pattern it matches, or that an
    /// allow list exists and it is not on it. Support interfaces (types and
    /// plumbing) need no allowing.
    pub(crate) fn denial(&self, interface: &str) -> Option<String> {
        let (class, _) = crate::wasi::classes::classify_import(interface);
        if let Some(p) = self.deny.iter().find(|p| p.matches(interface)) {
            return Some(format!("denied by `{}`", p.text));
        }
        let allowed = self.allow.is_empty()
            || class == crate::wasi::classes::Capability::Support
            || self.allow.iter().any(|p| p.matches(interface));
        (!allowed).then(|| "not on the allow list".to_string())
    }
}

/// One finding per offending import: an import both the policy denies
/// (POL001) and the target world lacks (POL004) is one problem with two
/// reasons. The target's reason joins the policy finding as a note, and the
/// merged finding takes the higher level, since either reason alone fails.
pub(super) fn merge_import_violations(findings: &mut Vec<super::Finding>) {
    let import_of =
        |f: &super::Finding| f.wit_item.as_ref().map(|(interface, _)| interface.clone());
    let mut merged = vec![false; findings.len()];
    for target in 0..findings.len() {
        if findings[target].rule.id != target_mismatch::TargetMismatch.meta().id {
            continue;
        }
        let Some(import) = import_of(&findings[target]) else {
            continue;
        };
        let Some(denied) = findings.iter().position(|f| {
            f.rule.id == denied_capability::DeniedCapability.meta().id
                && import_of(f).as_deref() == Some(import.as_str())
        }) else {
            continue;
        };
        let (message, level) = (findings[target].message.clone(), findings[target].level);
        let into = &mut findings[denied];
        into.notes.push(format!("also {message} (target-mismatch)"));
        into.level = into.level.max(level);
        merged[target] = true;
    }
    let mut index = 0;
    findings.retain(|_| {
        index += 1;
        !merged[index - 1]
    });
}

#[cfg(test)]
mod tests;
