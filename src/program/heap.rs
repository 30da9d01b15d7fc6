//! The program of a componentize-py component read from CPython's heap
//! image, without its source. componentize-py pre-initialises CPython
//! (imports the program's modules) and snapshots the heap into the data
//! segments of its largest core module; what the program runs at run time
//! is the code objects of the functions it defined, still in that image.
//!
//! Supported: CPython 3.14 on wasm32 (default build: not free-threaded),
//! as componentize-py 0.25.1 ships it. The layout, checked on the
//! components it builds (all little-endian 4-byte words, offsets from the
//! object's start, which is where pointers to it point):
//! - every object: `ob_refcnt` +0, `ob_type` +4; variable-size ones
//!   `ob_size` +8;
//! - type objects: `tp_name` (a C string) +12, `tp_flags` +84, `tp_dict`
//!   +132, `tp_mro` +172;
//! - `str`, compact: `length` +8, `hash` +12, `state` +16 (bits 2–4
//!   kind, 5 compact, 6 ascii); ASCII text at +20, other kinds at +28;
//! - `tuple`: `ob_size` +8, cached hash +12, items +16; `list`: `ob_size`
//!   +8, `ob_item` +12;
//! - `code`: `ob_size` +8 (code units), `co_consts` +12, `co_names` +16,
//!   `co_flags` +24, `co_firstlineno` +44, `co_filename` +80, `co_name`
//!   +84, `co_qualname` +88, the bytecode at +128;
//! - `function`: `func_code` +24; `module`: `md_dict` +8, `md_name` +24;
//!   `dict`: `ma_keys` +24, `ma_values` +28; dict keys: `dk_log2_size`
//!   byte +4, `dk_log2_index_bytes` byte +5, `dk_kind` byte +6 (1:
//!   string keys), `dk_nentries` +16, the index table at +20, then the
//!   (key, value) entries; `set`: `mask` +16, `table` +20 of (key, hash)
//!   entries;
//! - IMPORT_NAME is opcode 73 (each of the corpus heaps' dotted names in
//!   `co_names` is the operand of a unit with that opcode).
//!
//! Only a heap whose interpreter holds the cache tag `cpython-314` as a
//! `str` is read. Nothing is found by address: the `str` type is the type of the
//! objects holding the program's module paths (`/0/app.py`), the `code`
//! type that of the objects whose +80 points at one, the `tuple` type
//! that of their `co_names`; each type object must be named so
//! (`tp_name`). Every code object whose `co_filename` is a program path
//! or `<string>` is decoded (names, constants, run-time imports,
//! qualified name); one that does not
//! decode, a program module whose globals (its `__dict__`, found by the
//! `__file__` entry) cannot be read, or any type that is not where the
//! layout puts it, and the whole reading is refused: the caller falls
//! back to `--program` or `runtime-opaque`, never to a guess.
//!
//! What bytecode names (co_names) does not say is which name is a global
//! and which an attribute; the module's globals say what each global
//! holds (a function of the program, a class, a module, plain data, or
//! something foreign, which is then followed no further).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::scan::Scan;

/// Offsets of the layout above.
const STR_ASCII_DATA: u32 = 20;
const STR_COMPACT_DATA: u32 = 28;
const CODE_FILENAME: u32 = 80;
const CODE_BYTECODE: u32 = 128;
/// The cache tag of the one CPython whose layout this is.
const CACHE_TAG: &str = "cpython-314";
/// CPython 3.14's opcode IMPORT_NAME (its operand indexes `co_names`).
const IMPORT_NAME: u8 = 73;
const TYPE_FLAGS: u32 = 84;
const TYPE_DICT: u32 = 132;
const TYPE_MRO: u32 = 172;
/// `Py_TPFLAGS_HEAPTYPE`: a class made at run time (not a built-in type).
const TPFLAGS_HEAPTYPE: u32 = 1 << 9;
/// `Py_TPFLAGS_TYPE_SUBCLASS`: the object is a class.
const TPFLAGS_TYPE_SUBCLASS: u32 = 1 << 31;

/// Bounds, so that a hostile image costs what it weighs.
const MAX_PATHS: usize = 256;
const MAX_CODE_OBJECTS: usize = 100_000;
const MAX_TUPLE: u32 = 1 << 16;
const MAX_STR: u32 = 1 << 16;
const MAX_CODE_UNITS: u32 = 1 << 22;
const MAX_DICT_ENTRIES: u32 = 1 << 16;
/// How deep containers held by globals are opened.
const MAX_DEPTH: u32 = 4;

/// The initialised memory of one core module: its data segments, in
/// place, sorted by address. The toolchain writes no segment for runs of
/// zeros (64 bytes and more), so an address between segments reads as the
/// zeros memory starts with; one outside them all reads as nothing.
pub(crate) struct Image<'m> {
    runs: Vec<(u64, Cow<'m, [u8]>)>,
}

