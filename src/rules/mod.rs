//! Rules: each rule lives in its own file and declares its id, name,
//! category, default level and documentation beside its check. The
//! registry below is the only list of rules; `wcaudit rules`,
//! `wcaudit explain`, SARIF rule metadata and the pages in `rules/` are
//! all generated from it.

mod ambient_environment;
mod beyond_wasi_p3;
mod blocking_sync_func;
mod callback_style;
pub(crate) mod capability;
mod chatty;
mod chatty_interface;
mod chunked_io_resource;
mod closed_error_enum;
mod core_module;
mod dead_component;
mod denied_capability;
pub(crate) mod docs;
mod double_async;
mod filesystem_access;
mod finding;
mod future_like_resource;
pub(crate) mod grants;
mod hand_rolled_pollable;
mod import_call_in_loop;
mod insecure_random;
mod levels;
pub(crate) mod measured;
mod mixed_p2_p3;
mod mixed_wasi_versions;
mod network_access;
mod outparam_resource;
mod overbroad_world;
mod p2_handler_export;
mod p2_wasi_items;
mod policy;
mod replay_contradiction;
mod runtime_opaque;
mod serial_async_awaits;
mod start_finish_pair;
mod surplus_export;
mod target_mismatch;
mod ungranted_capability;
mod unreachable_import;
mod unused_grant;
mod wasi_io_poll;
mod wasi_rc_pin;
mod wit_design;

use crate::graph::ImportGraph;
use crate::model::{BinaryModel, Observed, WitModel};

pub(crate) use capability::{RUNTIME_REACH, Reachability};
pub(crate) use finding::{Finding, Location};
pub(crate) use levels::{Level, LevelOverrides};
pub(crate) use policy::{Pattern, Policy, TargetWorld};

/// Every rule, in id order. Adding a rule adds one line here.
pub(crate) const RULES: &[&dyn Rule] = &[
    &unreachable_import::UnreachableImport,
    &ambient_environment::AmbientEnvironment,
    &network_access::NetworkAccess,
    &filesystem_access::FilesystemAccess,
    &insecure_random::InsecureRandom,
    &dead_component::DeadComponent,
    &overbroad_world::OverbroadWorld,
    &surplus_export::SurplusExport,
    &chatty_interface::ChattyInterface,
    &import_call_in_loop::ImportCallInLoop,
    &serial_async_awaits::SerialAsyncAwaits,
    &core_module::CoreModuleInput,
    &mixed_wasi_versions::MixedWasiVersions,
    &runtime_opaque::RuntimeOpaque,
    &wasi_io_poll::WasiIoPoll,
    &p2_wasi_items::P2WasiItems,
    &p2_handler_export::P2HandlerExport,
    &wasi_rc_pin::WasiRcPin,
    &mixed_p2_p3::MixedP2P3,
    &beyond_wasi_p3::BeyondWasiP3,
    &hand_rolled_pollable::HandRolledPollable,
    &chunked_io_resource::ChunkedIoResource,
    &start_finish_pair::StartFinishPair,
    &blocking_sync_func::BlockingSyncFunc,
    &outparam_resource::OutparamResource,
    &double_async::DoubleAsync,
    &future_like_resource::FutureLikeResource,
    &closed_error_enum::ClosedErrorEnum,
    &callback_style::CallbackStyle,
    &denied_capability::DeniedCapability,
    &ungranted_capability::UngrantedCapability,
    &unused_grant::UnusedGrant,
    &target_mismatch::TargetMismatch,
    &replay_contradiction::ReplayContradiction,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Category {
    Capability,
    Chatty,
    P3Migration,
    Policy,
    Hygiene,
    Replay,
}

impl Category {
    pub(crate) const ALL: [Category; 6] = [
        Category::Capability,
        Category::Chatty,
        Category::P3Migration,
        Category::Policy,
        Category::Hygiene,
        Category::Replay,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Category::Capability => "capability",
            Category::Chatty => "chatty",
            Category::P3Migration => "p3-migration",
            Category::Policy => "policy",
            Category::Hygiene => "hygiene",
            Category::Replay => "replay",
        }
    }
}

