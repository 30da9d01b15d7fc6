;; testdata/wat/p3-wasi.wat that also imports a WASI 0.2 interface
;; (wasi:cli/environment@0.2.12): a component mixing 0.2 and 0.3.
(component
  (import "wasi:clocks/monotonic-clock@0.3.0" (instance $clock
    (export "wait-for" (func async (param "how-long" u64)))))
  (import "wasi:cli/environment@0.2.12" (instance
    (export "get-arguments" (func (result (list string))))))
  (alias export $clock "wait-for" (func $wait_for))
  (core module $mem (memory (export "memory") 1))
  (core instance $mem (instantiate $mem))
  (core func $wait_for_async (canon lower (func $wait_for) async (memory (core memory $mem "memory"))))
  (core module $m
    (import "host" "wait-for" (func $wait_for (param i64) (result i32)))
    (func (export "run") (result i32)
      (drop (call $wait_for (i64.const 1000000)))
      (i32.const 0))
    (func (export "callback") (param i32 i32 i32) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m
    (with "host" (instance (export "wait-for" (func $wait_for_async))))))
  (func $run async (canon lift (core func $i "run") async (callback (core func $i "callback"))))
  (export "run" (func $run)))
