//! SARIF 2.1.0 for GitHub code scanning, built with serde-sarif. Every
//! result has a repo-relative location with a line region and a stable
//! `primaryLocationLineHash`; every rule carries descriptions, help in text
//! and Markdown, and its security severity where it has one.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use serde_sarif::sarif;

use super::Report;
use super::artifacts::{Artifacts, SRCROOT};
use crate::rules::{Finding, Level, Location, RULES, RuleMeta};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub(super) fn render(report: &Report) -> String {
    let artifacts = Artifacts::new(&report.root);
    let rules: Vec<sarif::ReportingDescriptor> =
        RULES.iter().map(|r| descriptor(r.meta())).collect();
    let driver = sarif::ToolComponent::builder()
        .name("wcaudit")
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(rules)
        .build();
    let mut results: Vec<sarif::Result> = report
        .findings()
        .map(|f| result(f, None, &artifacts))
        .collect();
    if report.baseline.is_some() {
        for r in &mut results {
            r.baseline_state = Some(json!("new"));
        }
    }
    results.extend(
        report
            .suppressed()
            .map(|(f, reason)| result(f, Some(reason), &artifacts)),
    );
    // Folded findings stay in the log, suppressed with why, so that code
    // scanning counts them without raising alerts for other code.
    results.extend(report.folded().map(|f| {
        let reason = format!(
            "folded: about {} code ({}), not the program's; `wcaudit check --show {}` shows it",
            f.origin.kind.as_str(),
            f.origin.name,
            super::show_flag(f.origin.kind)
        );
        result(f, Some(&reason), &artifacts)
    }));
    let notifications: Vec<sarif::Notification> = report
        .errors()
        .map(|e| {
            let mut properties = BTreeMap::new();
            if let Some(offset) = e.offset {
                properties.insert("byteOffset".to_string(), json!(offset));
            }
            sarif::Notification::builder()
                .level(json!("error"))
                .message(message(&e.to_string()))
                .locations(vec![
                    sarif::Location::builder()
                        .physical_location(
                            sarif::PhysicalLocation::builder()
                                .artifact_location(artifacts.location(&e.file))
                                .region(sarif::Region::builder().start_line(1).build())
                                .build(),
                        )
                        .build(),
                ])
                .properties(
                    sarif::PropertyBag::builder()
                        .additional_properties(properties)
                        .build(),
                )
                .build()
        })
        .collect();
    let invocation = sarif::Invocation::builder()
        .execution_successful(notifications.is_empty())
        .tool_execution_notifications(notifications)
        .build();
    let mut base_ids = BTreeMap::new();
    base_ids.insert(
        SRCROOT.to_string(),
        sarif::ArtifactLocation::builder()
            .uri(artifacts.root_uri())
            .description(message("the root of the checked-out repository (--root)"))
            .build(),
    );
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .column_kind(json!("unicodeCodePoints"))
        .original_uri_base_ids(base_ids)
        .build();
    let log = sarif::Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text =
        crate::untrusted::json(serde_json::to_string_pretty(&log).expect("SARIF serializes"));
    text.push('\n');
    text
}

/// A plain-text message; every one may name something from the input.
fn message(text: &str) -> sarif::Message {
    sarif::Message::builder()
        .text(crate::untrusted::sarif(text))
        .build()
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "note",
    }
}

fn descriptor(rule: &RuleMeta) -> sarif::ReportingDescriptor {
    let mut properties = BTreeMap::new();
    properties.insert("precision".to_string(), json!("high"));
    properties.insert(
        "problem.severity".to_string(),
        json!(match rule.default_level {
            Level::Deny => "error",
            Level::Warn => "warning",
            Level::Allow => "recommendation",
        }),
    );
    properties.insert("category".to_string(), json!(rule.category.as_str()));
    let mut tags = vec![rule.category.as_str().to_string()];
    if let Some(severity) = rule.security_severity {
        properties.insert("security-severity".to_string(), json!(severity));
        tags.push("security".into());
    }
    let page = rule.page();
    sarif::ReportingDescriptor::builder()
        .id(rule.id)
        .name(rule.name)
        .short_description(
            sarif::MultiformatMessageString::builder()
                .text(rule.summary)
                .build(),
        )
        .full_description(
            sarif::MultiformatMessageString::builder()
                .text(plain(rule.what))
                .build(),
        )
        .help(
            sarif::MultiformatMessageString::builder()
                .text(plain(&page))
                .markdown(page)
                .build(),
        )
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(json!(sarif_level(rule.default_level)))
                .enabled(rule.default_level != Level::Allow)
                .build(),
        )
        .properties(
            sarif::PropertyBag::builder()
                .tags(tags)
                .additional_properties(properties)
                .build(),
        )
        .build()
}

