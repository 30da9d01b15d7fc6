//! Load: find the inputs a user named, identify each by its content, and
//! read it within limits. Nothing here interprets WebAssembly beyond the
//! first bytes; the model stage does that.

mod bytes;
mod discover;
mod error;

use std::path::{Path, PathBuf};

pub(crate) use bytes::Bytes;
#[cfg(test)]
pub(crate) use bytes::MAP_AT_LEAST;
pub(crate) use discover::discover;
pub(crate) use error::InputError;

/// Limits that keep hostile input from costing unbounded time or memory.
#[derive(Clone, Debug)]
pub(crate) struct Limits {
    /// Largest file read, in bytes.
    pub(crate) max_input_bytes: u64,
    /// Most component and module instances the linker creates for one input.
    pub(crate) max_instances: usize,
    /// Most defined core functions across all modules of one input.
    pub(crate) max_functions: usize,
    /// Most components and core modules (nested ones included) in one input.
    pub(crate) max_modules: usize,
    /// Most nodes and edges of the import graph: every core function of
    /// every module instance, and every call site of every instance.
    pub(crate) max_graph: usize,
    /// Longest time spent parsing, validating, linking and decoding one input.
    pub(crate) max_time: std::time::Duration,
    /// When the current input's time is up; set by [`Limits::starting_now`].
    pub(crate) deadline: Option<std::time::Instant>,
    /// Threads for function-body validation.
    pub(crate) threads: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 512 * 1024 * 1024,
            max_instances: 100_000,
            max_functions: 2_000_000,
            max_modules: 10_000,
            max_graph: 50_000_000,
            max_time: std::time::Duration::from_secs(60),
            deadline: None,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
        }
    }
}

impl Limits {
    /// These limits with the time limit starting now, for one input.
    pub(crate) fn starting_now(&self) -> Limits {
        Limits {
            deadline: Some(std::time::Instant::now() + self.max_time),
            ..self.clone()
        }
    }

    /// The time-limit error, once the deadline is reached: from then on,
    /// as after a wait that timed out at the deadline.
    pub(crate) fn check_time(&self) -> Result<(), String> {
        match self.deadline {
            Some(deadline) if std::time::Instant::now() >= deadline => Err(self.over_time()),
            _ => Ok(()),
        }
    }

    /// The time-limit error.
    pub(crate) fn over_time(&self) -> String {
        format!(
            "analysis took longer than {} s: over the time limit (raise it with --max-time)",
            self.max_time.as_secs_f64()
        )
    }
}

/// What an input is, decided from its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InputKind {
    /// A component binary (or WebAssembly text of one).
    Component,
    /// A core module binary (or WebAssembly text of one).
    CoreModule,
    /// WIT source: one file, or a directory with an optional `deps/`.
    Wit,
}

/// One input, read and identified.
pub(crate) struct Loaded {
    /// The path as the user should see it: relative to the working
    /// directory where possible, always with forward slashes.
    pub(crate) display: String,
    pub(crate) path: PathBuf,
    pub(crate) kind: InputKind,
    /// The binary (text inputs are compiled with the `wat` crate first);
    /// empty for WIT, which wit-parser reads itself.
    pub(crate) bytes: Bytes,
    /// True when the binary was compiled from WebAssembly text.
    pub(crate) from_text: bool,
}

const WASM_MAGIC: &[u8; 4] = b"\0asm";

/// Reads and identifies one file or WIT directory.
pub(crate) fn load(path: &Path, limits: &Limits) -> Result<Loaded, InputError> {
    let display = display_path(path);
    let err = |message: String| InputError::new(&display, None, message);
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read: {e}")))?;
    if meta.is_dir() {
        if !discover::is_wit_dir(path) {
            return Err(err("directory holds no .wit files".into()));
        }
        return Ok(Loaded {
            display,
            path: path.to_path_buf(),
            kind: InputKind::Wit,
            bytes: Vec::new().into(),
            from_text: false,
        });
    }
    if meta.len() > limits.max_input_bytes {
        return Err(err(format!(
            "file is {} bytes, over the {}-byte input limit (raise it with --max-input-size)",
            meta.len(),
            limits.max_input_bytes
        )));
    }
    let cannot_read = |e: std::io::Error| err(format!("cannot read: {e}"));
    #[cfg(unix)]
    if std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()) {
        let bytes = bytes::of_fifo(path, limits).map_err(|e| err(e.to_string()))?;
        return identify(display, path, bytes.into());
    }
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let bytes = Bytes::of_file(file, &meta, limits.max_input_bytes)
        .map_err(cannot_read)?
        .ok_or_else(|| {
            err(format!(
                "more than {} bytes could be read: over the input limit (raise it with \
                 --max-input-size)",
                limits.max_input_bytes
            ))
        })?;
    identify(display, path, bytes)
}

