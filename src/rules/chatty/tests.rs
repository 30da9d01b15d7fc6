//! Each chatty rule on the inputs it fires on and those it stays silent
//! on, one snapshot per rule.

use super::suggest_batch;
use crate::rules::snapshot::{rule, specs};

#[test]
fn chatty_interface() {
    insta::assert_snapshot!(rule(
        "chatty-interface",
        &specs(&["testdata/wit/chatty", "fixture:chatty-headers"]),
        &specs(&[
            "fixture:coarse-headers",
            "fixture:used-only",
            "testdata/wit/clean",
            "testdata/wit/poll-world",
        ]),
    ));
}

#[test]
fn import_call_in_loop() {
    insta::assert_snapshot!(rule(
        "import-call-in-loop",
        // Counted per call with the batched signature suggested; through
        // the preview1 adapter; in an interpreter's bytecode; between two
        // composed components.
        &specs(&[
            "fixture:chatty-headers",
            "fixture:adapter",
            "testdata/wat/runtime-python.wat",
            "testdata/wat/composed-chatty.wat",
        ]),
        &specs(&[
            "fixture:coarse-headers",
            "fixture:used-only",
            "fixture:unused-sockets",
            "testdata/wat/nested-composition.wat",
        ]),
    ));
}

#[test]
fn serial_async_awaits() {
    insta::assert_snapshot!(rule(
        "serial-async-awaits",
        // Started and awaited one at a time; lowered synchronously, so
        // every call blocks.
        &specs(&[
            "testdata/wat/p3-serial-awaits.wat",
            "testdata/rules/chatty/blocking-awaits.wat",
        ]),
        &specs(&[
            "testdata/wat/p3-concurrent-awaits.wat",
            "testdata/wat/p3-async.wat",
            "fixture:chatty-headers",
        ]),
    ));
}

#[test]
fn batches_fine_grained_signatures() {
    assert_eq!(
        suggest_batch("get-header: func(name: string) -> option<string>").as_deref(),
        Some("get-headers: func(names: list<string>) -> list<option<string>>")
    );
    assert_eq!(
        suggest_batch("set-header: func(name: string, value: string)").as_deref(),
        Some("set-headers: func(items: list<tuple<string, string>>)")
    );
    assert_eq!(
        suggest_batch("get: func(self: borrow<bucket>, key: string) -> option<list<u8>>")
            .as_deref(),
        Some("gets: func(self: borrow<bucket>, keys: list<string>) -> list<option<list<u8>>>")
    );
    assert_eq!(
        suggest_batch("get-entry: async func(key: map<string, u32>) -> u32").as_deref(),
        Some("get-entries: async func(keys: list<map<string, u32>>) -> list<u32>")
    );
    assert_eq!(suggest_batch("now: func() -> instant"), None);
    assert_eq!(
        suggest_batch("write: func(self: borrow<output-stream>, contents: list<u8>) -> result")
            .as_deref(),
        Some(
            "writes: func(self: borrow<output-stream>, contents-list: list<list<u8>>) -> list<result>"
        )
    );
}
