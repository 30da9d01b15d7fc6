#![no_main]

// The bytes drive wasm-smith and a WIT world generator; the target
// panics when a valid binary is refused.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = wcaudit::fuzzing::check_generated(data);
});