/// A rule's declaration: everything about it except its check.
#[derive(Debug)]
pub(crate) struct RuleMeta {
    /// Stable forever: SARIF alerts and baselines key on it.
    pub(crate) id: &'static str,
    /// kebab-case, also stable.
    pub(crate) name: &'static str,
    pub(crate) category: Category,
    pub(crate) default_level: Level,
    /// One sentence: what the rule finds.
    pub(crate) summary: &'static str,
    /// Markdown paragraphs.
    pub(crate) what: &'static str,
    pub(crate) why: &'static str,
    pub(crate) fix: &'static str,
    /// A fenced example (WIT, WAT or shell) with its finding.
    pub(crate) example: &'static str,
    /// For SARIF `security-severity` (0.0–10.0), where the rule is about
    /// security.
    pub(crate) security_severity: Option<&'static str>,
    /// Numbers a policy may change: `[rules] NAME = { KEY = N }`.
    pub(crate) thresholds: &'static [Threshold],
}

/// A tunable number of a rule.
#[derive(Debug)]
pub(crate) struct Threshold {
    pub(crate) key: &'static str,
    pub(crate) default: i64,
    pub(crate) meaning: &'static str,
}

/// What a rule looks at.
pub(crate) enum Subject<'a> {
    Binary {
        model: &'a BinaryModel,
        graph: &'a ImportGraph,
        policy: &'a Policy,
        /// What `check --replay` measured, when it ran.
        observed: Option<&'a Observed>,
    },
    Wit(&'a WitModel),
}

pub(crate) trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, subject: &Subject<'_>, out: &mut Vec<Finding>);
}

/// Finds a rule by id, name, or id/name case-insensitively.
pub(crate) fn find(id_or_name: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta())
        .find(|m| m.id.eq_ignore_ascii_case(id_or_name) || m.name.eq_ignore_ascii_case(id_or_name))
}

/// Runs every rule that is not allowed on one subject and returns its
/// findings at their effective levels, in a stable order.
pub(crate) fn run(subject: &Subject<'_>, levels: &LevelOverrides) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        let level = levels.level_of(meta);
        if level == Level::Allow {
            continue;
        }
        let start = findings.len();
        rule.check(subject, &mut findings);
        for finding in &mut findings[start..] {
            finding.level = finding.max_level.map_or(level, |cap| level.min(cap));
        }
    }
    if let Subject::Binary {
        observed: Some(observed),
        ..
    } = subject
    {
        measured::annotate(&mut findings, observed);
    }
    merge_import_violations(&mut findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// One finding per offending import: an import both the policy denies
/// (POL001) and the target world lacks (POL004) is one problem with two
/// reasons. The target's reason joins the policy finding as a note, and the
/// merged finding takes the higher level, since either reason alone fails.
fn merge_import_violations(findings: &mut Vec<Finding>) {
    let import_of = |f: &Finding| f.wit_item.as_ref().map(|(interface, _)| interface.clone());
    let mut merged = vec![false; findings.len()];
    for target in 0..findings.len() {
        if findings[target].rule.id != target_mismatch::ID {
            continue;
        }
        let Some(import) = import_of(&findings[target]) else {
            continue;
        };
        let Some(denied) = findings.iter().position(|f| {
            f.rule.id == denied_capability::ID && import_of(f).as_deref() == Some(import.as_str())
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
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in RULES {
            let m = rule.meta();
            assert!(seen.insert(m.id), "duplicate id {}", m.id);
            assert!(seen.insert(m.name), "duplicate name {}", m.name);
            assert!(
                m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                m.name
            );
            for (part, text) in [
                ("summary", m.summary),
                ("what", m.what),
                ("why", m.why),
                ("fix", m.fix),
                ("example", m.example),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {part}", m.name);
            }
        }
    }
}
