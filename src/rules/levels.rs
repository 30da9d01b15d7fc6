use super::{Category, RuleMeta};

/// How loudly a rule speaks. Findings at or above the fail level (deny by
/// default) make `check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

/// A selector for `-A/-W/-D`: a rule (id or name), a category, or `all`.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Selector {
    All,
    Category(Category),
    Rule(&'static str),
}

/// Level changes in the order they were given; later ones win, as with
/// clippy's `-A/-W/-D`.
#[derive(Clone, Debug, Default)]
pub(crate) struct LevelOverrides {
    changes: Vec<(Selector, Level)>,
}

impl LevelOverrides {
    /// Adds a change; errors name what was not recognised.
    pub(crate) fn push(&mut self, selector: &str, level: Level) -> Result<(), String> {
        let parsed = if selector == "all" {
            Selector::All
        } else if let Some(c) = Category::ALL.iter().find(|c| c.as_str() == selector) {
            Selector::Category(*c)
        } else if let Some(rule) = super::find(selector) {
            Selector::Rule(rule.id)
        } else {
            let known = Category::ALL
                .iter()
                .map(|c| c.as_str())
                .chain(
                    super::RULES
                        .iter()
                        .flat_map(|r| [r.meta().name, r.meta().id]),
                )
                .chain(["all"]);
            return Err(format!(
                "unknown rule or category `{selector}`{} (see `wcaudit rules`)",
                crate::suggest::hint(selector, known)
            ));
        };
        self.changes.push((parsed, level));
        Ok(())
    }

    /// Appends `other`'s changes after this one's, so they win.
    pub(crate) fn extend(&mut self, other: &LevelOverrides) {
        self.changes.extend(other.changes.iter().cloned());
    }

    pub(crate) fn level_of(&self, rule: &RuleMeta) -> Level {
        let mut level = rule.default_level;
        for (selector, new) in &self.changes {
            let applies = match selector {
                Selector::All => true,
                Selector::Category(c) => *c == rule.category,
                Selector::Rule(id) => *id == rule.id,
            };
            if applies {
                level = *new;
            }
        }
        level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_changes_win() {
        let rule = super::super::find("unreachable-import").unwrap();
        let mut o = LevelOverrides::default();
        o.push("capability", Level::Deny).unwrap();
        assert_eq!(o.level_of(rule), Level::Deny);
        o.push("CAP001", Level::Allow).unwrap();
        assert_eq!(o.level_of(rule), Level::Allow);
        o.push("all", Level::Warn).unwrap();
        assert_eq!(o.level_of(rule), Level::Warn);
        assert!(o.push("nope", Level::Warn).is_err());
        let typo = o.push("unreachable-imports", Level::Allow).unwrap_err();
        assert!(
            typo.contains("did you mean `unreachable-import`?"),
            "{typo}"
        );
    }
}
