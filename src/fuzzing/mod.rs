//! Entry points for the fuzz targets in `fuzz/` and for the tests that
//! replay their corpus on stable Rust. Each takes the fuzzer's bytes and
//! runs what a user's input would go through; a panic is the finding.
//!
//! Not part of wcaudit's interface: built only for tests and with the
//! `fuzzing` feature.

mod control_flow;
mod generate;

#[cfg(test)]
pub(crate) use generate::{Shape, binary as generate_for_tests};

use std::path::Path;

use arbitrary::Unstructured;

use crate::load::{self, InputKind, Limits};
use crate::model::{self, Model};
use crate::report::{self, ColorChoice, Format, InputReport, Report};
use crate::rules::{self, Level, LevelOverrides, Policy};

/// What `check` made of one input.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Audited: the number of findings.
    Audited(usize),
    /// Refused with an input error (the one line a user would see).
    Refused(String),
}

pub(crate) fn fuzz_limits() -> Limits {
    Limits {
        threads: 1,
        ..Limits::default()
    }
}

/// Every rule on, at least at warn: off-by-default rules must not hide
/// panics from the fuzzer.
fn all_rules() -> LevelOverrides {
    let mut levels = LevelOverrides::default();
    levels
        .push("all", Level::Warn)
        .expect("`all` is a selector");
    levels
}

/// Raw bytes as an input file: identify, model, graph, every rule, and
/// every report format and view.
pub fn check_bytes(bytes: &[u8]) -> Outcome {
    model::contain_decoding_panics();
    let loaded = match load::identify(
        "fuzz.wasm".into(),
        Path::new("fuzz.wasm"),
        bytes.to_vec().into(),
    ) {
        Ok(loaded) => loaded,
        Err(e) => return Outcome::Refused(e.to_string()),
    };
    if loaded.kind == InputKind::Wit {
        return wit_text(bytes);
    }
    let policy = Policy::default();
    let report = match model::build(&loaded, &fuzz_limits().starting_now()) {
        Ok(Model::Binary(binary)) => {
            let graph = crate::graph::ImportGraph::build(&binary);
            let imports = report::imports_view::build(
                &binary,
                &graph,
                &crate::facts::Facts::of(&binary, &graph),
            );
            let _ = report::imports_view::render_text(&imports);
            let grants =
                report::grants_view::build(&binary, &crate::facts::Facts::of(&binary, &graph));
            let _ = report::grants_view::render_text(&grants);
            let drawn = report::graph_view::build(&binary, &graph);
            let _ = report::graph_view::mermaid(&drawn);
            let _ = report::graph_view::dot(&drawn);
            let _ = report::graph_view::json(&drawn);
            crate::audit::audit_binary(&loaded, &binary, &graph, &all_rules(), &policy, None, None)
        }
        // A WIT package encoded as wasm, or a refusal.
        built => crate::audit::audit_model(&loaded, built, &all_rules(), &policy, None, None),
    };
    render_all(report)
}

/// WIT source text, as a `.wit` file would be read.
pub fn wit_text(bytes: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Outcome::Refused("not UTF-8".into());
    };
    let report = match model::wit_from_text("fuzz.wit", text) {
        Ok(wit) => {
            let _ = report::imports_view::render_wit(&wit);
            let _ = wit.world_imports();
            for item in &wit.items {
                let _ = wit.anchor(&item.name, None);
            }
            let findings = rules::run(&rules::Subject::Wit(&wit), &all_rules());
            InputReport {
                file: "fuzz.wit".into(),
                outcome: Ok(report::Summary {
                    kind: "wit",
                    ..report::Summary::default()
                }),
                findings,
                suppressed: Vec::new(),
                folded: Vec::new(),
                show: Vec::new(),
            }
        }
        Err(e) => InputReport {
            file: "fuzz.wit".into(),
            outcome: Err(e),
            findings: Vec::new(),
            suppressed: Vec::new(),
            folded: Vec::new(),
            show: Vec::new(),
        },
    };
    render_all(report)
}

