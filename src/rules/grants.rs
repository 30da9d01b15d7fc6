//! Least-privilege grants: which wasmtime CLI permissions a component
//! needs, from what its exports reach, and how a given set of flags
//! compares.

use super::capability::{self, Capability, classify_import};
use crate::graph::{ImportGraph, Reach};
use crate::model::BinaryModel;

/// A wasmtime CLI permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Grant {
    /// `-S cli`: links `wasi:cli` (on unless `-S cli=n`).
    Cli,
    /// `-S http`: links `wasi:http` (outgoing requests).
    Http,
    /// `-S inherit-network`: sockets may reach the host's network.
    Network,
    /// `-S allow-ip-name-lookup`: DNS through `wasi:sockets/ip-name-lookup`.
    NameLookup,
    /// `--dir HOST::GUEST`: a preopened directory.
    Dir,
    /// `--env NAME=VALUE` or `-S inherit-env`.
    Env,
    /// `-S cli=n` while parsing; never in a parsed set.
    NoCli,
}

impl Grant {
    pub(crate) fn flag(self) -> &'static str {
        match self {
            Grant::Cli => "-S cli",
            Grant::Http => "-S http",
            Grant::Network => "-S inherit-network",
            Grant::NameLookup => "-S allow-ip-name-lookup",
            Grant::Dir => "--dir <HOST>::<GUEST>",
            Grant::Env => "--env <NAME>=<VALUE>",
            Grant::NoCli => "-S cli=n",
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Grant::Cli => "cli",
            Grant::Http => "http",
            Grant::Network => "inherit-network",
            Grant::NameLookup => "allow-ip-name-lookup",
            Grant::Dir => "dir",
            Grant::Env => "env",
            Grant::NoCli => "no-cli",
        }
    }
}

/// The grant an imported interface needs, if any: the one table mapping
/// interfaces to wasmtime permissions. Clocks, random and stdio are always
/// provided.
pub(crate) fn grant_for(interface: &str) -> Option<Grant> {
    let base = capability::unversioned(interface);
    match base {
        "wasi:http/outgoing-handler" | "wasi:http/client" => Some(Grant::Http),
        "wasi:sockets/ip-name-lookup" => Some(Grant::NameLookup),
        _ if base.starts_with("wasi:sockets/") => Some(Grant::Network),
        "wasi:cli/environment" => Some(Grant::Env),
        _ if base.starts_with("wasi:cli/") => Some(Grant::Cli),
        _ => match classify_import(interface).0 {
            Capability::Filesystem => Some(Grant::Dir),
            Capability::Environment => Some(Grant::Env),
            _ => None,
        },
    }
}

/// A grant a component needs, with the interfaces that need it.
#[derive(Clone, Debug)]
pub(crate) struct Need {
    pub(crate) grant: Grant,
    pub(crate) interfaces: Vec<String>,
    pub(crate) reach: Reach,
}

/// What the component needs to run: one entry per grant, for imports an
/// export reaches or may reach (indeterminate counts: it may fail).
pub(crate) fn needs(model: &BinaryModel, graph: &ImportGraph) -> Vec<Need> {
    let functions = graph.import_functions(model);
    let mut needs: Vec<Need> = Vec::new();
    for (i, import) in model.linked.imports.iter().enumerate() {
        let Some(grant) = grant_for(&import.name) else {
            continue;
        };
        let reach = functions
            .iter()
            .filter(|f| f.import == i)
            .map(|f| f.reach)
            .min()
            .unwrap_or(Reach::Unreachable);
        if reach == Reach::Unreachable {
            continue;
        }
        match needs.iter_mut().find(|n| n.grant == grant) {
            Some(need) => {
                need.interfaces.push(import.name.clone());
                need.reach = need.reach.min(reach);
            }
            None => needs.push(Need {
                grant,
                interfaces: vec![import.name.clone()],
                reach,
            }),
        }
    }
    needs.sort_by_key(|n| n.grant);
    needs
}

/// Grants parsed from wasmtime CLI flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Granted {
    pub(crate) grants: Vec<Grant>,
    /// The flags as given, for messages.
    pub(crate) source: String,
}

