;; Two composed components: `consumer`'s stackful `run` starts `fetch`,
;; which `provider` lifts async, and waits for it in every iteration of a
;; loop: four subtasks one at a time, each crossing into `provider`.
(component
  (component $provider
    (core module $m
      (import "" "task.return" (func $task_return (param i32)))
      (func (export "fetch") (param i32) (result i32)
        (call $task_return (i32.mul (local.get 0) (i32.const 2)))
        ;; EXIT (0).
        (i32.const 0))
      (func (export "callback") (param i32 i32 i32) (result i32) (i32.const 0)))
    (core func $task_return (canon task.return (result u32)))
    (core instance $i (instantiate $m
      (with "" (instance (export "task.return" (func $task_return))))))
    (func $fetch async (param "id" u32) (result u32)
      (canon lift (core func $i "fetch") async (callback (core func $i "callback"))))
    (export "fetch" (func $fetch)))
  (component $consumer
    (import "fetch" (func $fetch async (param "id" u32) (result u32)))
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
  (instance $provider (instantiate $provider))
  (instance $consumer (instantiate $consumer (with "fetch" (func $provider "fetch"))))
  (export "run" (func $consumer "run")))
