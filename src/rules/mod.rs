//! Rules: each rule lives in the folder of its family and declares its
//! id, name, category, default level and documentation beside its check,
//! in one `declare_rule!` (`declare.rs`);
//! what a family's rules share is in the family's `mod.rs`. The registry
//! below is the only list of rules; `wcaudit rules`, `wcaudit explain`,
//! SARIF rule metadata and the pages in `rules/` are all generated from it.

pub(crate) mod capability;
mod chatty;
mod declare;
pub(crate) mod docs;
mod finding;
mod hygiene;
mod levels;
mod p3;
pub(crate) mod policy;
pub(crate) mod replay;
#[cfg(test)]
mod snapshot;
mod types;

pub(crate) use declare::declare_rule;
pub(crate) use finding::{Finding, Location, Measured};
pub(crate) use levels::{Level, LevelOverrides};
pub(crate) use policy::{Pattern, Policy, TargetWorld};
pub(crate) use types::{Binary, Category, Rule, RuleMeta, Subject, Threshold};

/// Every rule, in id order. Adding a rule adds one line here.
pub(crate) const RULES: &[&dyn Rule] = &[
    &capability::unreachable_import::UnreachableImport,
    &capability::ambient_environment::AmbientEnvironment,
    &capability::network_access::NetworkAccess,
    &capability::filesystem_access::FilesystemAccess,
    &capability::insecure_random::InsecureRandom,
    &capability::dead_component::DeadComponent,
    &capability::overbroad_world::OverbroadWorld,
    &capability::surplus_export::SurplusExport,
    &capability::unused_by_program::UnusedByProgram,
    &chatty::chatty_interface::ChattyInterface,
    &chatty::import_call_in_loop::ImportCallInLoop,
    &chatty::serial_async_awaits::SerialAsyncAwaits,
    &chatty::blocking_call_in_async_task::BlockingCallInAsyncTask,
    &hygiene::core_module::CoreModuleInput,
    &hygiene::mixed_wasi_versions::MixedWasiVersions,
    &hygiene::runtime_opaque::RuntimeOpaque,
    &hygiene::deep_composition::DeepComposition,
    &p3::wasi_io_poll::WasiIoPoll,
    &p3::p2_wasi_items::P2WasiItems,
    &p3::p2_handler_export::P2HandlerExport,
    &p3::wasi_rc_pin::WasiRcPin,
    &p3::mixed_p2_p3::MixedP2P3,
    &p3::beyond_wasi_p3::BeyondWasiP3,
    &p3::hand_rolled_pollable::HandRolledPollable,
    &p3::chunked_io_resource::ChunkedIoResource,
    &p3::start_finish_pair::StartFinishPair,
    &p3::blocking_sync_func::BlockingSyncFunc,
    &p3::outparam_resource::OutparamResource,
    &p3::double_async::DoubleAsync,
    &p3::future_like_resource::FutureLikeResource,
    &p3::closed_error_enum::ClosedErrorEnum,
    &p3::callback_style::CallbackStyle,
    &p3::p3_migration_summary::P3MigrationSummary,
    &policy::denied_capability::DeniedCapability,
    &policy::ungranted_capability::UngrantedCapability,
    &policy::unused_grant::UnusedGrant,
    &policy::target_mismatch::TargetMismatch,
    &replay::replay_contradiction::ReplayContradiction,
];

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
    if let Some(Binary {
        observed: Some(observed),
        ..
    }) = subject.binary()
    {
        replay::annotate(&mut findings, observed);
    }
    policy::merge_import_violations(&mut findings);
    findings.sort_by(|a, b| a.rank_key().cmp(&b.rank_key()));
    findings
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
            for t in m.thresholds {
                assert_eq!(
                    t.rule, m.id,
                    "{} declares another rule's `{}`",
                    m.name, t.key
                );
            }
        }
    }
}
