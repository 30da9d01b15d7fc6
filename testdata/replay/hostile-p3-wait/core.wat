;; A WASI 0.3 command whose run waits, forever, on a waitable set that
;; nothing will ever join: it never returns and never traps.
(module
  (import "$root" "[waitable-set-new]" (func $set_new (result i32)))
  (import "[export]wasi:cli/run@0.3.0" "[task-return]run" (func $task_return (param i32)))
  (memory (export "memory") 1)
  (global $set (mut i32) (i32.const 0))
  (func (export "[async-lift]wasi:cli/run@0.3.0#run") (result i32)
    (global.set $set (call $set_new))
    ;; WAIT (2) on the set.
    (i32.or (i32.const 2) (i32.shl (global.get $set) (i32.const 4))))
  (func (export "[callback][async-lift]wasi:cli/run@0.3.0#run") (param i32 i32 i32) (result i32)
    (i32.or (i32.const 2) (i32.shl (global.get $set) (i32.const 4)))))
