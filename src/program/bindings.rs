//! From what a program's text refers to ([`Scan`]) to the component's
//! imported functions it uses. A WIT function is reached from a program
//! in three ways, and each is followed here:
//! - by its binding: the interface imported as a module (jco:
//!   `ns:pkg/iface@version`; componentize-py: `wit_world.imports.iface`),
//!   its functions and resource classes named in the language's case;
//! - as a method of a resource the program can hold: one an export hands
//!   it, one a function it uses returns, or one it constructs; resources
//!   are followed to a fixed point, and a method is used when a member of
//!   its name is referred to (whatever the object: an over-approximation,
//!   so that a method is never called unused when it could be called);
//! - through the engine's own APIs (`fetch`, `open`), by the table in
//!   `wasi::engine_apis`.
//!
//! What the text cannot show (a computed member of a binding module,
//! `eval`, an unknown global or module) makes what it could reach
//! indeterminate, with the construct and its line.

use std::collections::{BTreeMap, BTreeSet};

use wit_parser::{FunctionKind, Handle, Resolve, Type, TypeDefKind, TypeId};

use super::apis::{self, ApiUse};
use super::scan::{Position, Reference, Scan};
use super::{Evidence, Language, ProgramLoop, Usage};

/// One function the component imports, as a program names it.
struct Function {
    /// `wasi:http/types@0.2.12`.
    interface: String,
    /// `[method]fields.get`.
    wit: String,
    kind: Kind,
    /// Resources its results hand the program.
    returns: Vec<TypeId>,
}

#[derive(Clone, PartialEq, Eq)]
enum Kind {
    Free(String),
    Method(TypeId, String),
    Static(TypeId, String),
    Constructor(TypeId),
}

/// The program's view of the component's imports.
pub(crate) struct Imports {
    functions: Vec<Function>,
    /// Resource → its class names in the language (its own and its
    /// aliases': `Fields`, `Headers`, `Trailers`), and its interface.
    resources: BTreeMap<TypeId, (Vec<String>, String)>,
    /// Resources the component's exports hand the program.
    exported_resources: Vec<TypeId>,
}

impl Imports {
    pub(crate) fn of(world: &crate::model::WorldSummary, language: Language) -> Imports {
        let resolve = &world.resolve;
        let mut functions = Vec::new();
        let mut resources = BTreeMap::new();
        for (name, id) in &world.imported_interfaces {
            let interface = &resolve.interfaces[*id];
            for (type_name, ty) in &interface.types {
                let ty = canonical(resolve, *ty);
                if matches!(resolve.types[ty].kind, TypeDefKind::Resource)
                    && resolve.types[ty].owner == wit_parser::TypeOwner::Interface(*id)
                {
                    resources
                        .entry(ty)
                        .or_insert_with(|| (Vec::new(), name.clone()))
                        .0
                        .push(class_case(type_name));
                }
            }
            for (wit, function) in &interface.functions {
                let item = function.item_name();
                let kind = match &function.kind {
                    FunctionKind::Freestanding
                    | FunctionKind::AsyncFreestanding
                    | FunctionKind::Getter
                    | FunctionKind::Setter => Kind::Free(function_case(item, language)),
                    FunctionKind::Method(r)
                    | FunctionKind::AsyncMethod(r)
                    | FunctionKind::MethodGetter(r)
                    | FunctionKind::MethodSetter(r) => {
                        Kind::Method(canonical(resolve, *r), function_case(item, language))
                    }
                    FunctionKind::Static(r)
                    | FunctionKind::AsyncStatic(r)
                    | FunctionKind::StaticGetter(r)
                    | FunctionKind::StaticSetter(r) => {
                        Kind::Static(canonical(resolve, *r), function_case(item, language))
                    }
                    FunctionKind::Constructor(r) => Kind::Constructor(canonical(resolve, *r)),
                };
                let mut returns = Vec::new();
                if let Some(result) = &function.result {
                    resources_in(resolve, result, &mut returns, 0);
                }
                functions.push(Function {
                    interface: name.clone(),
                    wit: wit.clone(),
                    kind,
                    returns,
                });
            }
        }
        let mut exported_resources = Vec::new();
        for (_, id) in &world.exported_interfaces {
            for function in resolve.interfaces[*id].functions.values() {
                for param in &function.params {
                    resources_in(resolve, &param.ty, &mut exported_resources, 0);
                }
            }
        }
        Imports {
            functions,
            resources,
            exported_resources,
        }
    }
}

