//! What a rule is: its declaration, what it looks at, and its check.

use super::{Finding, Level, Policy};
use crate::facts::Facts;
use crate::graph::{ImportFunction, ImportGraph};
use crate::model::{BinaryModel, Observed, WitModel};

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
    pub(crate) thresholds: &'static [&'static Threshold],
}

/// A tunable number of a rule, declared as a `static` beside it: the rule
/// reads it through `Policy::threshold` with the declaration itself, so
/// there is no key to misspell.
#[derive(Debug)]
pub(crate) struct Threshold {
    /// The id of the rule that declares it.
    pub(crate) rule: &'static str,
    pub(crate) key: &'static str,
    pub(crate) default: i64,
    pub(crate) meaning: &'static str,
}

/// What a rule looks at.
pub(crate) enum Subject<'a> {
    Binary(Binary<'a>),
    Wit(&'a WitModel),
}

/// A binary and the facts about it every rule reads, computed once.
pub(crate) struct Binary<'a> {
    pub(crate) model: &'a BinaryModel,
    pub(crate) graph: &'a ImportGraph,
    pub(crate) policy: &'a Policy,
    /// What `check --replay` measured, when it ran.
    pub(crate) observed: Option<&'a Observed>,
    /// The facts about the binary every rule and report reads.
    pub(crate) facts: &'a Facts,
    /// Every function of every import, with its reach (`facts`' own).
    pub(crate) import_functions: &'a [ImportFunction],
}

impl<'a> Binary<'a> {
    pub(crate) fn new(
        model: &'a BinaryModel,
        graph: &'a ImportGraph,
        facts: &'a Facts,
        policy: &'a Policy,
        observed: Option<&'a Observed>,
    ) -> Binary<'a> {
        Binary {
            model,
            graph,
            policy,
            observed,
            facts,
            import_functions: &facts.import_functions,
        }
    }
}

impl<'a> Subject<'a> {
    /// The binary, for rules that look only at binaries.
    pub(crate) fn binary(&self) -> Option<&Binary<'a>> {
        match self {
            Subject::Binary(binary) => Some(binary),
            Subject::Wit(_) => None,
        }
    }
}

pub(crate) trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, subject: &Subject<'_>, out: &mut Vec<Finding>);
}
