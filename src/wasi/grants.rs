//! wasmtime's permissions: which grant each WASI interface needs, and the
//! grants a set of wasmtime CLI flags gives.

use super::classes::{self as capability, Capability, classify_import};

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

/// Interfaces `wasmtime serve` links without `-S cli`: the HTTP proxy
/// world's. A component importing anything else from WASI does not
/// instantiate under `serve` unless `-S cli` links the rest.
const SERVE_LINKS: &[&str] = &[
    "wasi:http/",
    "wasi:io/",
    "wasi:clocks/",
    "wasi:random/",
    "wasi:cli/stdout",
    "wasi:cli/stderr",
    "wasi:cli/stdin",
];

/// The WASI imports `wasmtime serve` links only with `-S cli`, reached or
/// not: every import must be linked to instantiate.
pub(crate) fn beyond_serve<'a>(imports: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    imports
        .into_iter()
        .filter(|name| name.starts_with("wasi:"))
        .filter(|name| {
            let base = capability::unversioned(name);
            !SERVE_LINKS.iter().any(|p| base.starts_with(p))
        })
        .map(str::to_string)
        .collect()
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
    /// Every word must be a wasmtime option or its value: tuning options
    /// (`-W`, `-O`, …) are accepted and grant nothing, anything else (a
    /// typo, a file name) is an error, so a gate never runs on flags it
    /// misread.
    pub(crate) fn parse(flags: &str) -> Result<Granted, String> {
        // wasmtime links wasi:cli unless told not to.
        let mut grants = vec![Grant::Cli];
        let words = shell_words(flags)?;
        let mut words = words.iter().map(String::as_str);
        while let Some(word) = words.next() {
            let (flag, inline) = match word.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
                _ if !word.starts_with("--") && word.len() > 2 && word.starts_with('-') => {
                    // `-Shttp`, `-Wfuel=10`: a short flag with its value attached.
                    (&word[..2], Some(word[2..].to_string()))
                }
                _ => (word, None),
            };
            let Some(option) = WASMTIME_OPTIONS
                .iter()
                .find(|o| o.long == flag || o.short == Some(flag))
            else {
                let known = WASMTIME_OPTIONS
                    .iter()
                    .flat_map(|o| std::iter::once(o.long).chain(o.short));
                return Err(if flag.starts_with('-') {
                    format!(
                        "`{flag}` is not a wasmtime run/serve option{}",
                        crate::suggest::hint(flag, known)
                    )
                } else {
                    format!(
                        "`{word}` is not a wasmtime option (give only the permission flags, not the command or the file)"
                    )
                });
            };
            let value = if option.takes_value {
                Some(
                    inline
                        .or_else(|| words.next().map(str::to_string))
                        .ok_or_else(|| format!("`{flag}` needs a value"))?,
                )
            } else if inline.is_some() {
                return Err(format!("`{flag}` takes no value"));
            } else {
                None
            };
            match (option.long, value) {
                ("--dir", _) => grants.push(Grant::Dir),
                ("--env", _) => grants.push(Grant::Env),
                ("--wasi", Some(value)) => {
                    for part in value.split(',') {
                        grants.extend(wasi_option(part)?);
                    }
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

/// The words of a flag string as a shell would split them: on white
/// space, with single and double quotes grouping (`-S 'http'` is `-S`,
/// `http`; `--env "A=b c"` keeps `A=b c` whole).
fn shell_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_default().push(c),
        }
    }
    if let Some(q) = quote {
        return Err(format!("unclosed {q} quote"));
    }
    words.extend(word);
    Ok(words)
}

/// An option of `wasmtime run` and `wasmtime serve` (wasmtime 48).
struct WasmtimeOption {
    long: &'static str,
    short: Option<&'static str>,
    takes_value: bool,
}

const fn option(
    long: &'static str,
    short: Option<&'static str>,
    takes_value: bool,
) -> WasmtimeOption {
    WasmtimeOption {
        long,
        short,
        takes_value,
    }
}

/// The options `--granted` and `[grants] wasmtime` accept: the permission
/// flags wcaudit models, and the tuning options that grant nothing.
const WASMTIME_OPTIONS: &[WasmtimeOption] = &[
    option("--wasi", Some("-S"), true),
    option("--dir", None, true),
    option("--env", None, true),
    option("--wasm", Some("-W"), true),
    option("--optimize", Some("-O"), true),
    option("--codegen", Some("-C"), true),
    option("--debug", Some("-D"), true),
    option("--invoke", None, true),
    option("--preload", None, true),
    option("--profile", None, true),
    option("--argv0", None, true),
    option("--config", None, true),
    option("--addr", None, true),
    option("--allow-precompiled", None, false),
];

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
    if !WASI_OPTIONS.contains(&name) {
        return Err(format!(
            "unknown wasmtime -S option `{name}`{}",
            crate::suggest::hint(name, WASI_OPTIONS.iter().copied())
        ));
    }
    Ok(match name {
        "http" => vec![Grant::Http],
        "inherit-network" | "tcp" | "udp" | "network" => vec![Grant::Network],
        "allow-ip-name-lookup" => vec![Grant::NameLookup],
        "inherit-env" => vec![Grant::Env],
        // Permissions wcaudit does not model, and tuning options.
        _ => Vec::new(),
    })
}

/// wasmtime's `-S` options.
const WASI_OPTIONS: &[&str] = &[
    "http",
    "inherit-network",
    "tcp",
    "udp",
    "network",
    "allow-ip-name-lookup",
    "inherit-env",
    "cli",
    "cli-exit-with-code",
    "common",
    "preview2",
    "nn",
    "threads",
    "config",
    "keyvalue",
    "tls",
    "listenfd",
    "tcplisten",
    "p3",
    "max-resources",
    "hostcall-fuel",
    "max-random-size",
    "max-http-fields-size",
];

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
        let g = Granted::parse("-W fuel=10 -Ocache=n --wasi=http,inherit-env").unwrap();
        assert_eq!(g.grants, [Grant::Cli, Grant::Http, Grant::Env]);
        let typo = Granted::parse("--dirr x").unwrap_err();
        assert!(typo.contains("did you mean `--dir`?"), "{typo}");
        let words = Granted::parse("foo bar").unwrap_err();
        assert!(words.contains("`foo` is not a wasmtime option"), "{words}");
        assert!(Granted::parse("--dir").is_err());
        let quoted = Granted::parse("-S 'http' --env \"A=b c\"").unwrap();
        assert_eq!(quoted.grants, [Grant::Cli, Grant::Http, Grant::Env]);
        assert!(Granted::parse("-S 'http").is_err());
        assert!(Granted::parse("--allow-precompiled=x").is_err());
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
