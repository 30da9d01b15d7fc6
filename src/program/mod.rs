//! The guest program inside an interpreter component, and which of the
//! component's imports it uses. The program is JavaScript held as text in
//! the engine's memory image (componentize-js, componentize-qjs), Python
//! code objects in CPython's heap image (componentize-py: `heap`, names
//! only, no loops), or given with `--program` (any toolchain; it wins over
//! the heap). Text is parsed with real parsers (oxc, ruff's), code objects
//! are read as names; what it refers to is mapped onto the imports
//! (`bindings`), and every imported function comes out used (with the
//! program's file:line of each use), unused by the program (the engine
//! alone may call it), or indeterminate (with the construct that makes
//! it so).
//!
//! This stage reads the model and the input's bytes only; facts keep its
//! answer for the rules and reports. Built without the `programs` feature
//! (no parsers), it finds and maps nothing: no scan is ever made.
#![cfg_attr(not(feature = "programs"), allow(dead_code))]

pub(crate) mod apis;
pub(crate) mod bindings;
pub(crate) mod embedded;
pub(crate) mod heap;
#[cfg(feature = "programs")]
pub(crate) mod javascript;
#[cfg(feature = "programs")]
pub(crate) mod python;
pub(crate) mod scan;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::BinaryModel;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Language {
    JavaScript,
    Python,
}

impl Language {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Language::JavaScript => "javascript",
            Language::Python => "python",
        }
    }

    /// The language's name in prose.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Language::JavaScript => "JavaScript",
            Language::Python => "Python",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// Read from the component itself.
    Embedded,
    /// Given with `--program`, and matched to the component.
    Given,
    /// Read from the code objects in CPython's heap image (no source).
    Heap,
}

impl Source {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Source::Embedded => "embedded",
            Source::Given => "given",
            Source::Heap => "heap",
        }
    }
}

/// Where in the program a use is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Evidence {
    pub(crate) file: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) offset: u32,
    /// The engine API the use goes through (`fetch`), if not a binding.
    pub(crate) via: Option<String>,
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Line 0: a place without a line (a code object in a heap).
        match self.line {
            0 => write!(f, "{}", self.file)?,
            _ => write!(f, "{}:{}:{}", self.file, self.line, self.column)?,
        }
        if let Some(via) = &self.via {
            write!(f, " ({via})")?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Usage {
    Used(Vec<Evidence>),
    Unused,
    Indeterminate {
        reason: String,
        at: Option<Evidence>,
    },
}

impl Usage {
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Usage::Used(_) => "used",
            Usage::Unused => "unused",
            Usage::Indeterminate { .. } => "indeterminate",
        }
    }
}

/// A call of an imported function inside loops of the program.
#[derive(Clone, Debug)]
pub(crate) struct ProgramLoop {
    pub(crate) interface: String,
    pub(crate) function: String,
    /// The program's function the call is in (`process`).
    pub(crate) caller: Option<String>,
    /// The program's own function the loop calls, which makes the call
    /// (`say`), when the call is not in the loop itself.
    pub(crate) through: Option<String>,
    /// Calls per call of `caller`, when every loop's count is known.
    pub(crate) count: Option<u64>,
    /// Whether a branch decides whether each iteration calls.
    pub(crate) conditional: bool,
    /// The call in the loop: of the import, or of `through`'s first
    /// function.
    pub(crate) at: Evidence,
    /// The call of the import itself, where it is not `at` (in `through`'s
    /// last function): two such calls reached from one loop are two calls
    /// per iteration.
    pub(crate) call: scan::Position,
}

/// The program of an interpreter component, analysed.
pub(crate) struct Program {
    pub(crate) language: Language,
    pub(crate) source: Source,
    /// The files read, as reports show them.
    pub(crate) files: Vec<String>,
    /// Things said about how the program was read.
    pub(crate) notes: Vec<String>,
    /// Per imported function (interface as in the binary, WIT name).
    pub(crate) usage: BTreeMap<(String, String), Usage>,
    pub(crate) loops: Vec<ProgramLoop>,
}

impl Program {
    /// Where the program was read from, for notes: "the Python source
    /// given with --program (app.py)".
    pub(crate) fn provenance(&self) -> String {
        let language = self.language.name();
        let files = self.files.join(", ");
        match self.source {
            Source::Embedded => {
                format!("the {language} source embedded in the component ({files})")
            }
            Source::Given => format!("the {language} source given with --program ({files})"),
            Source::Heap => {
                format!("the {language} code objects in the component's heap ({files})")
            }
        }
    }

