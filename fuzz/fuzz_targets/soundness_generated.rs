#![no_main]

// Components whose core code reaches imports by varied control flow, run
// under the counting host: no import replay saw called may be claimed
// unreachable.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = wcaudit::fuzzing::soundness_generated(data);
});