pub(crate) fn identify(display: String, path: &Path, bytes: Bytes) -> Result<Loaded, InputError> {
    if bytes.is_empty() {
        return Err(InputError::new(&display, Some(0), "file is empty".into()));
    }
    if bytes.starts_with(WASM_MAGIC) {
        let kind = binary_kind(&bytes).ok_or_else(|| {
            InputError::new(
                &display,
                Some(4),
                "unexpected end-of-file: the header ends before the version field".into(),
            )
        })?;
        return Ok(Loaded {
            display,
            path: path.to_path_buf(),
            kind,
            bytes,
            from_text: false,
        });
    }
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(InputError::new(
            &display,
            Some(0),
            format!(
                "not a WebAssembly binary (magic bytes {:02x?}, expected 00 61 73 6d) and not text",
                &bytes[..bytes.len().min(4)]
            ),
        ));
    };
    match sniff_text(text) {
        TextKind::Wat => {
            let binary = wat::parse_str(text).map_err(|e| wat_error(&display, text, e))?;
            let kind = binary_kind(&binary).unwrap_or(InputKind::CoreModule);
            Ok(Loaded {
                display,
                path: path.to_path_buf(),
                kind,
                bytes: binary.into(),
                from_text: true,
            })
        }
        TextKind::Wit => Ok(Loaded {
            display,
            path: path.to_path_buf(),
            kind: InputKind::Wit,
            bytes: Vec::new().into(),
            from_text: true,
        }),
        TextKind::Unknown => Err(InputError::new(
            &display,
            Some(0),
            "not WebAssembly: neither a binary (no \\0asm magic), WebAssembly text, nor WIT".into(),
        )),
    }
}

/// Components and core modules share the magic; the 16-bit layer field
/// after the version tells them apart.
fn binary_kind(bytes: &[u8]) -> Option<InputKind> {
    let layer = bytes.get(6..8)?;
    Some(if layer == [1, 0] {
        InputKind::Component
    } else {
        InputKind::CoreModule
    })
}

#[derive(Debug, PartialEq, Eq)]
enum TextKind {
    Wat,
    Wit,
    Unknown,
}

/// Looks at the first token after comments: `(` opens WebAssembly text;
/// a WIT keyword opens WIT.
fn sniff_text(text: &str) -> TextKind {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix(";;").or_else(|| rest.strip_prefix("//")) {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("(;") {
            rest = after.split_once(";)").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    if rest.starts_with('(') {
        return TextKind::Wat;
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '@')
        .collect();
    match word.as_str() {
        "package" | "interface" | "world" | "use" | "@since" | "@unstable" | "@deprecated" => {
            TextKind::Wit
        }
        _ => TextKind::Unknown,
    }
}

fn wat_error(display: &str, text: &str, e: wat::Error) -> InputError {
    // wat's errors render as "message\n --> file:line:col\n | snippet".
    let rendered = e.to_string();
    let message = rendered
        .lines()
        .next()
        .unwrap_or("invalid text")
        .trim()
        .to_string();
    let (line, col) = rendered
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .and_then(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((line, col))
        })
        .unwrap_or((0, 0));
    let offset = line_col_to_offset(text, line, col);
    let mut error = InputError::new(
        display,
        None,
        format!("invalid WebAssembly text: {message}"),
    );
    if line > 0 {
        error = error.with_text_position(line, col, offset);
    }
    error
}

fn line_col_to_offset(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + col.saturating_sub(1)).min(text.len())
}

