;; The concurrent twin of p3-stackful-serial: one loop starts all four
;; fetches, joining each to one set; a second loop waits for them.
(component
  (import "test:p3/net@0.1.0" (instance $net
    (export "fetch" (func async (param "id" u32) (result u32)))))
  (alias export $net "fetch" (func $fetch))
  (core module $mem (memory (export "memory") 1))
  (core instance $mem (instantiate $mem))
  (core func $fetch_async (canon lower (func $fetch) async (memory (core memory $mem "memory"))))
  (core func $set_new (canon waitable-set.new))
  (core func $set_wait (canon waitable-set.wait (memory (core memory $mem "memory"))))
  (core func $join (canon waitable.join))
  (core func $task_return (canon task.return))
  (core module $m
    (import "host" "fetch" (func $fetch (param i32 i32) (result i32)))
    (import "host" "waitable-set.new" (func $set_new (result i32)))
    (import "host" "waitable-set.wait" (func $set_wait (param i32 i32) (result i32)))
    (import "host" "waitable.join" (func $join (param i32 i32)))
    (import "host" "task.return" (func $task_return))
    (func (export "run")
      (local $i i32) (local $set i32) (local $subtask i32) (local $pending i32)
      (local.set $set (call $set_new))
      (loop $start
        (local.set $subtask
          (i32.shr_u (call $fetch (local.get $i) (i32.const 64)) (i32.const 4)))
        (if (local.get $subtask)
          (then
            (call $join (local.get $subtask) (local.get $set))
            (local.set $pending (i32.add (local.get $pending) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $start (i32.lt_u (local.get $i) (i32.const 4))))
      (block $done
        (loop $finish
          (br_if $done (i32.eqz (local.get $pending)))
          (drop (call $set_wait (local.get $set) (i32.const 128)))
          (local.set $pending (i32.sub (local.get $pending) (i32.const 1)))
          (br $finish)))
      (call $task_return)))
  (core instance $i (instantiate $m
    (with "host" (instance
      (export "fetch" (func $fetch_async))
      (export "waitable-set.new" (func $set_new))
      (export "waitable-set.wait" (func $set_wait))
      (export "waitable.join" (func $join))
      (export "task.return" (func $task_return))))))
  (func $run async (canon lift (core func $i "run") async))
  (export "run" (func $run)))
