//! The views of one input: `imports`, `grants`, `graph` and `p3`.

use std::io::Write;
use std::path::PathBuf;

use clap::{ArgMatches, Args, ValueEnum};

use super::{
    EXIT_CLEAN, EXIT_FINDINGS, InputArgs, LevelArgs, emit, json_text, level_overrides, limits,
};
use crate::graph::ImportGraph;
use crate::load::{self, InputError};
use crate::model::{self, BinaryModel, Model};
use crate::report;
use crate::rules::{self, Policy, Subject};

#[derive(Args)]
pub(super) struct ImportsArgs {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    /// The guest program of an interpreter component (a .js, .mjs or .py
    /// file, or a directory of them), as for `check --program`.
    #[arg(long, value_name = "PATH")]
    program: Option<PathBuf>,
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
pub(super) struct P3Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    levels: LevelArgs,
    #[arg(long, value_enum, default_value_t = P3Format::Text)]
    format: P3Format,
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum P3Format {
    Text,
    Json,
    Markdown,
}

#[derive(Args)]
pub(super) struct GraphArgs {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Mermaid,
    Dot,
    Json,
}

/// Loads exactly one binary input for `graph`.
fn single_binary(input: &InputArgs) -> Result<Result<BinaryModel, InputError>, String> {
    Ok(match single_model(input)? {
        Ok(Model::Binary(b)) => Ok(*b),
        Ok(Model::Wit(w)) => Err(InputError::new(
            &w.file,
            None,
            "is WIT, not a component or module: the graph needs a binary".into(),
        )),
        Err(e) => Err(e),
    })
}

/// Loads exactly one input for `imports` and `graph`.
fn single_model(input: &InputArgs) -> Result<Result<Model, InputError>, String> {
    Ok(single_input(input)?.map(|(_, model)| model))
}

/// Loads exactly one input, keeping its bytes beside its model.
fn single_input(input: &InputArgs) -> Result<Result<(load::Loaded, Model), InputError>, String> {
    let limits = limits(input);
    let discovery = load::discover(&input.paths, &input.include, &input.exclude)?;
    if let Some(e) = discovery.errors.into_iter().next() {
        return Ok(Err(e));
    }
    let [path] = discovery.inputs.as_slice() else {
        return Err(format!(
            "expected exactly one component or module, found {} inputs",
            discovery.inputs.len()
        ));
    };
    Ok(load::load(path, &limits)
        .and_then(|loaded| model::build(&loaded, &limits).map(|model| (loaded, model))))
}

/// The facts of one binary, with its guest program read (from the binary,
/// or from `--program`).
fn facts_with_program(
    loaded: &load::Loaded,
    model: &BinaryModel,
    graph: &ImportGraph,
    program: Option<&std::path::Path>,
) -> Result<crate::facts::Facts, String> {
    let given = program
        .map(crate::program::GivenProgram::read)
        .transpose()
        .map_err(|e| format!("--program: {e}"))?;
    let mut facts = crate::facts::Facts::of(model, graph);
    facts
        .read_program(&loaded.bytes, model, given.as_ref())
        .map_err(|e| format!("{}: {}", loaded.display, e.0))?;
    Ok(facts)
}

pub(super) fn imports(args: ImportsArgs, stdout: &mut dyn Write) -> Result<u8, String> {
    let (loaded, model) = match single_input(&args.input)? {
        Ok((loaded, Model::Binary(model))) => (loaded, model),
        Ok((_, Model::Wit(wit))) => {
            emit(
                &report::imports_view::render_wit(&wit),
                args.output.as_ref(),
                stdout,
            )?;
            return Ok(EXIT_CLEAN);
        }
        Err(e) => return Err(e.to_string()),
    };
    let graph = ImportGraph::build(&model);
    let facts = facts_with_program(&loaded, &model, &graph, args.program.as_deref())?;
    let view = report::imports_view::build(&model, &graph, &facts);
    let text = match args.format {
        TableFormat::Text => report::imports_view::render_text(&view),
        TableFormat::Json => json_text(&view),
    };
    emit(&text, args.output.as_ref(), stdout)?;
    Ok(EXIT_CLEAN)
}

/// `wcaudit p3`: exit 1 when not ready for WASI 0.3 (a core module, or a
/// p3-migration finding at warn or deny), 0 when ready.
pub(super) fn p3(args: P3Args, matches: &ArgMatches, stdout: &mut dyn Write) -> Result<u8, String> {
    // The plan is the long form: each interface and export apart, where
    // `check` sums them up in one finding.
    let mut levels = rules::LevelOverrides::default();
    for (rule, level) in [
        ("p2-wasi-items", rules::Level::Warn),
        ("p2-handler-export", rules::Level::Warn),
        ("p3-migration-summary", rules::Level::Allow),
    ] {
        levels.push(rule, level)?;
    }
    levels.extend(&level_overrides(&args.levels, matches)?);
    let model = single_model(&args.input)?.map_err(|e| e.to_string())?;
    let policy = Policy::default();
    let p3_only = |findings: Vec<rules::Finding>| -> Vec<rules::Finding> {
        findings
            .into_iter()
            .filter(|f| f.rule.category == rules::Category::P3Migration)
            .collect()
    };
    let (file, input, targets, used, findings) = match &model {
        Model::Binary(binary) => {
            let graph = ImportGraph::build(binary);
            let facts = crate::facts::Facts::of(binary, &graph);
            let findings = p3_only(rules::run(
                &Subject::Binary(rules::Binary::new(binary, &graph, &facts, &policy, None)),
                &levels,
            ));
            let targets = report::p3_view::binary_targets(binary);
            let used = report::p3_view::used_functions(binary, &graph, &facts);
            let input = if binary.is_component {
                let engine = facts.origins.engine().map(|e| e.origin.name);
                report::p3_view::Input::Component(engine)
            } else {
                report::p3_view::Input::CoreModule(binary)
            };
            (binary.file.clone(), input, targets, used, findings)
        }
        Model::Wit(wit) => {
            let findings = p3_only(rules::run(&Subject::Wit(wit), &levels));
            let used = report::p3_view::wit_used(wit.world_imports());
            let input = report::p3_view::Input::Wit;
            (wit.file.clone(), input, "wit", used, findings)
        }
    };
    let view = report::p3_view::build(file, input, targets, used, &findings);
    let text = match args.format {
        P3Format::Text => report::p3_view::render_text(&view),
        P3Format::Markdown => report::p3_view::render_markdown(&view),
        P3Format::Json => json_text(&view),
    };
    emit(&text, args.output.as_ref(), stdout)?;
    Ok(if view.ready {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

pub(super) fn grants(args: ImportsArgs, stdout: &mut dyn Write) -> Result<u8, String> {
    let (loaded, model) = match single_input(&args.input)? {
        Ok((loaded, Model::Binary(model))) => (loaded, *model),
        Ok((_, Model::Wit(w))) => {
            return Err(InputError::new(
                &w.file,
                None,
                "is WIT, not a component or module: grants need a binary".into(),
            )
            .to_string());
        }
        Err(e) => return Err(e.to_string()),
    };
    let graph = ImportGraph::build(&model);
    let facts = facts_with_program(&loaded, &model, &graph, args.program.as_deref())?;
    let view = report::grants_view::build(&model, &facts);
    let text = match args.format {
        TableFormat::Text => report::grants_view::render_text(&view),
        TableFormat::Json => json_text(&view),
    };
    emit(&text, args.output.as_ref(), stdout)?;
    Ok(EXIT_CLEAN)
}

pub(super) fn graph(args: GraphArgs, stdout: &mut dyn Write) -> Result<u8, String> {
    let model = match single_binary(&args.input)? {
        Ok(model) => model,
        Err(e) => return Err(e.to_string()),
    };
    let graph = ImportGraph::build(&model);
    let view = report::graph_view::build(&model, &graph);
    let text = match args.format {
        GraphFormat::Mermaid => report::graph_view::mermaid(&view),
        GraphFormat::Dot => report::graph_view::dot(&view),
        GraphFormat::Json => report::graph_view::json(&view),
    };
    emit(&text, args.output.as_ref(), stdout)?;
    Ok(EXIT_CLEAN)
}
