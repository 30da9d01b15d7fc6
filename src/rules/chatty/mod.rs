//! Shared by the chatty rules: the coarse signature to suggest for a
//! fine-grained WIT function.

pub(crate) mod blocking_call_in_async_task;
pub(crate) mod chatty_interface;
pub(crate) mod import_call_in_loop;
pub(crate) mod serial_async_awaits;

/// Whether host function `host` is declared an `async func`.
pub(crate) fn host_is_async(model: &crate::model::BinaryModel, host: u32) -> bool {
    let linked = &model.linked;
    let host = &linked.host_funcs[host as usize];
    let import = &linked.imports[host.import];
    let name = host.name.as_deref().unwrap_or(&import.name);
    import
        .declared_funcs
        .iter()
        .any(|(f, is_async)| *is_async && f == name)
}

/// What a lowering calls, as the chatty rules name it: a host function,
/// or a function another component of the composition lifts.
pub(crate) struct Callee {
    /// The function called, the same for every lowering of it.
    pub(crate) target: crate::model::ComponentFuncRef,
    /// `test:p3/net@0.1.0#fetch`, or `corpus:headers/fine@0.1.0#get-header
    /// of component `host``.
    pub(crate) name: String,
    /// Declared `async func` (a host function), or lifted async (another
    /// component's): a synchronous lowering of it blocks until it ends.
    pub(crate) is_async: bool,
    /// The host function, when it is one.
    pub(crate) host: Option<u32>,
}

/// What lowering `lowering` calls, unless it is a function of its own
/// component (which no boundary separates).
pub(crate) fn callee(model: &crate::model::BinaryModel, lowering: u32) -> Option<Callee> {
    use crate::model::ComponentFuncRef;
    let linked = &model.linked;
    let target = linked.lowerings[lowering as usize].target;
    match target {
        ComponentFuncRef::Host(host) => Some(Callee {
            target,
            name: linked.host_func_name(host),
            is_async: host_is_async(model, host),
            host: Some(host),
        }),
        ComponentFuncRef::Lifted(lift) => {
            let crossing = crate::facts::loops::crossing(model, lowering)?;
            Some(Callee {
                target,
                name: format!(
                    "{} of {}",
                    crossing.name.as_deref().unwrap_or(&crossing.called),
                    import_call_in_loop::component_name(model, crossing.to)
                ),
                is_async: linked.lifts[lift as usize].options.is_async,
                host: None,
            })
        }
        ComponentFuncRef::Opaque(_) => None,
    }
}

/// Splits a parameter list at top-level commas (not inside `<…>`).
fn split_params(params: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in params.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(params[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = params[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

/// A finding at a call site: in `caller` (instance, function), at byte
/// `offset`, calling `callee`; the subject names both.
pub(crate) fn at_call_site(
    meta: &'static crate::rules::RuleMeta,
    model: &crate::model::BinaryModel,
    (instance, func): (u32, u32),
    offset: u32,
    callee: &str,
    message: String,
) -> crate::rules::Finding {
    let m = model.linked.instances[instance as usize].module;
    let module = &model.modules[m];
    crate::rules::Finding::new(
        meta,
        crate::rules::Location::Binary {
            file: model.file.clone(),
            component_path: model.tree_path(module.tree_node),
            offset: Some(offset as usize),
        },
        format!(
            "{}:{}→{callee}",
            model.module_label(m),
            module.func_raw_label(func)
        ),
        message,
    )
    .with_symbol(module.func_symbol(func))
}

/// Words that name an action, not a thing: a name ending in one takes
/// `-many` in its batched form (`get` → `get-many`, not `gets`).
const VERBS: &[&str] = &[
    "get", "set", "has", "put", "read", "write", "flush", "send", "receive", "delete", "remove",
    "check", "fetch", "load", "store", "lookup", "resolve", "append", "insert", "update", "splice",
    "skip", "block", "poll", "wait", "call", "run", "handle", "open", "close", "stat",
];

/// The name of the batched form: the last word made plural when it names
/// a thing (`get-header` → `get-headers`, `get-entry` → `get-entries`),
/// `-many` after an action (`get` → `get-many`, `blocking-write-and-flush`
/// → `blocking-write-and-flush-many`).
fn batch_name(name: &str) -> String {
    let last = name.rsplit('-').next().unwrap_or(name);
    if VERBS.contains(&last) {
        format!("{name}-many")
    } else {
        plural(name)
    }
}

/// `header` → `headers`, `entry` → `entries`, `box` → `boxes`.
fn plural(name: &str) -> String {
    if let Some(stem) = name.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    if name.ends_with('s') || name.ends_with('x') || name.ends_with("ch") || name.ends_with("sh") {
        return format!("{name}es");
    }
    format!("{name}s")
}

/// The batched form of a WIT function: one call over a list of inputs
/// returning a list of results, e.g. `get-header: func(name: string) ->
/// option<string>` → `get-headers: func(names: list<string>) ->
/// list<option<string>>`. A method keeps its `self`.
pub(crate) fn suggest_batch(signature: &str) -> Option<String> {
    let (name, rest) = signature.split_once(": ")?;
    let (keyword, rest) = if let Some(r) = rest.strip_prefix("async func(") {
        ("async func", r)
    } else {
        ("func", rest.strip_prefix("func(")?)
    };
    let close = rest.rfind(')')?;
    let (params, result) = (&rest[..close], rest[close + 1..].trim());
    let result = result.strip_prefix("->").map(str::trim);
    let mut params = split_params(params);
    let receiver = match params.first() {
        Some(p) if p.starts_with("self:") => Some(params.remove(0)),
        _ => None,
    };
    let mut batched: Vec<String> = receiver.map(str::to_string).into_iter().collect();
    match params.as_slice() {
        [] => return None,
        [single] => {
            let (pname, ty) = single.split_once(": ")?;
            // `contents` is already plural.
            let pname = if pname.ends_with('s') {
                format!("{pname}-list")
            } else {
                plural(pname)
            };
            batched.push(format!("{pname}: list<{ty}>"));
        }
        many => {
            let types: Vec<&str> = many
                .iter()
                .filter_map(|p| p.split_once(": ").map(|(_, t)| t))
                .collect();
            batched.push(format!("items: list<tuple<{}>>", types.join(", ")));
        }
    }
    let result = result.map(|r| format!(" -> list<{r}>")).unwrap_or_default();
    Some(format!(
        "{}: {keyword}({}){result}",
        batch_name(name),
        batched.join(", ")
    ))
}

#[cfg(test)]
mod tests;