    pub(crate) fn usage(&self, interface: &str, function: &str) -> Option<&Usage> {
        self.usage
            .get(&(interface.to_string(), function.to_string()))
    }
}

/// Source files given with `--program`: (path as shown, text).
pub(crate) struct GivenProgram {
    pub(crate) root: PathBuf,
    pub(crate) files: Vec<(String, String)>,
}

/// At most this many files, and bytes in all, are read from `--program`.
const MAX_GIVEN_FILES: usize = 2_000;
const MAX_GIVEN_BYTES: u64 = 64 << 20;

impl GivenProgram {
    /// Reads a file, or every `.js`, `.mjs` and `.py` file under a
    /// directory (not under `node_modules`, `__pycache__`, hidden
    /// directories, or the generated `wit_world` bindings).
    pub(crate) fn read(path: &Path) -> Result<GivenProgram, String> {
        let shown = |p: &Path| p.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", shown(path)))?;
        let mut paths = Vec::new();
        if meta.is_dir() {
            collect(path, &mut paths, 0)?;
            paths.sort();
        } else {
            paths.push(path.to_path_buf());
        }
        if paths.is_empty() {
            return Err(format!(
                "{}: no .js, .mjs or .py file in this directory",
                shown(path)
            ));
        }
        if paths.len() > MAX_GIVEN_FILES {
            return Err(format!(
                "{}: more than {MAX_GIVEN_FILES} program files",
                shown(path)
            ));
        }
        let mut total = 0u64;
        let mut files = Vec::new();
        for p in paths {
            let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            total += size;
            if total > MAX_GIVEN_BYTES {
                return Err(format!(
                    "{}: program files over {} MiB in all",
                    shown(path),
                    MAX_GIVEN_BYTES >> 20
                ));
            }
            let text = std::fs::read_to_string(&p)
                .map_err(|e| format!("{}: {e}", shown(&p)))?
                .replace("\r\n", "\n");
            files.push((shown(&p), text));
        }
        Ok(GivenProgram {
            root: path.to_path_buf(),
            files,
        })
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, depth: u32) -> Result<(), String> {
    if depth > 16 || out.len() > MAX_GIVEN_FILES {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !(name.starts_with('.')
                || [
                    "node_modules",
                    "__pycache__",
                    "wit_world",
                    "componentize_py_types",
                ]
                .contains(&name.as_str()))
            {
                collect(&path, out, depth + 1)?;
            }
        } else if kind.is_file() && [".js", ".mjs", ".py"].iter().any(|ext| name.ends_with(ext)) {
            out.push(path);
        }
    }
    Ok(())
}

/// Program texts over this size are not parsed.
const MAX_PROGRAM_TEXT: usize = 1 << 20;
/// Brackets nested deeper than this are refused before parsing.
const MAX_BRACKET_DEPTH: usize = 10_000;
/// The stack parsing and reading a program runs on. Parsers and readers
/// recurse once per level of nesting: a 1 MiB text of one-byte levels
/// (`!!!…x`) fits, and bracket nesting, the densest, is bounded above.
#[cfg(feature = "programs")]
const PARSE_STACK: usize = 1 << 30;

/// Parses and reads one program file, bounded: its size, its bracket
/// nesting, and the stack it runs on, so that a hostile text in a
/// component cannot overflow the stack or take unbounded memory.
pub(crate) fn scan_file(language: Language, text: &str) -> Result<scan::Scan, String> {
    if text.len() > MAX_PROGRAM_TEXT {
        return Err(format!(
            "{} bytes of program text, over the {} KiB wcaudit reads",
            text.len(),
            MAX_PROGRAM_TEXT >> 10
        ));
    }
    let mut depth = 0usize;
    for b in text.bytes() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKET_DEPTH {
                    return Err(format!("brackets nested over {MAX_BRACKET_DEPTH} deep"));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    parse_on_program_stack(language, text.to_string())
}

#[cfg(not(feature = "programs"))]
fn parse_on_program_stack(_: Language, _: String) -> Result<scan::Scan, String> {
    Err("this wcaudit was built without the `programs` feature, which reads programs".into())
}

#[cfg(feature = "programs")]
fn parse_on_program_stack(language: Language, text: String) -> Result<scan::Scan, String> {
    let parse = move || match language {
        Language::JavaScript => {
            javascript::scan(&text).map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))
        }
        Language::Python => {
            python::scan(&text).map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))
        }
    };
    std::thread::Builder::new()
        .name("wcaudit-program".into())
        .stack_size(PARSE_STACK)
        .spawn(parse)
        .map_err(|e| format!("no thread to parse on: {e}"))?
        .join()
        .unwrap_or_else(|_| Err("the parser failed".to_string()))
}

