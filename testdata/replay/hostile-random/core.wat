;; Asks the host for 48 MiB of random bytes in one call: the host makes
;; them in its own memory before the guest sees any.
(module
  (import "wasi:random/random@0.2.12" "get-random-bytes" (func $bytes (param i64 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow
        (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
                            (i32.const 16))
                 (i32.const 1))))))
    (local.get $ptr))
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (call $bytes (i64.const 50331648) (i32.const 16))
    (i32.const 0)))
