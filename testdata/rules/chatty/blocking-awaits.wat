;; testdata/wat/p3-serial-awaits.wat with the async import lowered
;; synchronously: every `fetch` in the loop blocks until it finishes.
(component
  (import "test:p3/net@0.1.0" (instance $net
    (export "fetch" (func async (param "id" u32) (result u32)))))
  (alias export $net "fetch" (func $fetch))
  (core module $mem (memory (export "memory") 1))
  (core instance $mem (instantiate $mem))
  (core func $fetch_async (canon lower (func $fetch)))
  (core func $set_new (canon waitable-set.new))
  (core func $set_wait (canon waitable-set.wait (memory (core memory $mem "memory"))))
  (core func $join (canon waitable.join))
  (core module $m
    (import "host" "fetch" (func $fetch (param i32) (result i32)))
    (import "host" "waitable-set.new" (func $set_new (result i32)))
    (import "host" "waitable-set.wait" (func $set_wait (param i32 i32) (result i32)))
    (import "host" "waitable.join" (func $join (param i32 i32)))
    (func (export "run") (result i32)
      (local $i i32) (local $set i32) (local $status i32)
      (local.set $set (call $set_new))
      (loop $each
        (local.set $status (call $fetch (local.get $i)))
        (call $join (i32.shr_u (local.get $status) (i32.const 4)) (local.get $set))
        (drop (call $set_wait (local.get $set) (i32.const 128)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $each (i32.lt_u (local.get $i) (i32.const 4))))
      (i32.const 0))
    (func (export "callback") (param i32 i32 i32) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m
    (with "host" (instance
      (export "fetch" (func $fetch_async))
      (export "waitable-set.new" (func $set_new))
      (export "waitable-set.wait" (func $set_wait))
      (export "waitable.join" (func $join))))))
  (func $run async (canon lift (core func $i "run") async (callback (core func $i "callback"))))
  (export "run" (func $run)))