/// Why a given program was refused.
#[derive(Debug)]
pub(crate) struct Mismatch(pub(crate) String);

/// The program of a component whose engine speaks `language`, from its
/// memory image or from `given`; `Ok(None)` when none could be read.
pub(crate) fn analyse(
    bytes: &[u8],
    model: &BinaryModel,
    language: Language,
    given: Option<&GivenProgram>,
) -> Result<Option<Program>, Mismatch> {
    let Some(world) = &model.world else {
        return Ok(None);
    };
    let imports = bindings::Imports::of(world, language);
    match language {
        Language::JavaScript => {
            javascript_program(world, &imports, || engine_images(bytes, model), given)
        }
        Language::Python => match given {
            Some(given) => {
                let heap: Vec<&[u8]> = modules_by_size(bytes, model)
                    .flat_map(embedded::active_segments)
                    .map(|(_, data)| data)
                    .collect();
                python_program(&imports, &heap, given).map(Some)
            }
            // Built without `programs`, no program is read at all.
            None if cfg!(feature = "programs") => Ok(heap_program(bytes, model, world, &imports)),
            None => Ok(None),
        },
    }
}

/// Versions whose heap layout `heap` reads.
pub(crate) const HEAP_LAYOUT: &str = "CPython 3.14 (wasm32), as componentize-py 0.25.1 builds it";

/// A componentize-py program read from CPython's heap image (no source):
/// `None` when the image holds none or its layout is not the one `heap`
/// knows, so that the component stays `runtime-opaque`.
fn heap_program(
    bytes: &[u8],
    model: &BinaryModel,
    world: &crate::model::WorldSummary,
    imports: &bindings::Imports,
) -> Option<Program> {
    let read = modules_by_size(bytes, model)
        .find_map(|module| heap::read(&heap::Image::of_module(module)?).transpose())?;
    let heap = read.ok()?;
    let interfaces: Vec<String> = world
        .imported_interfaces
        .iter()
        .map(|(name, _)| name.clone())
        .collect();
    let (scans, mut notes) = heap::scans(&heap, &interfaces);
    let mut mapped = bindings::map(imports, Language::Python, &heap.module_names, &scans);
    for usage in mapped.usage.values_mut() {
        if let Usage::Used(list) = usage {
            list.sort();
            list.dedup();
        }
    }
    notes.insert(
        0,
        format!(
            "read from the code objects in the component's heap ({HEAP_LAYOUT}): {} code object{}; loops are known only with --program",
            heap.code.len(),
            if heap.code.len() == 1 { "" } else { "s" }
        ),
    );
    Some(Program {
        language: Language::Python,
        source: Source::Heap,
        files: heap.paths,
        notes,
        usage: mapped.usage,
        loops: Vec::new(),
    })
}

/// The program's modules a componentize-py heap records
/// (`/0/app.py`): componentize-py puts the program's directory at `/0/`
/// (further `-p` paths at `/1/`, …), and CPython keeps each imported
/// module's path as a string. At most 8, in order.
pub(crate) fn recorded_python_modules(bytes: &[u8], model: &BinaryModel) -> Vec<String> {
    let mut found = std::collections::BTreeSet::new();
    let finder = memchr::memmem::Finder::new(b".py\0");
    for module in modules_by_size(bytes, model) {
        for (_, data) in embedded::active_segments(module) {
            for end in finder.find_iter(data) {
                let path_byte =
                    |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/');
                let start = data[..end]
                    .iter()
                    .rposition(|&b| !path_byte(b))
                    .map_or(0, |i| i + 1);
                let path = &data[start..end + 3];
                // `/<digits>/<path>.py`
                let Some(rest) = path.strip_prefix(b"/") else {
                    continue;
                };
                let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
                if digits == 0 || rest.get(digits) != Some(&b'/') || path.len() > 256 {
                    continue;
                }
                if let Ok(path) = std::str::from_utf8(path) {
                    found.insert(path.to_string());
                }
                if found.len() >= 8 {
                    return found.into_iter().collect();
                }
            }
        }
    }
    found.into_iter().collect()
}

