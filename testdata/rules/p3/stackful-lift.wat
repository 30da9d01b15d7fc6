;; testdata/wat/p3-async.wat with its export lifted async without a
;; callback: a stackful async lift (cm_async_stackful).
(component
  (import "test:p3/clock@0.1.0" (instance $clock
    (export "wait" (func async (param "ns" u64)))))
  (alias export $clock "wait" (func $wait))
  (core module $mem (memory (export "memory") 1))
  (core instance $mem (instantiate $mem))
  (core func $wait_lowered (canon lower (func $wait) async (memory (core memory $mem "memory"))))
  (core module $m
    (import "host" "wait" (func $wait (param i64) (result i32)))
    (func (export "run")
      (drop (call $wait (i64.const 1000))))
    (func (export "callback") (param i32 i32 i32) (result i32)
      (i32.const 0)))
  (core instance $i (instantiate $m
    (with "host" (instance (export "wait" (func $wait_lowered))))))
  (func $run async (canon lift (core func $i "run") async))
  (export "run" (func $run)))
