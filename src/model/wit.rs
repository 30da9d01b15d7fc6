//! WIT inputs: a `.wit` file, a directory with `deps/`, or a WIT package
//! encoded as wasm, parsed and resolved by wit-parser. Every interface,
//! world and function keeps its source location for diagnostics.

use std::collections::BTreeMap;

use wit_parser::{PackageId, Resolve, Span};

use super::world::render_signature;
use crate::load::{InputError, Loaded, display_path};

pub(crate) struct WitModel {
    pub(crate) file: String,
    pub(crate) resolve: Resolve,
    /// The packages the user wrote (not those under `deps/`).
    pub(crate) packages: Vec<PackageId>,
    pub(crate) items: Vec<WitItem>,
    /// Source text by display path, for diagnostics with snippets.
    pub(crate) sources: BTreeMap<String, String>,
}

/// A located WIT item.
#[derive(Clone, Debug)]
pub(crate) struct WitItem {
    pub(crate) kind: WitItemKind,
    /// `package:name/interface`, `package:name/world`, or
    /// `package:name/interface#function`.
    pub(crate) name: String,
    pub(crate) signature: Option<String>,
    pub(crate) location: Option<WitLocation>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WitItemKind {
    Interface,
    World,
    Function,
    Type,
}

impl WitItemKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            WitItemKind::Interface => "interface",
            WitItemKind::World => "world",
            WitItemKind::Function => "function",
            WitItemKind::Type => "type",
        }
    }
}

/// A span resolved to a file, with 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WitLocation {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) range: std::ops::Range<usize>,
}

pub(super) fn load(input: &Loaded) -> Result<WitModel, InputError> {
    let mut resolve = Resolve::default();
    let (package, _) = match resolve.push_path(&input.path) {
        Ok(pushed) => pushed,
        Err(e) => return Err(wit_error(&input.display, &resolve.render_error(&e))),
    };
    Ok(from_resolve(input.display.clone(), resolve, vec![package]))
}

/// WIT source held in memory (the fuzz targets' way in).
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn from_text(display: &str, text: &str) -> Result<WitModel, InputError> {
    let mut resolve = Resolve::default();
    let package = match resolve.push_source(display, text) {
        Ok(package) => package,
        Err(e) => return Err(wit_error(display, &resolve.render_error(&e))),
    };
    Ok(from_resolve(display.to_string(), resolve, vec![package]))
}

/// A WIT package that arrived as a wasm binary: no source spans.
pub(super) fn from_package(file: String, resolve: Resolve, package: PackageId) -> WitModel {
    from_resolve(file, resolve, vec![package])
}

fn from_resolve(file: String, resolve: Resolve, packages: Vec<PackageId>) -> WitModel {
    let mut model = WitModel {
        file,
        resolve,
        packages,
        items: Vec::new(),
        sources: BTreeMap::new(),
    };
    for source in model.resolve.source_map.source_files() {
        let display = display_path(source);
        let text = std::fs::read_to_string(source).unwrap_or_default();
        model.sources.insert(display, text);
    }
    let resolve = &model.resolve;
    let mut items = Vec::new();
    for package in &model.packages {
        let pkg = &resolve.packages[*package];
        for (_, iface_id) in &pkg.interfaces {
            let iface = &resolve.interfaces[*iface_id];
            let iface_name = resolve.id_of(*iface_id).unwrap_or_default();
            items.push(WitItem {
                kind: WitItemKind::Interface,
                name: iface_name.clone(),
                signature: None,
                location: model.locate(iface.span),
            });
            for (tname, ty) in &iface.types {
                let def = &resolve.types[*ty];
                // `use`d types are aliases of another interface's type; they
                // are listed where they are defined.
                if matches!(
                    def.kind,
                    wit_parser::TypeDefKind::Type(wit_parser::Type::Id(_))
                ) {
                    continue;
                }
                items.push(WitItem {
                    kind: WitItemKind::Type,
                    name: format!("{iface_name}#{tname}"),
                    signature: None,
                    location: model.locate(def.span),
                });
            }
            for (fname, func) in &iface.functions {
                items.push(WitItem {
                    kind: WitItemKind::Function,
                    name: format!("{iface_name}#{fname}"),
                    signature: Some(render_signature(resolve, func)),
                    location: model.locate(func.span),
                });
            }
        }
        for (_, world_id) in &pkg.worlds {
            let world = &resolve.worlds[*world_id];
            items.push(WitItem {
                kind: WitItemKind::World,
                name: format!("{}/{}", pkg.name, world.name),
                signature: None,
                location: model.locate(world.span),
            });
        }
    }
    model.items = items;
    model
}