/// The bytes of every core module, largest first.
fn modules_by_size<'b>(bytes: &'b [u8], model: &BinaryModel) -> impl Iterator<Item = &'b [u8]> {
    let mut modules: Vec<&crate::model::TreeNode> = model
        .tree
        .iter()
        .filter(|n| n.kind == crate::model::NodeKind::Module)
        .collect();
    modules.sort_by_key(|n| std::cmp::Reverse(n.size));
    modules
        .into_iter()
        .filter_map(|n| bytes.get(n.offset..n.offset.checked_add(n.size)?))
        .collect::<Vec<_>>()
        .into_iter()
}

/// The initialised memory of every core module, largest module first.
fn engine_images(bytes: &[u8], model: &BinaryModel) -> Vec<Vec<(u64, Vec<u8>)>> {
    modules_by_size(bytes, model)
        .map(embedded::memory_runs)
        .filter(|runs| !runs.is_empty())
        .collect()
}

/// Names a module of the program exports for each interface the
/// component exports (jco: the interface's name in camel case); for a
/// world exporting functions only, their names, of which the program
/// exports at least one (a toolchain's own function exports, such as
/// componentize-qjs's `init`, are not the program's).
fn exported_names(world: &crate::model::WorldSummary) -> (Vec<String>, bool) {
    let interfaces: Vec<&crate::model::WorldEntry> = world
        .exports
        .iter()
        .filter(|e| e.name.contains('/'))
        .collect();
    let all = !interfaces.is_empty();
    let entries = if all {
        interfaces
    } else {
        world.exports.iter().collect()
    };
    let names = entries
        .into_iter()
        .map(|e| {
            let path = e.name.split_once('@').map_or(e.name.as_str(), |(p, _)| p);
            let short = path.rsplit('/').next().unwrap_or(path);
            bindings::function_case(short, Language::JavaScript)
        })
        .collect();
    (names, all)
}

fn javascript_program(
    world: &crate::model::WorldSummary,
    imports: &bindings::Imports,
    images: impl FnOnce() -> Vec<Vec<(u64, Vec<u8>)>>,
    given: Option<&GivenProgram>,
) -> Result<Option<Program>, Mismatch> {
    let (wanted, all) = exported_names(world);
    let mut embedded = None;
    for runs in images() {
        let found = embedded::module_texts(&runs)
            .into_iter()
            .filter(|t| !embedded::is_binding_glue(&t.text))
            .filter_map(embedded::parse)
            .find(|p| match all {
                true => wanted.iter().all(|w| p.scan.exports.contains(w)),
                false => wanted.iter().any(|w| p.scan.exports.contains(w)),
            });
        if found.is_some() {
            embedded = found;
            break;
        }
    }
    let mut notes = Vec::new();
    let (source, file, text, scan, lost) = match (given, embedded) {
        (Some(given), embedded) => {
            let (file, text) = match &embedded {
                Some(e) => given
                    .files
                    .iter()
                    .find(|(_, text)| same_program(text, &e.found))
                    .ok_or_else(|| {
                        Mismatch(format!(
                            "the program given ({}) does not match the JavaScript the component carries ({} bytes, exporting {})",
                            given.root.display(),
                            e.found.text.len() + e.found.lost_prefix,
                            e.scan.exports.join(", ")
                        ))
                    })?,
                None => {
                    notes.push(
                        "the component holds no readable copy of its program: the source given was not checked against it".to_string(),
                    );
                    given
                        .files
                        .iter()
                        .find(|(p, _)| p.ends_with(".js") || p.ends_with(".mjs"))
                        .ok_or_else(|| {
                            Mismatch(format!(
                                "{}: no JavaScript file among the program given",
                                given.root.display()
                            ))
                        })?
                }
            };
            let scan = scan_file(Language::JavaScript, text)
                .map_err(|e| Mismatch(format!("{file}: {e}")))?;
            (Source::Given, file.clone(), text.clone(), scan, 0)
        }
        (None, Some(e)) => {
            let file = format!("embedded:{:#x}.js", e.found.address);
            (Source::Embedded, file, e.text, e.scan, e.found.lost_prefix)
        }
        (None, None) => return Ok(None),
    };
    let scans = vec![(file.clone(), scan)];
    let mut mapped = bindings::map(imports, Language::JavaScript, &[], &scans);
    if lost > 0 {
        notes.push(format!(
            "the first {lost} bytes of the program text were overwritten in the engine's heap (a freed allocation); what they could use is indeterminate"
        ));
        damaged_start(&mut mapped, &text, lost, &file);
    }
    Ok(Some(Program {
        language: Language::JavaScript,
        source,
        files: vec![file],
        notes,
        usage: mapped.usage,
        loops: mapped.loops,
    }))
}

