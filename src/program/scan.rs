//! What a parser reads out of one program file, in terms common to every
//! language: the modules it imports and the names it takes from them,
//! every name and member it refers to with the loops around it, and every
//! construct that could reach something no name shows (`eval`, computed
//! member access). The mapping to the component's imports is made from
//! this alone (`bindings`), so it is the same for JavaScript and Python.

/// A 1-based line and column in a program file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Position {
    pub(crate) line: u32,
    pub(crate) column: u32,
    /// Byte offset in the file.
    pub(crate) offset: u32,
}

/// Byte offsets to lines and columns, for one text.
pub(crate) struct Lines {
    starts: Vec<u32>,
}

impl Lines {
    pub(crate) fn of(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        Lines { starts }
    }

    pub(crate) fn position(&self, offset: u32) -> Position {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        Position {
            line: line as u32,
            column: offset - self.starts[line - 1] + 1,
            offset,
        }
    }
}

/// One import statement (or dynamic import with a literal name).
#[derive(Clone, Debug)]
pub(crate) struct ModuleImport {
    /// The module as written: `wasi:cli/environment@0.2.12`,
    /// `wit_world.imports.types`, `os`.
    pub(crate) module: String,
    /// (name in the module, local name) for each name taken.
    pub(crate) names: Vec<(String, String)>,
    /// The local name the whole module is bound to (`import * as ns`,
    /// `import os`), if any.
    pub(crate) namespace: Option<String>,
    /// Whether every name of the module is taken (`from m import *`, or a
    /// dynamic `import("m")` whose result is not followed).
    pub(crate) everything: bool,
    pub(crate) at: Position,
}

/// The loops and function a reference sits in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Context {
    /// The innermost named function around the reference.
    pub(crate) function: Option<String>,
    /// Per enclosing loop of that function, outermost first: how many
    /// times its body runs, when the program text fixes it.
    pub(crate) loops: Vec<Option<u64>>,
    /// Whether a branch inside the innermost loop (or function) decides
    /// whether the reference runs.
    pub(crate) conditional: bool,
}

