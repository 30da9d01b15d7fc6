;; A QuickJS component (its runtime module named as componentize-qjs names
;; it) whose engine imports clocks and random numbers. Nothing compiled is
;; the program's: the world is the toolchain's, so overbroad-world is
;; about the runtime and folds.
(component
  (import "wasi:clocks/monotonic-clock@0.2.12" (instance $clock
    (export "now" (func (result u64)))))
  (import "wasi:random/random@0.2.12" (instance $random
    (export "get-random-u64" (func (result u64)))))
  (alias export $clock "now" (func $now))
  (alias export $random "get-random-u64" (func $get_random))
  (core func $now_lowered (canon lower (func $now)))
  (core func $random_lowered (canon lower (func $get_random)))
  (core module $componentize_qjs_runtime.wasm
    (import "host" "now" (func $now (result i64)))
    (import "host" "get-random-u64" (func $get_random (result i64)))
    (func (export "run") (result i32)
      (drop (call $now))
      (drop (call $get_random))
      (i32.const 0)))
  (core instance $qjs (instantiate $componentize_qjs_runtime.wasm
    (with "host" (instance
      (export "now" (func $now_lowered))
      (export "get-random-u64" (func $random_lowered))))))
  (func $run (result u32) (canon lift (core func $qjs "run")))
  (export "run" (func $run)))