/// Whether a given text is the program a component carries.
fn same_program(given: &str, found: &embedded::FoundText) -> bool {
    let given = given.trim_end();
    let carried = found.text.trim_end();
    match found.lost_prefix {
        0 => given == carried,
        lost => given.get(lost..) == Some(carried),
    }
}

/// What the lost start of a program text could use: the engine's APIs (a
/// few characters before a comment can call `fetch`), and any interface
/// whose name the rest of the text spells out other than in an import
/// (a lost `import(x)` could load it). An import declaration naming an
/// interface does not fit in the lost bytes.
fn damaged_start(mapped: &mut bindings::Mapped, text: &str, lost: usize, file: &str) {
    let at = Evidence {
        file: file.to_string(),
        line: 1,
        column: 1,
        offset: 0,
        via: None,
    };
    for ((interface, _), usage) in mapped.usage.iter_mut() {
        if !matches!(usage, Usage::Unused) {
            continue;
        }
        let path = interface
            .split_once('@')
            .map_or(interface.as_str(), |(p, _)| p);
        let package = path.split('/').next().unwrap_or(path);
        let imports_named = text
            .lines()
            .filter(|l| l.trim_start().starts_with("import") && l.contains(package))
            .count();
        let spelled = text.matches(package).count();
        let fits = "import{a}from\"\"".len() + path.len() <= lost;
        let engine_api = crate::wasi::engine_apis::JAVASCRIPT
            .iter()
            .any(|a| a.interfaces.contains(&path));
        if engine_api || fits || spelled > imports_named {
            *usage = Usage::Indeterminate {
                reason: format!(
                    "the first {lost} bytes of the program were lost in the engine's heap and could use it"
                ),
                at: Some(at.clone()),
            };
        }
    }
}

fn python_program(
    imports: &bindings::Imports,
    heap: &[&[u8]],
    given: &GivenProgram,
) -> Result<Program, Mismatch> {
    let recorded = |needle: &[u8]| {
        let finder = memchr::memmem::Finder::new(needle);
        heap.iter().any(|h| finder.find(h).is_some())
    };
    let mut scans = Vec::new();
    let mut notes = Vec::new();
    let mut skipped = Vec::new();
    for (file, text) in &given.files {
        if !file.ends_with(".py") {
            continue;
        }
        let relative = Path::new(file)
            .strip_prefix(&given.root)
            .ok()
            .filter(|r| !r.as_os_str().is_empty())
            .map(|r| r.display().to_string())
            .unwrap_or_else(|| {
                Path::new(file)
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default()
            });
        if !recorded(format!("/{relative}").as_bytes()) {
            skipped.push(file.clone());
            continue;
        }
        let scan =
            scan_file(Language::Python, text).map_err(|e| Mismatch(format!("{file}: {e}")))?;
        let missing: Vec<&String> = scan
            .definitions
            .iter()
            .filter(|name| !recorded(name.as_bytes()))
            .collect();
        if !missing.is_empty() {
            return Err(Mismatch(format!(
                "{file} is not the program the component carries: the component's heap records no {}",
                missing
                    .iter()
                    .take(5)
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        scans.push((file.clone(), scan));
    }
    if scans.is_empty() {
        return Err(Mismatch(format!(
            "no file of the program given ({}) is among the modules the component's heap records",
            given.root.display()
        )));
    }
    if !skipped.is_empty() {
        notes.push(format!(
            "not part of the component, not read: {}",
            skipped.join(", ")
        ));
    }
    let program_modules: Vec<String> = given
        .files
        .iter()
        .filter_map(|(f, _)| {
            Path::new(f)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
        })
        .collect();
    let mapped = bindings::map(imports, Language::Python, &program_modules, &scans);
    Ok(Program {
        language: Language::Python,
        source: Source::Given,
        files: scans.into_iter().map(|(f, _)| f).collect(),
        notes,
        usage: mapped.usage,
        loops: mapped.loops,
    })
}

/// What `text` (one file of `language`) uses of the imports of `model`'s
/// world, for tests of the mapping on program text alone.
#[cfg(test)]
pub(crate) fn analyse_text(model: &BinaryModel, language: Language, text: &str) -> Program {
    let world = model.world.as_ref().expect("a component with a world");
    let imports = bindings::Imports::of(world, language);
    let scan = scan_file(language, text).expect("a program");
    let mapped = bindings::map(&imports, language, &[], &[("app".to_string(), scan)]);
    Program {
        language,
        source: Source::Given,
        files: vec!["app".to_string()],
        notes: Vec::new(),
        usage: mapped.usage,
        loops: mapped.loops,
    }
}
