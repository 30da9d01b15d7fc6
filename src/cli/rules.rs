//! `wcaudit rules` and `wcaudit explain`: the rule list and each rule's
//! documentation, from the rules' declarations.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::EXIT_CLEAN;
use crate::rules;

#[derive(Args)]
pub(super) struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    format: RulesFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
    /// The index page of `rules/`.
    Markdown,
}

pub(super) fn list(args: RulesArgs, stdout: &mut dyn Write) -> u8 {
    let text = match args.format {
        RulesFormat::Markdown => rules::docs::index(),
        RulesFormat::Text => {
            let mut out = String::new();
            for rule in rules::RULES {
                let m = rule.meta();
                out.push_str(&format!(
                    "{:<7} {:<20} {:<13} {:<5} {}\n",
                    m.id,
                    m.name,
                    m.category.as_str(),
                    m.default_level.as_str(),
                    m.summary
                ));
            }
            out
        }
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = rules::RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "id": m.id,
                        "name": m.name,
                        "category": m.category.as_str(),
                        "default_level": m.default_level.as_str(),
                        "summary": m.summary,
                    })
                })
                .collect();
            let mut t = serde_json::to_string_pretty(&list).expect("rules serialize");
            t.push('\n');
            t
        }
    };
    let _ = stdout.write_all(text.as_bytes());
    EXIT_CLEAN
}

pub(super) fn explain(rule: &str, stdout: &mut dyn Write) -> Result<u8, String> {
    match rules::find(rule) {
        Some(meta) => {
            let _ = stdout.write_all(rules::docs::explain(meta).as_bytes());
            Ok(EXIT_CLEAN)
        }
        None => Err(format!(
            "unknown rule `{rule}`{} (see `wcaudit rules`)",
            crate::suggest::hint(rule, rules::RULES.iter().map(|r| r.meta().name))
        )),
    }
}