impl<'m> Image<'m> {
    /// A module's memory image; `None` when it initialises no memory.
    /// Segments that overlap (a later one overwrites an earlier one, as
    /// at instantiation) are merged into copies.
    pub(crate) fn of_module(module_bytes: &'m [u8]) -> Option<Image<'m>> {
        let mut segments = super::embedded::active_segments(module_bytes);
        segments.sort_by_key(|(at, _)| *at);
        let overlap = segments
            .windows(2)
            .any(|w| w[0].0 + w[0].1.len() as u64 > w[1].0);
        let runs: Vec<(u64, Cow<'m, [u8]>)> = if overlap {
            super::embedded::memory_runs(module_bytes)
                .into_iter()
                .map(|(at, bytes)| (at, Cow::Owned(bytes)))
                .collect()
        } else {
            segments
                .into_iter()
                .filter(|(_, bytes)| !bytes.is_empty())
                .map(|(at, bytes)| (at, Cow::Borrowed(bytes)))
                .collect()
        };
        (!runs.is_empty()).then_some(Image { runs })
    }

    fn run_at(&self, addr: u64) -> Option<(u64, &[u8])> {
        let i = self.runs.partition_point(|(start, _)| *start <= addr);
        let (start, run) = self.runs.get(i.checked_sub(1)?)?;
        Some((*start, run))
    }

    fn bytes(&self, addr: u32, len: u32) -> Option<Cow<'_, [u8]>> {
        let (addr, len) = (addr as u64, len as u64);
        if let Some((start, run)) = self.run_at(addr)
            && addr + len <= start + run.len() as u64
        {
            let at = (addr - start) as usize;
            return Some(Cow::Borrowed(&run[at..at + len as usize]));
        }
        // Across segments, or in a gap between them.
        let low = self.runs.first()?.0;
        let (last, last_run) = self.runs.last()?;
        if addr < low || addr + len > last + last_run.len() as u64 || len > 1 << 24 {
            return None;
        }
        let mut out = vec![0u8; len as usize];
        let first = self
            .runs
            .partition_point(|(s, r)| s + r.len() as u64 <= addr);
        for (start, run) in &self.runs[first..] {
            if *start >= addr + len {
                break;
            }
            let from = addr.max(*start);
            let to = (addr + len).min(start + run.len() as u64);
            out[(from - addr) as usize..(to - addr) as usize]
                .copy_from_slice(&run[(from - start) as usize..(to - start) as usize]);
        }
        Some(Cow::Owned(out))
    }

    fn word(&self, addr: u32) -> Option<u32> {
        let b = self.bytes(addr, 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn byte(&self, addr: u32) -> Option<u8> {
        self.bytes(addr, 1).map(|b| b[0])
    }

    /// A NUL-terminated C string of at most 64 bytes.
    fn c_string(&self, addr: u32) -> Option<String> {
        // Near the image's end, what is left of its last run.
        let bytes = self.bytes(addr, 64).or_else(|| {
            let (start, run) = self.run_at(addr as u64)?;
            run.get((addr as u64 - start) as usize..).map(Cow::Borrowed)
        })?;
        let end = bytes.iter().position(|&b| b == 0)?;
        String::from_utf8(bytes[..end].to_vec()).ok()
    }

    /// Each run's bytes, for searching texts; a text at a run's end is
    /// followed by the zeros of the gap after it.
    fn texts(&self) -> impl Iterator<Item = (u64, &[u8])> {
        self.runs.iter().map(|(at, run)| (*at, &**run))
    }

    /// Every 4-aligned address whose word is in `wanted`.
    fn words_equal(&self, wanted: &BTreeSet<u32>) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let sorted: Vec<u32> = wanted.iter().copied().collect();
        let (Some(&low), Some(&high)) = (sorted.first(), sorted.last()) else {
            return out;
        };
        for (start, run) in &self.runs {
            let skip = ((4 - (start % 4)) % 4) as usize;
            for (i, chunk) in run.get(skip..).unwrap_or(&[]).chunks_exact(4).enumerate() {
                let word = u32::from_le_bytes(chunk.try_into().unwrap_or([0; 4]));
                // Most words are out of the range of a few objects' addresses.
                if word.wrapping_sub(low) <= high - low && sorted.binary_search(&word).is_ok() {
                    out.push(((*start as usize + skip + 4 * i) as u32, word));
                }
            }
        }
        out
    }
}

/// One code object of the program.
#[derive(Clone, Debug)]
pub(crate) struct Code {
    /// `/0/app.py`.
    pub(crate) path: String,
    /// `IncomingHandler.handle`.
    pub(crate) qualname: String,
    pub(crate) first_line: u32,
    /// `co_names`: globals, attributes and imported names it uses.
    pub(crate) names: Vec<String>,
    /// Its string constants that are identifiers (attribute names a
    /// `match` class pattern or a `getattr` could look up).
    pub(crate) constants: Vec<String>,
    /// The modules it imports (`os`, `wit_world.imports`).
    pub(crate) imports: Vec<String>,
}

/// What a global of a program module holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Global {
    /// Strings, numbers, the program's functions and classes, the
    /// bindings' functions, classes and resources, and containers of
    /// those: with the bindings' own names of the items it holds
    /// (`from wit_world.imports.fine import get_header as gh`: `gh` holds
    /// `get_header`).
    Known(Vec<String>),
    /// A module: its name (`wit_world.imports.fine`, `os`).
    Module(String),
    /// Anything else, described (`a builtin_function_or_method`).
    Foreign(String),
}

/// The program as the heap holds it.
#[derive(Debug)]
pub(crate) struct HeapProgram {
    /// The program's module paths, `/0/app.py`.
    pub(crate) paths: Vec<String>,
    /// Their module names (`app`, `pkg.mod`).
    pub(crate) module_names: Vec<String>,
    pub(crate) code: Vec<Code>,
    /// Per module path, its globals.
    pub(crate) globals: BTreeMap<String, BTreeMap<String, Global>>,
}

/// Whether `path` is a module of the program: under `/<digits>/`, where
/// componentize-py puts the program's directories, and not generated
/// bindings.
fn program_path(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && rest.as_bytes().get(digits) == Some(&b'/')
        && path.ends_with(".py")
        && !path.contains("/wit_world/")
        && !path.contains("componentize_py_")
        && path.len() <= 256
}

/// `/0/pkg/mod.py` → `pkg.mod`; `/0/pkg/__init__.py` → `pkg`.
fn module_name(path: &str) -> String {
    let rest = path.trim_start_matches('/');
    let rest = rest.split_once('/').map_or(rest, |(_, r)| r);
    let rest = rest.strip_suffix(".py").unwrap_or(rest);
    let rest = rest.strip_suffix("/__init__").unwrap_or(rest);
    rest.replace('/', ".")
}

