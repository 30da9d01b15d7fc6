//! Rule documentation, rendered from each rule's declaration: the pages in
//! `rules/`, `wcaudit explain`, and SARIF help all come from here.

use std::fmt::Write;

use super::{RULES, RuleMeta};

impl RuleMeta {
    /// The Markdown page for this rule (`rules/<name>.md`), which SARIF
    /// carries as the rule's help.
    pub(crate) fn page(&self) -> String {
        page(self)
    }
}

/// The Markdown page for one rule (`rules/<name>.md`).
fn page(rule: &RuleMeta) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} ({})\n", rule.name, rule.id);
    let _ = writeln!(
        out,
        "Category: **{}** · Default level: **{}**\n",
        rule.category.as_str(),
        rule.default_level.as_str()
    );
    let _ = writeln!(out, "{}\n", rule.summary);
    let _ = writeln!(out, "## What it finds\n\n{}\n", rule.what.trim());
    let _ = writeln!(out, "## Why it matters\n\n{}\n", rule.why.trim());
    let _ = writeln!(out, "## How to fix it\n\n{}\n", rule.fix.trim());
    let _ = writeln!(out, "## Example\n\n{}\n", rule.example.trim());
    let _ = writeln!(
        out,
        "## Configuration\n\nChange its level with `-A {0}`, `-W {0}` or `-D {0}` (or by id, `{1}`, or category, `{2}`).",
        rule.name,
        rule.id,
        rule.category.as_str()
    );
    if !rule.thresholds.is_empty() {
        let _ = writeln!(
            out,
            "\nThresholds, set in `wcaudit.toml` as `[rules] {} = {{ KEY = N }}`:\n",
            rule.name
        );
        for t in rule.thresholds {
            let _ = writeln!(out, "- `{}` (default {}): {}", t.key, t.default, t.meaning);
        }
    }
    out
}

/// `rules/README.md`: the index of all rules.
pub(crate) fn index() -> String {
    let mut out = String::from(
        "# wcaudit rules\n\nGenerated from the rule declarations in `src/rules/`; do not edit by hand \
         (run `WCAUDIT_BLESS=1 cargo test rule_pages` to regenerate).\n\n\
         | id | name | category | default | summary |\n|---|---|---|---|---|\n",
    );
    for rule in RULES {
        let m = rule.meta();
        let _ = writeln!(
            out,
            "| {} | [{}]({}.md) | {} | {} | {} |",
            m.id,
            m.name,
            m.name,
            m.category.as_str(),
            m.default_level.as_str(),
            m.summary
        );
    }
    out
}

/// Plain text for `wcaudit explain`.
pub(crate) fn explain(rule: &RuleMeta) -> String {
    page(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages in `rules/` must be what the declarations say; set
    /// `WCAUDIT_BLESS=1` to rewrite them.
    #[test]
    fn rule_pages_are_up_to_date() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let bless = std::env::var_os("WCAUDIT_BLESS").is_some();
        let mut expected: Vec<(String, String)> = RULES
            .iter()
            .map(|r| (format!("{}.md", r.meta().name), page(r.meta())))
            .collect();
        expected.push(("README.md".into(), index()));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            for entry in std::fs::read_dir(&dir).unwrap() {
                std::fs::remove_file(entry.unwrap().path()).unwrap();
            }
        }
        let mut stale = Vec::new();
        for (name, text) in &expected {
            let path = dir.join(name);
            if bless {
                std::fs::write(&path, text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(name.clone());
            }
        }
        let on_disk: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        for name in on_disk {
            if !expected.iter().any(|(n, _)| *n == name) {
                stale.push(format!("{name} (no such rule)"));
            }
        }
        assert!(
            stale.is_empty(),
            "rules/ is out of date: {stale:?}; run `WCAUDIT_BLESS=1 cargo test rule_pages`"
        );
    }
}
