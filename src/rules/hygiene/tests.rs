//! Snapshots of the hygiene rules: each rule on the inputs
//! it fires on and those it stays silent on, from
//! `testdata/rules/hygiene/cases.txt`.

#[test]
fn snapshots() {
    for (name, text) in crate::rules::snapshot::family("hygiene") {
        insta::assert_snapshot!(name, text);
    }
}
