//! The p3-migration rules, and what the WIT design rules among them share:
//! every user-authored interface of a subject (WIT input, or the WIT
//! decoded from a binary), with where to report, and small predicates over
//! WIT types.

pub(crate) mod beyond_wasi_p3;
pub(crate) mod blocking_sync_func;
pub(crate) mod callback_style;
pub(crate) mod chunked_io_resource;
pub(crate) mod closed_error_enum;
pub(crate) mod double_async;
pub(crate) mod future_like_resource;
pub(crate) mod hand_rolled_pollable;
pub(crate) mod mixed_p2_p3;
pub(crate) mod outparam_resource;
pub(crate) mod p2_handler_export;
pub(crate) mod p2_wasi_items;
pub(crate) mod p3_migration_summary;
pub(crate) mod start_finish_pair;
pub(crate) mod wasi_io_poll;
pub(crate) mod wasi_rc_pin;

use wit_parser::{Function, FunctionKind, InterfaceId, Resolve, Span, Type, TypeDefKind};

use super::{Binary, Finding, Location, RuleMeta, Subject};

/// The interfaces the user's worlds import (`exports` false) or export,
/// each with its name and where WIT declares it: an interface a world
/// takes by `include` has no span of its own, so the world's line stands
/// for it.
pub(crate) fn world_interfaces(
    wit: &crate::model::WitModel,
    exports: bool,
) -> Vec<(InterfaceId, String, Location)> {
    let resolve = &wit.resolve;
    let mut out = Vec::new();
    for package in &wit.packages {
        for (_, world_id) in &resolve.packages[*package].worlds {
            let world = &resolve.worlds[*world_id];
            let items = if exports {
                &world.exports
            } else {
                &world.imports
            };
            for (key, item) in items {
                let Some((id, span)) = interface_item(key, item) else {
                    continue;
                };
                let Some(name) = resolve.id_of(id) else {
                    continue;
                };
                let location = Location::in_wit(
                    &wit.file,
                    wit.locate(span).or_else(|| wit.locate(world.span)),
                );
                out.push((id, name, location));
            }
        }
    }
    out
}

/// The interface a world item names, and where the world names it; `None`
/// for a function or type.
pub(crate) fn interface_item(
    key: &wit_parser::WorldKey,
    item: &wit_parser::WorldItem,
) -> Option<(InterfaceId, Span)> {
    match (key, item) {
        (wit_parser::WorldKey::Interface(id), wit_parser::WorldItem::Interface { span, .. }) => {
            Some((*id, *span))
        }
        _ => None,
    }
}

/// One interface to check.
pub(crate) struct Interface<'a> {
    pub(crate) resolve: &'a Resolve,
    pub(crate) id: InterfaceId,
    pub(crate) name: String,
    /// Where a finding about a span of this interface goes.
    locate: Box<dyn Fn(Span) -> Location + 'a>,
}

impl Interface<'_> {
    pub(crate) fn location(&self, span: Span) -> Location {
        (self.locate)(span)
    }

    /// A finding about `func`, at its declaration: `IFACE#FUNC {what}`.
    pub(crate) fn function_finding(
        &self,
        meta: &'static RuleMeta,
        func: &Function,
        what: &str,
    ) -> Finding {
        let qualified = format!("{}#{}", self.name, func.name);
        let message = format!("{qualified} {what}");
        Finding::new(meta, self.location(func.span), qualified, message)
    }

    /// A finding about resource `resource`, declared at `span`:
    /// `resource RESOURCE in IFACE {what}`.
    pub(crate) fn resource_finding(
        &self,
        meta: &'static RuleMeta,
        resource: &str,
        span: Span,
        what: &str,
    ) -> Finding {
        Finding::new(
            meta,
            self.location(span),
            format!("{}#{resource}", self.name),
            format!("resource {resource} in {} {what}", self.name),
        )
    }

    pub(crate) fn functions(&self) -> impl Iterator<Item = &Function> {
        self.resolve.interfaces[self.id].functions.values()
    }

    /// Resources of the interface, with their methods.
    pub(crate) fn resources(&self) -> Vec<(String, Span, Vec<&Function>)> {
        let mut out = Vec::new();
        for (name, ty) in &self.resolve.interfaces[self.id].types {
            let def = &self.resolve.types[*ty];
            if !matches!(def.kind, TypeDefKind::Resource) {
                continue;
            }
            let methods = self
                .functions()
                .filter(|f| match f.kind {
                    FunctionKind::Method(r)
                    | FunctionKind::AsyncMethod(r)
                    | FunctionKind::Static(r)
                    | FunctionKind::AsyncStatic(r)
                    | FunctionKind::Constructor(r) => r == *ty,
                    _ => false,
                })
                .collect();
            out.push((name.clone(), def.span, methods));
        }
        out
    }
}