/// wcaudit.toml text: parse, render any error with its snippet, and ask
/// the resulting configuration what it says about a few inputs.
pub fn config_text(bytes: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Outcome::Refused("not UTF-8".into());
    };
    match crate::config::parse_text("wcaudit.toml", Path::new("/nonexistent"), text) {
        Ok(config) => {
            for input in ["a.wasm", "dir/b.wasm", "wit/c.wit"] {
                let path = Path::new(input);
                let _ = config.policy_for(path);
                let mut levels = LevelOverrides::default();
                let _ = config.levels_for(path, &mut levels);
                let _ = config.suppression(
                    path,
                    "CAP001",
                    "unreachable-import",
                    "wasi:cli/environment",
                );
            }
            Outcome::Audited(0)
        }
        Err(e) => Outcome::Refused(e.render()),
    }
}

/// A valid binary made from the fuzzer's bytes by wasm-smith or from a
/// generated WIT world, through `check`. A valid input must be audited:
/// refusing one is a bug unless a documented limit was reached. A
/// component's skeleton must decode to the world the whole one does.
pub fn check_generated(data: &[u8]) -> Option<Outcome> {
    let mut u = Unstructured::new(data);
    let (shape, binary) = generate::binary(&mut u).ok()?;
    let mut validator = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all());
    // wasm-smith and wit-component aim for valid output; what they get
    // wrong is theirs, not wcaudit's, so it is skipped.
    validator.validate_all(&binary).ok()?;
    if wasmparser::Parser::is_component(&binary)
        && let Err(disagreement) = crate::model::skeleton_agrees(&binary)
    {
        panic!("a {shape:?}'s world: {disagreement}");
    }
    let outcome = check_bytes(&binary);
    if let Outcome::Refused(message) = &outcome {
        assert!(
            message.contains("limit"),
            "a valid {shape:?} was refused: {message}"
        );
    }
    Some(outcome)
}

/// What the replaying fuzz targets run a component with: a 500 ms deadline,
/// a million units of fuel and 16 MiB of memory.
#[cfg(feature = "replay")]
fn fuzz_replay_options() -> crate::replay::ReplayOptions {
    crate::replay::ReplayOptions {
        budget: crate::replay::Budget {
            timeout: std::time::Duration::from_millis(500),
            fuel: Some(1_000_000),
            max_memory: 16 << 20,
        },
        ..crate::replay::ReplayOptions::default()
    }
}

/// A generated component under replay with tight limits: it must stop
/// (trap, time out, run dry of fuel, hit the memory cap or finish) and
/// never panic, and no import it called (in the invocation or while
/// instantiating) may be one static analysis claimed unreachable: the
/// soundness oracle.
#[cfg(feature = "replay")]
pub fn replay_generated(data: &[u8]) -> Option<Result<(), String>> {
    let mut u = Unstructured::new(data);
    let binary = generate::runnable_component(&mut u).ok()?;
    let options = fuzz_replay_options();
    let replayed = crate::replay::replay("fuzz.wasm", &binary, &options);
    if let Ok(report) = &replayed
        && let Ok(refuted) = refuted_claims(&binary, &report.observed())
    {
        assert!(
            refuted.is_empty(),
            "static analysis claimed unreachable what replay saw called: {refuted:?}"
        );
    }
    Some(replayed.map(|_| ()))
}

/// The soundness oracle on programs written to reach imports by varied
/// control flow (`control_flow`): a replay of `run` (and of instantiation,
/// whose start function writes a table slot) and one of `count(n)` with
/// the generator's argument may not see a call static analysis claimed
/// unreachable, nor a number of calls other than one it claimed exact.
/// What was checked, or `Err` when a replay itself failed.
#[cfg(feature = "replay")]
pub fn soundness_generated(data: &[u8]) -> Option<Result<Checked, String>> {
    soundness_generated_within(data, fuzz_replay_options().budget.timeout)
}

