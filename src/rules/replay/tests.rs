//! Snapshots of the replay rule, and what a replay withholds from the others: each rule on the inputs
//! it fires on and those it stays silent on, from
//! `testdata/rules/replay/cases.txt`.

#[test]
fn snapshots() {
    for (name, text) in crate::rules::snapshot::family("replay") {
        insta::assert_snapshot!(name, text);
    }
}
