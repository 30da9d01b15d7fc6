//! Snapshots of the chatty rules: each rule on the inputs
//! it fires on and those it stays silent on, from
//! `testdata/rules/chatty/cases.txt`.

use super::suggest_batch;

#[test]
fn snapshots() {
    for (name, text) in crate::rules::snapshot::family("chatty") {
        insta::assert_snapshot!(name, text);
    }
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
        Some("get-many: func(self: borrow<bucket>, keys: list<string>) -> list<option<list<u8>>>")
    );
    assert_eq!(
        suggest_batch("get-entry: async func(key: map<string, u32>) -> u32").as_deref(),
        Some("get-entries: async func(keys: list<map<string, u32>>) -> list<u32>")
    );
    assert_eq!(suggest_batch("now: func() -> instant"), None);
    assert_eq!(
        suggest_batch("has: func(self: borrow<fields>, name: string) -> bool").as_deref(),
        Some("has-many: func(self: borrow<fields>, names: list<string>) -> list<bool>")
    );
    assert_eq!(
        suggest_batch("write: func(self: borrow<output-stream>, contents: list<u8>) -> result")
            .as_deref(),
        Some(
            "write-many: func(self: borrow<output-stream>, contents-list: list<list<u8>>) -> list<result>"
        )
    );
}
