//! The WASI 0.2.12 → 0.3.0 item table: every p2 item's fate (same,
//! changed, renamed, moved, replaced, removed) and its p3 replacement, as
//! data in one place (`p3_items.jsonl`, generated from the shared reference
//! catalog by `scripts/gen-p3-items.py`).

use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub(crate) struct Item {
    pub(crate) status: String,
    #[serde(default)]
    pub(crate) note: String,
    #[serde(default)]
    pub(crate) p2_instance: Option<String>,
    #[serde(default)]
    pub(crate) p2_item: Option<String>,
    #[serde(default)]
    pub(crate) p2_bin: Option<String>,
    #[serde(default)]
    pub(crate) p2_sig: Option<String>,
    #[serde(default)]
    pub(crate) p3_instance: Option<String>,
    #[serde(default)]
    pub(crate) p3_item: Option<String>,
    #[serde(default)]
    pub(crate) p3_sig: Option<String>,
    /// For a removed item: what to use instead, or `none: ` and why
    /// nothing replaces it.
    #[serde(default)]
    pub(crate) instead: Option<String>,
}

impl Item {
    /// Whether porting to p3 means changing code that uses this item.
    pub(crate) fn breaks(&self) -> bool {
        self.status != "same"
    }

    /// The p3 replacement as WIT, e.g.
    /// `wasi:clocks/monotonic-clock@0.3.0 wait-for: async func(how-long: duration)`.
    pub(crate) fn replacement(&self) -> Option<String> {
        let instance = self.p3_instance.as_deref()?;
        let item = self.p3_item.as_deref().unwrap_or("");
        Some(match &self.p3_sig {
            Some(sig) => format!("{instance} {item}: {sig}"),
            None => format!("{instance} {item}"),
        })
    }

    /// One line for a diagnostic: what the p2 item becomes.
    pub(crate) fn fate(&self) -> String {
        let item = self.p2_item.as_deref().unwrap_or("?");
        let mut text = format!("{item}: {}", self.status);
        if let Some(replacement) = self.replacement() {
            text.push_str(&format!(" → {replacement}"));
        }
        if !self.note.is_empty() {
            text.push_str(&format!(" ({})", self.note));
        }
        text
    }
}

const ITEMS: &str = include_str!("p3_items.jsonl");

pub(crate) fn items() -> &'static [Item] {
    static PARSED: OnceLock<Vec<Item>> = OnceLock::new();
    PARSED.get_or_init(|| {
        ITEMS
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("p3_items.jsonl is checked by a test"))
            .collect()
    })
}

/// `wasi:io/poll@0.2.9` → `wasi:io/poll`, when it is a WASI 0.2.x name.
pub(crate) fn p2_interface(name: &str) -> Option<&str> {
    let (base, version) = name.split_once('@')?;
    (base.starts_with("wasi:") && version.starts_with("0.2.")).then_some(base)
}

/// Whether a name is a WASI 0.3.x interface (release or candidate).
pub(crate) fn is_p3(name: &str) -> bool {
    name.split_once('@')
        .is_some_and(|(base, v)| base.starts_with("wasi:") && v.starts_with("0.3."))
}

/// The table row of a p2 function, matched on the unversioned interface
/// (any 0.2.x) and the binary function name.
pub(crate) fn p2_function(interface: &str, function: &str) -> Option<&'static Item> {
    items().iter().find(|i| {
        i.p2_bin.as_deref() == Some(function)
            && i.p2_instance
                .as_deref()
                .and_then(p2_interface)
                .is_some_and(|base| base == interface)
    })
}

/// The table row of a whole p2 interface (`interface wall-clock`), or of
/// its package when the package is gone (`wasi:io`).
pub(crate) fn p2_interface_fate(interface: &str) -> Option<&'static Item> {
    let short = interface.rsplit('/').next()?;
    items().iter().find(|i| {
        i.p2_item.as_deref() == Some(&format!("interface {short}"))
            && i.p2_instance
                .as_deref()
                .and_then(p2_interface)
                .is_some_and(|base| base == interface)
    })
}

/// For a WASI 0.2 function that waits (for I/O, a timer or a pollable)
/// before it returns: what WASI 0.3 has instead, which waits as an async
/// call, a stream or a future. `None` for a function that returns at once
/// (`now`, `subscribe-duration`, which hands back a pollable, the
/// `start-…` halves, calls that return a stream or a future resource).
pub(crate) fn p2_waiting_function(interface: &str, function: &str) -> Option<String> {
    let item = p2_function(interface, function)?;
    let waits_by_name = function.contains("blocking-")
        || function == "[method]pollable.block"
        || (interface == "wasi:io/poll" && function == "poll");
    if waits_by_name {
        return item
            .replacement()
            .or_else(|| item.instead.clone())
            .map(|form| form.trim_start_matches("none: ").to_string());
    }
    let returns_at_once = item.p2_sig.as_deref().is_some_and(|sig| {
        let result = sig.rsplit_once("->").map_or("", |(_, r)| r);
        result.contains("pollable") || result.contains("future-") || result.contains("-stream")
    }) || function.contains("start-");
    let async_in_p3 = item
        .p3_sig
        .as_deref()
        .is_some_and(|sig| sig.starts_with("async func"));
    (async_in_p3 && !returns_at_once)
        .then(|| item.replacement())
        .flatten()
}

