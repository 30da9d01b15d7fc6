//! Whose code is this? Every core function of a binary belongs to one
//! origin: the component's own program, a language runtime or engine, the
//! preview1 adapter, or glue that a toolchain generated. Findings, paths
//! and capability rows say it, and the report folds what is not the
//! program's. The decision is made from what the binary says about itself
//! — module names, function names in the name section, the `producers`
//! section — with one table of origins below; code nothing identifies is
//! the program's, so that nothing is hidden by a guess.

use crate::model::{BinaryModel, NodeKind};

/// The kinds of code a component holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum OriginKind {
    /// The component author's code (and its libraries).
    Program,
    /// A language runtime, standard library or interpreter engine.
    Runtime,
    /// The WASI preview1 adapter wit-component links in.
    Adapter,
    /// Code a toolchain generated around the program: wit-component's
    /// shims and fixups, binding glue, dynamic-linking initialisers.
    Glue,
}

impl OriginKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            OriginKind::Program => "program",
            OriginKind::Runtime => "runtime",
            OriginKind::Adapter => "adapter",
            OriginKind::Glue => "glue",
        }
    }
}

/// One origin: its kind and the name a person knows it by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Origin {
    pub(crate) kind: OriginKind,
    pub(crate) name: &'static str,
    /// The name as a sentence says it: "called by {phrase}" (an article
    /// before a common noun, none before a proper name).
    pub(crate) phrase: &'static str,
}

impl Origin {
    pub(crate) const PROGRAM: Origin = Origin::new(OriginKind::Program, "program", "the program");
    pub(crate) const ADAPTER: Origin = Origin::new(
        OriginKind::Adapter,
        "preview1 adapter",
        "the preview1 adapter",
    );
    pub(crate) const WIT_COMPONENT: Origin = Origin::new(
        OriginKind::Glue,
        "wit-component glue",
        "wit-component's glue",
    );
    pub(crate) const DYNAMIC_LINKING: Origin = Origin::new(
        OriginKind::Glue,
        "dynamic-linking glue",
        "the dynamic-linking glue",
    );
    pub(crate) const WIT_BINDGEN: Origin =
        Origin::new(OriginKind::Glue, "wit-bindgen glue", "wit-bindgen's glue");
    pub(crate) const WIT_DYLIB: Origin = Origin::new(
        OriginKind::Glue,
        "wit-dylib bindings",
        "the wit-dylib bindings",
    );
    pub(crate) const WASI_LIBC: Origin = Origin::new(OriginKind::Runtime, "wasi-libc", "wasi-libc");
    pub(crate) const RUST_STD: Origin =
        Origin::new(OriginKind::Runtime, "Rust std", "Rust's standard library");
    pub(crate) const GO_RUNTIME: Origin =
        Origin::new(OriginKind::Runtime, "Go runtime", "the Go runtime");
    pub(crate) const CPYTHON: Origin = Origin::new(
        OriginKind::Runtime,
        "CPython (componentize-py)",
        "CPython (componentize-py)",
    );
    pub(crate) const STARLINGMONKEY: Origin = Origin::new(
        OriginKind::Runtime,
        "SpiderMonkey (StarlingMonkey)",
        "SpiderMonkey (StarlingMonkey)",
    );
    pub(crate) const QUICKJS: Origin = Origin::new(OriginKind::Runtime, "QuickJS", "QuickJS");

    const fn new(kind: OriginKind, name: &'static str, phrase: &'static str) -> Origin {
        Origin { kind, name, phrase }
    }

    pub(crate) fn is_program(self) -> bool {
        self.kind == OriginKind::Program
    }
}

impl serde::Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut origin = serializer.serialize_struct("Origin", 2)?;
        origin.serialize_field("kind", self.kind.as_str())?;
        origin.serialize_field("name", self.name)?;
        origin.end()
    }
}

