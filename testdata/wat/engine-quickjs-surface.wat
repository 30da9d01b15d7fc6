;; A QuickJS component (its runtime module named as componentize-qjs names
;; it) exporting wasi:cli/run, whose engine imports clocks and random
;; numbers and calls the world's own `example:app/store` for the script.
;; Nothing compiled is the program's: the world's WASI part is the
;; toolchain's, so overbroad-world and the p3 summary are about the runtime
;; and fold, while the store the author put in the world stays the
;; program's.
(component
  (import "wasi:clocks/monotonic-clock@0.2.12" (instance $clock
    (export "now" (func (result u64)))))
  (import "wasi:random/random@0.2.12" (instance $random
    (export "get-random-u64" (func (result u64)))))
  (import "example:app/store" (instance $store
    (export "count" (func (result u32)))))
  (alias export $clock "now" (func $now))
  (alias export $random "get-random-u64" (func $get_random))
  (alias export $store "count" (func $count))
  (core func $now_lowered (canon lower (func $now)))
  (core func $random_lowered (canon lower (func $get_random)))
  (core func $count_lowered (canon lower (func $count)))
  (core module $componentize_qjs_runtime.wasm
    (import "host" "now" (func $now (result i64)))
    (import "host" "get-random-u64" (func $get_random (result i64)))
    (import "host" "count" (func $count (result i32)))
    (func (export "run") (result i32)
      (drop (call $now))
      (drop (call $get_random))
      (drop (call $count))
      (i32.const 0)))
  (core instance $qjs (instantiate $componentize_qjs_runtime.wasm
    (with "host" (instance
      (export "now" (func $now_lowered))
      (export "get-random-u64" (func $random_lowered))
      (export "count" (func $count_lowered))))))
  (func $run (result (result)) (canon lift (core func $qjs "run")))
  (instance $run_instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.12" (instance $run_instance)))