struct Reader<'i> {
    image: &'i Image<'i>,
    str_type: u32,
    tuple_type: u32,
    code_type: u32,
}

impl Reader<'_> {
    fn type_of(&self, object: u32) -> Option<u32> {
        self.image.word(object.checked_add(4)?)
    }

    fn type_name(&self, ty: u32) -> Option<String> {
        self.image.c_string(self.image.word(ty.checked_add(12)?)?)
    }

    /// A compact `str` object's text.
    fn string(&self, object: u32) -> Option<String> {
        if object == 0 || self.type_of(object)? != self.str_type {
            return None;
        }
        let length = self.image.word(object + 8)?;
        let state = self.image.word(object + 16)?;
        let kind = (state >> 2) & 7;
        let compact = state & (1 << 5) != 0;
        let ascii = state & (1 << 6) != 0;
        if !compact || length > MAX_STR {
            return None;
        }
        if ascii {
            let bytes = self.image.bytes(object + STR_ASCII_DATA, length)?;
            return bytes
                .is_ascii()
                .then(|| String::from_utf8_lossy(&bytes).into_owned());
        }
        let data = object + STR_COMPACT_DATA;
        let chars: Option<String> = match kind {
            1 => Some(
                self.image
                    .bytes(data, length)?
                    .iter()
                    .map(|&b| b as char)
                    .collect(),
            ),
            2 => self
                .image
                .bytes(data, length.checked_mul(2)?)?
                .chunks_exact(2)
                .map(|c| char::from_u32(u16::from_le_bytes([c[0], c[1]]) as u32))
                .collect(),
            4 => self
                .image
                .bytes(data, length.checked_mul(4)?)?
                .chunks_exact(4)
                .map(|c| char::from_u32(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
                .collect(),
            _ => None,
        };
        chars
    }

    fn tuple(&self, object: u32) -> Option<Vec<u32>> {
        if object == 0 || self.type_of(object)? != self.tuple_type {
            return None;
        }
        let size = self.image.word(object + 8)?;
        if size > MAX_TUPLE {
            return None;
        }
        (0..size)
            .map(|i| self.image.word(object + 16 + 4 * i))
            .collect()
    }

    fn is_code(&self, object: u32) -> bool {
        object != 0 && self.type_of(object) == Some(self.code_type)
    }

    /// The code object at `object`, when its file is a program path; an
    /// error when it is and does not decode.
    fn code(&self, object: u32) -> Result<Option<Code>, String> {
        let Some(path) = self
            .image
            .word(object + CODE_FILENAME)
            .and_then(|f| self.string(f))
        else {
            return Ok(None);
        };
        if !program_path(&path) && path != COMPILED {
            return Ok(None);
        }
        let bad = |what: &str| format!("a code object of {path} at {object:#x}: {what}");
        let units = self.image.word(object + 8).ok_or_else(|| bad("no size"))?;
        if units == 0
            || units > MAX_CODE_UNITS
            || self
                .image
                .bytes(object + CODE_BYTECODE, units * 2)
                .is_none()
        {
            return Err(bad("its bytecode is not in the image"));
        }
        let names = self
            .image
            .word(object + 16)
            .and_then(|t| self.tuple(t))
            .ok_or_else(|| bad("co_names is not a tuple"))?
            .into_iter()
            .map(|n| self.string(n))
            .collect::<Option<Vec<String>>>()
            .ok_or_else(|| bad("co_names holds something other than a str"))?;
        // The modules it imports at run time (`import os` in a function):
        // the operands of its IMPORT_NAME units. Inline cache units that
        // happen to look like one only add imports; with more than 256
        // names an operand could need EXTENDED_ARG, so all count.
        let bytecode = self
            .image
            .bytes(object + CODE_BYTECODE, units * 2)
            .unwrap_or_default();
        let mut imports: Vec<String> = if names.len() > 256 {
            names.clone()
        } else {
            bytecode
                .chunks_exact(2)
                .filter(|unit| unit[0] == IMPORT_NAME)
                .filter_map(|unit| names.get(unit[1] as usize).cloned())
                .collect()
        };
        imports.sort();
        imports.dedup();
        let consts = self
            .image
            .word(object + 12)
            .and_then(|t| self.tuple(t))
            .ok_or_else(|| bad("co_consts is not a tuple"))?;
        let mut constants = Vec::new();
        self.constants(&consts, &mut constants, 0);
        let qualname = self
            .image
            .word(object + 88)
            .and_then(|q| self.string(q))
            .ok_or_else(|| bad("co_qualname is not a str"))?;
        self.image
            .word(object + 84)
            .and_then(|q| self.string(q))
            .ok_or_else(|| bad("co_name is not a str"))?;
        let first_line = self.image.word(object + 44).unwrap_or(0);
        Ok(Some(Code {
            path,
            qualname,
            first_line,
            names,
            constants,
            imports,
        }))
    }

    /// Identifier strings among constants, through nested tuples (nested
    /// code objects are read on their own).
    fn constants(&self, items: &[u32], out: &mut Vec<String>, depth: u32) {
        for &item in items {
            if let Some(text) = self.string(item) {
                if is_identifier(&text) {
                    out.push(text);
                }
            } else if depth < MAX_DEPTH
                && let Some(inner) = self.tuple(item)
            {
                self.constants(&inner, out, depth + 1);
            }
        }
    }

    /// The (key, value) entries of a string-keyed dict keys object.
    fn keys_entries(&self, keys: u32) -> Option<Vec<(u32, u32)>> {
        let log2_index_bytes = self.image.byte(keys.checked_add(5)?)? as u32;
        let kind = self.image.byte(keys + 6)?;
        let count = self.image.word(keys + 16)?;
        if kind != 1 || log2_index_bytes > 24 || count > MAX_DICT_ENTRIES {
            return None;
        }
        let entries = keys + 20 + (1 << log2_index_bytes);
        (0..count)
            .map(|i| {
                Some((
                    self.image.word(entries + 8 * i)?,
                    self.image.word(entries + 8 * i + 4)?,
                ))
            })
            .collect()
    }

    /// A dict object's string-keyed entries (combined table only).
    fn dict_entries(&self, dict: u32) -> Option<Vec<(u32, u32)>> {
        if self.image.word(dict.checked_add(28)?)? != 0 {
            return None;
        }
        self.keys_entries(self.image.word(dict + 24)?)
    }

    /// The dict keys object holding the entry at `entry` (its key
    /// pointer's address), found back from it by its header.
    fn keys_around(&self, entry: u32) -> Option<u32> {
        for index in 0..4096u32 {
            let first = entry.checked_sub(8 * index)?;
            for log2_index_bytes in 3..=20u32 {
                let Some(keys) = first.checked_sub(20 + (1 << log2_index_bytes)) else {
                    continue;
                };
                let (Some(size), Some(ib), Some(kind), Some(count)) = (
                    self.image.byte(keys + 4),
                    self.image.byte(keys + 5),
                    self.image.byte(keys + 6),
                    self.image.word(keys + 16),
                ) else {
                    continue;
                };
                let size = size as u32;
                if ib as u32 == log2_index_bytes
                    && kind == 1
                    && (size..=size + 3).contains(&log2_index_bytes)
                    && count > index
                    && count <= (1 << size)
                    && self.keys_entries(keys).is_some_and(|entries| {
                        entries
                            .iter()
                            .all(|&(k, _)| k == 0 || self.string(k).is_some())
                    })
                {
                    return Some(keys);
                }
            }
        }
        None
    }

    /// What a global holds. `named`: every name the program's code uses,
    /// to check the attributes of its classes that it can call.
    fn global(&self, value: u32, context: &Context, depth: u32) -> Global {
        let known = Global::Known(Vec::new());
        if value == 0 {
            return known;
        }
        let Some(ty) = self.type_of(value) else {
            return Global::Foreign("a value outside the image".into());
        };
        let Some(name) = self.type_name(ty) else {
            return Global::Foreign("a value of an unnamed type".into());
        };
        let foreign = |what: String| Global::Foreign(what);
        if depth > MAX_DEPTH {
            return foreign(format!("a {name} nested too deep"));
        }
        match name.as_str() {
            "str" | "int" | "float" | "bool" | "NoneType" | "bytes" | "complex" | "range"
            | "ellipsis" | "NotImplementedType" => known,
            "tuple" | "list" | "dict" | "set" | "frozenset" => {
                let items = match name.as_str() {
                    "tuple" => self.tuple_like(value, value + 16),
                    "list" => self
                        .image
                        .word(value + 12)
                        .and_then(|items| self.tuple_like(value, items)),
                    "dict" => self
                        .dict_entries(value)
                        .map(|e| e.into_iter().map(|(_, v)| v).collect()),
                    _ => self.set_items(value),
                };
                let Some(items) = items else {
                    return foreign(format!("a {name} the heap reader cannot open"));
                };
                let mut names = Vec::new();
                for item in items {
                    match self.global(item, context, depth + 1) {
                        Global::Known(inner) => names.extend(inner),
                        Global::Module(m) if generated_module(&m) => {}
                        inner => {
                            return foreign(format!("a {name} holding {}", describe(&inner)));
                        }
                    }
                }
                Global::Known(names)
            }
            "function" => self.function(value),
            "staticmethod" | "classmethod" => match self.image.word(value + 8) {
                Some(f)
                    if self.type_of(f).and_then(|t| self.type_name(t)).as_deref()
                        == Some("function") =>
                {
                    self.function(f)
                }
                _ => foreign(format!("a {name} of something other than a function")),
            },
            "property" => {
                let mut names = Vec::new();
                // prop_get, prop_set, prop_del
                for at in [8, 12, 16] {
                    let accessor = self.image.word(value + at).unwrap_or(0);
                    if accessor == 0 {
                        continue;
                    }
                    match self.function(accessor) {
                        Global::Known(inner) => names.extend(inner),
                        other => return foreign(format!("a property of {}", describe(&other))),
                    }
                }
                Global::Known(names)
            }
            "module" => match self.image.word(value + 24).and_then(|n| self.string(n)) {
                Some(module) => Global::Module(module),
                None => foreign("a module without a name".into()),
            },
            _ if self.image.word(ty + TYPE_FLAGS).unwrap_or(0) & TPFLAGS_TYPE_SUBCLASS != 0 => {
                self.class(value, context, depth)
            }
            // An instance of a binding class (a resource): its class's name
            // makes the resource's methods reachable.
            _ => match self.class_module(ty) {
                Some(m) if generated_module(&m) => Global::Known(vec![name.to_string()]),
                _ => foreign(format!("a {name}")),
            },
        }
    }

    /// A function: the program's, or compiled at run time from text
    /// (`<string>`, whose code is read as the program's); a generated
    /// binding's, by its own name (`get_header`, whatever the program
    /// calls it); anything else is foreign.
    fn function(&self, value: u32) -> Global {
        if self
            .type_of(value)
            .and_then(|t| self.type_name(t))
            .as_deref()
            != Some("function")
        {
            return Global::Foreign("something other than a function".into());
        }
        let Some(code) = self.image.word(value + 24).filter(|&c| self.is_code(c)) else {
            return Global::Foreign("a function whose code is not in the image".into());
        };
        let file = self
            .image
            .word(code + CODE_FILENAME)
            .and_then(|f| self.string(f))
            .unwrap_or_default();
        if program_path(&file) || file == COMPILED {
            Global::Known(Vec::new())
        } else if generated_path(&file) {
            match self.image.word(code + 84).and_then(|n| self.string(n)) {
                Some(name) => Global::Known(vec![name]),
                None => Global::Foreign(format!("a function of {file} without a name")),
            }
        } else {
            Global::Foreign(format!("a function of {file}"))
        }
    }

    /// A class's `__module__`, when its dict has one.
    fn class_module(&self, class: u32) -> Option<String> {
        let entries = self
            .image
            .word(class.checked_add(TYPE_DICT)?)
            .and_then(|d| self.dict_entries(d))?;
        entries.into_iter().find_map(|(k, v)| {
            (self.string(k).as_deref() == Some("__module__"))
                .then(|| self.string(v))
                .flatten()
        })
    }

    /// A class: a binding's, by its own name (`Fields`); the program's,
    /// when every class it derives from is the program's, the bindings',
    /// a built-in type, or of a module of the standard library's table of
    /// pure modules, and every attribute of it the program names holds
    /// what a global may; anything else is foreign.
    fn class(&self, class: u32, context: &Context, depth: u32) -> Global {
        let class_name = self.type_name(class).unwrap_or_else(|| "?".into());
        let Some(module) = self.class_module(class) else {
            return Global::Foreign(format!("the class `{class_name}` without a module"));
        };
        if generated_module(&module) {
            return Global::Known(vec![class_name]);
        }
        if !context.modules.contains(&module) {
            return Global::Foreign(format!("the class `{class_name}` of the module `{module}`"));
        }
        let Some(mro) = self
            .image
            .word(class + TYPE_MRO)
            .and_then(|m| self.tuple(m))
        else {
            return Global::Foreign(format!("the class `{class_name}` without an MRO"));
        };
        for base in mro {
            let flags = self.image.word(base + TYPE_FLAGS).unwrap_or(0);
            if flags & TPFLAGS_HEAPTYPE == 0 {
                continue; // a built-in type
            }
            let base_module = self.class_module(base).unwrap_or_default();
            let top = base_module.split('.').next().unwrap_or_default();
            if !(context.modules.contains(&base_module)
                || generated_module(&base_module)
                || crate::wasi::engine_apis::PYTHON_PURE.contains(&top))
            {
                return Global::Foreign(format!(
                    "the class `{class_name}`, derived from a class of the module `{base_module}`"
                ));
            }
        }
        let Some(entries) = self
            .image
            .word(class + TYPE_DICT)
            .and_then(|d| self.dict_entries(d))
        else {
            return Global::Foreign(format!("the class `{class_name}` without a dict"));
        };
        let mut names = Vec::new();
        for (key, value) in entries {
            let Some(key) = self.string(key) else {
                continue;
            };
            if !context.named.contains(&key) {
                continue;
            }
            match self.global(value, context, depth + 1) {
                Global::Known(inner) => names.extend(inner),
                Global::Module(m) if generated_module(&m) => {}
                other => {
                    return Global::Foreign(format!(
                        "the class `{class_name}`, whose `{key}` holds {}",
                        describe(&other)
                    ));
                }
            }
        }
        Global::Known(names)
    }

    /// A set's keys: `mask` +16, `table` +20 of (key, hash) entries;
    /// empty slots are null, removed ones the dummy key.
    fn set_items(&self, set: u32) -> Option<Vec<u32>> {
        let mask = self.image.word(set + 16)?;
        let table = self.image.word(set + 20)?;
        if mask >= MAX_TUPLE || (mask + 1) & mask != 0 {
            return None;
        }
        let mut items = Vec::new();
        for i in 0..=mask {
            let key = self.image.word(table.checked_add(8 * i)?)?;
            let dummy = || {
                self.type_of(key)
                    .and_then(|t| self.type_name(t))
                    .is_some_and(|n| n == "<dummy key> type")
            };
            if key != 0 && !dummy() {
                items.push(key);
            }
        }
        Some(items)
    }

    fn tuple_like(&self, object: u32, items: u32) -> Option<Vec<u32>> {
        let size = self.image.word(object + 8)?;
        if size > MAX_TUPLE {
            return None;
        }
        (0..size).map(|i| self.image.word(items + 4 * i)).collect()
    }
}

fn describe(global: &Global) -> String {
    match global {
        Global::Module(m) => format!("the module `{m}`"),
        Global::Foreign(what) => what.clone(),
        Global::Known(_) => "data or the program's own".into(),
    }
}

/// What classifying a global needs to know of the program.
struct Context {
    /// The program's module names.
    modules: Vec<String>,
    /// Every name the program's code uses.
    named: BTreeSet<String>,
}

/// The file name of code compiled from text at run time (`exec`,
/// dataclasses' generated methods).
pub(crate) const COMPILED: &str = "<string>";

/// A file of componentize-py's generated modules.
fn generated_path(path: &str) -> bool {
    path.contains("/wit_world/") || path.contains("componentize_py")
}

/// componentize-py's generated modules: the bindings and their support.
pub(crate) fn generated_module(module: &str) -> bool {
    module == "wit_world"
        || module.starts_with("wit_world.")
        || module.starts_with("componentize_py")
}

pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && text.len() <= 128
}

