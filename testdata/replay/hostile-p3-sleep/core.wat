;; A WASI 0.3 command whose run waits an hour on a 0.3 timer (`wait-for`,
;; lowered async), then waits on the emptied set forever. On the real
;; clock the host call is what never completes.
(module
  (import "wasi:clocks/monotonic-clock@0.3.0" "[async-lower]wait-for" (func $wait_for (param i64) (result i32)))
  (import "$root" "[waitable-set-new]" (func $set_new (result i32)))
  (import "$root" "[waitable-join]" (func $join (param i32 i32)))
  (import "[export]wasi:cli/run@0.3.0" "[task-return]run" (func $task_return (param i32)))
  (memory (export "memory") 1)
  (global $set (mut i32) (i32.const 0))
  (func (export "[async-lift]wasi:cli/run@0.3.0#run") (result i32)
    (local $status i32)
    (global.set $set (call $set_new))
    (local.set $status (call $wait_for (i64.const 3600000000000)))
    ;; Started (1): join the subtask to the set, then WAIT (2) on it.
    (if (i32.eq (i32.and (local.get $status) (i32.const 15)) (i32.const 1))
      (then (call $join (i32.shr_u (local.get $status) (i32.const 4)) (global.get $set))))
    (i32.or (i32.const 2) (i32.shl (global.get $set) (i32.const 4))))
  (func (export "[callback][async-lift]wasi:cli/run@0.3.0#run") (param i32 i32 i32) (result i32)
    (i32.or (i32.const 2) (i32.shl (global.get $set) (i32.const 4)))))
