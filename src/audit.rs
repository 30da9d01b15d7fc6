//! The audit of one input, as a library stage: load → model → graph →
//! rules (and replay, when asked), returning the input's report. The
//! command line and the fuzz targets both call it; it knows nothing of
//! either.

use crate::facts::Facts;
use crate::graph::ImportGraph;
use crate::load::{self, InputError, Limits};
use crate::model::{self, BinaryModel, Model, NodeKind};
use crate::program::GivenProgram;
use crate::report::{self, InputReport, Summary};
use crate::rules::{self, LevelOverrides, Policy, Subject};

/// Runs a component under the counting host for `check --replay`: its
/// display name and bytes in, the calls observed out.
pub(crate) type Replayer = dyn Fn(&str, &[u8]) -> Result<model::Observed, String>;

/// Load, model, graph and rules for one input (and replay, when asked).
pub(crate) fn audit(
    path: &std::path::Path,
    limits: &Limits,
    levels: &LevelOverrides,
    policy: &Policy,
    replayer: Option<&Replayer>,
    program: Option<&GivenProgram>,
) -> InputReport {
    match load::load(path, limits) {
        Ok(loaded) => {
            let report = audit_loaded(&loaded, limits, levels, policy, replayer, program);
            let size = loaded.bytes.len();
            free_built(loaded, size);
            report
        }
        Err(e) => InputReport {
            file: load::display_path(path),
            outcome: Err(e),
            findings: Vec::new(),
            suppressed: Vec::new(),
            folded: Vec::new(),
            show: Vec::new(),
        },
    }
}

/// Model, graph and rules for one input already read.
pub(crate) fn audit_loaded(
    loaded: &load::Loaded,
    limits: &Limits,
    levels: &LevelOverrides,
    policy: &Policy,
    replayer: Option<&Replayer>,
    program: Option<&GivenProgram>,
) -> InputReport {
    let built = model::build(loaded, &limits.starting_now());
    audit_model(loaded, built, levels, policy, replayer, program)
}

/// Graph and rules for one input's model, or the report of its refusal.
pub(crate) fn audit_model(
    loaded: &load::Loaded,
    built: Result<Model, InputError>,
    levels: &LevelOverrides,
    policy: &Policy,
    replayer: Option<&Replayer>,
    program: Option<&GivenProgram>,
) -> InputReport {
    match built {
        Ok(Model::Binary(binary)) => {
            let graph = ImportGraph::build(&binary);
            let report = audit_binary(loaded, &binary, &graph, levels, policy, replayer, program);
            let size = binary.size;
            free_built((binary, graph), size);
            report
        }
        Ok(Model::Wit(wit)) => InputReport {
            file: loaded.display.clone(),
            outcome: Ok(Summary {
                kind: "wit",
                notes: Vec::new(),
                ..Summary::default()
            }),
            findings: rules::run(&Subject::Wit(&wit), levels),
            suppressed: Vec::new(),
            folded: Vec::new(),
            show: Vec::new(),
        },
        Err(e) => InputReport {
            file: loaded.display.clone(),
            outcome: Err(e),
            findings: Vec::new(),
            suppressed: Vec::new(),
            folded: Vec::new(),
            show: Vec::new(),
        },
    }
}

/// Inputs from this size on are freed on a thread of their own.
pub(crate) const BACKGROUND_DROP_BYTES: usize = 1 << 20;

/// Frees what was built for an input of `input_size` bytes. A large
/// input's bytes, model and graph are hundreds of thousands of
/// allocations that take milliseconds to free, and nothing needs to wait
/// for that: they go to a thread of their own while the next input, or
/// the report, goes on. A small input's are freed here, where it costs
/// less than starting a thread.
pub(crate) fn free_built<T: Send + 'static>(value: T, input_size: usize) {
    if input_size >= BACKGROUND_DROP_BYTES {
        // Should the thread not start, the closure and `value` drop here.
        let _ = std::thread::Builder::new().spawn(move || drop(value));
    }
}

