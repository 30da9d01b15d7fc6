;; Stackful async tasks that never finish: `run` starts N of them through
;; an async lowering of another component's `block`, and each blocks in
;; `waitable-set.wait` on a set nothing joins. Every blocked stackful task
;; keeps a fiber stack in the host.
(component
  (component $blocker
    (core module $memory (memory (export "memory") 1))
    (core instance $memory (instantiate $memory))
    (core func $set_new (canon waitable-set.new))
    (core func $wait (canon waitable-set.wait (memory (core memory $memory "memory"))))
    (core module $m
      (import "" "set-new" (func $set_new (result i32)))
      (import "" "wait" (func $wait (param i32 i32) (result i32)))
      ;; Deep recursion first, so that each blocked task holds a used
      ;; stack, not only a reserved one.
      (func $deep (param $n i32) (param f64 f64 f64 f64 f64 f64 f64 f64)
        (if (i32.eqz (local.get $n))
          (then (drop (call $wait (call $set_new) (i32.const 0))))
          (else (call $deep (i32.sub (local.get $n) (i32.const 1))
            (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0)
            (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0)))))
      (func (export "block")
        (call $deep (i32.const 5000)
          (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0)
          (f64.const 0) (f64.const 0) (f64.const 0) (f64.const 0))))
    (core instance $i (instantiate $m
      (with "" (instance
        (export "set-new" (func $set_new))
        (export "wait" (func $wait))))))
    (func (export "block") async (canon lift (core func $i "block") async)))
  (instance $blocker (instantiate $blocker))
  (component $spawner
    (import "block" (func $block async))
    (core func $block_lowered (canon lower (func $block) async))
    (core func $task_return (canon task.return))
    (core module $m
      (import "" "block" (func $block (result i32)))
      (import "" "task-return" (func $task_return))
      (func (export "run") (local $n i32)
        (loop $start
          (drop (call $block))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br_if $start (i32.lt_u (local.get $n) (i32.const 4000))))
        (call $task_return)))
    (core instance $i (instantiate $m
      (with "" (instance
        (export "block" (func $block_lowered))
        (export "task-return" (func $task_return))))))
    (func (export "run") async (canon lift (core func $i "run") async)))
  (instance $spawner (instantiate $spawner (with "block" (func $blocker "block"))))
  (export "run" (func $spawner "run")))