impl Context {
    /// How many times the reference runs per call of its function, when
    /// every loop around it has a known count.
    pub(crate) fn count(&self) -> Option<u64> {
        self.loops
            .iter()
            .try_fold(1u64, |n, trips| trips.map(|t| n.saturating_mul(t)))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reference {
    /// A bare name: `getEnvironment`, `fetch`, `open`.
    Name(String),
    /// `object.property`, with the object's name when it is a plain name.
    Member {
        object: Option<String>,
        property: String,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Use {
    pub(crate) reference: Reference,
    pub(crate) at: Position,
    pub(crate) context: Context,
}

/// A construct that can reach names the text does not show.
#[derive(Clone, Debug)]
pub(crate) struct Dynamic {
    /// What it is, as a person reads it: "eval", "a computed member of
    /// `ns`", "import() with a computed name".
    pub(crate) what: String,
    /// The plain name whose members are looked up by a computed key, when
    /// there is one; `None` when anything could be reached.
    pub(crate) object: Option<String>,
    pub(crate) at: Position,
}

/// Why a text is not a program of its language.
#[derive(Debug)]
pub(crate) struct SyntaxError {
    pub(crate) message: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

impl SyntaxError {
    pub(crate) fn at(lines: &Lines, offset: u32, message: String) -> SyntaxError {
        let at = lines.position(offset);
        SyntaxError {
            message,
            line: at.line,
            column: at.column,
        }
    }
}

/// What a reader of either language keeps while it walks a file.
pub(crate) struct Recorder {
    pub(crate) lines: Lines,
    pub(crate) scan: Scan,
    pub(crate) context: Context,
}

/// The bookkeeping both languages' readers share: loops, branches, and
/// recording references and dynamic constructs at byte offsets.
pub(crate) trait Recording: Sized {
    fn recorder(&mut self) -> &mut Recorder;

    fn in_loop(&mut self, trips: Option<u64>, walk: impl FnOnce(&mut Self)) {
        let context = &mut self.recorder().context;
        let conditional = std::mem::replace(&mut context.conditional, false);
        context.loops.push(trips);
        walk(self);
        let context = &mut self.recorder().context;
        context.loops.pop();
        context.conditional = conditional;
    }

    fn conditionally(&mut self, walk: impl FnOnce(&mut Self)) {
        let outer = std::mem::replace(&mut self.recorder().context.conditional, true);
        walk(self);
        self.recorder().context.conditional = outer;
    }

    fn record(&mut self, reference: Reference, offset: u32) {
        let recorder = self.recorder();
        let at = recorder.lines.position(offset);
        let context = recorder.context.clone();
        recorder.scan.uses.push(Use {
            reference,
            at,
            context,
        });
    }

    fn dynamic(&mut self, what: String, object: Option<String>, offset: u32) {
        let recorder = self.recorder();
        let at = recorder.lines.position(offset);
        recorder.scan.dynamic.push(Dynamic { what, object, at });
    }
}

/// Everything read from one file.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub(crate) imports: Vec<ModuleImport>,
    pub(crate) uses: Vec<Use>,
    pub(crate) dynamic: Vec<Dynamic>,
    /// Every name the file declares anywhere (functions, classes,
    /// variables, parameters): a name not among them is a global.
    pub(crate) declared: std::collections::BTreeSet<String>,
    /// Per name, whether every value the file gives it is a literal
    /// (a list, dict, string, number, comprehension): such a name holds a
    /// built-in value, never a resource, so its members are not WIT
    /// methods (`seen.append` on a list).
    pub(crate) literal: std::collections::BTreeMap<String, bool>,
    /// Per name, the class its annotation or constructor call gives it
    /// (`request: IncomingRequest`, `out = Fields()`); `None` when the
    /// file gives it two different ones.
    pub(crate) classes: std::collections::BTreeMap<String, Option<String>>,
    /// The names a JavaScript module exports.
    pub(crate) exports: Vec<String>,
    /// Names a Python module defines at its top level and in its classes
    /// (functions, classes, assigned names), to match it to the names a
    /// component's heap records.
    pub(crate) definitions: Vec<String>,
}

/// Collections whose length the text fixes, by name: module-level (or
/// top-level) constants assigned once, resolved when a loop iterates
/// over them.
pub(crate) struct Constants<T> {
    assigned: std::collections::BTreeMap<String, Option<T>>,
}

impl<T> Default for Constants<T> {
    fn default() -> Self {
        Constants {
            assigned: Default::default(),
        }
    }
}

impl Scan {
    /// Records a value given to `name`.
    pub(crate) fn assigned(&mut self, name: &str, literal: bool) {
        let entry = self.literal.entry(name.to_string()).or_insert(literal);
        *entry &= literal;
    }

    /// Records the class a value given to `name` has.
    pub(crate) fn typed(&mut self, name: &str, class: &str) {
        self.classes
            .entry(name.to_string())
            .and_modify(|c| {
                if c.as_deref() != Some(class) {
                    *c = None
                }
            })
            .or_insert_with(|| Some(class.to_string()));
    }

    /// Whether `name` only ever holds literal values.
    pub(crate) fn holds_literal(&self, name: &str) -> bool {
        self.literal.get(name).copied().unwrap_or(false)
    }
}

impl<T: Clone> Constants<T> {
    /// Records an assignment; a name assigned twice has no known value.
    pub(crate) fn assign(&mut self, name: &str, value: T) {
        self.assigned
            .entry(name.to_string())
            .and_modify(|v| *v = None)
            .or_insert(Some(value));
    }

    pub(crate) fn get(&self, name: &str) -> Option<&T> {
        self.assigned.get(name).and_then(Option::as_ref)
    }
}

/// How deep a length is followed through names and expressions.
pub(crate) const LENGTH_DEPTH: u32 = 8;
/// Lengths from `range(N)` and the like are believed up to this.
pub(crate) const MAX_LENGTH: u64 = 1 << 32;
