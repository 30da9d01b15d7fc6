#![no_main]

// Generated components under the counting host with a 500 ms deadline,
// a million units of fuel and 16 MiB of memory.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = wcaudit::fuzzing::replay_generated(data);
});
