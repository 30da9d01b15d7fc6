//! Function names from a module's name section, as a person reads them:
//! Rust (legacy and v0) and Itanium C++ symbols demangled, and any name
//! made safe to print. The name section is untrusted input, so the shown
//! name is bounded in length and has its control characters escaped.

use std::fmt::Write as _;

/// Longest symbol handed to a demangler. Real symbols stay well below it
/// (the longest in a CPython component are under 200 bytes); a longer one
/// is shown as it is, cut short.
const MAX_MANGLED: usize = 4096;

/// Longest name shown, in characters, before it is cut with `…`.
pub(crate) const MAX_SHOWN: usize = 240;

/// How deep the C++ demangler may recurse, in parsing and in printing:
/// substitutions and template arguments let a short symbol nest deeply.
const CPP_RECURSION: u32 = 96;

/// A function's name: the raw one and, when it differs, the one to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FuncName {
    pub(crate) raw: Box<str>,
    shown: Option<Box<str>>,
}

impl FuncName {
    pub(crate) fn new(raw: &str) -> Self {
        let shown = readable(raw);
        FuncName {
            shown: (shown != raw).then(|| shown.into_boxed_str()),
            raw: raw.into(),
        }
    }

    /// The demangled, escaped and bounded name.
    pub(crate) fn shown(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.raw)
    }

    /// Whether the shown name differs from the raw one.
    pub(crate) fn is_rewritten(&self) -> bool {
        self.shown.is_some()
    }
}

/// The name to show for a symbol: demangled when it is a Rust or C++
/// symbol, and always escaped and bounded.
pub(crate) fn readable(raw: &str) -> String {
    let demangled = demangle(raw);
    printable(demangled.as_deref().unwrap_or(raw))
}

/// `raw` demangled, or `None` when it is not a symbol either demangler
/// understands. A demangler's panic counts as not understood.
fn demangle(raw: &str) -> Option<String> {
    if raw.len() > MAX_MANGLED {
        return None;
    }
    // Both demanglers also take prefixes without an underscore, which
    // would read some ordinary names as symbols.
    let trimmed = raw.strip_prefix("__").or_else(|| raw.strip_prefix('_'));
    if !trimmed.is_some_and(|t| t.starts_with('Z') || t.starts_with('R')) {
        return None;
    }
    std::panic::catch_unwind(|| {
        if let Ok(symbol) = rustc_demangle::try_demangle(raw) {
            let mut out = Bounded::default();
            // `#` leaves out the legacy hash and v0's crate disambiguators;
            // JSON keeps the raw name for whoever needs them.
            let _ = write!(out, "{symbol:#}");
            return out.finish();
        }
        let options = cpp_demangle::ParseOptions::default().recursion_limit(CPP_RECURSION);
        let symbol = cpp_demangle::Symbol::new_with_options(raw.as_bytes(), &options).ok()?;
        let mut out = Bounded::default();
        let options = cpp_demangle::DemangleOptions::default().recursion_limit(CPP_RECURSION);
        let _ = symbol.structured_demangle(&mut out, &options);
        out.finish()
    })
    .ok()
    .flatten()
}

/// A writer that keeps the first `MAX_SHOWN` characters and then refuses
/// more, so that a demangling that expands without bound stops early.
#[derive(Default)]
struct Bounded {
    text: String,
    chars: usize,
    cut: bool,
}

impl Bounded {
    fn finish(self) -> Option<String> {
        if self.text.is_empty() {
            return None;
        }
        let mut text = self.text;
        if self.cut {
            text.push('…');
        }
        Some(text)
    }
}

impl std::fmt::Write for Bounded {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for c in s.chars() {
            if self.chars == MAX_SHOWN {
                self.cut = true;
                return Err(std::fmt::Error);
            }
            self.text.push(c);
            self.chars += 1;
        }
        Ok(())
    }
}

/// `name` with the characters `untrusted::text` escapes escaped (so that
/// it cannot start a line or reorder one), cut to `MAX_SHOWN` characters.
pub(crate) fn printable(name: &str) -> String {
    let mut out = String::with_capacity(name.len().min(MAX_SHOWN + 8));
    for (shown, c) in name.chars().enumerate() {
        if shown >= MAX_SHOWN {
            // The demangled text carries its own `…` when it was cut.
            if !out.ends_with('…') {
                out.push('…');
            }
            break;
        }
        if crate::untrusted::is_unsafe(c) {
            crate::untrusted::push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demangles_rust_legacy_v0_and_cpp() {
        assert_eq!(
            readable("_ZN4core3fmt5write17h0123456789abcdefE"),
            "core::fmt::write"
        );
        assert_eq!(readable("_RNvCs1234_7mycrate3foo"), "mycrate::foo");
        assert_eq!(readable("_ZN5space3fooEibc"), "space::foo(int, bool, char)");
        assert_eq!(readable("main"), "main");
        assert_eq!(readable("_Zgarbage"), "_Zgarbage");
    }

    #[test]
    fn escapes_and_bounds_untrusted_names() {
        assert_eq!(readable("a\nerror: b\u{202e}"), "a\\nerror: b\\u{202e}");
        let long = "x".repeat(10_000);
        let shown = readable(&long);
        assert_eq!(shown.chars().count(), MAX_SHOWN + 1);
        assert!(shown.ends_with('…'));
        // A C++ symbol whose demangling doubles with every substitution.
        let mut nested = String::from("_Z1fIJ");
        for _ in 0..60 {
            nested.push_str("S_");
        }
        nested.push_str("EEvv");
        assert!(readable(&nested).chars().count() <= MAX_SHOWN + 1);
        let name = FuncName::new("_ZN5space3fooEibc");
        assert!(name.is_rewritten());
        assert_eq!(&*name.raw, "_ZN5space3fooEibc");
        assert!(!FuncName::new("plain").is_rewritten());
    }
}