fn canonical(resolve: &Resolve, mut ty: TypeId) -> TypeId {
    for _ in 0..64 {
        match resolve.types[ty].kind {
            TypeDefKind::Type(Type::Id(next)) => ty = next,
            _ => break,
        }
    }
    ty
}

fn resources_in(resolve: &Resolve, ty: &Type, out: &mut Vec<TypeId>, depth: u32) {
    let Type::Id(id) = ty else { return };
    if depth > 32 {
        return;
    }
    let id = canonical(resolve, *id);
    let mut walk = |t: &Type| resources_in(resolve, t, out, depth + 1);
    match &resolve.types[id].kind {
        TypeDefKind::Resource => out.push(id),
        TypeDefKind::Handle(Handle::Own(r) | Handle::Borrow(r)) => {
            out.push(canonical(resolve, *r));
        }
        TypeDefKind::Record(r) => r.fields.iter().for_each(|f| walk(&f.ty)),
        TypeDefKind::Tuple(t) => t.types.iter().for_each(walk),
        TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty.as_ref()).for_each(walk),
        TypeDefKind::Option(t) | TypeDefKind::List(t) | TypeDefKind::FixedLengthList(t, _) => {
            walk(t)
        }
        TypeDefKind::Map(k, v) => {
            walk(k);
            walk(v);
        }
        TypeDefKind::Result(r) => {
            r.ok.iter().chain(r.err.iter()).for_each(walk);
        }
        TypeDefKind::Future(t) | TypeDefKind::Stream(t) => t.iter().for_each(walk),
        TypeDefKind::Type(t) => walk(t),
        _ => {}
    }
}

/// `get-header` → `getHeader` (jco) or `get_header` (componentize-py).
pub(crate) fn function_case(wit: &str, language: Language) -> String {
    match language {
        Language::JavaScript => {
            let mut out = String::new();
            for (i, word) in wit.split('-').enumerate() {
                if i == 0 {
                    out.push_str(word);
                } else {
                    let mut chars = word.chars();
                    if let Some(c) = chars.next() {
                        out.extend(c.to_uppercase());
                        out.push_str(chars.as_str());
                    }
                }
            }
            out
        }
        Language::Python => wit.replace('-', "_"),
    }
}

/// `incoming-request` → `IncomingRequest`, in both languages.
fn class_case(wit: &str) -> String {
    wit.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().collect::<String>() + &chars.as_str().to_lowercase()
            })
        })
        .collect()
}

/// `ns:pkg/iface@1.2.3` without its version.
fn unversioned(name: &str) -> &str {
    name.split_once('@').map_or(name, |(n, _)| n)
}

/// The interfaces a module name stands for in the program's language.
fn interfaces_of_module<'a>(
    module: &str,
    language: Language,
    interfaces: &'a BTreeSet<&'a str>,
) -> Vec<&'a str> {
    match language {
        Language::JavaScript => interfaces
            .iter()
            .copied()
            .filter(|i| *i == module || unversioned(i) == unversioned(module))
            .collect(),
        Language::Python => {
            // `wit_world.imports.types` (or the world's own module name in
            // older componentize-py). The short name can stand for several
            // interfaces (`types`); all of them are taken.
            let Some((_, rest)) = module.split_once(".imports.") else {
                return Vec::new();
            };
            interfaces
                .iter()
                .copied()
                .filter(|i| {
                    let path = unversioned(i);
                    let short = path.rsplit('/').next().unwrap_or(path).replace('-', "_");
                    let long = path.replace([':', '/', '-'], "_");
                    rest == short || rest == long
                })
                .collect()
        }
    }
}

/// Whether a Python module is the binding package itself
/// (`from wit_world.imports import fine`).
fn is_binding_package(module: &str) -> bool {
    module.ends_with(".imports") && !module.starts_with('.')
}

/// A name the program binds to an interface or to one of its items.
#[derive(Clone)]
enum Binding {
    /// The interface's module object.
    Interface(Vec<String>),
    /// One function (by index into `Imports::functions`).
    Function(usize),
    /// A resource's class.
    Class(TypeId),
}

