use wit_parser::{FunctionKind, InterfaceId, Resolve, Type, TypeDefKind};

use super::suggest_batch;
use crate::model::render_signature;
use crate::rules::{Binary, Finding, Location, Subject, Threshold};

crate::rules::declare_rule! {
    pub(crate) struct ChattyInterface checks subject;
    id: "CHT001",
    name: "chatty-interface",
    category: Chatty,
    level: Warn,
    summary: "A WIT interface that can only be used one item per call.",
    what: "\
Looks at the shape of WIT interfaces a component imports (in WIT you write, \
and in the WIT recovered from a binary) and reports two shapes: an interface \
whose functions each look up or set one item by key \
(`get-header: func(name: string) -> option<string>`, \
`set-header: func(name: string, value: string)`) with no function that takes \
or returns a list; and a resource whose methods each return one field, with \
no method returning a record. The diagnostic shows the coarse signature to \
add. WASI's own interfaces are not reported: you cannot change them.",
    why: "\
An interface shaped for one item per call forces every caller into a loop \
of host calls, each paying for crossing the component boundary. Batch forms \
are cheap to add while an interface is young and hard to retrofit once \
callers depend on the fine-grained shape.",
    fix: "\
Add (or replace with) functions that take a `list<…>` of keys and return a \
`list<…>` of results, `get-all`-style functions returning a list of records, \
and for resources a method returning a record of all fields.",
    example: "\
```wit
interface headers {
  get-header: func(name: string) -> option<string>;
  set-header: func(name: string, value: string);
  // add: get-headers: func(names: list<string>) -> list<option<string>>;
}
```

```text
warning[CHT001] chatty-interface: interface example:http/headers handles one item per call (get-header, set-header) and has no batch form
```",
    thresholds: [MIN_FUNCTIONS, MIN_GETTERS],
}

static MIN_FUNCTIONS: Threshold = Threshold {
    rule: "CHT001",
    key: "min-functions",
    default: 2,
    meaning: "how many one-item functions an interface needs, without a batch form, to be reported",
};

static MIN_GETTERS: Threshold = Threshold {
    rule: "CHT001",
    key: "min-getters",
    default: 3,
    meaning: "how many single-field getter methods a resource needs, without a record-returning method, to be reported",
};

/// A type a single call can carry without being a batch.
fn is_scalar(resolve: &Resolve, ty: &Type) -> bool {
    match ty {
        Type::Id(id) => match &resolve.types[*id].kind {
            TypeDefKind::Enum(_) | TypeDefKind::Flags(_) | TypeDefKind::Handle(_) => true,
            TypeDefKind::Option(t) | TypeDefKind::Type(t) => is_scalar(resolve, t),
            TypeDefKind::Result(r) => r.ok.as_ref().is_none_or(|t| is_scalar(resolve, t)),
            _ => false,
        },
        Type::ErrorContext => false,
        _ => true,
    }
}

/// A type that carries many items or fields.
fn is_bulk(resolve: &Resolve, ty: &Type) -> bool {
    match ty {
        Type::Id(id) => match &resolve.types[*id].kind {
            TypeDefKind::List(_)
            | TypeDefKind::FixedLengthList(..)
            | TypeDefKind::Map(..)
            | TypeDefKind::Stream(_)
            | TypeDefKind::Record(_)
            | TypeDefKind::Tuple(_) => true,
            TypeDefKind::Option(t) | TypeDefKind::Type(t) => is_bulk(resolve, t),
            TypeDefKind::Result(r) => r.ok.as_ref().is_some_and(|t| is_bulk(resolve, t)),
            _ => false,
        },
        _ => false,
    }
}

/// What one interface looks like, call by call.
struct Shape {
    /// Functions that handle one item per call: (name, signature).
    one_item: Vec<(String, String)>,
    has_batch: bool,
    /// Resources with single-field getters and no record method:
    /// (resource, getters).
    getter_resources: Vec<(String, Vec<String>)>,
}

fn shape(resolve: &Resolve, iface: InterfaceId, min_getters: usize) -> Shape {
    let interface = &resolve.interfaces[iface];
    let mut one_item = Vec::new();
    let mut has_batch = false;
    let mut getters: std::collections::BTreeMap<String, (Vec<String>, bool)> = Default::default();
    for (name, func) in &interface.functions {
        let receiver = matches!(
            func.kind,
            FunctionKind::Method(_) | FunctionKind::AsyncMethod(_)
        );
        let params: Vec<&Type> = func
            .params
            .iter()
            .skip(usize::from(receiver))
            .map(|p| &p.ty)
            .collect();
        if params.iter().any(|t| is_bulk(resolve, t))
            || func.result.as_ref().is_some_and(|t| is_bulk(resolve, t))
        {
            has_batch = true;
        }
        if let (FunctionKind::Method(resource) | FunctionKind::AsyncMethod(resource), []) =
            (&func.kind, params.as_slice())
        {
            let resource = resolve.types[*resource].name.clone().unwrap_or_default();
            let entry = getters.entry(resource).or_default();
            match &func.result {
                Some(t) if is_scalar(resolve, t) => entry.0.push(func.item_name().to_string()),
                Some(t) if is_bulk(resolve, t) => entry.1 = true,
                _ => {}
            }
            continue;
        }
        let scalar_params = params.iter().all(|t| is_scalar(resolve, t));
        let scalar_result = func.result.as_ref().is_none_or(|t| is_scalar(resolve, t));
        let lookup = params.len() == 1 && scalar_params && func.result.is_some() && scalar_result;
        let setter = params.len() == 2 && scalar_params && scalar_result;
        if lookup || setter {
            one_item.push((name.clone(), render_signature(resolve, func)));
        }
    }
    let getter_resources = getters
        .into_iter()
        .filter(|(_, (names, has_record))| names.len() >= min_getters && !has_record)
        .map(|(resource, (names, _))| (resource, names))
        .collect();
    Shape {
        one_item,
        has_batch,
        getter_resources,
    }
}

impl ChattyInterface {
    fn check_subject(&self, subject: &Subject<'_>, out: &mut Vec<Finding>) {
        match subject {
            Subject::Binary(Binary {
                model,
                policy,
                facts,
                ..
            }) => {
                composed_interfaces(model, policy, facts, out);
                let Some(world) = &model.world else { return };
                let min_functions = policy.threshold(&MIN_FUNCTIONS) as usize;
                let min_getters = policy.threshold(&MIN_GETTERS) as usize;
                for (name, iface) in &world.imported_interfaces {
                    if name.starts_with("wasi:") {
                        continue;
                    }
                    let Some(import) = model.linked.imports.iter().find(|i| i.name == *name) else {
                        continue;
                    };
                    let location = Location::component(model, Some(import.offset));
                    report(
                        &world.resolve,
                        *iface,
                        name,
                        location,
                        min_functions,
                        min_getters,
                        out,
                    );
                }
            }
            Subject::Wit(wit) => {
                // Wit inputs carry no policy; the defaults apply.
                let default = crate::rules::Policy::default();
                let min_functions = default.threshold(&MIN_FUNCTIONS) as usize;
                let min_getters = default.threshold(&MIN_GETTERS) as usize;
                let resolve = &wit.resolve;
                for package in &wit.packages {
                    for (_, iface) in &resolve.packages[*package].interfaces {
                        if only_exported(resolve, *package, *iface) {
                            continue;
                        }
                        let name = resolve.id_of(*iface).unwrap_or_default();
                        let location = Location::in_wit(
                            &wit.file,
                            wit.locate(resolve.interfaces[*iface].span),
                        );
                        report(
                            resolve,
                            *iface,
                            &name,
                            location,
                            min_functions,
                            min_getters,
                            out,
                        );
                    }
                }
            }
        }
    }
}

/// The interfaces one component of the binary calls in another, shaped
/// as the providing component's WIT has them: a composition's internal
/// boundaries are boundaries too.
fn composed_interfaces(
    model: &crate::model::BinaryModel,
    policy: &crate::rules::Policy,
    facts: &crate::facts::Facts,
    out: &mut Vec<Finding>,
) {
    let min_functions = policy.threshold(&MIN_FUNCTIONS) as usize;
    let min_getters = policy.threshold(&MIN_GETTERS) as usize;
    // (provider, interface) → the callers, in lowering order, and whose
    // code implements it: the program's when any of it is (the author who
    // can change the interface), else the runtime's or the glue's.
    type Called = (Vec<usize>, Option<crate::facts::origin::Origin>);
    let mut called: std::collections::BTreeMap<(usize, String), Called> = Default::default();
    for l in 0..model.linked.lowerings.len() as u32 {
        let Some(crossing) = crate::facts::loops::crossing(model, l) else {
            continue;
        };
        let Some((interface, _)) = crossing.name.as_deref().and_then(|n| n.split_once('#')) else {
            continue;
        };
        if interface.starts_with("wasi:") {
            continue;
        }
        let (callers, origin) = called
            .entry((crossing.to, interface.to_string()))
            .or_default();
        if !callers.contains(&crossing.from) {
            callers.push(crossing.from);
        }
        let linked = &model.linked;
        if let crate::model::ComponentFuncRef::Lifted(lift) = linked.lowerings[l as usize].target
            && let crate::model::CoreFuncRef::Defined { instance, func } =
                linked.lifts[lift as usize].core
        {
            let of = facts.function_origin(model, instance, func);
            *origin = Some(origin.map_or(of, |o| o.min(of)));
        }
    }
    for ((provider, interface), (callers, origin)) in called {
        let Some(world) = model.providers.get(&provider) else {
            continue;
        };
        let Some((_, iface)) = world
            .exported_interfaces
            .iter()
            .find(|(n, _)| *n == interface)
        else {
            continue;
        };
        let caller = callers[0];
        let location = Location::Binary {
            file: model.file.clone(),
            component_path: model.tree_path(caller),
            offset: Some(model.tree[caller].offset),
        };
        let start = out.len();
        report(
            &world.resolve,
            *iface,
            &interface,
            location,
            min_functions,
            min_getters,
            out,
        );
        let callers: Vec<String> = callers
            .iter()
            .map(|c| super::import_call_in_loop::component_name(model, *c))
            .collect();
        let note = format!(
            "inside this composition: {} provides it to {}",
            super::import_call_in_loop::component_name(model, provider),
            callers.join(", ")
        );
        // Inside a component an interpreter runs, the components give
        // each other the toolchain's plumbing (componentize-qjs's module
        // loader), not an interface of the program's.
        let origin = facts.origins.engine().map(|e| e.origin).or(origin);
        for finding in &mut out[start..] {
            finding.notes.insert(0, note.clone());
            if let Some(origin) = origin {
                finding.origin = origin;
            }
        }
    }
}

/// An interface some world of the package exports and none imports is
/// implemented by the component, not called across the boundary.
fn only_exported(resolve: &Resolve, package: wit_parser::PackageId, iface: InterfaceId) -> bool {
    let uses = |items: &wit_parser::IndexMap<wit_parser::WorldKey, wit_parser::WorldItem>| {
        items
            .values()
            .any(|item| matches!(item, wit_parser::WorldItem::Interface { id, .. } if *id == iface))
    };
    let worlds = resolve.packages[package].worlds.values();
    let mut exported = false;
    for world in worlds {
        let world = &resolve.worlds[*world];
        if uses(&world.imports) {
            return false;
        }
        exported |= uses(&world.exports);
    }
    exported
}

fn report(
    resolve: &Resolve,
    iface: InterfaceId,
    name: &str,
    location: Location,
    min_functions: usize,
    min_getters: usize,
    out: &mut Vec<Finding>,
) {
    let shape = shape(resolve, iface, min_getters);
    if !shape.has_batch && shape.one_item.len() >= min_functions.max(1) {
        let names: Vec<&str> = shape.one_item.iter().map(|(n, _)| n.as_str()).collect();
        let mut finding = Finding::new(
            &META,
            location.clone(),
            name.to_string(),
            format!(
                "interface {name} handles one item per call ({}) and has no batch form",
                names.join(", ")
            ),
        )
        .with_help("add functions that take and return lists, so a caller needs one call instead of a loop")
        .about_wit(name, None);
        for (_, signature) in &shape.one_item {
            if let Some(batch) = suggest_batch(signature) {
                finding = finding.with_note(format!("for `{signature}`, add `{batch}`"));
            }
        }
        out.push(finding);
    }
    for (resource, getters) in shape.getter_resources {
        out.push(
            Finding::new(
                &META,
                location.clone(),
                format!("{name}#{resource}"),
                format!(
                    "resource {resource} in {name} returns one field per call ({}) and has no method returning them together",
                    getters.join(", ")
                ),
            )
            .with_help(format!(
                "add a record `{resource}-fields` with those fields and a method `fields: func() -> {resource}-fields`"
            )),
        );
    }
}