impl WitModel {
    /// The world, when the user's packages declare exactly one.
    pub(crate) fn only_world(&self) -> Option<super::DeclaredWorld> {
        let mut worlds = self
            .packages
            .iter()
            .flat_map(|p| self.resolve.packages[*p].worlds.values());
        let (Some(world), None) = (worlds.next(), worlds.next()) else {
            return None;
        };
        Some(super::DeclaredWorld::of(&self.resolve, *world))
    }

    /// Interfaces the package's worlds import, with their functions.
    pub(crate) fn world_imports(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for package in &self.packages {
            for (_, world) in &self.resolve.packages[*package].worlds {
                for (key, _) in &self.resolve.worlds[*world].imports {
                    let wit_parser::WorldKey::Interface(id) = key else {
                        continue;
                    };
                    let Some(name) = self.resolve.id_of(*id) else {
                        continue;
                    };
                    if out.iter().any(|(n, _)| *n == name) {
                        continue;
                    }
                    let functions = self.resolve.interfaces[*id]
                        .functions
                        .keys()
                        .cloned()
                        .collect();
                    out.push((name, functions));
                }
            }
        }
        out
    }

    /// Where this WIT declares `interface` (or `function` in it), for
    /// anchoring a finding about a binary: the function's declaration, else
    /// the line of a world that imports the interface, else the interface.
    pub(crate) fn anchor(&self, interface: &str, function: Option<&str>) -> Option<WitLocation> {
        if let Some(function) = function {
            let name = format!("{interface}#{function}");
            if let Some(found) = self
                .items
                .iter()
                .find(|i| i.kind == WitItemKind::Function && i.name == name)
                .and_then(|i| i.location.clone())
            {
                return Some(found);
            }
        }
        for package in &self.packages {
            for (_, world) in &self.resolve.packages[*package].worlds {
                for (key, item) in &self.resolve.worlds[*world].imports {
                    if let (
                        wit_parser::WorldKey::Interface(id),
                        wit_parser::WorldItem::Interface { span, .. },
                    ) = (key, item)
                        && self.resolve.id_of(*id).as_deref() == Some(interface)
                        && let Some(found) = self.locate(*span)
                    {
                        return Some(found);
                    }
                }
            }
        }
        self.items
            .iter()
            .find(|i| i.kind == WitItemKind::Interface && i.name == interface)
            .and_then(|i| i.location.clone())
    }

    /// Resolves a wit-parser span to a file, line and column.
    pub(crate) fn locate(&self, span: Span) -> Option<WitLocation> {
        let loc = self.resolve.source_map.resolve_span(span)?;
        let display = display_path(std::path::Path::new(loc.path));
        let text = self.sources.get(&display)?;
        let before = text.get(..loc.range.start)?;
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        Some(WitLocation {
            file: display,
            line,
            column,
            range: loc.range.clone(),
        })
    }
}

/// wit-parser errors carry a `--> file:line:col` line; keep it and the
/// first line of the message so the error stays one line.
fn wit_error(display: &str, text: &str) -> InputError {
    let first = text
        .lines()
        .next()
        .unwrap_or("invalid WIT")
        .trim()
        .to_string();
    let location = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .map(str::to_string);
    let mut message = format!("invalid WIT: {first}");
    if let Some(location) = location {
        message = format!("invalid WIT at {location}: {first}");
    }
    InputError::new(display, None, message)
}
