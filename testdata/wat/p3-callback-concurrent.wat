;; The concurrent twin of p3-callback-serial: `run` starts all four
;; fetches, joining each to one set, and returns to the host; the callback
;; only counts them as they end.
(component
  (import "test:p3/net@0.1.0" (instance $net
    (export "fetch" (func async (param "id" u32) (result u32)))))
  (alias export $net "fetch" (func $fetch))
  (core module $mem (memory (export "memory") 1))
  (core instance $mem (instantiate $mem))
  (core func $fetch_async (canon lower (func $fetch) async (memory (core memory $mem "memory"))))
  (core func $set_new (canon waitable-set.new))
  (core func $join (canon waitable.join))
  (core func $subtask_drop (canon subtask.drop))
  (core func $task_return (canon task.return))
  (core module $m
    (import "host" "fetch" (func $fetch (param i32 i32) (result i32)))
    (import "host" "waitable-set.new" (func $set_new (result i32)))
    (import "host" "waitable.join" (func $join (param i32 i32)))
    (import "host" "subtask.drop" (func $subtask_drop (param i32)))
    (import "host" "task.return" (func $task_return))
    (global $set (mut i32) (i32.const 0))
    (global $pending (mut i32) (i32.const 0))
    ;; WAIT (2) on the set while fetches run; EXIT (0) once none does.
    (func $wait_or_exit (result i32)
      (if (result i32) (global.get $pending)
        (then (i32.or (i32.const 2) (i32.shl (global.get $set) (i32.const 4))))
        (else (call $task_return) (i32.const 0))))
    (func (export "run") (result i32)
      (local $i i32) (local $subtask i32)
      (global.set $set (call $set_new))
      (loop $start
        (local.set $subtask
          (i32.shr_u (call $fetch (local.get $i) (i32.const 64)) (i32.const 4)))
        (if (local.get $subtask)
          (then
            (call $join (local.get $subtask) (global.get $set))
            (global.set $pending (i32.add (global.get $pending) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $start (i32.lt_u (local.get $i) (i32.const 4))))
      (call $wait_or_exit))
    (func (export "callback") (param $event i32) (param $handle i32) (param $payload i32) (result i32)
      (if (i32.eq (local.get $event) (i32.const 1))
        (then
          (call $subtask_drop (local.get $handle))
          (global.set $pending (i32.sub (global.get $pending) (i32.const 1)))))
      (call $wait_or_exit)))
  (core instance $i (instantiate $m
    (with "host" (instance
      (export "fetch" (func $fetch_async))
      (export "waitable-set.new" (func $set_new))
      (export "waitable.join" (func $join))
      (export "subtask.drop" (func $subtask_drop))
      (export "task.return" (func $task_return))))))
  (func $run async (canon lift (core func $i "run") async (callback (core func $i "callback"))))
  (export "run" (func $run)))
