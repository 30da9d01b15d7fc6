;; A component whose export uses none of what it imports: the clock and
;; random numbers are lowered into the module and never called.
(component
  (import "wasi:clocks/monotonic-clock@0.2.12" (instance $clock
    (export "now" (func (result u64)))))
  (import "wasi:random/random@0.2.12" (instance $random
    (export "get-random-u64" (func (result u64)))))
  (alias export $clock "now" (func $now))
  (alias export $random "get-random-u64" (func $get_random))
  (core func $now_lowered (canon lower (func $now)))
  (core func $random_lowered (canon lower (func $get_random)))
  (core module $app
    (import "host" "now" (func (result i64)))
    (import "host" "random" (func (result i64)))
    (func (export "run") (result i32) (i32.const 0)))
  (core instance $app (instantiate $app
    (with "host" (instance
      (export "now" (func $now_lowered))
      (export "random" (func $random_lowered))))))
  (func (export "run") (result u32) (canon lift (core func $app "run"))))
