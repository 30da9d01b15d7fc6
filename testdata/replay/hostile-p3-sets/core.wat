;; A WASI 0.3 command whose run makes ten million waitable sets and drops
;; none: each is a handle in the component's tables and state in the host.
(module
  (import "$root" "[waitable-set-new]" (func $set_new (result i32)))
  (import "[export]wasi:cli/run@0.3.0" "[task-return]run" (func $task_return (param i32)))
  (memory (export "memory") 1)
  (func (export "[async-lift]wasi:cli/run@0.3.0#run") (result i32)
    (local $i i32)
    (loop $again
      (drop (call $set_new))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10000000))))
    (call $task_return (i32.const 0))
    (i32.const 0))
  (func (export "[callback][async-lift]wasi:cli/run@0.3.0#run") (param i32 i32 i32) (result i32)
    (i32.const 0)))