/// The WASI 0.3 interface a p2 interface becomes: its interface row, else
/// where its items went (`wasi:cli/terminal-input` keeps its name; the
/// table has rows only for interfaces that are renamed or removed).
/// `None` when nothing of it survives (`wasi:io/*`).
pub(crate) fn p2_interface_becomes(interface: &str) -> Option<&'static str> {
    if let Some(fate) = p2_interface_fate(interface) {
        return fate.p3_instance.as_deref();
    }
    items()
        .iter()
        .filter(|i| {
            i.p2_instance
                .as_deref()
                .and_then(p2_interface)
                .is_some_and(|base| base == interface)
        })
        .find_map(|i| i.p3_instance.as_deref())
}

/// Which WASI a binary targets, from the names it imports and exports and
/// whether it uses the component model's async ABI.
pub(crate) fn classify<'a>(
    names: impl IntoIterator<Item = &'a str>,
    async_abi: bool,
) -> &'static str {
    let (mut p2, mut p3) = (false, false);
    for name in names {
        p2 |= p2_interface(name).is_some();
        p3 |= is_p3(name);
    }
    match (p2, p3, async_abi) {
        (true, true, _) => "mixed",
        (true, false, true) => "p2+async",
        (true, false, false) => "p2",
        (false, _, true) | (false, true, _) => "p3",
        (false, false, false) => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_p2_functions_are_those_that_block_until_done() {
        for (interface, function, form) in [
            ("wasi:io/poll", "poll", "await several futures"),
            (
                "wasi:io/poll",
                "[method]pollable.block",
                "await the future<T>",
            ),
            (
                "wasi:io/streams",
                "[method]input-stream.blocking-read",
                "read from the stream<u8>",
            ),
            (
                "wasi:filesystem/types",
                "[method]descriptor.stat",
                "wasi:filesystem/types@0.3.0 descriptor.stat: async func()",
            ),
        ] {
            let found = p2_waiting_function(interface, function);
            assert!(
                found.as_deref().is_some_and(|f| f.starts_with(form)),
                "{function}: {found:?}"
            );
        }
        for (interface, function) in [
            ("wasi:clocks/monotonic-clock", "now"),
            ("wasi:clocks/monotonic-clock", "subscribe-duration"),
            ("wasi:io/poll", "[method]pollable.ready"),
            ("wasi:sockets/tcp", "[method]tcp-socket.start-connect"),
            ("wasi:sockets/ip-name-lookup", "resolve-addresses"),
            ("wasi:http/outgoing-handler", "handle"),
            ("wasi:io/streams", "[method]output-stream.write"),
        ] {
            assert_eq!(p2_waiting_function(interface, function), None, "{function}");
        }
    }

    #[test]
    fn the_table_parses_and_covers_every_wasi_package() {
        let all = items();
        assert_eq!(all.len(), 271);
        for pkg in [
            "wasi:io",
            "wasi:clocks",
            "wasi:random",
            "wasi:filesystem",
            "wasi:sockets",
            "wasi:cli",
            "wasi:http",
        ] {
            let prefix = format!("{pkg}/");
            assert!(
                all.iter().any(|i| i
                    .p2_instance
                    .as_deref()
                    .is_some_and(|n| n.starts_with(&prefix))),
                "{pkg}"
            );
        }
        let wait = p2_function("wasi:clocks/monotonic-clock", "subscribe-duration").unwrap();
        assert_eq!(wait.status, "renamed+changed");
        assert_eq!(
            wait.replacement().as_deref(),
            Some("wasi:clocks/monotonic-clock@0.3.0 wait-for: async func(how-long: duration)")
        );
        let poll = p2_function("wasi:io/poll", "poll").unwrap();
        assert_eq!(poll.status, "removed");
        assert!(poll.replacement().is_none());
        // Every removed item says what replaces it, or that nothing does.
        for item in all.iter().filter(|i| i.status == "removed") {
            assert!(
                item.instead.as_deref().is_some_and(|t| !t.is_empty()),
                "{:?}",
                item.p2_item
            );
        }
        assert!(
            p2_function("wasi:http/types", "[method]outgoing-request.body")
                .and_then(|i| i.instead.as_deref())
                .is_some_and(|t| t.contains("`contents` stream<u8>"))
        );
        assert_eq!(
            p2_function("wasi:random/random", "get-random-u64")
                .unwrap()
                .status,
            "same"
        );
        assert_eq!(
            p2_interface_fate("wasi:clocks/wall-clock").and_then(|i| i.p3_instance.as_deref()),
            Some("wasi:clocks/system-clock@0.3.0")
        );
        assert_eq!(
            p2_interface_becomes("wasi:cli/terminal-input"),
            Some("wasi:cli/terminal-input@0.3.0")
        );
        assert_eq!(p2_interface_becomes("wasi:io/streams"), None);
        assert_eq!(
            p2_interface_becomes("wasi:http/incoming-handler"),
            Some("wasi:http/handler@0.3.0")
        );
        assert_eq!(
            p2_interface("wasi:cli/stdout@0.2.9"),
            Some("wasi:cli/stdout")
        );
        assert_eq!(p2_interface("wasi:cli/stdout@0.3.0"), None);
        assert!(is_p3("wasi:http/handler@0.3.0-rc-2026-03-15"));
    }
}
