//! Which imports the replay host implements with wasmtime-wasi and
//! wasmtime-wasi-http; everything else is stubbed.
//!
//! wasmtime's linker matches semver-compatible versions (a guest's
//! `wasi:cli/environment@0.2.0` is served by the host's 0.2.12), and it
//! has no API to ask what it defines, so the list is kept here, per WIT
//! package the crates ship (`wasmtime-wasi-48/src/p{2,3}/wit`), less the
//! unstable `timezone` that is not linked by default.

/// The WASI releases this host implements.
pub(crate) const P2_VERSION: &str = "0.2.12";
pub(crate) const P3_VERSION: &str = "0.3.0";

const P2: &[(&str, &[&str])] = &[
    (
        "wasi:cli",
        &[
            "environment",
            "exit",
            "stdin",
            "stdout",
            "stderr",
            "terminal-input",
            "terminal-output",
            "terminal-stdin",
            "terminal-stdout",
            "terminal-stderr",
        ],
    ),
    ("wasi:clocks", &["monotonic-clock", "wall-clock"]),
    ("wasi:filesystem", &["types", "preopens"]),
    ("wasi:io", &["error", "poll", "streams"]),
    ("wasi:random", &["random", "insecure", "insecure-seed"]),
    (
        "wasi:sockets",
        &[
            "network",
            "instance-network",
            "tcp",
            "tcp-create-socket",
            "udp",
            "udp-create-socket",
            "ip-name-lookup",
        ],
    ),
    ("wasi:http", &["types", "outgoing-handler"]),
];

const P3: &[(&str, &[&str])] = &[
    (
        "wasi:cli",
        &[
            "environment",
            "exit",
            "stdin",
            "stdout",
            "stderr",
            "types",
            "terminal-input",
            "terminal-output",
            "terminal-stdin",
            "terminal-stdout",
            "terminal-stderr",
        ],
    ),
    ("wasi:clocks", &["monotonic-clock", "system-clock", "types"]),
    ("wasi:filesystem", &["types", "preopens"]),
    ("wasi:random", &["random", "insecure", "insecure-seed"]),
    ("wasi:sockets", &["types", "ip-name-lookup"]),
    ("wasi:http", &["types", "client"]),
];

/// Whether the host implements the import named `name`
/// (`wasi:cli/environment@0.2.0`).
pub(crate) fn is_provided(name: &str) -> bool {
    let Some((path, version)) = name.split_once('@') else {
        return false;
    };
    let Some((package, interface)) = path.split_once('/') else {
        return false;
    };
    let table = if compatible(version, P2_VERSION) {
        P2
    } else if compatible(version, P3_VERSION) {
        P3
    } else {
        return false;
    };
    table
        .iter()
        .any(|(p, interfaces)| *p == package && interfaces.contains(&interface))
}

/// wasmtime's rule: for 0.x versions, the same minor and no pre-release.
fn compatible(version: &str, host: &str) -> bool {
    if version.contains('-') {
        return false;
    }
    let major_minor = |v: &str| {
        let mut parts = v.split('.');
        (
            parts.next().map(str::to_string),
            parts.next().map(str::to_string),
        )
    };
    major_minor(version) == major_minor(host)
}

/// The WASI release family of an import name: `Some(false)` for 0.2,
/// `Some(true)` for 0.3.
pub(crate) fn is_p3(name: &str) -> Option<bool> {
    let version = name.split_once('@')?.1;
    if compatible(version, P2_VERSION) {
        Some(false)
    } else if compatible(version, P3_VERSION) {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver_compatible_wasi_is_provided() {
        assert!(is_provided("wasi:cli/environment@0.2.0"));
        assert!(is_provided("wasi:cli/environment@0.2.12"));
        assert!(is_provided("wasi:http/types@0.3.0"));
        assert!(is_provided("wasi:http/client@0.3.2"));
        assert!(!is_provided("wasi:http/client@0.2.12"));
        assert!(!is_provided("wasi:cli/environment@0.3.0-rc-2025-09-16"));
        assert!(!is_provided("wasi:keyvalue/store@0.2.0"));
        assert!(!is_provided("local:test/host"));
        assert!(!is_provided("wasi:cli/environment@0.4.0"));
    }
}
