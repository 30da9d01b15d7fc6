;; A WASI 0.2 component whose only module is named like CPython's shared
;; library: the interpreter, not the app's own code, calls the clock.
(component
  (import "wasi:clocks/monotonic-clock@0.2.12" (instance $clock
    (export "now" (func (result u64)))))
  (alias export $clock "now" (func $now))
  (core func $now_lowered (canon lower (func $now)))
  (core module $libpython3.14.so
    (import "host" "now" (func $now (result i64)))
    (func (export "run") (result i32)
      (drop (call $now))
      (i32.const 0)))
  (core instance $python (instantiate $libpython3.14.so
    (with "host" (instance (export "now" (func $now_lowered))))))
  (func $run (result u32) (canon lift (core func $python "run")))
  (export "run" (func $run)))
