use super::{Level, RuleMeta};
use crate::facts::origin::Origin;

/// Where a finding points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Location {
    /// A place in a binary: the component path from the outer component
    /// down to the nested component or module, and a byte offset.
    Binary {
        file: String,
        component_path: Vec<String>,
        offset: Option<usize>,
    },
    /// A place in source text: WIT, or the guest program of an
    /// interpreter component.
    Text {
        file: String,
        line: usize,
        column: usize,
        range: std::ops::Range<usize>,
    },
}

impl Location {
    /// A place in the outer component of a binary.
    pub(crate) fn component(model: &crate::model::BinaryModel, offset: Option<usize>) -> Location {
        Location::Binary {
            file: model.file.clone(),
            component_path: model.tree_path(0),
            offset,
        }
    }

    /// A place in WIT source, or the WIT input itself when the WIT came as
    /// a wasm package and has no source to point into.
    pub(crate) fn in_wit(file: &str, at: Option<crate::model::WitLocation>) -> Location {
        match at {
            Some(at) => Location::Text {
                file: at.file,
                line: at.line,
                column: at.column,
                range: at.range,
            },
            None => Location::Binary {
                file: file.to_string(),
                component_path: vec!["WIT package".into()],
                offset: None,
            },
        }
    }

    pub(crate) fn file(&self) -> &str {
        match self {
            Location::Binary { file, .. } | Location::Text { file, .. } => file,
        }
    }
}

/// What replay measured for the import a finding is about.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Measured {
    pub(crate) entry: String,
    pub(crate) invocations: usize,
    pub(crate) calls: crate::model::ObservedCalls,
}

