//! Snapshots of the capability rules: each rule on the inputs
//! it fires on and those it stays silent on, from
//! `testdata/rules/capability/cases.txt`.

#[test]
fn snapshots() {
    for (name, text) in crate::rules::snapshot::family("capability") {
        insta::assert_snapshot!(name, text);
    }
}
