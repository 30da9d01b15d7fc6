//! Capability classes: what an imported interface lets a component do.
//! The table below is the one place that maps WASI 0.2.x and 0.3.x
//! interface names to classes; anything else is `custom`.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Capability {
    Filesystem,
    Network,
    Environment,
    Clocks,
    Random,
    InsecureRandom,
    Stdio,
    Terminal,
    Exit,
    /// The component serves HTTP (an exported handler).
    IncomingHttp,
    /// Interfaces that only carry types or plumbing (`wasi:io`, `wasi:http/types`).
    Support,
    /// Anything that is not WASI.
    Custom,
}

impl Capability {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Capability::Filesystem => "filesystem",
            Capability::Network => "network",
            Capability::Environment => "environment",
            Capability::Clocks => "clocks",
            Capability::Random => "random",
            Capability::InsecureRandom => "insecure-random",
            Capability::Stdio => "stdio",
            Capability::Terminal => "terminal",
            Capability::Exit => "exit",
            Capability::IncomingHttp => "incoming-http",
            Capability::Support => "support",
            Capability::Custom => "custom",
        }
    }
}

impl Capability {
    /// Every class, in order.
    pub(crate) const ALL: &[Capability] = &[
        Capability::Filesystem,
        Capability::Network,
        Capability::Environment,
        Capability::Clocks,
        Capability::Random,
        Capability::InsecureRandom,
        Capability::Stdio,
        Capability::Terminal,
        Capability::Exit,
        Capability::IncomingHttp,
        Capability::Support,
        Capability::Custom,
    ];
}

/// A finer power inside a class, where one class hides different powers:
/// an HTTP client that gains raw sockets gains much more than "network".
/// Policies may name a class or a subclass (`network.sockets`); `diff`
/// reports gains at the finest level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Subclass {
    /// TCP and UDP sockets, and the network they are created on.
    Sockets,
    /// Name resolution (`ip-name-lookup`).
    Dns,
    /// Outgoing HTTP requests.
    HttpOutgoing,
}

impl Subclass {
    pub(crate) const ALL: &[Subclass] = &[Subclass::Sockets, Subclass::Dns, Subclass::HttpOutgoing];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Subclass::Sockets => "network.sockets",
            Subclass::Dns => "network.dns",
            Subclass::HttpOutgoing => "network.http-outgoing",
        }
    }
}

/// Every name a policy may use for a class or subclass.
pub(crate) fn class_names() -> impl Iterator<Item = &'static str> {
    Capability::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(Subclass::ALL.iter().map(|s| s.as_str()))
}

/// The WASI packages wcaudit knows (`wasi:cli`, `wasi:http`, …), for
/// checking the interface globs of a policy.
pub(crate) fn wasi_packages() -> impl Iterator<Item = &'static str> {
    let mut packages: Vec<&'static str> = IMPORTS
        .iter()
        .filter_map(|(name, ..)| name.split_once('/').map(|(package, _)| package))
        .chain(
            EXPORTS
                .iter()
                .filter_map(|(name, _)| name.split_once('/').map(|(p, _)| p)),
        )
        .collect();
    packages.sort_unstable();
    packages.dedup();
    packages.into_iter()
}

/// The WASI interfaces wcaudit knows, unversioned.
pub(crate) fn wasi_interfaces() -> impl Iterator<Item = &'static str> {
    IMPORTS
        .iter()
        .map(|(name, ..)| *name)
        .chain(EXPORTS.iter().map(|(name, _)| *name))
}

