//! Snapshots of the policy rules: each rule on the inputs
//! it fires on and those it stays silent on, from
//! `testdata/rules/policy/cases.txt`.

#[test]
fn snapshots() {
    for (name, text) in crate::rules::snapshot::family("policy") {
        insta::assert_snapshot!(name, text);
    }
}