/// Rules (and replay, when asked) for one binary already modelled.
pub(crate) fn audit_binary(
    loaded: &load::Loaded,
    binary: &BinaryModel,
    graph: &ImportGraph,
    levels: &LevelOverrides,
    policy: &Policy,
    replayer: Option<&Replayer>,
    program: Option<&GivenProgram>,
) -> InputReport {
    let mut facts = Facts::of(binary, graph);
    if let Err(mismatch) = facts.read_program(&loaded.bytes, binary, program) {
        return InputReport {
            file: loaded.display.clone(),
            outcome: Err(InputError::new(&loaded.display, None, mismatch.0)),
            findings: Vec::new(),
            suppressed: Vec::new(),
            folded: Vec::new(),
            show: Vec::new(),
        };
    }
    let mut notes = Vec::new();
    let mut replay_refused = None;
    let observed = match replayer {
        Some(replayer) if binary.is_component => match replayer(&loaded.display, &loaded.bytes) {
            Ok(observed) => Some(observed),
            Err(reason) => {
                notes.push(format!("replay did not run: {reason}"));
                replay_refused = Some(reason);
                None
            }
        },
        Some(_) => {
            notes.push("replay skipped: it runs components, not core modules".to_string());
            None
        }
        None => None,
    };
    let findings = rules::run(
        &Subject::Binary(rules::Binary::new(
            binary,
            graph,
            &facts,
            policy,
            observed.as_ref(),
        )),
        levels,
    );
    let mut summary = binary_summary(binary, &facts);
    if program.is_some() && facts.origins.engine().is_none() {
        summary.notes.push(
            "--program is for components an interpreter runs; this one's code is compiled and read directly".to_string(),
        );
    }
    if let Some(observed) = &observed {
        notes.extend(replay_notes(binary, &facts, observed));
    }
    summary.replay = notes;
    summary.replay_refused = replay_refused;
    InputReport {
        file: loaded.display.clone(),
        outcome: Ok(summary),
        findings,
        suppressed: Vec::new(),
        folded: Vec::new(),
        show: Vec::new(),
    }
}

/// What a replay adds to an input's summary: how it went, and the imports
/// static analysis could not decide, now with their measured calls.
fn replay_notes(model: &BinaryModel, facts: &Facts, observed: &model::Observed) -> Vec<String> {
    const LISTED: usize = 20;
    let mut notes = vec![match &observed.stopped {
        None => format!(
            "replay: ran {} ({} invocation{}), {} imported function{} called",
            observed.entry,
            observed.invocations,
            if observed.invocations == 1 { "" } else { "s" },
            observed.calls.values().filter(|c| c.max > 0).count(),
            if observed.calls.len() == 1 { "" } else { "s" },
        ),
        Some(stopped) => format!("replay of {} stopped at {stopped}", observed.entry),
    }];
    let mut called = Vec::new();
    let mut not_called = 0;
    for function in &facts.import_functions {
        if function.reach != crate::graph::Reach::Indeterminate {
            continue;
        }
        let import = &model.linked.imports[function.import];
        let (item, calls) = match &function.name {
            Some(name) => (
                format!("{}#{name}", import.name),
                observed.function(&import.name, name),
            ),
            None => (import.name.clone(), observed.interface(&import.name)),
        };
        let instantiating = observed.while_instantiating(&import.name, function.name.as_deref());
        match calls {
            Some(calls) => called.push(format!(
                "{item} ({} per invocation)",
                rules::replay::calls_text(&calls)
            )),
            None if instantiating > 0 => called.push(format!(
                "{item} ({} while instantiating)",
                rules::replay::count_text(instantiating)
            )),
            None => not_called += 1,
        }
    }
    if !called.is_empty() {
        let more = called.len().saturating_sub(LISTED);
        called.truncate(LISTED);
        notes.push(format!(
            "replay called {} statically indeterminate import function{}: {}{}",
            called.len() + more,
            if called.len() + more == 1 { "" } else { "s" },
            called.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    // A replay that stopped early (or never ran its entry) says nothing
    // about what it did not see.
    if not_called > 0 && observed.stopped.is_none() {
        notes.push(format!(
            "replay did not call {not_called} statically indeterminate import function{}",
            if not_called == 1 { "" } else { "s" }
        ));
    } else if not_called > 0 {
        notes.push(format!(
            "replay stopped early: {not_called} statically indeterminate import function{} it did not see called may still be",
            if not_called == 1 { "" } else { "s" }
        ));
    }
    notes
}

fn binary_summary(model: &BinaryModel, facts: &Facts) -> Summary {
    Summary {
        kind: if model.is_component {
            "component"
        } else {
            "core-module"
        },
        size: model.size,
        components: model.count(NodeKind::Component),
        modules: model.count(NodeKind::Module),
        max_depth: model.max_depth(),
        imports: model.linked.imports.len(),
        exports: model.linked.exports.len(),
        world: model.world.as_ref().map(|w| w.name.clone()),
        producers: model
            .all_producers()
            .into_iter()
            .map(|p| {
                format!("{}: {} {}", p.field, p.name, p.version)
                    .trim_end()
                    .to_string()
            })
            .collect(),
        features: model.features.iter().copied().collect(),
        runtimes: facts
            .origins
            .engines
            .iter()
            .map(|e| e.origin.name.to_string())
            .collect(),
        capabilities: report::CapabilitySummary::of(facts),
        entry_points: facts.entry_points.clone(),
        notes: model.notes.clone(),
        replay: Vec::new(),
        replay_refused: None,
        program: report::ProgramSummary::of(facts),
    }
}