/// `package:namespace/interface` (no version) → class, subclass and what
/// it grants. Covers WASI 0.2.x and 0.3.x names.
const IMPORTS: &[(&str, Capability, Option<Subclass>, &str)] = &[
    (
        "wasi:filesystem/types",
        Capability::Filesystem,
        None,
        "files and directories",
    ),
    (
        "wasi:filesystem/preopens",
        Capability::Filesystem,
        None,
        "preopened directories",
    ),
    (
        "wasi:sockets/network",
        Capability::Network,
        Some(Subclass::Sockets),
        "socket types",
    ),
    (
        "wasi:sockets/instance-network",
        Capability::Network,
        Some(Subclass::Sockets),
        "the default network",
    ),
    (
        "wasi:sockets/tcp",
        Capability::Network,
        Some(Subclass::Sockets),
        "TCP sockets",
    ),
    (
        "wasi:sockets/tcp-create-socket",
        Capability::Network,
        Some(Subclass::Sockets),
        "TCP sockets",
    ),
    (
        "wasi:sockets/udp",
        Capability::Network,
        Some(Subclass::Sockets),
        "UDP sockets",
    ),
    (
        "wasi:sockets/udp-create-socket",
        Capability::Network,
        Some(Subclass::Sockets),
        "UDP sockets",
    ),
    (
        "wasi:sockets/ip-name-lookup",
        Capability::Network,
        Some(Subclass::Dns),
        "DNS lookup",
    ),
    (
        "wasi:sockets/types",
        Capability::Network,
        Some(Subclass::Sockets),
        "TCP and UDP sockets",
    ),
    (
        "wasi:http/outgoing-handler",
        Capability::Network,
        Some(Subclass::HttpOutgoing),
        "outgoing HTTP",
    ),
    (
        "wasi:http/client",
        Capability::Network,
        Some(Subclass::HttpOutgoing),
        "outgoing HTTP",
    ),
    ("wasi:http/types", Capability::Support, None, "HTTP types"),
    (
        "wasi:cli/environment",
        Capability::Environment,
        None,
        "environment variables, arguments and cwd",
    ),
    (
        "wasi:cli/exit",
        Capability::Exit,
        None,
        "exiting the process",
    ),
    ("wasi:cli/stdin", Capability::Stdio, None, "standard input"),
    (
        "wasi:cli/stdout",
        Capability::Stdio,
        None,
        "standard output",
    ),
    ("wasi:cli/stderr", Capability::Stdio, None, "standard error"),
    (
        "wasi:cli/terminal-input",
        Capability::Terminal,
        None,
        "terminal types",
    ),
    (
        "wasi:cli/terminal-output",
        Capability::Terminal,
        None,
        "terminal types",
    ),
    (
        "wasi:cli/terminal-stdin",
        Capability::Terminal,
        None,
        "whether stdin is a terminal",
    ),
    (
        "wasi:cli/terminal-stdout",
        Capability::Terminal,
        None,
        "whether stdout is a terminal",
    ),
    (
        "wasi:cli/terminal-stderr",
        Capability::Terminal,
        None,
        "whether stderr is a terminal",
    ),
    ("wasi:cli/types", Capability::Support, None, "CLI types"),
    (
        "wasi:clocks/wall-clock",
        Capability::Clocks,
        None,
        "the wall clock",
    ),
    (
        "wasi:clocks/system-clock",
        Capability::Clocks,
        None,
        "the system clock",
    ),
    (
        "wasi:clocks/monotonic-clock",
        Capability::Clocks,
        None,
        "the monotonic clock",
    ),
    (
        "wasi:clocks/timezone",
        Capability::Clocks,
        None,
        "the time zone",
    ),
    (
        "wasi:clocks/types",
        Capability::Support,
        None,
        "clock types",
    ),
    (
        "wasi:random/random",
        Capability::Random,
        None,
        "secure random bytes",
    ),
    (
        "wasi:random/insecure",
        Capability::InsecureRandom,
        None,
        "insecure random bytes",
    ),
    (
        "wasi:random/insecure-seed",
        Capability::InsecureRandom,
        None,
        "an insecure random seed",
    ),
    ("wasi:io/error", Capability::Support, None, "I/O errors"),
    (
        "wasi:io/poll",
        Capability::Support,
        None,
        "readiness polling",
    ),
    ("wasi:io/streams", Capability::Support, None, "byte streams"),
];

/// Import namespaces of WASI preview1 core modules.
const PREVIEW1_NAMESPACES: &[&str] = &["wasi_snapshot_preview1", "wasi_unstable"];

/// The class of a preview1 function. `fd_read`/`fd_write` serve files too,
/// but in practice they are how programs use stdio.
pub(crate) fn classify_preview1(function: &str) -> Capability {
    match function {
        "fd_read" | "fd_write" => Capability::Stdio,
        f if f.starts_with("fd_") || f.starts_with("path_") => Capability::Filesystem,
        "environ_get" | "environ_sizes_get" | "args_get" | "args_sizes_get" => {
            Capability::Environment
        }
        "clock_time_get" | "clock_res_get" => Capability::Clocks,
        "random_get" => Capability::Random,
        "proc_exit" | "proc_raise" => Capability::Exit,
        f if f.starts_with("sock_") => Capability::Network,
        _ => Capability::Support,
    }
}

/// Exported interfaces that make a component a server of some kind.
const EXPORTS: &[(&str, Capability)] = &[
    ("wasi:http/incoming-handler", Capability::IncomingHttp),
    ("wasi:http/handler", Capability::IncomingHttp),
];

