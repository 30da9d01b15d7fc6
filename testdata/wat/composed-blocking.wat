;; Two composed components: `consumer`'s async `run` calls `fetch`, which
;; `provider` lifts async, through a synchronous lowering: its task blocks
;; until the subtask in `provider` ends.
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
    (core func $fetch_sync (canon lower (func $fetch)))
    (core func $task_return (canon task.return))
    (core module $m
      (import "host" "fetch" (func $fetch (param i32) (result i32)))
      (import "host" "task.return" (func $task_return))
      (func (export "run") (result i32)
        (drop (call $fetch (i32.const 7)))
        (call $task_return)
        (i32.const 0))
      (func (export "callback") (param i32 i32 i32) (result i32) (i32.const 0)))
    (core instance $i (instantiate $m
      (with "host" (instance
        (export "fetch" (func $fetch_sync))
        (export "task.return" (func $task_return))))))
    (func $run async (canon lift (core func $i "run") async (callback (core func $i "callback"))))
    (export "run" (func $run)))
  (instance $provider (instantiate $provider))
  (instance $consumer (instantiate $consumer (with "fetch" (func $provider "fetch"))))
  (export "run" (func $consumer "run")))