/// The order findings are reported in (`Finding::rank_key`).
pub(crate) type RankKey = (
    std::cmp::Reverse<Level>,
    crate::facts::origin::OriginKind,
    std::cmp::Reverse<u32>,
    super::Category,
    (String, usize, &'static str, String),
);

/// One problem a rule found.
#[derive(Clone, Debug)]
pub(crate) struct Finding {
    pub(crate) rule: &'static RuleMeta,
    /// The effective level after `-A/-W/-D` and configuration.
    pub(crate) level: Level,
    pub(crate) message: String,
    pub(crate) location: Location,
    /// What the finding is about, independent of offsets (e.g. the
    /// interface name), so that its fingerprint survives unrelated edits.
    pub(crate) subject: String,
    /// One example path from an export, as readable steps.
    pub(crate) path: Vec<String>,
    /// `path` with raw name-section symbols; empty when `path` has none
    /// demangled or escaped.
    pub(crate) raw_path: Vec<String>,
    /// Whose code each step of `path` is (`None` for exports and imports).
    pub(crate) path_origins: Vec<Option<Origin>>,
    /// The raw name-section symbol of the function the message names,
    /// when the message shows it demangled or escaped.
    pub(crate) symbol: Option<String>,
    pub(crate) notes: Vec<String>,
    pub(crate) help: Option<String>,
    /// The capability class the finding is about, if any.
    pub(crate) capability: Option<&'static str>,
    /// How what the finding is about is reached, as every view says it.
    pub(crate) reach: Option<super::capability::Reachability>,
    /// A ceiling on the level, for findings a rule considers less severe
    /// than its others (a denied import nobody reaches is only a warning).
    pub(crate) max_level: Option<Level>,
    /// The WIT item the finding is about: an interface, and a function in
    /// it. With `check --wit`, the finding moves to where WIT declares it.
    pub(crate) wit_item: Option<(String, Option<String>)>,
    /// The binary location of a finding moved to WIT.
    pub(crate) related: Option<Location>,
    /// What `check --replay` measured for the import the finding is about.
    pub(crate) measured: Option<Measured>,
    /// Whose code the finding is about; the program's unless the rule
    /// knows otherwise.
    pub(crate) origin: Origin,
    /// The subjects of the findings this one stands for, when a rule
    /// groups them (one per capability class): suppressions match them.
    pub(crate) grouped: Vec<String>,
}

impl Finding {
    pub(crate) fn new(
        rule: &'static RuleMeta,
        location: Location,
        subject: String,
        message: String,
    ) -> Self {
        Finding {
            rule,
            level: rule.default_level,
            message,
            location,
            subject,
            path: Vec::new(),
            raw_path: Vec::new(),
            path_origins: Vec::new(),
            symbol: None,
            notes: Vec::new(),
            help: None,
            capability: None,
            reach: None,
            max_level: None,
            wit_item: None,
            related: None,
            measured: None,
            origin: Origin::PROGRAM,
            grouped: Vec::new(),
        }
    }

    pub(crate) fn with_origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    pub(crate) fn with_capability(mut self, capability: &'static str) -> Self {
        self.capability = Some(capability);
        self
    }

    pub(crate) fn with_reach(mut self, reach: super::capability::Reachability) -> Self {
        self.reach = Some(reach);
        self
    }

    pub(crate) fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Moves the finding to a WIT location, keeping the binary one as
    /// related.
    pub(crate) fn move_to(&mut self, location: Location) {
        let binary = std::mem::replace(&mut self.location, location);
        self.related = Some(binary);
    }

    pub(crate) fn about_wit(mut self, interface: &str, function: Option<&str>) -> Self {
        self.wit_item = Some((interface.to_string(), function.map(str::to_string)));
        self
    }

    /// A capability's example path, with whose code each step is.
    pub(crate) fn with_capability_path(
        mut self,
        capability: &crate::facts::capabilities::CapabilityUse,
    ) -> Self {
        self.path = capability.path.clone();
        self.raw_path = capability.raw_path.clone();
        self.path_origins = capability.path_origins.clone();
        self
    }

    /// A path from the import graph, shown and raw, with whose code each
    /// step is.
    pub(crate) fn with_steps(
        mut self,
        steps: &[crate::graph::Step],
        model: &crate::model::BinaryModel,
        facts: &crate::facts::Facts,
    ) -> Self {
        self.path = crate::graph::shown_path(steps);
        self.raw_path = crate::graph::raw_path(steps);
        self.path_origins = facts.path_origins(model, steps);
        self
    }

    /// The path to host function `host`, and the modules that import it
    /// as a note.
    pub(crate) fn with_host(
        self,
        model: &crate::model::BinaryModel,
        graph: &crate::graph::ImportGraph,
        facts: &crate::facts::Facts,
        host: u32,
    ) -> Self {
        let reach = graph.host_reach(host);
        let by: Vec<String> = reach
            .imported_by
            .iter()
            .map(|n| model.node_label(*n))
            .collect();
        let finding = self.with_steps(&reach.path, model, facts);
        if by.is_empty() {
            finding
        } else {
            finding.with_note(format!("called from {}", by.join(", ")))
        }
    }

    pub(crate) fn with_symbol(mut self, symbol: Option<&str>) -> Self {
        self.symbol = symbol.map(str::to_string);
        self
    }

    /// A stable identity: rule, file and subject, hashed with FNV-1a so it
    /// is the same on every machine and every Rust version.
    pub(crate) fn fingerprint(&self) -> String {
        self.fingerprint_in(self.file())
    }

    /// The file the finding is about: a finding moved to WIT (`--wit`)
    /// keeps its binary's identity.
    pub(crate) fn file(&self) -> &str {
        self.related.as_ref().unwrap_or(&self.location).file()
    }

    /// The fingerprint with the file named as `file` (a baseline names
    /// files relative to itself).
    pub(crate) fn fingerprint_in(&self, file: &str) -> String {
        let text = format!("{}\u{0}{file}\u{0}{}", self.rule.id, self.subject);
        format!("{:016x}", fnv1a(text.as_bytes()))
    }

    /// The order a reviewer reads findings in: errors first, the
    /// program's before other code's, then by how severe the rule is
    /// (security first), then by place.
    pub(crate) fn rank_key(&self) -> RankKey {
        let severity = self
            .rule
            .security_severity
            .and_then(|s| s.parse::<f32>().ok())
            .map_or(0, |s| (s * 10.0) as u32);
        (
            std::cmp::Reverse(self.level),
            self.origin.kind,
            std::cmp::Reverse(severity),
            self.rule.category,
            self.sort_key(),
        )
    }

    pub(crate) fn sort_key(&self) -> (String, usize, &'static str, String) {
        let offset = match &self.location {
            Location::Binary { offset, .. } => offset.unwrap_or(0),
            Location::Text { range, .. } => range.start,
        };
        (
            self.location.file().to_string(),
            offset,
            self.rule.id,
            self.subject.clone(),
        )
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    #[test]
    fn fnv1a_matches_reference_values() {
        assert_eq!(super::fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(super::fnv1a(b"a"), 0xaf63dc4c8601ec8c);
    }
}