impl Granted {
    /// Parses the permission flags of `wasmtime run`/`serve`: `-S http`,
    /// `-S inherit-network`, `-S tcp`, `-S udp`, `-S allow-ip-name-lookup`,
    /// `-S inherit-env`, `--dir`, `--env` (and `=`/`-Sname` spellings).
    /// Other flags are ignored; an unknown `-S` option is an error.
    pub(crate) fn parse(flags: &str) -> Result<Granted, String> {
        // wasmtime links wasi:cli unless told not to.
        let mut grants = vec![Grant::Cli];
        let mut words = flags.split_whitespace().peekable();
        while let Some(word) = words.next() {
            let (flag, inline) = match word.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (word.to_string(), None),
            };
            match flag.as_str() {
                "--dir" | "--env" => {
                    if inline.is_none() {
                        words.next(); // the flag's value
                    }
                    grants.push(if flag == "--dir" {
                        Grant::Dir
                    } else {
                        Grant::Env
                    });
                }
                "-S" | "--wasi" => {
                    let option = inline
                        .or_else(|| words.next().map(str::to_string))
                        .ok_or("`-S` needs an option")?;
                    grants.extend(wasi_option(&option)?);
                }
                other if other.starts_with("-S") && other.len() > 2 => {
                    grants.extend(wasi_option(&other[2..])?);
                }
                _ => {}
            }
        }
        if grants.contains(&Grant::NoCli) {
            grants.retain(|g| !matches!(g, Grant::Cli | Grant::NoCli));
        }
        grants.sort();
        grants.dedup();
        Ok(Granted {
            grants,
            source: flags.trim().to_string(),
        })
    }
}

/// One `-S` option; `name=n` (or `=no`, `=false`) grants nothing.
fn wasi_option(option: &str) -> Result<Vec<Grant>, String> {
    let (name, value) = option.split_once('=').unwrap_or((option, "y"));
    if matches!(value, "n" | "no" | "false" | "N") {
        return Ok(if name == "cli" {
            vec![Grant::NoCli]
        } else {
            Vec::new()
        });
    }
    Ok(match name {
        "http" => vec![Grant::Http],
        "inherit-network" | "tcp" | "udp" | "network" => vec![Grant::Network],
        "allow-ip-name-lookup" => vec![Grant::NameLookup],
        "inherit-env" => vec![Grant::Env],
        // Permissions wcaudit does not model, and tuning options.
        "cli"
        | "cli-exit-with-code"
        | "common"
        | "preview2"
        | "nn"
        | "threads"
        | "config"
        | "keyvalue"
        | "tls"
        | "listenfd"
        | "tcplisten"
        | "p3"
        | "max-resources"
        | "hostcall-fuel"
        | "max-random-size"
        | "max-http-fields-size" => Vec::new(),
        other => return Err(format!("unknown wasmtime -S option `{other}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wasmtime_flags() {
        let g =
            Granted::parse("-S http --dir ./data::/data --env=TOKEN=x -Sinherit-network -S cli=n")
                .unwrap();
        assert_eq!(
            g.grants,
            [Grant::Http, Grant::Network, Grant::Dir, Grant::Env]
        );
        let g = Granted::parse("-S inherit-env -S allow-ip-name-lookup=y -S http=n").unwrap();
        assert_eq!(g.grants, [Grant::Cli, Grant::NameLookup, Grant::Env]);
        assert!(Granted::parse("-S teleport").is_err());
        assert!(Granted::parse("-S").is_err());
    }

    #[test]
    fn interfaces_map_to_grants() {
        assert_eq!(grant_for("wasi:sockets/tcp@0.2.12"), Some(Grant::Network));
        assert_eq!(grant_for("wasi:sockets/types@0.3.0"), Some(Grant::Network));
        assert_eq!(
            grant_for("wasi:sockets/ip-name-lookup@0.2.12"),
            Some(Grant::NameLookup)
        );
        assert_eq!(grant_for("wasi:http/client@0.3.0"), Some(Grant::Http));
        assert_eq!(
            grant_for("wasi:filesystem/preopens@0.2.12"),
            Some(Grant::Dir)
        );
        assert_eq!(grant_for("wasi:cli/environment@0.2.12"), Some(Grant::Env));
        assert_eq!(grant_for("wasi:cli/stdout@0.2.12"), Some(Grant::Cli));
        assert_eq!(grant_for("wasi:clocks/wall-clock@0.2.12"), None);
    }
}
