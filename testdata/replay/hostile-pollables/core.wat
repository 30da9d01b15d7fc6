;; Subscribes to a timer ten million times and drops no pollable: every
;; one is a host object outside the guest's memory.
(module
  (import "wasi:clocks/monotonic-clock@0.2.12" "subscribe-duration" (func $subscribe (param i64) (result i32)))
  (memory (export "memory") 1)
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local $i i32)
    (loop $again
      (drop (call $subscribe (i64.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10000000))))
    (i32.const 0)))