/// How a name is matched.
#[derive(Clone, Copy)]
enum Name {
    Exact(&'static str),
    Prefix(&'static str),
    Contains(&'static str),
}

impl Name {
    fn matches(self, name: &str) -> bool {
        match self {
            Name::Exact(n) => name == n,
            Name::Prefix(p) => name.starts_with(p),
            Name::Contains(c) => name.contains(c),
        }
    }
}

/// Modules whose name says whose they are, whole. Module names come from
/// the component's name section (wit-component names what it links in,
/// and dynamic linking keeps the shared objects' names).
const MODULES: &[(Name, Origin)] = &[
    (Name::Prefix("wit-component:adapter:"), Origin::ADAPTER),
    (Name::Prefix("wit-component"), Origin::WIT_COMPONENT),
    (Name::Exact("__init"), Origin::DYNAMIC_LINKING),
    (Name::Exact("libc.so"), Origin::WASI_LIBC),
    (Name::Exact("libdl.so"), Origin::WASI_LIBC),
    (Name::Prefix("libwasi-emulated-"), Origin::WASI_LIBC),
    (Name::Prefix("libc++"), Origin::WASI_LIBC),
    (Name::Prefix("libpython"), Origin::CPYTHON),
    (Name::Prefix("libcomponentize_py"), Origin::CPYTHON),
    (Name::Contains("componentize_qjs"), Origin::QUICKJS),
    (Name::Contains("quickjs"), Origin::QUICKJS),
    (Name::Contains("starlingmonkey"), Origin::STARLINGMONKEY),
    (Name::Contains("spidermonkey"), Origin::STARLINGMONKEY),
    (Name::Exact("wit-dylib.wasm"), Origin::WIT_DYLIB),
];

/// Producers that say a component carries an interpreter, and which:
/// (producer field, name fragment, lower-cased) → engine. The program of
/// such a component is source or bytecode held as data; its compiled code
/// is the engine's.
const ENGINE_PRODUCERS: &[(&str, &str, Origin)] = &[
    ("processed-by", "componentize-qjs", Origin::QUICKJS),
    ("processed-by", "componentizejs", Origin::STARLINGMONKEY),
    ("processed-by", "componentize-js", Origin::STARLINGMONKEY),
    ("processed-by", "starlingmonkey", Origin::STARLINGMONKEY),
    ("processed-by", "componentize-py", Origin::CPYTHON),
    ("language", "javascript", Origin::STARLINGMONKEY),
    ("language", "python", Origin::CPYTHON),
];

/// Function names only an engine has, for components whose producers
/// were stripped: (name, engine).
const ENGINE_FUNCTIONS: &[(Name, Origin)] = &[
    (Name::Exact("JS_NewRuntime"), Origin::QUICKJS),
    (Name::Exact("JS_Eval"), Origin::QUICKJS),
    (Name::Prefix("_ZN2js"), Origin::STARLINGMONKEY),
    (Name::Prefix("_ZN2JS"), Origin::STARLINGMONKEY),
    (Name::Exact("Py_InitializeFromConfig"), Origin::CPYTHON),
    (Name::Exact("PyEval_EvalCode"), Origin::CPYTHON),
];

/// wasi-libc's (and compiler-rt's) functions that C programs call or
/// that run before and after `main`. Names starting with `__` are
/// reserved to the implementation in C, so they are the runtime's too,
/// except the two clang gives a program's own `main`.
const LIBC_FUNCTIONS: &[&str] = &[
    "_start",
    "_initialize",
    "_Exit",
    "abort",
    "exit",
    "atexit",
    "malloc",
    "free",
    "calloc",
    "realloc",
    "aligned_alloc",
    "posix_memalign",
    "dlmalloc",
    "dlfree",
    "dlrealloc",
    "sbrk",
    "printf",
    "fprintf",
    "vfprintf",
    "vprintf",
    "sprintf",
    "snprintf",
    "vsnprintf",
    "vsprintf",
    "printf_core",
    "pop_arg",
    "fmt_u",
    "fmt_x",
    "fmt_o",
    "fmt_fp",
    "puts",
    "fputs",
    "fputc",
    "putc",
    "putchar",
    "fwrite",
    "fflush",
    "fopen",
    "fdopen",
    "fclose",
    "fread",
    "fgets",
    "fgetc",
    "getc",
    "getchar",
    "fseek",
    "ftell",
    "getenv",
    "setenv",
    "unsetenv",
    "opendir",
    "fdopendir",
    "readdir",
    "closedir",
    "write",
    "read",
    "open",
    "openat",
    "close",
    "stat",
    "fstat",
    "lstat",
    "fstatat",
    "lseek",
    "writev",
    "readv",
    "pread",
    "pwrite",
    "clock_gettime",
    "time",
    "gettimeofday",
    "nanosleep",
    "usleep",
    "sleep",
    "getentropy",
    "arc4random",
    "arc4random_buf",
    "rand",
    "srand",
    "memcpy",
    "memmove",
    "memset",
    "memcmp",
    "strlen",
    "strcmp",
    "strncmp",
    "strcpy",
    "strncpy",
    "strchr",
    "strrchr",
    "strdup",
    "strerror",
    "strtol",
    "strtoul",
    "atoi",
    "qsort",
    "isatty",
    "poll",
    "select",
    "preopen",
];

/// What a module's code is, before its functions are looked at.
#[derive(Clone, Copy, Debug)]
enum ModuleCode {
    /// Every function has this origin.
    Whole(Origin),
    /// A program module: its functions are the program's unless their
    /// names say they are the language runtime's.
    Program { go: bool },
}

/// The origin of every function of a binary.
pub(crate) struct CodeOrigins {
    /// Per core module (`BinaryModel::modules`).
    modules: Vec<ModuleCode>,
    /// The interpreters or engines the binary carries, with their evidence.
    pub(crate) engines: Vec<Engine>,
}

/// An interpreter found in a binary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Engine {
    pub(crate) origin: Origin,
    /// The tree node (component or module) that gave it away.
    pub(crate) node: usize,
    pub(crate) evidence: String,
}

impl CodeOrigins {
    pub(crate) fn of(model: &BinaryModel) -> CodeOrigins {
        let engines = engines(model);
        let linked_components = dynamically_linked_components(model);
        let modules = model
            .modules
            .iter()
            .map(|module| {
                let node = &model.tree[module.tree_node];
                // The engine whose component holds this module: the module
                // named after an engine sits beside the libraries it ships.
                let engine = engines.iter().find(|e| {
                    let holder = match model.tree[e.node].kind {
                        NodeKind::Module => model.tree[e.node].parent.unwrap_or(0),
                        _ => e.node,
                    };
                    model.is_within(module.tree_node, holder)
                });
                if let Some(name) = node.name.as_deref() {
                    if let Some((_, origin)) = MODULES.iter().find(|(n, _)| n.matches(name)) {
                        // wasi-libc or libc++ linked beside an interpreter
                        // came with it: its calls are the engine's to make.
                        return match engine {
                            Some(e) if origin.kind == OriginKind::Runtime => {
                                ModuleCode::Whole(e.origin)
                            }
                            _ => ModuleCode::Whole(*origin),
                        };
                    }
                    if name == "main" && linked_components.contains(&node.parent) {
                        return ModuleCode::Whole(Origin::DYNAMIC_LINKING);
                    }
                }
                // In a component an interpreter toolchain built, the program
                // is data: whatever compiled code is not otherwise named is
                // the engine's.
                if let Some(engine) = engines
                    .iter()
                    .find(|e| model.is_within(module.tree_node, e.node))
                {
                    return ModuleCode::Whole(engine.origin);
                }
                let go = model
                    .producers_of(module.tree_node)
                    .any(|p| p.field == "language" && p.name.starts_with("Go"));
                ModuleCode::Program { go }
            })
            .collect();
        CodeOrigins { modules, engines }
    }

    /// The origin of function `func` of core module `module`.
    pub(crate) fn function(&self, model: &BinaryModel, module: usize, func: u32) -> Origin {
        match self.modules.get(module) {
            Some(ModuleCode::Whole(origin)) => *origin,
            Some(ModuleCode::Program { go }) => {
                let module = &model.modules[module];
                match module.func_name(func) {
                    Some(name) => runtime_function(&name.raw, name.shown(), *go),
                    // Without a name section, an export name still says
                    // whose entry point it is (`_start` is the C runtime's).
                    None => module
                        .func_export_name(func)
                        .and_then(|name| runtime_function(name, name, *go)),
                }
                .unwrap_or(Origin::PROGRAM)
            }
            None => Origin::PROGRAM,
        }
    }

    /// The engine of an interpreter component, if the binary is one.
    pub(crate) fn engine(&self) -> Option<&Engine> {
        self.engines.first()
    }
}

/// The components wit-component's linker put together from shared
/// libraries: the linker adds an `__init` module and a `main` one. That
/// `main` is not the program's main module: the linker synthesises it to
/// hold the memory and table, and its functions only forward calls through
/// the table to the libraries' own.
fn dynamically_linked_components(model: &BinaryModel) -> std::collections::BTreeSet<Option<usize>> {
    model
        .tree
        .iter()
        .filter(|n| n.kind == NodeKind::Module && n.name.as_deref() == Some("__init"))
        .map(|n| n.parent)
        .collect()
}

/// The runtime a function of a program module belongs to, by its name.
fn runtime_function(raw: &str, shown: &str, go: bool) -> Option<Origin> {
    if go {
        return go_runtime(raw).then_some(Origin::GO_RUNTIME);
    }
    let path = shown.trim_start_matches('<');
    if [
        "std::",
        "core::",
        "alloc::",
        "dlmalloc::",
        "compiler_builtins::",
    ]
    .iter()
    .any(|p| path.starts_with(p))
        || [
            "__rust_",
            "__rdl_",
            "__rg_",
            "rust_begin_unwind",
            "rust_panic",
        ]
        .iter()
        .any(|p| raw.starts_with(p))
    {
        return Some(Origin::RUST_STD);
    }
    if ["wit_bindgen::", "wit_bindgen_rt::"]
        .iter()
        .any(|p| path.starts_with(p))
        || raw.starts_with("cabi_")
    {
        return Some(Origin::WIT_BINDGEN);
    }
    let libc = (raw.starts_with("__") && raw != "__original_main" && raw != "__main_argc_argv")
        || LIBC_FUNCTIONS.contains(&raw);
    libc.then_some(Origin::WASI_LIBC)
}

/// Whether a Go function is the runtime's or the standard library's: its
/// package path's first element has no dot (`runtime`, `syscall`,
/// `internal/poll`, `os`), and it is not `main`; functions without a
/// package (the runtime's assembly) too. Third-party packages are named
/// by a domain (`github.com/…`) and are the program's.
fn go_runtime(name: &str) -> bool {
    // The package path ends at the first `.` after the last `/`.
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    let Some(dot) = name[slash..].find('.') else {
        return true;
    };
    let package = &name[..slash + dot];
    let first = package.split('/').next().unwrap_or(package);
    package != "main" && !first.contains('.')
}

/// The interpreters a binary carries: from the producers of its
/// components, the names of its modules, and engine functions.
fn engines(model: &BinaryModel) -> Vec<Engine> {
    let mut found: Vec<Engine> = Vec::new();
    let mut add = |origin: Origin, node: usize, evidence: String| {
        if !found.iter().any(|e| e.origin == origin) {
            found.push(Engine {
                origin,
                node,
                evidence,
            });
        }
    };
    for (index, node) in model.tree.iter().enumerate() {
        let name = node.name.as_deref().unwrap_or("");
        if node.kind == NodeKind::Module
            && let Some((_, origin)) = MODULES
                .iter()
                .find(|(n, o)| o.kind == OriginKind::Runtime && is_engine(o) && n.matches(name))
        {
            // Only the named module is the engine: a module beside it (an
            // app's `main`) is not, unless the producers say the whole
            // component is an interpreter's.
            add(*origin, index, format!("module {name}"));
        }
        // The table's order decides which producer is the evidence: the
        // toolchain's own name before a language.
        for (field, fragment, origin) in ENGINE_PRODUCERS {
            let Some(producer) = node
                .producers
                .iter()
                .find(|p| p.field == *field && p.name.to_ascii_lowercase().contains(fragment))
            else {
                continue;
            };
            // A JavaScript component built for QuickJS says so in a
            // module's name; the producers may say only "JavaScript".
            let origin = if *origin == Origin::STARLINGMONKEY
                && model.tree.iter().any(|n| {
                    n.name
                        .as_deref()
                        .is_some_and(|n| n.contains("qjs") || n.contains("quickjs"))
                }) {
                Origin::QUICKJS
            } else {
                *origin
            };
            // The engine is the component the producers describe (the
            // outer one, when wit-component put them there).
            let component = if node.kind == NodeKind::Component {
                index
            } else {
                node.parent.unwrap_or(0)
            };
            add(
                origin,
                component,
                format!("producer {} {}", producer.name, producer.version)
                    .trim_end()
                    .to_string(),
            );
            break;
        }
    }
    for module in &model.modules {
        for (_, name) in &module.func_names {
            if let Some((_, origin)) = ENGINE_FUNCTIONS.iter().find(|(n, _)| n.matches(&name.raw)) {
                let parent = model.tree[module.tree_node].parent.unwrap_or(0);
                add(*origin, parent, format!("function {}", name.shown()));
                break;
            }
        }
    }
    // The component the engine was recognised in holds it; when one engine
    // is found twice (a module name and a producer), the first stays.
    found
}

pub(crate) fn is_engine(origin: &Origin) -> bool {
    [Origin::CPYTHON, Origin::STARLINGMONKEY, Origin::QUICKJS].contains(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_standard_library_is_the_runtime_and_main_and_modules_are_the_program() {
        for name in [
            "runtime.main",
            "syscall.Open",
            "internal/poll.(*FD).Write",
            "os.(*File).Write",
            "encoding/json.Marshal",
            "wasm_pc_f_loop",
        ] {
            assert!(go_runtime(name), "{name}");
        }
        for name in ["main.main", "main.readConfig", "github.com/acme/lib.Fetch"] {
            assert!(!go_runtime(name), "{name}");
        }
    }

    #[test]
    fn rust_std_libc_and_bindgen_are_recognised_and_the_rest_is_the_program() {
        let of = |raw: &str, shown: &str| runtime_function(raw, shown, false);
        assert_eq!(of("x", "std::io::stdio::_print"), Some(Origin::RUST_STD));
        assert_eq!(
            of("x", "<alloc::vec::Vec<T>>::push"),
            Some(Origin::RUST_STD)
        );
        assert_eq!(of("__rust_alloc", "__rust_alloc"), Some(Origin::RUST_STD));
        assert_eq!(
            of("cabi_realloc", "cabi_realloc"),
            Some(Origin::WIT_BINDGEN)
        );
        assert_eq!(
            of("__stdio_write", "__stdio_write"),
            Some(Origin::WASI_LIBC)
        );
        assert_eq!(of("fwrite", "fwrite"), Some(Origin::WASI_LIBC));
        assert_eq!(of("__original_main", "__original_main"), None);
        assert_eq!(of("main", "main"), None);
        assert_eq!(of("x", "my_app::handler"), None);
    }
}
