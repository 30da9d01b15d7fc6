//! Facts about one binary, computed once after the graph and read by
//! every rule and report: every imported function with its reach, whose
//! code each function and each host call is (`origin`), what each
//! capability class amounts to, and where calls out of a module sit in
//! loops and what each export's calls reach (`loops`).

pub(crate) mod capabilities;
pub(crate) mod loops;
pub(crate) mod origin;
pub(crate) mod tasks;

use crate::graph::{ImportFunction, ImportGraph};
use crate::model::BinaryModel;
use capabilities::CapabilityUse;
use loops::{ExportCrossings, ExportReach, LoopCall, LoopLowering};
use origin::{CodeOrigins, Origin, OriginKind};
use std::sync::OnceLock;

pub(crate) struct Facts {
    /// Every function of every import, with its reach: the graph's answer,
    /// asked once.
    pub(crate) import_functions: Vec<ImportFunction>,
    pub(crate) origins: CodeOrigins,
    /// Per host function, whose code calls it: the program when any code
    /// of the program can reach it (through any other code), otherwise
    /// the first of the runtimes, the adapter and glue whose own code
    /// calls it. `None` when no code calls it at all.
    host_origins: Vec<Option<Origin>>,
    /// Per host function, whose own code calls it (through the adapter and
    /// glue only): the code that changes when the call must change.
    host_callers: Vec<Option<Origin>>,
    /// Per host function, whether its calls are the program's whoever's
    /// code makes them: a function of an interface the world's author
    /// chose (not WASI's) in a component an interpreter runs, which the
    /// engine's generated bindings call only when the program does.
    program_hosts: Vec<bool>,
    /// Every capability class the component imports, in class order.
    pub(crate) capabilities: Vec<CapabilityUse>,
    /// The labels of the exported functions the graph starts from, those
    /// that reach nothing included.
    pub(crate) entry_points: Vec<String>,
    // Loop call sites and per-export reach walk every body again: they
    // are computed once, when a rule first asks (the loop rules do not ask
    // of an interpreter's component, whose loops are the engine's).
    loop_calls: OnceLock<Vec<LoopCall>>,
    loop_lowerings: OnceLock<Vec<LoopLowering>>,
    exports: OnceLock<Vec<ExportReach>>,
    crossings: OnceLock<Vec<ExportCrossings>>,
    async_tasks: OnceLock<Vec<tasks::AsyncTask>>,
    /// The guest program of an interpreter component, when one was read
    /// (`read_program`).
    pub(crate) program: Option<crate::program::Program>,
    /// The program modules a Python component's heap records, when no
    /// program was given to read (`/0/app.py`).
    pub(crate) recorded_modules: Vec<String>,
}

impl Facts {
    pub(crate) fn of(model: &BinaryModel, graph: &ImportGraph) -> Facts {
        let origins = CodeOrigins::of(model);
        let (host_origins, host_callers) = host_origins(model, graph, &origins);
        let import_functions = graph.import_functions(model);
        let mut program_hosts = vec![false; model.linked.host_funcs.len()];
        if origins.engine().is_some() {
            for f in &import_functions {
                let import = &model.linked.imports[f.import];
                if let Some(host) = f.host
                    && crate::wasi::classes::classify_import(&import.name).0
                        == crate::wasi::classes::Capability::Custom
                {
                    program_hosts[host as usize] = true;
                }
            }
        }
        let mut facts = Facts {
            import_functions,
            origins,
            host_origins,
            host_callers,
            program_hosts,
            capabilities: Vec::new(),
            entry_points: graph
                .roots
                .iter()
                .filter(|r| r.is_export)
                .map(|r| r.label.clone())
                .collect(),
            loop_calls: OnceLock::new(),
            loop_lowerings: OnceLock::new(),
            exports: OnceLock::new(),
            crossings: OnceLock::new(),
            async_tasks: OnceLock::new(),
            program: None,
            recorded_modules: Vec::new(),
        };
        facts.capabilities = capabilities::uses(model, graph, &facts);
        facts
    }