/// Reads the program from a memory image; `Ok(None)` when it holds no
/// program module path (not a componentize-py heap), `Err` with why when
/// it does but the layout does not hold.
pub(crate) fn read(image: &Image) -> Result<Option<HeapProgram>, String> {
    // The program's module paths, as compact ASCII `str` objects.
    let mut paths: BTreeMap<u32, String> = BTreeMap::new();
    let mut str_types = BTreeSet::new();
    let finder = memchr::memmem::Finder::new(b".py\0");
    for (start, run) in image.texts() {
        for end in finder.find_iter(run) {
            let path_start = run[..end]
                .iter()
                .rposition(|&b| {
                    !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/'))
                })
                .map_or(0, |i| i + 1);
            let Ok(path) = std::str::from_utf8(&run[path_start..end + 3]) else {
                continue;
            };
            if !program_path(path) {
                continue;
            }
            let Some(object) = (start as usize + path_start)
                .checked_sub(STR_ASCII_DATA as usize)
                .map(|o| o as u32)
            else {
                continue;
            };
            let (Some(ty), Some(length), Some(state)) = (
                image.word(object + 4),
                image.word(object + 8),
                image.word(object + 16),
            ) else {
                continue;
            };
            // A path text that is not a `str` object's is not a module.
            if length as usize != path.len() || state & 0x7c != 0x64 || object % 4 != 0 {
                continue;
            }
            str_types.insert(ty);
            paths.insert(object, path.to_string());
            if paths.len() > MAX_PATHS {
                return Err(format!("over {MAX_PATHS} program module paths"));
            }
        }
    }
    if paths.is_empty() {
        return Ok(None);
    }
    let [str_type] = str_types.into_iter().collect::<Vec<_>>()[..] else {
        return Err("the module paths are not objects of one type".into());
    };
    let probe = Reader {
        image,
        str_type,
        tuple_type: 0,
        code_type: 0,
    };
    if probe.type_name(str_type).as_deref() != Some("str") {
        return Err("the module paths' type is not named `str`".into());
    }

    // The layout is CPython 3.14's: its interpreter holds its cache tag
    // (`sys.implementation.cache_tag`) as a `str`.
    let tag = [CACHE_TAG.as_bytes(), b"\0"].concat();
    let tagged = image.texts().any(|(start, run)| {
        memchr::memmem::find_iter(run, &tag).any(|at| {
            (start as usize + at)
                .checked_sub(STR_ASCII_DATA as usize)
                .is_some_and(|object| probe.string(object as u32).as_deref() == Some(CACHE_TAG))
        })
    });
    if !tagged {
        return Err(format!(
            "not CPython 3.14: no `str` object holds its cache tag `{CACHE_TAG}`"
        ));
    }

    // The `<string>` file name of code compiled from text.
    let mut compiled_names = BTreeSet::new();
    let compiled_text = [COMPILED.as_bytes(), b"\0"].concat();
    for (start, run) in image.texts() {
        for at in memchr::memmem::find_iter(run, &compiled_text) {
            let Some(object) = (start as usize + at)
                .checked_sub(STR_ASCII_DATA as usize)
                .map(|o| o as u32)
            else {
                continue;
            };
            if probe.string(object).as_deref() == Some(COMPILED) {
                compiled_names.insert(object);
            }
        }
    }

    // Words pointing at a path or at `<string>`: code objects'
    // `co_filename`, and the `__file__` entries of the modules' dicts.
    let wanted: BTreeSet<u32> = paths.keys().chain(&compiled_names).copied().collect();
    let referrers = image.words_equal(&wanted);
    let mut code_types = BTreeSet::new();
    let mut tuple_types = BTreeSet::new();
    for (at, target) in &referrers {
        if !paths.contains_key(target) {
            continue;
        }
        let Some(object) = at.checked_sub(CODE_FILENAME) else {
            continue;
        };
        let Some(ty) = probe.type_of(object) else {
            continue;
        };
        if probe.type_name(ty).as_deref() != Some("code") {
            continue;
        }
        code_types.insert(ty);
        if let Some(names) = image.word(object + 16)
            && let Some(tuple) = probe.type_of(names)
        {
            tuple_types.insert(tuple);
        }
    }
    let [code_type] = code_types.into_iter().collect::<Vec<_>>()[..] else {
        return Err("no single `code` type among the objects naming a module path".into());
    };
    let [tuple_type] = tuple_types.into_iter().collect::<Vec<_>>()[..] else {
        return Err("the code objects' co_names are not of one type".into());
    };
    let reader = Reader {
        image,
        str_type,
        tuple_type,
        code_type,
    };
    if reader.type_name(tuple_type).as_deref() != Some("tuple") {
        return Err("co_names's type is not named `tuple`".into());
    }

    // Every code object of the program, and those compiled from text.
    let mut code = Vec::new();
    let mut compiled = Code {
        path: COMPILED.into(),
        qualname: "code compiled from text".into(),
        first_line: 0,
        names: Vec::new(),
        constants: Vec::new(),
        imports: Vec::new(),
    };
    // Each is found by its `co_filename`, which points at one of those
    // `str` objects.
    for (filename_at, _) in &referrers {
        let Some(object) = filename_at.checked_sub(CODE_FILENAME) else {
            continue;
        };
        if !reader.is_code(object) {
            continue;
        }
        match reader.code(object)? {
            Some(found) if found.path == COMPILED => {
                compiled.names.extend(found.names);
                compiled.constants.extend(found.constants);
                compiled.imports.extend(found.imports);
            }
            Some(found) => code.push(found),
            None => {}
        }
        if code.len() > MAX_CODE_OBJECTS {
            return Err(format!("over {MAX_CODE_OBJECTS} code objects"));
        }
    }
    let mut path_names: Vec<String> = paths.values().cloned().collect();
    path_names.sort();
    path_names.dedup();
    if code.is_empty() {
        return Err(format!(
            "no code object of {} decodes",
            path_names.join(", ")
        ));
    }
    if !compiled.names.is_empty() || !compiled.constants.is_empty() {
        for list in [
            &mut compiled.names,
            &mut compiled.constants,
            &mut compiled.imports,
        ] {
            list.sort();
            list.dedup();
        }
        code.push(compiled);
    }
    let context = Context {
        modules: path_names.iter().map(|p| module_name(p)).collect(),
        named: code
            .iter()
            .flat_map(|c| c.names.iter().chain(&c.constants).cloned())
            .collect(),
    };

    // Each module's globals, from its dict's `__file__` entry.
    let mut globals: BTreeMap<String, BTreeMap<String, Global>> = BTreeMap::new();
    for (at, target) in &referrers {
        let Some(key_at) = at.checked_sub(4) else {
            continue;
        };
        if image.word(key_at).and_then(|k| reader.string(k)).as_deref() != Some("__file__") {
            continue;
        }
        let Some(keys) = reader.keys_around(key_at) else {
            continue;
        };
        let Some(entries) = reader.keys_entries(keys) else {
            continue;
        };
        let mut module = BTreeMap::new();
        for (key, value) in entries {
            if key == 0 {
                continue;
            }
            let Some(name) = reader.string(key) else {
                return Err(format!("a global of {} has no str name", paths[target]));
            };
            // Only what the code names can be reached.
            if context.named.contains(&name) || name == "__name__" {
                module.insert(name, reader.global(value, &context, 0));
            }
        }
        // The module's own dict names its file and itself. Two dicts
        // naming one file (a stale copy) are merged, keeping for each
        // name what says most.
        if module.contains_key("__name__") {
            merge(globals.entry(paths[target].clone()).or_default(), module);
        }
    }
    for c in &code {
        if c.path != COMPILED && !globals.contains_key(&c.path) {
            return Err(format!("the globals of {} are not in the image", c.path));
        }
    }
    // Code compiled from text runs with the globals of whichever module
    // compiled it: all of them.
    let mut all = BTreeMap::new();
    for module in globals.values() {
        merge(&mut all, module.clone());
    }
    globals.insert(COMPILED.into(), all);
    code.sort_by(|a, b| {
        (&a.path, a.first_line, &a.qualname).cmp(&(&b.path, b.first_line, &b.qualname))
    });
    Ok(Some(HeapProgram {
        paths: path_names,
        module_names: context.modules,
        code,
        globals,
    }))
}

