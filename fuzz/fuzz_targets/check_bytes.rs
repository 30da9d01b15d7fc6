#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = wcaudit::fuzzing::check_bytes(data);
});