    /// Reads the guest program of an interpreter component: from its
    /// memory image, or `given` (`--program`), which must be the program
    /// the component carries. Nothing for a compiled component.
    pub(crate) fn read_program(
        &mut self,
        bytes: &[u8],
        model: &BinaryModel,
        given: Option<&crate::program::GivenProgram>,
    ) -> Result<(), crate::program::Mismatch> {
        use crate::program::Language;
        let language = match self.origins.engine().map(|e| e.origin) {
            Some(Origin::CPYTHON) => Language::Python,
            Some(Origin::STARLINGMONKEY | Origin::QUICKJS) => Language::JavaScript,
            _ => return Ok(()),
        };
        self.program = crate::program::analyse(bytes, model, language, given)?;
        if language == Language::Python && self.program.is_none() {
            self.recorded_modules = crate::program::recorded_python_modules(bytes, model);
        }
        Ok(())
    }

    /// What the program does with an imported function, when a program
    /// was read.
    pub(crate) fn program_usage(
        &self,
        interface: &str,
        function: &str,
    ) -> Option<&crate::program::Usage> {
        self.program.as_ref()?.usage(interface, function)
    }

    /// Whether the guest program uses (or may use) any function of
    /// interface `interface`; `None` when no program was read.
    pub(crate) fn program_uses_interface(&self, interface: &str) -> Option<bool> {
        let program = self.program.as_ref()?;
        Some(
            program
                .usage
                .iter()
                .any(|((i, _), u)| i == interface && !matches!(u, crate::program::Usage::Unused)),
        )
    }

    /// Whether code of the program can call host function `host`.
    pub(crate) fn program_calls(&self, host: u32) -> bool {
        self.host_origin(host).is_some_and(Origin::is_program)
    }

    pub(crate) fn host_origin(&self, host: u32) -> Option<Origin> {
        self.host_origins.get(host as usize).copied().flatten()
    }

    /// Every call site in a loop that leads to a host function or a
    /// sibling component.
    pub(crate) fn loop_calls(&self, model: &BinaryModel, graph: &ImportGraph) -> &[LoopCall] {
        self.loop_calls
            .get_or_init(|| loops::loop_calls(model, graph))
    }

    /// Every call site in a loop straight to a host function's lowering or
    /// to `waitable-set.wait`.
    pub(crate) fn loop_lowerings(&self, model: &BinaryModel) -> &[LoopLowering] {
        self.loop_lowerings
            .get_or_init(|| loops::loop_lowerings(model))
    }

    /// Per exported function, the host call sites its calls reach.
    pub(crate) fn exports(&self, model: &BinaryModel, graph: &ImportGraph) -> &[ExportReach] {
        self.exports
            .get_or_init(|| loops::export_reach(model, graph))
    }

    /// Per exported function, the component boundaries one call crosses
    /// inside the binary; empty when no component calls another.
    pub(crate) fn crossings(&self, model: &BinaryModel, graph: &ImportGraph) -> &[ExportCrossings] {
        self.crossings
            .get_or_init(|| loops::export_crossings(model, graph))
    }

    /// Every async-lifted export's task: what its entry and its callback
    /// start, and every lowering its code calls.
    pub(crate) fn async_tasks(
        &self,
        model: &BinaryModel,
        graph: &ImportGraph,
    ) -> &[tasks::AsyncTask] {
        self.async_tasks
            .get_or_init(|| tasks::async_tasks(model, graph))
    }

    /// Whose own code calls host function `host` (not through other code).
    pub(crate) fn host_caller(&self, host: u32) -> Option<Origin> {
        self.host_callers.get(host as usize).copied().flatten()
    }

    /// Whose own code calls the functions of import `index`: the program's
    /// when nobody's does.
    pub(crate) fn import_caller(&self, index: usize) -> Origin {
        self.import_functions
            .iter()
            .filter(|f| f.import == index)
            .filter_map(|f| f.host)
            .filter_map(|h| self.program_host_or(h, self.host_caller(h)))
            .min_by_key(|o| (o.kind, o.name))
            .unwrap_or(Origin::PROGRAM)
    }

    /// The program, when the calls of `host` are the program's whoever
    /// makes them (`program_hosts`), else `other`.
    fn program_host_or(&self, host: u32, other: Option<Origin>) -> Option<Origin> {
        match self.program_hosts.get(host as usize) {
            Some(true) => Some(Origin::PROGRAM),
            _ => other,
        }
    }