/// Merges globals, keeping for each name what says most: foreign over a
/// module over known values, whose binding names are joined.
fn merge(into: &mut BTreeMap<String, Global>, from: BTreeMap<String, Global>) {
    let rank = |g: &Global| match g {
        Global::Known(_) => 0,
        Global::Module(_) => 1,
        Global::Foreign(_) => 2,
    };
    for (name, global) in from {
        match (into.get_mut(&name), global) {
            (Some(Global::Known(old)), Global::Known(new)) => {
                old.extend(new);
                old.sort();
                old.dedup();
            }
            (Some(old), new) if rank(old) >= rank(&new) => {}
            (_, new) => {
                into.insert(name, new);
            }
        }
    }
}

/// Names whose use reaches what the bytecode does not name, besides the
/// built-ins the source reader knows (`PYTHON_DYNAMIC`: `eval`, `exec`):
/// the ways to a module or an attribute by a computed name, which the
/// source reader sees as computed arguments and bytecode only as names.
const DYNAMIC_ATTRIBUTES: &[&str] = &[
    "getattr",
    "setattr",
    "delattr",
    "__getattribute__",
    "__getattr__",
    "__dict__",
    "__builtins__",
    "builtins",
    "importlib",
    "import_module",
    "attrgetter",
    "methodcaller",
    "modules",
];

