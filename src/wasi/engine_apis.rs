//! What the engines' own APIs reach: the JavaScript globals StarlingMonkey
//! and QuickJS give a program, and the Python standard library CPython
//! gives it, each with the WASI interfaces (without version) a use of it
//! calls on the program's behalf. Only what a program's call makes the
//! engine do is listed: what an engine does on its own (reading the clock
//! and the random seed at start-up, polling in its event loop) stays the
//! engine's, and a name that reaches no host (`JSON`, `re`) is listed as
//! pure. A name in neither list makes the WASI interfaces indeterminate:
//! the table is what the program is checked against, so it must not guess.

/// A JavaScript global (or `object.member`) and what it reaches.
pub(crate) struct Api {
    /// `fetch`, or `crypto.getRandomValues` (object, member).
    pub(crate) name: &'static str,
    pub(crate) member: Option<&'static str>,
    pub(crate) interfaces: &'static [&'static str],
}

const fn api(name: &'static str, interfaces: &'static [&'static str]) -> Api {
    Api {
        name,
        member: None,
        interfaces,
    }
}

const fn member(name: &'static str, member: &'static str, interfaces: &'static [&'static str]) -> Api {
    Api {
        name,
        member: Some(member),
        interfaces,
    }
}

const HTTP_CLIENT: &[&str] = &[
    "wasi:http/outgoing-handler",
    "wasi:http/types",
    "wasi:io/streams",
    "wasi:io/poll",
];
const STDOUT: &[&str] = &["wasi:cli/stdout", "wasi:cli/stderr", "wasi:io/streams"];
const RANDOM: &[&str] = &["wasi:random/random"];
const WALL: &[&str] = &["wasi:clocks/wall-clock"];
const MONOTONIC: &[&str] = &["wasi:clocks/monotonic-clock"];
const TIMERS: &[&str] = &["wasi:clocks/monotonic-clock", "wasi:io/poll"];
const FILES: &[&str] = &["wasi:filesystem/types", "wasi:filesystem/preopens", "wasi:io/streams"];
const ENVIRONMENT: &[&str] = &["wasi:cli/environment"];
const SOCKETS: &[&str] = &[
    "wasi:sockets/network",
    "wasi:sockets/instance-network",
    "wasi:sockets/tcp",
    "wasi:sockets/tcp-create-socket",
    "wasi:sockets/udp",
    "wasi:sockets/udp-create-socket",
    "wasi:sockets/ip-name-lookup",
    "wasi:io/streams",
    "wasi:io/poll",
];

/// StarlingMonkey's and QuickJS's globals that call the host. QuickJS
/// (componentize-qjs) has no `fetch`; a program using it there fails at
/// run time, and the table still says what it would reach.
pub(crate) const JAVASCRIPT: &[Api] = &[
    api("fetch", HTTP_CLIENT),
    member("crypto", "getRandomValues", RANDOM),
    member("crypto", "randomUUID", RANDOM),
    member("crypto", "subtle", RANDOM),
    api("Date", WALL),
    api("performance", MONOTONIC),
    api("setTimeout", TIMERS),
    api("setInterval", TIMERS),
    api("console", STDOUT),
];

/// JavaScript globals that reach no host function.
pub(crate) const JAVASCRIPT_PURE: &[&str] = &[
    "Object", "Array", "String", "Number", "Boolean", "Symbol", "BigInt", "Math", "JSON",
    "Promise", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry", "Error",
    "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError",
    "AggregateError", "RegExp", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Int8Array",
    "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
    "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "TextEncoder",
    "TextDecoder", "URL", "URLSearchParams", "atob", "btoa", "structuredClone", "queueMicrotask",
    "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "escape", "unescape",
    "parseInt", "parseFloat", "isNaN", "isFinite", "Infinity", "NaN", "undefined", "Intl",
    "Headers", "Request", "Response", "FormData", "Blob", "File", "AbortController",
    "AbortSignal", "Event", "EventTarget", "ReadableStream", "WritableStream", "TransformStream",
    "DOMException", "arguments", "addEventListener", "clearTimeout", "clearInterval", "crypto",
    "globalThis", "self", "Iterator", "Atomics",
];