/// Markdown with its backticks and emphasis removed, for `text` fields.
fn plain(markdown: &str) -> String {
    markdown.replace("**", "").replace('`', "")
}

/// A result; suppressed findings stay in the log with their justification,
/// which code scanning shows as dismissed.
fn result(f: &Finding, suppressed: Option<&str>, artifacts: &Artifacts) -> sarif::Result {
    let rule_index = RULES
        .iter()
        .position(|r| r.meta().id == f.rule.id)
        .unwrap_or(0);
    let mut properties: BTreeMap<String, Value> = BTreeMap::new();
    let mut related = Vec::new();
    let region = match &f.location {
        Location::Text {
            line,
            column,
            range,
            ..
        } => sarif::Region::builder()
            .start_line(*line as i64)
            .start_column(*column as i64)
            .char_offset(range.start as i64)
            .char_length(range.len() as i64)
            .build(),
        Location::Binary {
            file,
            component_path,
            offset,
        } => {
            properties.insert("componentPath".into(), json!(component_path));
            if let Some(offset) = offset {
                properties.insert("byteOffset".into(), json!(offset));
                related.push(
                    sarif::Location::builder()
                        .id(1)
                        .physical_location(
                            sarif::PhysicalLocation::builder()
                                .artifact_location(artifacts.location(file))
                                .region(
                                    sarif::Region::builder()
                                        .byte_offset(*offset as i64)
                                        .byte_length(1)
                                        .build(),
                                )
                                .build(),
                        )
                        .message(message(&format!(
                            "byte offset {offset:#x} in {}",
                            component_path.join(" › ")
                        )))
                        .build(),
                );
            }
            // GitHub shows line regions only; a binary is anchored at line 1.
            sarif::Region::builder().start_line(1).build()
        }
    };
    if let Some(Location::Binary {
        file,
        component_path,
        offset,
    }) = &f.related
    {
        properties.insert("componentPath".into(), json!(component_path));
        let mut region = sarif::Region::builder().start_line(1).build();
        if let Some(offset) = offset {
            properties.insert("byteOffset".into(), json!(offset));
            region = sarif::Region::builder()
                .byte_offset(*offset as i64)
                .byte_length(1)
                .build();
        }
        related.push(
            sarif::Location::builder()
                .id(related.len() as i64 + 1)
                .physical_location(
                    sarif::PhysicalLocation::builder()
                        .artifact_location(artifacts.location(file))
                        .region(region)
                        .build(),
                )
                .message(message(&format!(
                    "in {file} ({})",
                    component_path.join(" › ")
                )))
                .build(),
        );
    }
    if !f.path.is_empty() {
        properties.insert("reachabilityPath".into(), json!(f.path));
        properties.insert("reachabilityPathOrigins".into(), json!(f.path_origins));
    }
    if !f.notes.is_empty() {
        properties.insert("notes".into(), json!(f.notes));
    }
    properties.insert("category".into(), json!(f.rule.category.as_str()));
    if let Some(capability) = f.capability {
        properties.insert("capability".into(), json!(capability));
    }
    if let Some(reach) = f.reach {
        properties.insert("reach".into(), json!(reach.reach.as_str()));
        if reach.runtime {
            properties.insert("runtimeInherited".into(), json!(true));
        }
    }
    if let Some(measured) = &f.measured {
        properties.insert("replay".into(), json!(super::json::measured(measured)));
    }
    properties.insert("origin".into(), json!(f.origin));
    let mut text = f.message.clone();
    if let Some(help) = &f.help {
        text.push_str(&format!(". Help: {help}"));
    }
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(
        "primaryLocationLineHash".to_string(),
        // Keyed to the file as the repository names it, so the alert does
        // not change with the directory the job runs in.
        format!("{}:1", f.fingerprint_in(&artifacts.name(f.file()))),
    );
    let location = sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder()
                .artifact_location(artifacts.location(f.location.file()))
                .region(region)
                .build(),
        )
        .build();
    let builder = sarif::Result::builder()
        .rule_id(f.rule.id)
        .rule_index(rule_index as i64)
        .level(match f.level {
            Level::Deny => sarif::ResultLevel::Error,
            Level::Warn => sarif::ResultLevel::Warning,
            Level::Allow => sarif::ResultLevel::Note,
        })
        .message(message(&text))
        .locations(vec![location])
        .partial_fingerprints(fingerprints)
        .properties(
            sarif::PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        );
    let mut result = builder.build();
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    if let Some(reason) = suppressed {
        result.suppressions = Some(vec![
            sarif::Suppression::builder()
                .kind(json!("external"))
                .justification(reason)
                .build(),
        ]);
    }
    result
}
