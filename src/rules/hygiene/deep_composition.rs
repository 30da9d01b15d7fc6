use crate::rules::{Binary, Finding, Location, Threshold};

crate::rules::declare_rule! {
    pub(crate) struct DeepComposition checks binary;
    id: "HYG004",
    name: "deep-composition",
    category: Hygiene,
    level: Warn,
    summary: "One call of an export crosses many component boundaries inside a composition.",
    what: "\
Follows each export's calls through the components composed into the \
binary (`wac plug`, `wac compose`, `wasm-tools compose`, or hand-written \
component text): a lowered call whose function another component lifts is \
one boundary, and the rule reports an export whose longest chain of such \
calls crosses more boundaries than the threshold (`max-boundaries`, \
default 8). The finding names the components on the chain and counts the \
strings and lists copied between memories on it (the parameters and the \
results of each call whose type carries them).",
    why: "\
Inside one binary, a boundary costs what a host call costs: arguments are \
lowered out of one linear memory and lifted into another (strings and lists \
copied), a fresh task starts, and the results travel back the same way. \
A chain of 32 `wac plug`s pays that 32 times on every call, however little \
each link does; middleware that only forwards is cheaper as a library \
linked into one component.",
    fix: "\
Merge links that only forward into their neighbours (build them as one \
component from one source tree), or have a link call the far end directly; \
pass handles or batches across the boundaries that remain instead of \
strings and lists copied at every hop. Raise the threshold in \
`wcaudit.toml` when the depth is intended: \
`[rules] deep-composition = { max-boundaries = 32 }`.",
    example: "\
```sh
wac plug middle.wasm --plug terminal.wasm -o chain-1.wasm
wac plug middle.wasm --plug chain-1.wasm -o chain-2.wasm   # … 32 times
```

```text
warning[HYG004] deep-composition: a call of corpus:chain/next@0.1.0#handle crosses 32 component boundaries inside this composition
```",
    thresholds: [MAX_BOUNDARIES],
}

static MAX_BOUNDARIES: Threshold = Threshold {
    rule: "HYG004",
    key: "max-boundaries",
    default: 8,
    meaning: "how many component boundaries one call of an export may cross inside a composition before the rule reports it",
};

/// Components named on the chain; the rest are counted.
const MAX_LISTED: usize = 4;

impl DeepComposition {
    fn check_binary(&self, binary: &Binary<'_>, out: &mut Vec<Finding>) {
        let (model, graph, facts) = (binary.model, binary.graph, binary.facts);
        let max = binary.policy.threshold(&MAX_BOUNDARIES).max(0) as u32;
        for crossing in facts.crossings(model, graph) {
            if crossing.depth <= max {
                continue;
            }
            let label = &crossing.label;
            let export = model
                .linked
                .exports
                .iter()
                .find(|e| label.starts_with(&e.name))
                .map(|e| e.offset);
            let names: Vec<String> = crossing
                .components
                .iter()
                .take(MAX_LISTED)
                .map(|n| model.tree_path(*n).join(" › "))
                .collect();
            let more = crossing.components.len().saturating_sub(MAX_LISTED);
            let mut finding = Finding::new(
                &META,
                Location::component(model, export),
                format!("export {label}"),
                format!(
                    "a call of {label} crosses {} component boundaries inside this composition",
                    crossing.depth
                ),
            )
            .with_note(format!(
                "through {}{}",
                names.join(" → "),
                if more > 0 {
                    format!(" → {more} more")
                } else {
                    String::new()
                }
            ))
            .with_note(format!(
                "on the way: {} string cop{} and {} list cop{} between memories",
                crossing.string_copies,
                if crossing.string_copies == 1 {
                    "y"
                } else {
                    "ies"
                },
                crossing.list_copies,
                if crossing.list_copies == 1 {
                    "y"
                } else {
                    "ies"
                },
            ));
            if crossing.recursive {
                finding = finding.with_note(
                    "the components call each other in a cycle: the count is one round of it",
                );
            }
            out.push(finding.with_help(
                "merge links that only forward into one component, or pass batches and handles instead of copies across the boundaries that remain",
            ));
        }
    }
}
