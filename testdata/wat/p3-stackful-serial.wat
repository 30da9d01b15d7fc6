;; Stackful async (`canon lift … async` without a callback), one subtask at
;; a time: each loop iteration starts a `fetch` and waits in
;; `waitable-set.wait` until it ends before starting the next.
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
      (local $i i32) (local $set i32) (local $subtask i32)
      (local.set $set (call $set_new))
      (loop $each
        (local.set $subtask
          (i32.shr_u (call $fetch (local.get $i) (i32.const 64)) (i32.const 4)))
        ;; A fetch that did not end at once is waited for here.
        (if (local.get $subtask)
          (then
            (call $join (local.get $subtask) (local.get $set))
            (drop (call $set_wait (local.get $set) (i32.const 128)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $each (i32.lt_u (local.get $i) (i32.const 4))))
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
