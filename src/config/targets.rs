//! `targets` in wcaudit.toml: a WIT world a component must conform to,
//! either a built-in profile (the project's own WIT in `wit/`, embedded in
//! the binary) or a world from the user's WIT.

use std::path::Path;

use wit_parser::{Resolve, WorldItem, WorldKey};

use crate::rules::TargetWorld;

/// The built-in profiles and the packages they name, in dependency order.
const PROFILE_SOURCES: &[(&str, &str)] = &[
    (
        "wit/deps/io-0.2.12.wit",
        include_str!("../../wit/deps/io-0.2.12.wit"),
    ),
    (
        "wit/deps/clocks-0.2.12.wit",
        include_str!("../../wit/deps/clocks-0.2.12.wit"),
    ),
    (
        "wit/deps/random-0.2.12.wit",
        include_str!("../../wit/deps/random-0.2.12.wit"),
    ),
    (
        "wit/deps/cli-0.2.12.wit",
        include_str!("../../wit/deps/cli-0.2.12.wit"),
    ),
    (
        "wit/deps/filesystem-0.2.12.wit",
        include_str!("../../wit/deps/filesystem-0.2.12.wit"),
    ),
    (
        "wit/deps/sockets-0.2.12.wit",
        include_str!("../../wit/deps/sockets-0.2.12.wit"),
    ),
    (
        "wit/deps/http-0.2.12.wit",
        include_str!("../../wit/deps/http-0.2.12.wit"),
    ),
    (
        "wit/deps/clocks-0.3.0.wit",
        include_str!("../../wit/deps/clocks-0.3.0.wit"),
    ),
    (
        "wit/deps/random-0.3.0.wit",
        include_str!("../../wit/deps/random-0.3.0.wit"),
    ),
    (
        "wit/deps/cli-0.3.0.wit",
        include_str!("../../wit/deps/cli-0.3.0.wit"),
    ),
    (
        "wit/deps/http-0.3.0.wit",
        include_str!("../../wit/deps/http-0.3.0.wit"),
    ),
    ("wit/profiles.wit", include_str!("../../wit/profiles.wit")),
];

/// The names of the built-in profiles.
pub(crate) const PROFILES: &[&str] = &["http-proxy", "cli-command", "http-service", "pure"];

/// A built-in profile as a target world.
pub(crate) fn profile(name: &str) -> Result<TargetWorld, String> {
    if !PROFILES.contains(&name) {
        return Err(format!(
            "unknown profile `{name}`: expected one of {}",
            PROFILES.join(", ")
        ));
    }
    let mut resolve = Resolve::default();
    let mut last = None;
    for (path, text) in PROFILE_SOURCES {
        last = Some(
            resolve
                .push_str(path, text)
                .map_err(|e| format!("built-in profiles do not parse: {e}"))?,
        );
    }
    let package = last.expect("profiles are listed");
    let world = resolve
        .select_world(&[package], Some(name))
        .map_err(|e| format!("{e}"))?;
    Ok(names(&resolve, world, format!("profile {name}")))
}

/// A world from WIT on disk (a file or a directory with deps/).
pub(crate) fn world(path: &Path, name: Option<&str>) -> Result<TargetWorld, String> {
    let mut resolve = Resolve::default();
    let (package, _) = match resolve.push_path(path) {
        Ok(pushed) => pushed,
        Err(e) => {
            return Err(resolve
                .render_error(&e)
                .lines()
                .next()
                .unwrap_or("invalid WIT")
                .to_string());
        }
    };
    let world = resolve
        .select_world(&[package], name)
        .map_err(|e| format!("{e:#}"))?;
    let label = format!("world {}", resolve.worlds[world].name);
    Ok(names(&resolve, world, label))
}

fn names(resolve: &Resolve, world: wit_parser::WorldId, label: String) -> TargetWorld {
    let w = &resolve.worlds[world];
    let keep = |(key, item): (&WorldKey, &WorldItem)| match item {
        WorldItem::Type { .. } => None,
        _ => Some(resolve.name_world_key(key)),
    };
    TargetWorld {
        label,
        imports: w.imports.iter().filter_map(keep).collect(),
        exports: w.exports.iter().filter_map(keep).collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_profile_loads() {
        for name in super::PROFILES {
            let target = super::profile(name).unwrap();
            assert_eq!(target.label, format!("profile {name}"));
        }
        let proxy = super::profile("http-proxy").unwrap();
        assert!(
            proxy
                .imports
                .contains(&"wasi:http/outgoing-handler@0.2.12".to_string())
        );
        assert_eq!(proxy.exports, ["wasi:http/incoming-handler@0.2.12"]);
        assert!(super::profile("pure").unwrap().imports.is_empty());
        assert!(super::profile("nope").is_err());
    }
}