/// Paths are shown relative to the working directory, with `/`, so that
/// reports are the same on every machine and SARIF URIs are repo-relative.
/// `path` made absolute from the working directory, with `.` and `..`
/// resolved lexically: the file need not exist, and a path through a
/// link is kept as the user gave it.
pub(crate) fn absolute_lexical(path: &Path) -> std::path::PathBuf {
    let joined = std::env::current_dir().unwrap_or_default().join(path);
    let mut out = std::path::PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to the directory `base` (both made absolute first),
/// with `/` and `..` where it lies outside: the same file gets the same
/// name from any working directory.
pub(crate) fn relative_to(base: &Path, path: &Path) -> String {
    let (base, path) = (absolute_lexical(base), absolute_lexical(path));
    let common = base
        .components()
        .zip(path.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = base.components().count() - common;
    let parts: Vec<String> = std::iter::repeat_n("..".to_string(), ups)
        .chain(
            path.components()
                .skip(common)
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        )
        .collect();
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// A path as every report shows it: relative to the working directory,
/// with `/`. A file name is the input's too (a pull request names its
/// files): control and invisible characters are escaped, and a name that
/// would open a line as a workflow command (`::`, `##[`) or with white
/// space has its first character escaped, whatever the output format.
pub(crate) fn display_path(path: &Path) -> String {
    let shown = relative_display(path);
    let escaped = crate::untrusted::text(&shown).into_owned();
    match escaped.chars().next() {
        Some(c) if c == ':' || c == '#' || c.is_whitespace() => {
            let mut out = String::new();
            crate::untrusted::push_escaped(&mut out, c);
            out.push_str(&escaped[c.len_utf8()..]);
            out
        }
        _ => escaped,
    }
}

fn relative_display(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    if parts.is_empty() {
        ".".into()
    } else if parts.len() == 1 && parts[0].is_empty() {
        "/".into()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_paths_cannot_forge_lines() {
        assert_eq!(
            display_path(Path::new("a\n::error title=x::b\x1b[31m.wat")),
            "a\\n::error title=x::b\\x1b[31m.wat"
        );
        assert_eq!(
            display_path(Path::new("::error x.wat")),
            "\\x3a:error x.wat"
        );
        assert_eq!(display_path(Path::new("dist/app.wasm")), "dist/app.wasm");
        assert_eq!(display_path(Path::new("../up/app.wasm")), "../up/app.wasm");
    }

    #[test]
    fn relative_paths_go_up_and_down() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            relative_to(Path::new("u1"), Path::new("u1/app.wasm")),
            "app.wasm"
        );
        assert_eq!(
            relative_to(Path::new("u1"), Path::new("./u2/../u1/app.wasm")),
            "app.wasm"
        );
        assert_eq!(
            relative_to(Path::new("u1/x"), Path::new("u2/app.wasm")),
            "../../u2/app.wasm"
        );
        assert_eq!(
            relative_to(&cwd.join("u1"), Path::new("u1/a.wasm")),
            "a.wasm"
        );
        assert_eq!(relative_to(Path::new("."), Path::new(".")), ".");
    }

    #[test]
    fn sniffs_text_kinds_past_comments() {
        assert_eq!(sniff_text(";; hi\n(module)"), TextKind::Wat);
        assert_eq!(sniff_text("(; block ;) (component)"), TextKind::Wat);
        assert_eq!(sniff_text("// c\npackage a:b;"), TextKind::Wit);
        assert_eq!(sniff_text("/* x */ interface i {}"), TextKind::Wit);
        assert_eq!(sniff_text("hello"), TextKind::Unknown);
        assert_eq!(sniff_text(""), TextKind::Unknown);
    }

    #[test]
    fn binary_kind_reads_layer() {
        assert_eq!(
            binary_kind(b"\0asm\x0d\0\x01\0"),
            Some(InputKind::Component)
        );
        assert_eq!(binary_kind(b"\0asm\x01\0\0\0"), Some(InputKind::CoreModule));
        assert_eq!(binary_kind(b"\0asm\x01"), None);
    }

    #[test]
    fn offsets_from_line_and_column() {
        assert_eq!(line_col_to_offset("ab\ncd\n", 2, 2), 4);
        assert_eq!(line_col_to_offset("ab", 9, 9), 2);
    }
}
