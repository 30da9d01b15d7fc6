(module
  (import "test:flood/sink" "take" (func $take (param i32 i32)))
  ;; 4 MiB of all-ones, and 8 bytes past it for a result's (pointer, length).
  (memory (export "memory") 65)
  (func (export "run")
    (memory.fill (i32.const 0) (i32.const 0xff) (i32.const 4194304))
    ;; 1,048,576 four-byte values.
    (call $take (i32.const 0) (i32.const 1048576)))
  (func (export "dump") (result i32)
    (i32.store (i32.const 4194304) (i32.const 0))
    (i32.store (i32.const 4194308) (i32.const 16384))
    (i32.const 4194304)))