/// JavaScript globals that reach names the text does not show.
pub(crate) const JAVASCRIPT_DYNAMIC: &[&str] = &["eval", "Function", "Reflect", "Proxy"];

/// A Python module (or `module.attribute`) and what it reaches.
pub(crate) const PYTHON: &[Api] = &[
    member("os", "environ", ENVIRONMENT),
    member("os", "environb", ENVIRONMENT),
    member("os", "getenv", ENVIRONMENT),
    member("os", "putenv", ENVIRONMENT),
    member("os", "unsetenv", ENVIRONMENT),
    member("os", "urandom", RANDOM),
    member("os", "getrandom", RANDOM),
    // Any other attribute of `os` (and `os.path`) is taken as a file
    // operation: `os.path.join` is counted too, which only ever says
    // "used" of a capability that is not.
    api("os", FILES),
    api("open", FILES),
    api("print", STDOUT),
    api("input", &["wasi:cli/stdin", "wasi:io/streams"]),
    api("exit", &["wasi:cli/exit"]),
    api("quit", &["wasi:cli/exit"]),
    member("sys", "argv", ENVIRONMENT),
    member("sys", "stdout", STDOUT),
    member("sys", "stderr", STDOUT),
    member("sys", "stdin", &["wasi:cli/stdin", "wasi:io/streams"]),
    member("sys", "exit", &["wasi:cli/exit"]),
    api("socket", SOCKETS),
    api("ssl", SOCKETS),
    api("asyncio", SOCKETS),
    api("selectors", SOCKETS),
    api("select", SOCKETS),
    api("http", SOCKETS),
    api("urllib", SOCKETS),
    api("ftplib", SOCKETS),
    api("smtplib", SOCKETS),
    api("random", RANDOM),
    api("secrets", RANDOM),
    api("uuid", RANDOM),
    api("time", TIMERS),
    api("datetime", WALL),
    api("pathlib", FILES),
    api("shutil", FILES),
    api("tempfile", FILES),
    api("glob", FILES),
    api("io", FILES),
    api("zipfile", FILES),
    api("tarfile", FILES),
    api("sqlite3", FILES),
    api("logging", STDOUT),
    api("warnings", STDOUT),
];

/// Python modules that reach no host function (and `sys` members not
/// listed above).
pub(crate) const PYTHON_PURE: &[&str] = &[
    "sys", "json", "re", "typing", "typing_extensions", "dataclasses", "collections", "itertools",
    "functools", "math", "cmath", "string", "enum", "abc", "base64", "hashlib", "hmac", "struct",
    "copy", "operator", "decimal", "fractions", "textwrap", "bisect", "heapq", "array",
    "contextlib", "types", "numbers", "statistics", "html", "binascii", "zlib", "codecs",
    "unicodedata", "pprint", "traceback", "weakref", "keyword", "difflib", "fnmatch", "csv",
    "__future__", "componentize_py_types", "componentize_py_runtime", "componentize_py_async_support",
    "poll_loop", "wit_world",
];

/// Python built-in names, none of which reach a host function except those
/// in `PYTHON` (and the dynamic ones the parser reports).
pub(crate) const PYTHON_BUILTINS: &[&str] = &[
    "abs", "all", "any", "ascii", "bin", "bool", "bytearray", "bytes", "callable", "chr",
    "classmethod", "complex", "dict", "dir", "divmod", "enumerate", "filter", "float", "format",
    "frozenset", "hash", "hex", "id", "int", "isinstance", "issubclass", "iter", "len", "list",
    "map", "max", "min", "next", "object", "oct", "ord", "pow", "property", "range", "repr",
    "reversed", "round", "set", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple",
    "type", "zip", "None", "True", "False", "NotImplemented", "Ellipsis", "Exception",
    "BaseException", "ValueError", "TypeError", "KeyError", "IndexError", "AttributeError",
    "RuntimeError", "StopIteration", "NotImplementedError", "OSError", "IOError",
    "ArithmeticError", "ZeroDivisionError", "AssertionError", "LookupError", "UnicodeError",
    "UnicodeDecodeError", "UnicodeEncodeError", "OverflowError", "PermissionError",
    "FileNotFoundError", "TimeoutError", "ConnectionError", "self", "cls", "__name__", "__file__",
    "getattr", "hasattr", "setattr", "delattr", "isinstance", "memoryview",
];
