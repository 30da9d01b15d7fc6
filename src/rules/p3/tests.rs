//! Snapshots of the WASI 0.3 migration rules: each rule on the inputs
//! it fires on and those it stays silent on, from
//! `testdata/rules/p3/cases.txt`.

#[test]
fn snapshots() {
    for (name, text) in crate::rules::snapshot::family("p3") {
        insta::assert_snapshot!(name, text);
    }
}