/// `wasi:cli/stdout@0.2.12` → `wasi:cli/stdout`.
pub(crate) fn unversioned(name: &str) -> &str {
    name.split_once('@').map_or(name, |(n, _)| n)
}

/// The class of an imported interface (or bare function) name.
pub(crate) fn classify_import(name: &str) -> (Capability, &'static str) {
    let base = unversioned(name);
    IMPORTS
        .iter()
        .find(|(n, ..)| *n == base)
        .map(|(_, c, _, what)| (*c, *what))
        .unwrap_or((Capability::Custom, "a non-WASI interface"))
}

/// The subclass of an imported interface, or of a preview1 function label
/// (`wasi_snapshot_preview1#sock_accept`).
pub(crate) fn subclass_of(name: &str) -> Option<Subclass> {
    if let Some((namespace, function)) = name.split_once('#')
        && PREVIEW1_NAMESPACES.contains(&namespace)
    {
        return function.starts_with("sock_").then_some(Subclass::Sockets);
    }
    let base = unversioned(name);
    IMPORTS
        .iter()
        .find(|(n, ..)| *n == base)
        .and_then(|(_, _, sub, _)| *sub)
}

/// The finest class name of an import: its subclass where it has one
/// (`network.sockets`), else its class (`filesystem`).
pub(crate) fn finest_class(name: &str) -> &'static str {
    match subclass_of(name) {
        Some(sub) => sub.as_str(),
        None => match name.split_once('#') {
            Some((namespace, function)) if PREVIEW1_NAMESPACES.contains(&namespace) => {
                classify_preview1(function).as_str()
            }
            _ => classify_import(name).0.as_str(),
        },
    }
}

pub(crate) fn classify_export(name: &str) -> Option<Capability> {
    let base = unversioned(name);
    EXPORTS.iter().find(|(n, _)| *n == base).map(|(_, c)| *c)
}

/// Whether a core module's import namespace is WASI preview1's.
pub(crate) fn is_preview1_namespace(namespace: &str) -> bool {
    PREVIEW1_NAMESPACES.contains(&namespace)
}

/// Whether a component with these exports serves HTTP.
pub(crate) fn serves_http<'a>(exports: impl IntoIterator<Item = &'a str>) -> bool {
    exports
        .into_iter()
        .any(|name| classify_export(name) == Some(Capability::IncomingHttp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_p2_and_p3_names() {
        assert_eq!(
            classify_import("wasi:sockets/tcp@0.2.12").0,
            Capability::Network
        );
        assert_eq!(
            classify_import("wasi:sockets/types@0.3.0").0,
            Capability::Network
        );
        assert_eq!(
            classify_import("wasi:http/client@0.3.0").0,
            Capability::Network
        );
        assert_eq!(
            classify_import("wasi:clocks/system-clock@0.3.0").0,
            Capability::Clocks
        );
        assert_eq!(
            classify_import("wasi:random/insecure-seed@0.2.9").0,
            Capability::InsecureRandom
        );
        assert_eq!(
            classify_import("wasi:io/streams@0.2.12").0,
            Capability::Support
        );
        assert_eq!(
            classify_import("corpus:headers/fine@0.1.0").0,
            Capability::Custom
        );
        assert_eq!(
            classify_export("wasi:http/handler@0.3.0"),
            Some(Capability::IncomingHttp)
        );
    }

    #[test]
    fn network_splits_into_subclasses() {
        assert_eq!(finest_class("wasi:sockets/tcp@0.2.12"), "network.sockets");
        assert_eq!(
            finest_class("wasi:sockets/network@0.2.12"),
            "network.sockets"
        );
        assert_eq!(
            finest_class("wasi:sockets/ip-name-lookup@0.2.12"),
            "network.dns"
        );
        assert_eq!(
            finest_class("wasi:http/outgoing-handler@0.2.12"),
            "network.http-outgoing"
        );
        assert_eq!(
            finest_class("wasi:http/client@0.3.0"),
            "network.http-outgoing"
        );
        assert_eq!(
            finest_class("wasi_snapshot_preview1#sock_accept"),
            "network.sockets"
        );
        assert_eq!(
            finest_class("wasi_snapshot_preview1#path_open"),
            "filesystem"
        );
        assert_eq!(finest_class("wasi:filesystem/types@0.2.12"), "filesystem");
        assert_eq!(finest_class("my:pkg/api"), "custom");
        assert!(wasi_packages().any(|p| p == "wasi:http"));
        assert!(class_names().any(|c| c == "network.dns"));
    }
}