/// `soundness_generated` with another deadline per replay. The deadline
/// covers compiling, which in a debug build on a busy machine can take
/// longer than the fuzz target's 500 ms: a replay stopped by it checks
/// nothing, so the tests give it more time (fuel still bounds the run).
#[cfg(feature = "replay")]
pub(crate) fn soundness_generated_within(
    data: &[u8],
    timeout: std::time::Duration,
) -> Option<Result<Checked, String>> {
    use crate::replay::EntryRequest;

    let generated = control_flow::generate(&mut Unstructured::new(data)).ok()?;
    let text = &generated.text;
    let binary = wat::parse_str(text).expect("the generator writes valid text");
    let count = EntryRequest::Invoke {
        function: "count".into(),
        args: Some(generated.count_arg.to_string()),
    };
    // Compiled quickly: the oracle is about what the code calls, which
    // Cranelift's optimisations keep; `replay_generated` fuzzes the
    // replay itself, as the binary compiles.
    let mut options = crate::replay::ReplayOptions {
        compiler: crate::replay::Compiler::Quick,
        ..fuzz_replay_options()
    };
    options.budget.timeout = timeout;
    let exports = ["run", "count"];
    // One compilation for both replays: compiling was most of the time.
    let reports = match crate::replay::replay_each(
        "generated.wasm",
        &binary,
        &options,
        &[EntryRequest::Auto, count],
    ) {
        Ok(reports) => reports,
        Err(e) => return Some(Err(e)),
    };
    let calls = reports
        .iter()
        .flat_map(|report| report.calls.iter().chain(&report.instantiation))
        .map(|row| row.total())
        .sum::<u64>();
    let observations: Vec<_> = exports
        .into_iter()
        .zip(reports.iter().map(|report| report.observed()))
        .collect();
    let verdict = violated_claims(&binary, &observations).expect("a binary wcaudit models");
    assert!(
        verdict.violations.is_empty(),
        "static analysis claimed what replay refutes: {:?}\n{text}",
        verdict.violations
    );
    Some(Ok(Checked {
        calls,
        exact_counts: verdict.exact_counts,
    }))
}

/// What one execution of `soundness_generated` checked.
#[cfg(feature = "replay")]
#[derive(Clone, Copy, Debug)]
pub struct Checked {
    /// Calls to imports replay counted, in invocations and while
    /// instantiating.
    pub calls: u64,
    /// Exact call counts the analysis claimed and replay confirmed.
    pub exact_counts: usize,
}

/// What the oracle found: the claims replay refuted, and how many exact
/// call counts it compared.
// Only the replay fuzz target and replay tests compare counts.
#[cfg_attr(not(feature = "replay"), allow(dead_code))]
pub(crate) struct Verdict {
    pub(crate) violations: Vec<String>,
    pub(crate) exact_counts: usize,
}

/// The soundness oracle: every import function static analysis claims
/// unreachable in `bytes` although a replay (`observed`) saw it called,
/// in an invocation or while instantiating. Empty when the claims hold.
/// `Err` when the bytes are not a binary wcaudit models.
// The soundness tests and the replay fuzz target use it.
#[cfg_attr(not(any(test, feature = "replay")), allow(dead_code))]
pub(crate) fn refuted_claims(
    bytes: &[u8],
    observed: &model::Observed,
) -> Result<Vec<String>, String> {
    with_analysis(bytes, |binary, graph| {
        crate::graph::refuted_unreachable(binary, graph, observed)
            .into_iter()
            .map(|r| r.item)
            .collect()
    })
}

/// The whole oracle over replays of several exports of `bytes`, each
/// observation with the export it invoked: every claim of `unreachable`
/// a replay refuted (as `refuted_claims`), and every exact call count
/// that differs from what the replay of that export counted
/// (`miscounted`).
// Only the replay fuzz target and replay tests compare counts.
#[cfg_attr(not(feature = "replay"), allow(dead_code))]
pub(crate) fn violated_claims(
    bytes: &[u8],
    observations: &[(&str, model::Observed)],
) -> Result<Verdict, String> {
    with_analysis(bytes, |binary, graph| {
        let facts = crate::facts::Facts::of(binary, graph);
        let mut verdict = Verdict {
            violations: Vec::new(),
            exact_counts: 0,
        };
        for (export, observed) in observations {
            verdict.violations.extend(
                crate::graph::refuted_unreachable(binary, graph, observed)
                    .into_iter()
                    .map(|r| format!("{export}: {} claimed unreachable", r.item)),
            );
            let (compared, wrong) = miscounted(binary, graph, &facts, export, observed);
            verdict.exact_counts += compared;
            verdict.violations.extend(wrong);
        }
        verdict
    })
}