/// Every non-WASI interface of the subject: in WIT inputs, those of the
/// user's packages; in binaries, those the decoded world imports or exports.
pub(crate) fn interfaces<'a>(subject: &'a Subject<'a>) -> Vec<Interface<'a>> {
    let mut out = Vec::new();
    match subject {
        Subject::Wit(wit) => {
            for package in &wit.packages {
                for (_, id) in &wit.resolve.packages[*package].interfaces {
                    let name = wit.resolve.id_of(*id).unwrap_or_default();
                    let fallback = wit.file.clone();
                    out.push(Interface {
                        resolve: &wit.resolve,
                        id: *id,
                        name,
                        locate: Box::new(move |span| Location::in_wit(&fallback, wit.locate(span))),
                    });
                }
            }
        }
        Subject::Binary(Binary { model, .. }) => {
            let Some(world) = &model.world else {
                return out;
            };
            let offsets = |name: &str| {
                model
                    .linked
                    .imports
                    .iter()
                    .map(|i| (&i.name, i.offset))
                    .chain(model.linked.exports.iter().map(|e| (&e.name, e.offset)))
                    .find(|(n, _)| *n == name)
                    .map(|(_, o)| o)
            };
            for (name, id) in world
                .imported_interfaces
                .iter()
                .chain(&world.exported_interfaces)
            {
                if name.starts_with("wasi:") {
                    continue;
                }
                let offset = offsets(name);
                let file = model.file.clone();
                let path = model.tree_path(0);
                out.push(Interface {
                    resolve: &world.resolve,
                    id: *id,
                    name: name.clone(),
                    locate: Box::new(move |_| Location::Binary {
                        file: file.clone(),
                        component_path: path.clone(),
                        offset,
                    }),
                });
            }
        }
    }
    out
}

/// The name of a named type, following aliases and handles.
pub(crate) fn type_name(resolve: &Resolve, ty: &Type) -> Option<String> {
    let Type::Id(id) = ty else { return None };
    let def = &resolve.types[*id];
    match &def.kind {
        TypeDefKind::Handle(wit_parser::Handle::Own(r) | wit_parser::Handle::Borrow(r)) => {
            type_name(resolve, &Type::Id(*r))
        }
        TypeDefKind::Type(inner) if def.name.is_none() => type_name(resolve, inner),
        TypeDefKind::Type(inner) => type_name(resolve, inner).or_else(|| def.name.clone()),
        _ => def.name.clone(),
    }
}

/// Whether `ty` mentions a `stream` or `future` anywhere.
pub(crate) fn has_stream_or_future(resolve: &Resolve, ty: &Type) -> bool {
    let Type::Id(id) = ty else { return false };
    match &resolve.types[*id].kind {
        TypeDefKind::Stream(_) | TypeDefKind::Future(_) => true,
        TypeDefKind::Option(t) | TypeDefKind::List(t) | TypeDefKind::Type(t) => {
            has_stream_or_future(resolve, t)
        }
        TypeDefKind::Result(r) => {
            r.ok.as_ref()
                .is_some_and(|t| has_stream_or_future(resolve, t))
                || r.err
                    .as_ref()
                    .is_some_and(|t| has_stream_or_future(resolve, t))
        }
        TypeDefKind::Tuple(t) => t.types.iter().any(|t| has_stream_or_future(resolve, t)),
        _ => false,
    }
}

/// `list<u8>`.
pub(crate) fn is_bytes(resolve: &Resolve, ty: &Type) -> bool {
    let Type::Id(id) = ty else { return false };
    match &resolve.types[*id].kind {
        TypeDefKind::List(Type::U8) => true,
        TypeDefKind::Type(t) | TypeDefKind::Option(t) => is_bytes(resolve, t),
        TypeDefKind::Result(r) => r.ok.as_ref().is_some_and(|t| is_bytes(resolve, t)),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