    /// The origin of a function defined in a module instance.
    pub(crate) fn function_origin(&self, model: &BinaryModel, instance: u32, func: u32) -> Origin {
        let module = model.linked.instances[instance as usize].module;
        self.origins.function(model, module, func)
    }

    /// Whose code each step of a graph path is (`None` for exports,
    /// imports and other steps that are no one's code).
    pub(crate) fn path_origins(
        &self,
        model: &BinaryModel,
        steps: &[crate::graph::Step],
    ) -> Vec<Option<Origin>> {
        steps
            .iter()
            .map(|s| {
                s.function
                    .map(|(instance, func)| self.function_origin(model, instance, func))
            })
            .collect()
    }

    /// Whose code calls any of `hosts`: the program's if any of it can,
    /// else the first other origin that does; the program's when nobody
    /// calls them (an import no code uses is the world's choice, and the
    /// world is the author's).
    pub(crate) fn origin_of_calls(&self, hosts: &[u32]) -> Origin {
        hosts
            .iter()
            .filter_map(|&h| self.program_host_or(h, self.host_origin(h)))
            .min_by_key(|o| (o.kind, o.name))
            .unwrap_or(Origin::PROGRAM)
    }

    /// Whose code calls the functions of import `index`.
    pub(crate) fn import_origin(&self, index: usize) -> Origin {
        let hosts: Vec<u32> = self
            .import_functions
            .iter()
            .filter(|f| f.import == index)
            .filter_map(|f| f.host)
            .collect();
        self.origin_of_calls(&hosts)
    }
}

/// The origin of the code calling each host function, two ways: whose code
/// causes the call (the program's when any of its code can reach it,
/// through any other code), and whose own code makes it (one search per
/// origin through its own code and the adapter's and glue's, which only
/// pass calls on).
fn host_origins(
    model: &BinaryModel,
    graph: &ImportGraph,
    origins: &CodeOrigins,
) -> (Vec<Option<Origin>>, Vec<Option<Origin>>) {
    // The origin of every defined function of every module, once.
    let per_module: Vec<Vec<Origin>> = model
        .modules
        .iter()
        .enumerate()
        .map(|(m, module)| {
            let count = module.func_types.len() as u32;
            (0..count).map(|f| origins.function(model, m, f)).collect()
        })
        .collect();
    let of = |instance: u32, func: u32| -> Origin {
        let m = model.linked.instances[instance as usize].module;
        per_module[m]
            .get(func as usize)
            .copied()
            .unwrap_or(Origin::PROGRAM)
    };
    let mut distinct: Vec<Origin> = per_module.iter().flatten().copied().collect();
    distinct.sort_by_key(|o| (o.kind, o.name));
    distinct.dedup();
    let hosts = model.linked.host_funcs.len();
    let mut callers: Vec<Option<Origin>> = vec![None; hosts];
    let mut causes: Vec<Option<Origin>> = vec![None; hosts];
    let seeds = |origin: Origin| {
        graph
            .core_functions()
            .filter(move |(i, f, _)| of(*i, *f) == origin)
            .map(|(_, _, n)| n)
            .collect::<Vec<_>>()
    };
    // Glue only passes calls on (a shim's trampolines call whatever a
    // table holds): it is nobody's caller of its own.
    for origin in distinct.into_iter().filter(|o| o.kind != OriginKind::Glue) {
        let own = graph.hosts_reached_from(seeds(origin), |i, f| {
            let other = of(i, f);
            other == origin
                || matches!(other.kind, OriginKind::Adapter | OriginKind::Glue)
                    && other.kind >= origin.kind
        });
        for (slot, hit) in callers.iter_mut().zip(own) {
            if hit && slot.is_none() {
                *slot = Some(origin);
            }
        }
    }
    // The program reaches what the libraries it calls reach, but not
    // through an interpreter: what the interpreter does for the program
    // lives in source or bytecode, not in calls the graph can follow.
    let program =
        graph.hosts_reached_from(seeds(Origin::PROGRAM), |i, f| !origin::is_engine(&of(i, f)));
    for ((cause, caller), by_program) in causes.iter_mut().zip(&callers).zip(program) {
        *cause = if by_program {
            Some(Origin::PROGRAM)
        } else {
            *caller
        };
    }
    (causes, callers)
}
