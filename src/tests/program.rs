//! Guest programs: the JavaScript an interpreter component carries, and
//! JavaScript or Python given with `--program`, mapped onto the imports;
//! a program that is not the component's is refused.

use super::wcaudit;
use crate::program::{Language, Usage};

const STARLINGMONKEY: &str = "testdata/wat/program-starlingmonkey.wat";
const QUICKJS: &str = "testdata/wat/program-quickjs-damaged.wat";
const PYTHON: &str = "testdata/wat/program-python.wat";

fn imports(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["imports"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = wcaudit(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// (interface, function) → (program, evidence) of `imports --format json`.
fn usage(view: &serde_json::Value) -> Vec<(String, String, String, Vec<String>)> {
    view["imports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["interface"].as_str().unwrap().to_string(),
                r["function"].as_str().unwrap_or("").to_string(),
                r["program"].as_str().unwrap_or("").to_string(),
                r["program_evidence"]
                    .as_array()
                    .map(|a| a.iter().map(|e| e.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn row<'a>(
    rows: &'a [(String, String, String, Vec<String>)],
    interface: &str,
) -> &'a (String, String, String, Vec<String>) {
    rows.iter()
        .find(|r| r.0 == interface)
        .unwrap_or_else(|| panic!("{interface} in {rows:#?}"))
}

#[test]
fn the_javascript_a_starlingmonkey_component_carries_is_read() {
    let view = imports(&[STARLINGMONKEY]);
    assert_eq!(view["program"]["language"], "javascript");
    assert_eq!(view["program"]["source"], "embedded");
    // Found at its address in the memory image, not jco's glue or the
    // engine's own module text beside it.
    assert_eq!(view["program"]["files"][0], "embedded:0x1004.js");
    let rows = usage(&view);
    let environment = row(&rows, "wasi:cli/environment@0.2.12");
    assert_eq!(environment.2, "used");
    assert_eq!(environment.3, ["embedded:0x1004.js:10:18"]);
    assert_eq!(
        row(&rows, "test:app/counter@0.1.0").3,
        ["embedded:0x1004.js:9:38"]
    );
    let sockets = row(&rows, "wasi:sockets/tcp-create-socket@0.2.12");
    assert_eq!((sockets.2.as_str(), sockets.3.len()), ("unused", 0));
}

#[test]
fn quickjs_s_lost_start_leaves_what_it_could_use_indeterminate() {
    let view = imports(&[QUICKJS]);
    assert!(
        view["program"]["notes"][0]
            .as_str()
            .unwrap()
            .contains("first 24 bytes"),
        "{view}"
    );
    let rows = usage(&view);
    // Lost bytes could call `Date.now()`; they cannot hold an import
    // naming a sockets interface, and nothing else spells one.
    let clock = row(&rows, "wasi:clocks/wall-clock@0.2.12");
    assert_eq!(clock.2, "indeterminate");
    assert!(clock.3[0].contains("lost"), "{clock:?}");
    assert_eq!(
        row(&rows, "wasi:sockets/tcp-create-socket@0.2.12").2,
        "unused"
    );
    assert_eq!(row(&rows, "wasi:cli/environment@0.2.12").2, "used");
}

#[test]
fn a_python_program_given_is_matched_to_the_heap_and_read() {
    let view = imports(&[PYTHON, "--program", "testdata/programs/python"]);
    assert_eq!(view["program"]["source"], "given");
    assert_eq!(
        view["program"]["files"][0],
        "testdata/programs/python/app.py"
    );
    let rows = usage(&view);
    assert_eq!(
        row(&rows, "test:app/counter@0.1.0").3,
        ["testdata/programs/python/app.py:10:20"]
    );
    assert_eq!(row(&rows, "wasi:cli/environment@0.2.12").2, "unused");
    // Without the source, a Python component's program is not read.
    let view = imports(&[PYTHON]);
    assert!(view.get("program").is_none());
    assert!(usage(&view).iter().all(|r| r.2.is_empty()));
}

#[test]
fn a_program_that_is_not_the_component_s_is_refused() {
    for (input, program, message) in [
        (
            PYTHON,
            "testdata/programs/python-other",
            "is among the modules the component's heap records",
        ),
        (
            STARLINGMONKEY,
            "testdata/programs/js/other.js",
            "does not match the JavaScript the component carries",
        ),
    ] {
        let run = wcaudit(&["check", input, "--no-config", "--program", program]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_contains(&run.stderr, message);
        assert_contains(&run.stderr, input);
    }
    // The program it carries is accepted, and then read from the file.
    let view = imports(&[STARLINGMONKEY, "--program", "testdata/programs/js"]);
    assert_eq!(view["program"]["source"], "given");
    assert_eq!(view["program"]["files"][0], "testdata/programs/js/app.js");
}

#[test]
fn a_missing_program_path_is_an_error() {
    let run = wcaudit(&[
        "check",
        PYTHON,
        "--no-config",
        "--program",
        "testdata/programs/none",
    ]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "--program: testdata/programs/none");
}

fn model(path: &str) -> crate::model::BinaryModel {
    let limits = crate::load::Limits::default();
    let loaded = crate::load::load(std::path::Path::new(path), &limits).unwrap();
    match crate::model::build(&loaded, &limits).unwrap() {
        crate::model::Model::Binary(binary) => *binary,
        crate::model::Model::Wit(_) => unreachable!(),
    }
}

fn state(program: &crate::program::Program, interface: &str, function: &str) -> String {
    match program.usage(interface, function) {
        Some(Usage::Used(at)) => format!("used {}", at[0].line),
        Some(Usage::Unused) => "unused".into(),
        Some(Usage::Indeterminate { reason, at }) => {
            format!(
                "indeterminate {reason} {}",
                at.as_ref().map_or(0, |a| a.line)
            )
        }
        None => "absent".into(),
    }
}

const COUNTER: (&str, &str) = ("test:app/counter@0.1.0", "get-count");
const ENVIRONMENT: (&str, &str) = ("wasi:cli/environment@0.2.12", "get-environment");
const SOCKETS: (&str, &str) = ("wasi:sockets/tcp-create-socket@0.2.12", "create-tcp-socket");

#[test]
fn what_the_text_cannot_show_is_indeterminate_never_unused() {
    let model = model(STARLINGMONKEY);
    let js = |text: &str| crate::program::analyse_text(&model, Language::JavaScript, text);
    // A computed member of a binding module: that interface only.
    let program = js(
        "import * as counter from 'test:app/counter@0.1.0';\nconst k = 'getCount';\ncounter[k](1);\n",
    );
    assert_eq!(
        state(&program, COUNTER.0, COUNTER.1),
        "indeterminate a member of `counter` by a computed name 3"
    );
    assert_eq!(state(&program, SOCKETS.0, SOCKETS.1), "unused");
    // eval: everything.
    let program = js("export function run() { return eval('1'); }\n");
    assert!(state(&program, SOCKETS.0, SOCKETS.1).starts_with("indeterminate `eval`"));
    assert!(state(&program, COUNTER.0, COUNTER.1).starts_with("indeterminate `eval`"));
    // A global the engine table does not know: what the engine can reach
    // (WASI), not the world's own interfaces.
    let program = js("export function run() { return mystery(); }\n");
    assert!(state(&program, ENVIRONMENT.0, ENVIRONMENT.1).contains("`mystery`"));
    assert_eq!(state(&program, COUNTER.0, COUNTER.1), "unused");
    // A namespace that escapes takes its whole interface.
    let program = js(
        "import * as counter from 'test:app/counter@0.1.0';\nexport const run = () => use(counter);\nfunction use(x) {}\n",
    );
    assert_eq!(state(&program, COUNTER.0, COUNTER.1), "used 2");
    // Python: getattr with a computed name on a binding module, and a
    // standard-library module outside the table.
    let program = crate::program::analyse_text(
        &model,
        Language::Python,
        "from wit_world.imports import counter\nimport mystery\nname = 'get_count'\ngetattr(counter, name)(1)\n",
    );
    assert_eq!(
        state(&program, COUNTER.0, COUNTER.1),
        "indeterminate getattr() on `counter` with a computed name 4"
    );
    assert!(state(&program, SOCKETS.0, SOCKETS.1).contains("`mystery`"));
    // The engine's own APIs: os.environ is the environment.
    let program = crate::program::analyse_text(
        &model,
        Language::Python,
        "import os\n\ndef run():\n    return os.environ.get('HOME')\n",
    );
    assert_eq!(state(&program, ENVIRONMENT.0, ENVIRONMENT.1), "used 4");
    assert_eq!(state(&program, SOCKETS.0, SOCKETS.1), "unused");
}

#[test]
fn resources_are_followed_from_what_returns_them() {
    let model = model(PYTHON);
    let py = |text: &str| crate::program::analyse_text(&model, Language::Python, text);
    const GET: (&str, &str) = ("test:app/store@0.1.0", "[method]bucket.get");
    const CLEAR: (&str, &str) = ("test:app/store@0.1.0", "[method]bucket.clear");
    // `open` returns a bucket: its `get` is a use, `clear` is not.
    let program = py(
        "from wit_world.imports import store\n\ndef f():\n    b = store.open()\n    return b.get(1)\n",
    );
    assert_eq!(state(&program, "test:app/store@0.1.0", "open"), "used 4");
    assert_eq!(state(&program, GET.0, GET.1), "used 5");
    assert_eq!(state(&program, CLEAR.0, CLEAR.1), "unused");
    // Nothing hands the program a bucket: a `get` is some other object's.
    let program = py("def f(d):\n    return d.get(1)\n");
    assert_eq!(state(&program, GET.0, GET.1), "unused");
    // A list's `get`-like method is never a resource's.
    let program =
        py("from wit_world.imports import store\nstore.open()\nseen = []\nseen.clear()\n");
    assert_eq!(state(&program, CLEAR.0, CLEAR.1), "unused");
}

fn assert_contains(haystack: &str, needle: &str) {
    assert!(haystack.contains(needle), "{needle:?} not in:\n{haystack}");
}

#[test]
fn hostile_program_texts_are_bounded_not_crashed_on() {
    use crate::program::scan_file;
    // Deep nesting of every kind parses on the program stack.
    for text in [
        format!("x = {}1;", "!".repeat(50_000)),
        format!("x = {}1;", "a?1:".repeat(30_000)),
        format!("x = 1{};", "+1".repeat(50_000)),
        format!("x = {}1;", "a=>".repeat(30_000)),
    ] {
        assert!(scan_file(Language::JavaScript, &text).is_ok());
    }
    for text in [
        format!("x = {}1\n", "-".repeat(50_000)),
        format!("x = 1{}\n", "+1".repeat(50_000)),
        format!("x = {}1\n", "not ".repeat(30_000)),
    ] {
        assert!(scan_file(Language::Python, &text).is_ok());
    }
    // Brackets deeper than the bound, and texts over the size bound, are
    // refused with why.
    let deep = format!("x = {}1{};", "(".repeat(20_000), ")".repeat(20_000));
    assert_eq!(
        scan_file(Language::JavaScript, &deep).unwrap_err(),
        "brackets nested over 10000 deep"
    );
    let big = "x = 1;\n".repeat(200_000);
    assert!(
        scan_file(Language::JavaScript, &big)
            .unwrap_err()
            .contains("over the 1024 KiB")
    );
}

/// One counted loop: (caller, through, count, line).
type LoopRow<'p> = (Option<&'p str>, Option<&'p str>, Option<u64>, u32);

/// A program's counted loops.
fn loop_rows(program: &crate::program::Program) -> Vec<LoopRow<'_>> {
    program
        .loops
        .iter()
        .map(|l| {
            (
                l.caller.as_deref(),
                l.through.as_deref(),
                l.count,
                l.at.line,
            )
        })
        .collect()
}

#[test]
fn a_loop_calling_the_program_s_own_function_counts_its_calls() {
    let model = model(STARLINGMONKEY);
    let program = crate::program::analyse_text(
        &model,
        Language::JavaScript,
        "import { getCount } from 'test:app/counter@0.1.0';\n\
         const count = (n) => getCount(n);\n\
         export function run() {\n  for (const n of [1, 2, 3]) count(n);\n}\n",
    );
    let through = loop_rows(&program);
    assert_eq!(through, [(Some("run"), Some("count"), Some(3), 4)]);
}

#[test]
fn a_loop_calling_a_method_of_its_own_object_counts_its_calls() {
    let model = model(PYTHON);
    let program = crate::program::analyse_text(
        &model,
        Language::Python,
        "from wit_world.imports import counter\n\nclass P:\n    def one(self, n):\n        return counter.get_count(n)\n\n    def process(self):\n        return [self.one(n) for n in range(4)]\n",
    );
    let through = loop_rows(&program);
    assert_eq!(through, [(Some("process"), Some("one"), Some(4), 8)]);
}

#[test]
fn a_loop_counts_calls_made_several_functions_down_and_stops_at_recursion() {
    let model = model(STARLINGMONKEY);
    let program = crate::program::analyse_text(
        &model,
        Language::JavaScript,
        "import { getCount } from 'test:app/counter@0.1.0';\n\
         function inner(n) { return getCount(n); }\n\
         function middle(n) { return inner(n) + inner(n + 1); }\n\
         function ping(n) { return n > 0 ? pong(n - 1) : getCount(n); }\n\
         function pong(n) { return ping(n); }\n\
         function walk(n) { getCount(n); if (n > 0) walk(n - 1); }\n\
         export function run() {\n  for (const n of [1, 2, 3]) middle(n);\n  \
         for (let i = 0; i < 5; i++) ping(i);\n  for (const n of [4, 5]) walk(n);\n}\n",
    );
    let mut through = loop_rows(&program);
    through.sort();
    assert_eq!(
        through,
        [
            // middle calls inner twice, so getCount twice per iteration.
            (Some("run"), Some("middle → inner"), Some(6), 8),
            // ping and pong call each other: followed once round, not
            // for ever, and not counted: the recursion decides how often.
            (Some("run"), Some("ping"), None, 9),
            // walk calls itself.
            (Some("run"), Some("walk"), None, 10),
        ]
    );
}

#[test]
fn a_program_given_for_a_compiled_component_is_a_note() {
    let run = wcaudit(&[
        "check",
        "testdata/examples/hello-sockets.wat",
        "--no-config",
        "--format",
        "json",
        "--program",
        "testdata/programs/python",
    ]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let summary = &report["inputs"][0]["summary"];
    assert!(summary.get("program").is_none());
    assert_contains(
        &summary["notes"].to_string(),
        "--program is for components an interpreter runs",
    );
}

const PYTHON_HEAP: &str = "testdata/wat/program-python-heap.wat";

/// The program read from `program-python-heap.wat`'s heap with the words
/// `writes` (address, value) written over it: a later data segment
/// overwrites an earlier one, as at instantiation.
fn heap_program(writes: &[(u32, u32)]) -> Option<crate::program::Program> {
    let text = std::fs::read_to_string(PYTHON_HEAP).unwrap();
    let extra: String = writes
        .iter()
        .map(|(at, word)| {
            let bytes: String = word
                .to_le_bytes()
                .iter()
                .map(|b| format!("\\{b:02x}"))
                .collect();
            format!("    (data (i32.const {at:#x}) \"{bytes}\")\n")
        })
        .collect();
    let marker = "    (func (export \"process\")";
    let text = text.replacen(marker, &format!("{extra}{marker}"), 1);
    let limits = crate::load::Limits::default();
    let path = std::path::Path::new("heap.wat");
    let loaded = crate::load::identify("heap.wat".into(), path, text.into_bytes().into()).unwrap();
    let crate::model::Model::Binary(model) = crate::model::build(&loaded, &limits).unwrap() else {
        unreachable!()
    };
    crate::program::analyse(&loaded.bytes, &model, Language::Python, None).unwrap()
}

const STORE_OPEN: (&str, &str) = ("test:app/store@0.1.0", "open");
const BUCKET_GET: (&str, &str) = ("test:app/store@0.1.0", "[method]bucket.get");
const BUCKET_CLEAR: (&str, &str) = ("test:app/store@0.1.0", "[method]bucket.clear");

#[test]
fn a_python_program_is_read_from_cpython_s_heap_without_its_source() {
    let view = imports(&[PYTHON_HEAP]);
    assert_eq!(view["program"]["source"], "heap");
    assert_eq!(view["program"]["files"][0], "/0/app.py");
    let rows = usage(&view);
    let counter = row(&rows, "test:app/counter@0.1.0");
    assert_eq!(counter.2, "used");
    assert_eq!(counter.3, ["/0/app.py: co_names of Processor.process"]);
    // Named only by the generated binding module's code, not the program's.
    assert_eq!(row(&rows, "wasi:cli/environment@0.2.12").2, "unused");
    assert_eq!(
        row(&rows, "wasi:sockets/tcp-create-socket@0.2.12").2,
        "unused"
    );

    let program = heap_program(&[]).expect("the heap is read");
    let usage = |(i, f): (&str, &str)| program.usage(i, f).unwrap().as_str();
    assert_eq!(usage(STORE_OPEN), "used");
    // `open` hands the program a bucket, and `get` is named.
    assert_eq!(usage(BUCKET_GET), "used");
    assert_eq!(usage(BUCKET_CLEAR), "unused");
    assert_eq!(usage(ENVIRONMENT), "unused");

    // Given the source, the source is read instead (and counts loops).
    let view = imports(&[PYTHON_HEAP, "--program", "testdata/programs/python"]);
    assert_eq!(view["program"]["source"], "given");

    // check: unused-by-program fires, runtime-opaque does not.
    let run = wcaudit(&["check", PYTHON_HEAP, "--no-config", "--show", "runtime"]);
    assert_contains(&run.stdout, "python program (heap, /0/app.py)");
    assert_contains(&run.stdout, "unused-by-program");
    assert!(!run.stdout.contains("runtime-opaque"), "{}", run.stdout);
}

#[test]
fn dynamic_names_and_foreign_globals_in_the_heap_are_indeterminate_never_unused() {
    // `getattr` in co_names (in place of NAMES): anything, and the
    // binding modules the code names may be looked into whole.
    let program = heap_program(&[(0x2024, 0x14c0)]).unwrap();
    assert_eq!(
        program
            .usage(BUCKET_CLEAR.0, BUCKET_CLEAR.1)
            .unwrap()
            .as_str(),
        "used"
    );
    for item in [ENVIRONMENT, SOCKETS] {
        assert!(
            state(&program, item.0, item.1).starts_with("indeterminate `getattr`"),
            "{item:?}: {}",
            state(&program, item.0, item.1)
        );
    }
    // NAMES holding a built-in function: what the engine can reach is
    // indeterminate, and the binding modules the code names may be handed
    // to it whole.
    let program = heap_program(&[(0x3500, 1), (0x3504, 0xc00), (0x3440, 0x3500)]).unwrap();
    assert!(state(&program, ENVIRONMENT.0, ENVIRONMENT.1).starts_with("indeterminate"));
    assert!(state(&program, SOCKETS.0, SOCKETS.1).starts_with("indeterminate"));
    assert_eq!(
        program
            .usage(BUCKET_CLEAR.0, BUCKET_CLEAR.1)
            .unwrap()
            .as_str(),
        "used"
    );
    assert!(
        program
            .notes
            .iter()
            .any(|n| n.contains("`NAMES`") && n.contains("builtin_function_or_method")),
        "{:?}",
        program.notes
    );
}

#[test]
fn a_heap_whose_layout_does_not_hold_is_not_read() {
    for (what, writes) in [
        ("co_names a pointer off", vec![(0x3010, 0x2004)]),
        ("co_names a list, not a tuple", vec![(0x2004, 0xa00)]),
        ("the code object typed as a function", vec![(0x3004, 0x900)]),
        (
            "the module's dict without `__file__`",
            vec![(0x3424, 0x1280)],
        ),
        (
            "the module path's str typed as a tuple",
            vec![(0x1004, 0x600)],
        ),
        ("a code object's co_name not a str", vec![(0x3054, 0x2000)]),
        // `cpython-315`: another CPython, another layout.
        (
            "another CPython's cache tag",
            vec![(0x1614 + 8, 0x0035_3133)],
        ),
    ] {
        assert!(heap_program(&writes).is_none(), "{what}");
    }
    // The same component without damage is read (the addresses above are
    // the objects').
    assert!(heap_program(&[(0x3010, 0x2000)]).is_some());
}

#[test]
fn a_binding_function_held_under_another_name_is_used_by_its_own_name() {
    // co_names without `get_count` (`a` in its place) …
    let renamed = (0x2014, 0x1500);
    let program = heap_program(&[renamed]).unwrap();
    assert_eq!(state(&program, COUNTER.0, COUNTER.1), "unused");
    // … and NAMES holding the binding's `get_count` function
    // (`from wit_world.imports.counter import get_count as NAMES`).
    let function = [(0x3500, 1), (0x3504, 0x900), (0x3518, 0x3100)];
    let mut writes = vec![renamed, (0x3440, 0x3500)];
    writes.extend(function);
    let program = heap_program(&writes).unwrap();
    assert_eq!(state(&program, COUNTER.0, COUNTER.1), "used 0");
    assert_eq!(state(&program, BUCKET_CLEAR.0, BUCKET_CLEAR.1), "unused");
}

#[test]
fn a_module_imported_at_run_time_is_judged_by_the_engine_api_table() {
    // co_names `os` and `environ` in place of `NAMES` and `get`: without
    // an import, `os` is only an attribute's name …
    let names = [(0x2024, 0x1580), (0x2020, 0x15c0)];
    let program = heap_program(&names).unwrap();
    assert_eq!(state(&program, ENVIRONMENT.0, ENVIRONMENT.1), "unused");
    // … with an IMPORT_NAME unit naming it (`import os` in the function),
    // `os.environ` is the environment.
    let mut writes = names.to_vec();
    writes.push((0x3080, 0x0095_0549));
    let program = heap_program(&writes).unwrap();
    assert_eq!(state(&program, ENVIRONMENT.0, ENVIRONMENT.1), "used 0");
    assert_eq!(state(&program, SOCKETS.0, SOCKETS.1), "unused");
}

#[test]
fn damaged_heaps_never_crash_the_reader() {
    // Words written at random over the objects, many pointing near the
    // image's edges: reading may fall back, never panic.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut read = 0;
    for _ in 0..150 {
        let writes: Vec<(u32, u32)> = (0..4)
            .map(|_| {
                let at = (0x400 + (next() % 0x3200) as u32) & !3;
                let value = match next() % 4 {
                    0 => next() as u32,
                    1 => 0x3400 + (next() % 0x200) as u32,
                    2 => (next() % 0x3600) as u32 & !3,
                    _ => u32::MAX - (next() % 64) as u32,
                };
                (at, value)
            })
            .collect();
        read += usize::from(heap_program(&writes).is_some());
    }
    // Most damage misses what the reader looks at.
    assert!(read > 0);
}

#[test]
fn a_module_the_heap_does_not_hold_imported_at_run_time_is_indeterminate() {
    // `import a` in the function (co_names `a` in place of NAMES, and an
    // IMPORT_NAME unit naming it): a module not loaded at build time may
    // be the program's own, and call any binding.
    let program = heap_program(&[(0x2024, 0x1500), (0x3080, 0x0095_0549)]).unwrap();
    let clear = state(&program, BUCKET_CLEAR.0, BUCKET_CLEAR.1);
    assert!(clear.contains("imports `a` at run time"), "{clear}");
    assert_eq!(state(&program, COUNTER.0, COUNTER.1), "used 0");
}

#[test]
fn sets_held_by_globals_are_opened() {
    // NAMES holding {"a"}: plain data, as the list was.
    let set = [
        (0x3500, 1),
        (0x3504, 0xd00),
        (0x3508, 1),
        (0x350c, 1),
        (0x3510, 7),
        (0x3514, 0x3520),
        (0x3520, 0x1500),
        (0x355c, 0),
    ];
    let mut writes = set.to_vec();
    writes.push((0x3440, 0x3500));
    let program = heap_program(&writes).unwrap();
    assert_eq!(state(&program, ENVIRONMENT.0, ENVIRONMENT.1), "unused");
    // … and holding a built-in function: not followed.
    writes.extend([(0x3600, 1), (0x3604, 0xc00), (0x3520, 0x3600)]);
    let program = heap_program(&writes).unwrap();
    assert!(state(&program, ENVIRONMENT.0, ENVIRONMENT.1).starts_with("indeterminate"));
}