/// Builds the model and graph of `bytes` and asks `query` of them.
#[cfg_attr(not(any(test, feature = "replay")), allow(dead_code))]
fn with_analysis<T>(
    bytes: &[u8],
    query: impl FnOnce(&crate::model::BinaryModel, &crate::graph::ImportGraph) -> T,
) -> Result<T, String> {
    let loaded = load::identify(
        "oracle.wasm".into(),
        Path::new("oracle.wasm"),
        bytes.to_vec().into(),
    )
    .map_err(|e| e.to_string())?;
    match model::build(&loaded, &fuzz_limits().starting_now()) {
        Ok(Model::Binary(binary)) => {
            let graph = crate::graph::ImportGraph::build(&binary);
            Ok(query(&binary, &graph))
        }
        Ok(Model::Wit(_)) => Err("a WIT package, not a binary".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// The calls to each host function one invocation of `export` makes, as
/// far as the analysis claims them exactly, compared with `observed`.
///
/// The analysis counts calls per call site: a call site in loops whose
/// trip counts it knows, outside any branch, runs that many times per
/// call of its function (`LoopCall::repetitions`, what
/// `import-call-in-loop` reports). Those claims add up to a claim about
/// the export when its calls reach one core function only (the lifted
/// one, so it runs once per invocation) and that function calls nothing
/// but host functions, each only from such sites. Each such total that
/// differs from the calls replay saw is a violation. Invocations a limit
/// or a trap cut short are not compared: their counts are partial. The
/// number of claims compared, and the violations.
// Only the replay fuzz target and replay tests compare counts.
#[cfg_attr(not(feature = "replay"), allow(dead_code))]
fn miscounted(
    model: &crate::model::BinaryModel,
    graph: &crate::graph::ImportGraph,
    facts: &crate::facts::Facts,
    export: &str,
    observed: &model::Observed,
) -> (usize, Vec<String>) {
    use crate::model::{CallTarget, ComponentFuncRef, CoreFuncRef};

    if observed.stopped.is_some() || observed.invocations == 0 {
        return (0, Vec::new());
    }
    let linked = &model.linked;
    let Some((_, functions)) = graph
        .functions_per_export()
        .into_iter()
        .find(|(label, _)| label == export)
    else {
        return (0, Vec::new());
    };
    let [(instance, func)] = functions[..] else {
        return (0, Vec::new());
    };
    let module = &model.modules[linked.instances[instance as usize].module];
    let Some(body) = module.body(func) else {
        return (0, Vec::new());
    };
    let loop_calls = facts.loop_calls(model, graph);
    // Per host function, the calls claimed, or `None` once a site's count
    // is not claimed.
    let mut claimed: std::collections::BTreeMap<u32, Option<u64>> = Default::default();
    for site in &body.calls {
        let CallTarget::Direct(callee) = site.target else {
            return (0, Vec::new());
        };
        let CoreFuncRef::Lowered(l) = linked.resolve_func(&model.modules, instance, callee) else {
            return (0, Vec::new());
        };
        let lowering = &linked.lowerings[l as usize];
        let ComponentFuncRef::Host(host) = lowering.target else {
            return (0, Vec::new());
        };
        let exact = loop_calls
            .iter()
            .find(|c| c.instance == instance && c.func == func && c.offset == site.offset)
            .filter(|c| !c.conditional)
            .and_then(|c| c.repetitions.as_ref())
            .map(|(total, _)| *total);
        let sum = claimed.entry(host).or_insert(Some(0));
        *sum = sum.zip(exact).and_then(|(a, b)| a.checked_add(b));
    }
    let mut out = Vec::new();
    let mut compared = 0;
    for (host, claim) in claimed {
        let Some(claim) = claim else { continue };
        compared += 1;
        let host_func = &linked.host_funcs[host as usize];
        let interface = &linked.imports[host_func.import].name;
        let seen = match &host_func.name {
            Some(name) => observed.function(interface, name),
            None => observed.interface(interface),
        }
        .unwrap_or_default();
        if seen.min != claim || seen.max != claim {
            out.push(format!(
                "{export}: {} claimed called exactly {claim} times per invocation, replay counted {}..={}",
                linked.host_func_name(host),
                seen.min,
                seen.max
            ));
        }
    }
    (compared, out)
}

fn render_all(input: InputReport) -> Outcome {
    let outcome = match &input.outcome {
        Ok(_) => Outcome::Audited(input.findings.len()),
        Err(e) => Outcome::Refused(e.to_string()),
    };
    let report = Report {
        inputs: vec![input],
        fail_on: Level::Warn,
        baseline: None,
        root: std::env::current_dir().unwrap_or_default(),
    };
    for format in [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Markdown,
    ] {
        let _ = report::render(&report, format, ColorChoice::Never);
    }
    outcome
}