fn is_dynamic(name: &str) -> bool {
    crate::wasi::engine_apis::PYTHON_DYNAMIC.contains(&name) || DYNAMIC_ATTRIBUTES.contains(&name)
}

/// What the program's code objects refer to, as scans the mapping reads
/// (`bindings::map`), one set per code object:
/// - per imported interface, a scan that takes every name the code object
///   uses from that interface's binding module, so a function, class or
///   static named anywhere is used (bytecode does not say through which
///   module object: every interface with an item of that name counts);
/// - one scan of the rest: every name as a member (a resource method by
///   name), the standard-library modules its globals hold, the built-ins
///   and foreign globals it names (the engine-API table judges those), and
///   the dynamic names.
///
/// Also says, per foreign global, what it holds.
pub(crate) fn scans(
    program: &HeapProgram,
    interfaces: &[String],
) -> (Vec<(String, Scan)>, Vec<String>) {
    use super::scan::{Dynamic, ModuleImport, Position, Reference, Use};
    let at = Position {
        line: 0,
        column: 0,
        offset: 0,
    };
    let use_of = |reference: Reference, at: Position| Use {
        reference,
        at,
        context: Default::default(),
    };
    let builtin = |n: &str| {
        crate::wasi::engine_apis::PYTHON_BUILTINS.contains(&n)
            || ["open", "print", "input", "exit", "quit"].contains(&n)
    };
    // A module's members may be looked up in code other than the code
    // that holds it (a closure over `os`): every name is a possible one.
    let all_names: Vec<String> = program
        .code
        .iter()
        .flat_map(|c| c.names.iter().cloned())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let mut notes = BTreeSet::new();
    let mut out = Vec::new();
    // Whether a binding module object could reach code the program does
    // not show (a foreign global or a dynamic name): then it escapes.
    let opaque = program.code.iter().any(|c| {
        c.names.iter().any(|n| {
            is_dynamic(n)
                || matches!(
                    program.globals.get(&c.path).and_then(|g| g.get(n)),
                    Some(Global::Foreign(_))
                )
        })
    });
    for c in &program.code {
        let file = format!("{}: co_names of {}", c.path, c.qualname);
        let globals = program.globals.get(&c.path);
        let mut rest = Scan::default();
        // The bindings' own names of what the globals named hold.
        let mut bound: Vec<String> = Vec::new();
        for n in &c.names {
            rest.uses.push(use_of(
                Reference::Member {
                    object: None,
                    property: n.clone(),
                },
                at,
            ));
            if is_dynamic(n) {
                rest.dynamic.push(Dynamic {
                    what: format!(
                        "`{n}` is named by {} (co_names): the bytecode does not show what it reaches",
                        c.qualname
                    ),
                    object: None,
                    at,
                });
                continue;
            }
            match globals.and_then(|g| g.get(n)) {
                Some(Global::Module(m)) if generated_module(m) => {
                    rest.declared.insert(n.clone());
                    if opaque && let Some(short) = m.strip_prefix("wit_world.imports.") {
                        // It escapes: the whole interface.
                        rest.imports.push(ModuleImport {
                            module: "wit_world.imports".into(),
                            names: vec![(short.to_string(), n.clone())],
                            namespace: None,
                            everything: false,
                            at,
                        });
                        rest.uses.push(use_of(
                            Reference::Name(n.clone()),
                            Position { offset: 1, ..at },
                        ));
                    }
                }
                Some(Global::Module(m)) if program.module_names.contains(m) => {
                    rest.declared.insert(n.clone());
                }
                Some(Global::Module(m)) => {
                    rest.imports.push(ModuleImport {
                        module: m.clone(),
                        names: Vec::new(),
                        namespace: Some(n.clone()),
                        everything: false,
                        at,
                    });
                    for p in &all_names {
                        rest.uses.push(use_of(
                            Reference::Member {
                                object: Some(n.clone()),
                                property: p.clone(),
                            },
                            at,
                        ));
                    }
                }
                Some(Global::Foreign(what)) => {
                    let what = format!(
                        "the global `{n}` of {} holds {what}, which the heap reader does not follow",
                        c.path
                    );
                    notes.insert(what.clone());
                    rest.dynamic.push(Dynamic {
                        what,
                        object: None,
                        at,
                    });
                }
                Some(Global::Known(items)) => {
                    rest.declared.insert(n.clone());
                    bound.extend(items.iter().cloned());
                }
                None if builtin(n) => rest.uses.push(use_of(Reference::Name(n.clone()), at)),
                // Neither a global nor a built-in: an attribute.
                None => {
                    rest.declared.insert(n.clone());
                }
            }
        }
        // Modules imported at run time: the engine-API table judges them
        // (with every name the code uses as a possible member).
        for module in &c.imports {
            let top = module.split('.').next().unwrap_or(module);
            if generated_module(module) || program.module_names.iter().any(|m| m == module) {
                continue;
            }
            // A module neither in the engine-API table nor pure may be one
            // of the program's that was not loaded when the heap was
            // snapshotted (a relative import, `import helper` in a
            // function): its code is not in the heap, and could call any
            // binding.
            let known = crate::wasi::engine_apis::PYTHON
                .iter()
                .any(|a| a.name == top)
                || crate::wasi::engine_apis::PYTHON_PURE.contains(&top);
            if !known {
                rest.dynamic.push(Dynamic {
                    what: format!(
                        "{} imports `{module}` at run time, a module whose code the heap does not hold",
                        c.qualname
                    ),
                    object: None,
                    at,
                });
            }
            rest.imports.push(ModuleImport {
                module: module.clone(),
                names: all_names.iter().map(|n| (n.clone(), n.clone())).collect(),
                namespace: Some(top.to_string()),
                everything: false,
                at,
            });
            for p in &all_names {
                rest.uses.push(use_of(
                    Reference::Member {
                        object: Some(top.to_string()),
                        property: p.clone(),
                    },
                    at,
                ));
            }
        }
        bound.retain(|b| !c.names.contains(b));
        bound.sort();
        bound.dedup();
        let names: Vec<String> = c.names.iter().chain(&bound).cloned().collect();
        for k in c.constants.iter().chain(&bound) {
            rest.uses.push(use_of(
                Reference::Member {
                    object: None,
                    property: k.clone(),
                },
                at,
            ));
        }
        out.push((file.clone(), rest));
        for interface in interfaces {
            let path = interface
                .split_once('@')
                .map_or(interface.as_str(), |(p, _)| p);
            let short = path.rsplit('/').next().unwrap_or(path).replace('-', "_");
            let mut scan = Scan {
                declared: names.iter().cloned().collect(),
                ..Scan::default()
            };
            scan.imports.push(ModuleImport {
                module: format!("wit_world.imports.{short}"),
                names: names.iter().map(|n| (n.clone(), n.clone())).collect(),
                namespace: None,
                everything: false,
                at,
            });
            for n in &names {
                scan.uses.push(use_of(Reference::Name(n.clone()), at));
                // `Fields.from_list(…)`: a static of a class named.
                if n.starts_with(|ch: char| ch.is_uppercase()) {
                    for p in &names {
                        scan.uses.push(use_of(
                            Reference::Member {
                                object: Some(n.clone()),
                                property: p.clone(),
                            },
                            at,
                        ));
                    }
                }
            }
            out.push((file.clone(), scan));
        }
    }
    (out, notes.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_paths_are_under_a_numbered_directory_and_not_bindings() {
        assert!(program_path("/0/app.py"));
        assert!(program_path("/12/pkg/mod.py"));
        assert!(!program_path("/world/wit_world/imports/types.py"));
        assert!(!program_path("/0/wit_world/imports/types.py"));
        assert!(!program_path("/python/os.py"));
        assert!(!program_path("/0/app.pyc"));
        assert_eq!(module_name("/0/pkg/mod.py"), "pkg.mod");
        assert_eq!(module_name("/1/pkg/__init__.py"), "pkg");
        assert_eq!(module_name("/0/app.py"), "app");
    }
}