pub(crate) struct Mapped {
    pub(crate) usage: BTreeMap<(String, String), Usage>,
    pub(crate) loops: Vec<ProgramLoop>,
}

/// Maps what `scans` (one per file) refer to onto `imports`.
pub(crate) fn map(
    imports: &Imports,
    language: Language,
    program_modules: &[String],
    scans: &[(String, Scan)],
) -> Mapped {
    let interfaces: BTreeSet<&str> = imports
        .functions
        .iter()
        .map(|f| f.interface.as_str())
        .collect();
    let mut used: BTreeMap<usize, Vec<Evidence>> = BTreeMap::new();
    let mut indeterminate: BTreeMap<usize, (String, Option<Evidence>)> = BTreeMap::new();
    // Every use that resolves to an imported function: (function, file,
    // the use with its loops).
    let mut calls: Vec<(usize, usize, super::scan::Use)> = Vec::new();
    let evidence = |file: &str, at: Position, via: Option<String>| Evidence {
        file: file.to_string(),
        line: at.line,
        column: at.column,
        offset: at.offset,
        via,
    };

    let mut holdable: BTreeSet<TypeId> = imports.exported_resources.iter().copied().collect();
    // Resource classes referred to by name, with where.
    let mut classes: BTreeMap<TypeId, Vec<Evidence>> = BTreeMap::new();
    // Per file: local name → binding.
    let mut bindings: Vec<BTreeMap<String, Binding>> = Vec::new();
    for (file, scan) in scans {
        let mut local = BTreeMap::new();
        for import in &scan.imports {
            let bind_all = |targets: Vec<&str>, used: &mut BTreeMap<usize, Vec<Evidence>>| {
                for (index, f) in imports.functions.iter().enumerate() {
                    if targets.contains(&f.interface.as_str()) {
                        used.entry(index)
                            .or_default()
                            .push(evidence(file, import.at, None));
                    }
                }
            };
            if language == Language::Python && is_binding_package(&import.module) {
                // Each name is an interface's module.
                for (name, local_name) in &import.names {
                    let module = format!("{}.{name}", import.module);
                    let targets = interfaces_of_module(&module, language, &interfaces);
                    local.insert(
                        local_name.clone(),
                        Binding::Interface(targets.iter().map(|s| s.to_string()).collect()),
                    );
                }
                if import.everything || import.namespace.is_some() {
                    // Every interface module is in reach.
                    bind_all(interfaces.iter().copied().collect(), &mut used);
                }
                continue;
            }
            let targets = interfaces_of_module(&import.module, language, &interfaces);
            if targets.is_empty() {
                continue;
            }
            if import.everything {
                bind_all(targets.clone(), &mut used);
            }
            if let Some(namespace) = &import.namespace {
                local.insert(
                    namespace.clone(),
                    Binding::Interface(targets.iter().map(|s| s.to_string()).collect()),
                );
            }
            for (name, local_name) in &import.names {
                if let Some(binding) = item_binding(imports, &targets, name) {
                    local.insert(local_name.clone(), binding);
                }
            }
        }
        bindings.push(local);
    }

    // Bindings referred to, and engine APIs.
    // Member uses that may be resource methods: (file, name, use, the
    // resource the object is known to be).
    let mut members: Vec<(usize, &str, &super::scan::Use, Option<TypeId>)> = Vec::new();
    for (file_index, (file, scan)) in scans.iter().enumerate() {
        let local = &bindings[file_index];
        let mut hit =
            |index: usize, u: &super::scan::Use, used: &mut BTreeMap<usize, Vec<Evidence>>| {
                used.entry(index)
                    .or_default()
                    .push(evidence(file, u.at, None));
                calls.push((index, file_index, u.clone()));
            };
        for u in &scan.uses {
            match &u.reference {
                Reference::Name(name) => match local.get(name) {
                    Some(Binding::Function(index)) => hit(*index, u, &mut used),
                    Some(Binding::Class(resource)) => {
                        classes
                            .entry(*resource)
                            .or_default()
                            .push(evidence(file, u.at, None));
                        holdable.insert(*resource);
                    }
                    Some(Binding::Interface(_)) | None => {}
                },
                Reference::Member { object, property } => {
                    if let Some(Binding::Interface(targets)) =
                        object.as_ref().and_then(|o| local.get(o))
                    {
                        let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
                        match item_binding(imports, &targets, property) {
                            Some(Binding::Function(index)) => hit(index, u, &mut used),
                            Some(Binding::Class(resource)) => {
                                classes
                                    .entry(resource)
                                    .or_default()
                                    .push(evidence(file, u.at, None));
                                holdable.insert(resource);
                            }
                            _ => {}
                        }
                        continue;
                    }
                    // `ResponseOutparam.set(…)`: a static function of the class.
                    if let Some(Binding::Class(resource)) =
                        object.as_ref().and_then(|o| local.get(o))
                    {
                        classes.entry(*resource).or_default();
                        for (index, f) in imports.functions.iter().enumerate() {
                            if matches!(&f.kind, Kind::Static(r, name) if r == resource && name == property)
                            {
                                hit(index, u, &mut used);
                            }
                        }
                        continue;
                    }
                    // A list's `append` is not a resource's.
                    if object.as_deref().is_some_and(|o| scan.holds_literal(o)) {
                        continue;
                    }
                    // An object whose class the text gives is that class's.
                    let class = object
                        .as_ref()
                        .and_then(|o| scan.classes.get(o))
                        .and_then(Option::as_ref)
                        .and_then(|class| match local.get(class) {
                            Some(Binding::Class(r)) => Some(*r),
                            _ => None,
                        });
                    members.push((file_index, property.as_str(), u, class));
                }
            }
        }
        // A name bound to an interface module that escapes (passed or
        // assigned, not only read from) takes the whole interface. Where
        // it is only the object of a member or of a computed lookup, the
        // reference sits where that member or lookup starts.
        let read_from: BTreeSet<(&str, Position)> = scan
            .uses
            .iter()
            .filter_map(|m| match &m.reference {
                Reference::Member {
                    object: Some(o), ..
                } => Some((o.as_str(), m.at)),
                _ => None,
            })
            .chain(
                scan.dynamic
                    .iter()
                    .filter_map(|d| Some((d.object.as_deref()?, d.at))),
            )
            .collect();
        for u in &scan.uses {
            if let Reference::Name(name) = &u.reference
                && let Some(Binding::Interface(targets)) = local.get(name)
                && !read_from.contains(&(name.as_str(), u.at))
            {
                for (index, f) in imports.functions.iter().enumerate() {
                    if targets.contains(&f.interface) {
                        used.entry(index)
                            .or_default()
                            .push(evidence(file, u.at, None));
                    }
                }
            }
        }
    }

    // Methods and statics by name, and the member uses already matched.
    let mut methods: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, f) in imports.functions.iter().enumerate() {
        if let Kind::Method(_, name) | Kind::Static(_, name) = &f.kind {
            methods.entry(name.as_str()).or_default().push(index);
        }
    }
    let mut matched: BTreeSet<(usize, usize, Position)> = BTreeSet::new();
    // Constructors of classes referred to, then resources to a fixed point.
    loop {
        let before = (holdable.len(), used.len());
        for (index, f) in imports.functions.iter().enumerate() {
            if let Kind::Constructor(r) = &f.kind
                && let Some(at) = classes.get(r)
                && !at.is_empty()
            {
                holdable.insert(*r);
                let list = used.entry(index).or_default();
                for e in at {
                    if !list.contains(e) {
                        list.push(e.clone());
                    }
                }
            }
        }
        for (file_index, property, u, class) in &members {
            for &index in methods.get(property).into_iter().flatten() {
                let (Kind::Method(r, _) | Kind::Static(r, _)) = &imports.functions[index].kind
                else {
                    continue;
                };
                // Statics reached through an alias of the class
                // (`ns.Fields.fromList`) have no object name.
                let reachable = match imports.functions[index].kind {
                    Kind::Method(..) => holdable.contains(r),
                    _ => classes.contains_key(r),
                };
                if reachable
                    && class.is_none_or(|class| class == *r)
                    && matched.insert((index, *file_index, u.at))
                {
                    let (file, _) = &scans[*file_index];
                    used.entry(index)
                        .or_default()
                        .push(evidence(file, u.at, None));
                    calls.push((index, *file_index, (*u).clone()));
                }
            }
        }
        for index in used.keys() {
            holdable.extend(imports.functions[*index].returns.iter().copied());
        }
        if (holdable.len(), used.len()) == before {
            break;
        }
    }

    // The engine's own APIs.
    for (file, scan) in scans {
        for api in apis::uses(language, scan, program_modules) {
            match api {
                ApiUse::Reaches {
                    interfaces: reached,
                    name,
                    at,
                } => {
                    for (index, f) in imports.functions.iter().enumerate() {
                        if reached.contains(&unversioned(&f.interface)) {
                            let e = evidence(file, at, Some(name.to_string()));
                            let list = used.entry(index).or_default();
                            if !list.contains(&e) {
                                list.push(e);
                            }
                        }
                    }
                }
                ApiUse::Unknown {
                    what,
                    at,
                    everything,
                } => {
                    for (index, f) in imports.functions.iter().enumerate() {
                        if everything || apis::engine_reachable(unversioned(&f.interface)) {
                            indeterminate
                                .entry(index)
                                .or_insert_with(|| (what.clone(), Some(evidence(file, at, None))));
                        }
                    }
                }
            }
        }
    }

    // What the text cannot show.
    for (file_index, (file, scan)) in scans.iter().enumerate() {
        for d in &scan.dynamic {
            let binding = d.object.as_ref().and_then(|o| bindings[file_index].get(o));
            for (index, f) in imports.functions.iter().enumerate() {
                let affected = match binding {
                    Some(Binding::Interface(targets)) => targets.contains(&f.interface),
                    Some(Binding::Class(r)) => {
                        matches!(&f.kind, Kind::Static(s, _) | Kind::Constructor(s) if s == r)
                    }
                    Some(Binding::Function(_)) => false,
                    // A computed member of some other object can be any
                    // method of a resource the program holds; anything
                    // else (eval, import.meta) can be anything.
                    None if d.object.is_some() => {
                        matches!(&f.kind, Kind::Method(r, _) if holdable.contains(r))
                    }
                    None => true,
                };
                if affected {
                    indeterminate
                        .entry(index)
                        .or_insert_with(|| (d.what.clone(), Some(evidence(file, d.at, None))));
                }
            }
        }
    }

    let mut usage = BTreeMap::new();
    for (index, f) in imports.functions.iter().enumerate() {
        let state = match (used.get(&index), indeterminate.get(&index)) {
            (Some(list), _) => Usage::Used(list.clone()),
            (None, Some((reason, at))) => Usage::Indeterminate {
                reason: reason.clone(),
                at: at.clone(),
            },
            (None, None) => Usage::Unused,
        };
        usage.insert((f.interface.clone(), f.wit.clone()), state);
    }
    let mut program_loops = Vec::new();
    let recursive: Vec<BTreeSet<String>> = scans
        .iter()
        .map(|(_, scan)| recursive_functions(scan))
        .collect();
    for (index, file_index, u) in &calls {
        let (file, scan) = &scans[*file_index];
        let f = &imports.functions[*index];
        if !u.context.loops.is_empty() {
            program_loops.push(ProgramLoop {
                interface: f.interface.clone(),
                function: f.wit.clone(),
                caller: u.context.function.clone(),
                through: None,
                count: u.context.count(),
                conditional: u.context.conditional,
                at: evidence(file, u.at, None),
                call: u.at,
            });
        }
        // A call in a function of the program that a loop calls (by name,
        // `say(…)`, or as a method of the same object, `self.say(…)`,
        // `this.say(…)`), directly or through more of the program's own
        // functions, repeats with that loop: up to `HELPER_DEPTH` calls up.
        let Some(start) = &u.context.function else {
            continue;
        };
        // A function that calls itself, directly or round a cycle, makes
        // the call as often as its recursion goes: not a count.
        let recursive = &recursive[*file_index];
        let counted =
            |function: &str, count: Option<u64>| count.filter(|_| !recursive.contains(function));
        let mut frontier = vec![Frame {
            function: start.clone(),
            per_call: counted(start, u.context.count()),
            conditional: u.context.conditional,
            chain: Vec::new(),
        }];
        let mut seen = BTreeSet::from([start.clone()]);
        for _ in 0..HELPER_DEPTH {
            // Per calling function: the import's calls per call of it,
            // every site that calls the function below added up.
            let mut callers: BTreeMap<String, Frame> = BTreeMap::new();
            for below in &frontier {
                let mut chain = vec![below.function.clone()];
                chain.extend(below.chain.iter().cloned());
                for site in &scan.uses {
                    if !calls_function(&site.reference, &below.function)
                        || site.context.function.as_ref() == Some(&below.function)
                    {
                        continue;
                    }
                    let times = match (site.context.count(), below.per_call) {
                        (Some(a), Some(b)) => Some(a.saturating_mul(b)),
                        _ => None,
                    };
                    let conditional = site.context.conditional || below.conditional;
                    if !site.context.loops.is_empty() {
                        program_loops.push(ProgramLoop {
                            interface: f.interface.clone(),
                            function: f.wit.clone(),
                            caller: site.context.function.clone(),
                            through: Some(chain.join(" → ")),
                            count: times,
                            conditional,
                            at: evidence(file, site.at, None),
                            call: u.at,
                        });
                    }
                    let Some(caller) = &site.context.function else {
                        continue;
                    };
                    if seen.contains(caller) {
                        continue;
                    }
                    let frame = callers.entry(caller.clone()).or_insert_with(|| Frame {
                        function: caller.clone(),
                        per_call: Some(0),
                        conditional: false,
                        chain: chain.clone(),
                    });
                    frame.per_call = match (frame.per_call, times) {
                        (Some(a), Some(b)) => counted(caller, Some(a.saturating_add(b))),
                        _ => None,
                    };
                    frame.conditional |= conditional;
                }
            }
            seen.extend(callers.keys().cloned());
            frontier = callers.into_values().collect();
        }
    }
    let key = |l: &ProgramLoop| {
        (
            l.at.clone(),
            l.call.offset,
            l.interface.clone(),
            l.function.clone(),
        )
    };
    program_loops.sort_by_key(key);
    program_loops.dedup_by(|a, b| key(a) == key(b));
    Mapped {
        usage,
        loops: program_loops,
    }
}

