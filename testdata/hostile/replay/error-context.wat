;; Makes error-contexts of 64 KiB messages in a loop and drops none: each
;; message is copied into the host and kept there.
(component
  (core module $mem (memory (export "memory") 2))
  (core instance $mem (instantiate $mem))
  (alias core export $mem "memory" (core memory $memory))
  (core func $new (canon error-context.new (memory $memory) string-encoding=utf8))
  (core module $main
    (import "host" "new" (func $new (param i32 i32) (result i32)))
    (func (export "run") (result i32)
      (local $i i32)
      (loop $again
        (drop (call $new (i32.const 0) (i32.const 65536)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 10000000))))
      (i32.const 0)))
  (core instance $main (instantiate $main
    (with "host" (instance (export "new" (func $new))))))
  (func $run (result (result)) (canon lift (core func $main "run")))
  (instance $run (export "run" (func $run)))
  (export "wasi:cli/run@0.2.12" (instance $run)))
