;; A WASI 0.3 command whose run yields to the host forever: each turn is
;; a short call, so no guest loop runs long.
(module
  (import "[export]wasi:cli/run@0.3.0" "[task-return]run" (func $task_return (param i32)))
  (memory (export "memory") 1)
  (func (export "[async-lift]wasi:cli/run@0.3.0#run") (result i32)
    ;; YIELD (1).
    (i32.const 1))
  (func (export "[callback][async-lift]wasi:cli/run@0.3.0#run") (param i32 i32 i32) (result i32)
    (i32.const 1)))