/// How many calls up from a binding call a loop is looked for among the
/// program's own functions.
const HELPER_DEPTH: usize = 4;

/// A function of the program on the way up from a binding call: how many
/// times one call of it makes the call, and the functions in between.
struct Frame {
    function: String,
    /// Calls of the import per call of `function`, when every loop on the
    /// way has a known count.
    per_call: Option<u64>,
    /// Whether a branch on the way decides whether the call is made.
    conditional: bool,
    /// From `function`'s callee down to the function making the call.
    chain: Vec<String>,
}

/// The functions of the program that call themselves, directly or round a
/// cycle of its functions (by name, or as methods of the same object).
fn recursive_functions(scan: &Scan) -> BTreeSet<String> {
    let mut calls: petgraph::graphmap::DiGraphMap<&str, ()> = petgraph::graphmap::DiGraphMap::new();
    for site in &scan.uses {
        let Some(caller) = site.context.function.as_deref() else {
            continue;
        };
        let callee = match &site.reference {
            Reference::Name(name) => name.as_str(),
            Reference::Member {
                object: Some(object),
                property,
            } if object == "self" || object == "this" => property.as_str(),
            Reference::Member { .. } => continue,
        };
        calls.add_edge(caller, callee, ());
    }
    petgraph::algo::tarjan_scc(&calls)
        .into_iter()
        .filter(|cycle| cycle.len() > 1 || calls.contains_edge(cycle[0], cycle[0]))
        .flatten()
        .map(str::to_string)
        .collect()
}

/// Whether `reference` calls the program's own `function`: by name, or as
/// a method of the same object (`self.helper()`, `this.helper()`).
fn calls_function(reference: &Reference, function: &str) -> bool {
    match reference {
        Reference::Name(name) => name == function,
        Reference::Member {
            object: Some(object),
            property,
        } => property == function && (object == "self" || object == "this"),
        Reference::Member { .. } => false,
    }
}

/// What `name` taken from the modules of `targets` is.
fn item_binding(imports: &Imports, targets: &[&str], name: &str) -> Option<Binding> {
    for (index, f) in imports.functions.iter().enumerate() {
        if targets.contains(&f.interface.as_str())
            && let Kind::Free(n) = &f.kind
            && n == name
        {
            return Some(Binding::Function(index));
        }
    }
    imports
        .resources
        .iter()
        .find(|(_, (classes, interface))| {
            classes.iter().any(|c| c == name) && targets.contains(&interface.as_str())
        })
        .map(|(id, _)| Binding::Class(*id))
}
