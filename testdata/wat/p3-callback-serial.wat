;; WASI 0.3-style fetching with the callback ABI, one subtask at a time:
;; `run` starts one `fetch` and returns to the host; each time the
;; callback is re-entered (the fetch ended) it starts the next, until four
;; are done. No function loops, yet the four fetches run one after another.
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
    (global $started (mut i32) (i32.const 0))
    ;; Starts the next fetch. Returns the callback code: WAIT (2) on the
    ;; set while it runs, YIELD (1) when it ended at once, so that the
    ;; callback is re-entered either way.
    (func $start_next (result i32)
      (local $subtask i32)
      (local.set $subtask
        (i32.shr_u
          (call $fetch (global.get $started) (i32.const 64))
          (i32.const 4)))
      (global.set $started (i32.add (global.get $started) (i32.const 1)))
      (if (result i32) (local.get $subtask)
        (then
          (call $join (local.get $subtask) (global.get $set))
          (i32.or (i32.const 2) (i32.shl (global.get $set) (i32.const 4))))
        (else (i32.const 1))))
    (func (export "run") (result i32)
      (global.set $set (call $set_new))
      (call $start_next))
    (func (export "callback") (param $event i32) (param $handle i32) (param $payload i32) (result i32)
      ;; A subtask event (1): the fetch returned; let its handle go.
      (if (i32.eq (local.get $event) (i32.const 1))
        (then (call $subtask_drop (local.get $handle))))
      (if (i32.lt_u (global.get $started) (i32.const 4))
        (then (return (call $start_next))))
      (call $task_return)
      ;; EXIT (0).
      (i32.const 0)))
  (core instance $i (instantiate $m
    (with "host" (instance
      (export "fetch" (func $fetch_async))
      (export "waitable-set.new" (func $set_new))
      (export "waitable.join" (func $join))
      (export "subtask.drop" (func $subtask_drop))
      (export "task.return" (func $task_return))))))
  (func $run async (canon lift (core func $i "run") async (callback (core func $i "callback"))))
  (export "run" (func $run)))
