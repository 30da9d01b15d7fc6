#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = wcaudit::fuzzing::config_text(data);
});
