;; Asks a stubbed factory for ten million handles and drops none.
(module
  (import "test:hostile-handles/factory" "make" (func $make (result i32)))
  (memory (export "memory") 1)
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local $i i32)
    (loop $again
      (drop (call $make))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10000000))))
    (i32.const 0)))
