;; The synchronous twin of p3-blocking-in-task: `run` is lifted without
;; `async`, so it has no task of its own to block; waiting in its calls is
;; how synchronous code waits.
(component
  (import "test:p3/net@0.1.0" (instance $net
    (export "fetch" (func async (param "id" u32) (result u32)))))
  (import "wasi:io/poll@0.2.12" (instance $poll
    (export "pollable" (type $pollable (sub resource)))
    (export "poll" (func (param "in" (list (borrow $pollable))) (result (list u32))))))
  (import "wasi:clocks/monotonic-clock@0.2.12" (instance $clock
    (export "now" (func (result u64)))))
  (alias export $net "fetch" (func $fetch))
  (alias export $poll "poll" (func $poll))
  (alias export $clock "now" (func $now))
  (core module $mem
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 256)))
  (core instance $mem (instantiate $mem))
  (core func $fetch_sync (canon lower (func $fetch)))
  (core func $poll_lowered (canon lower (func $poll)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (core func $now_lowered (canon lower (func $now)))
  (core module $m
    (import "host" "fetch" (func $fetch (param i32) (result i32)))
    (import "host" "poll" (func $poll (param i32 i32 i32)))
    (import "host" "now" (func $now (result i64)))
    (func (export "run") (result i32)
      (drop (call $now))
      (drop (call $fetch (i32.const 7)))
      (call $poll (i32.const 0) (i32.const 0) (i32.const 64))
      (i32.const 0)))
  (core instance $i (instantiate $m
    (with "host" (instance
      (export "fetch" (func $fetch_sync))
      (export "poll" (func $poll_lowered))
      (export "now" (func $now_lowered))))))
  (func $run (result u32) (canon lift (core func $i "run")))
  (export "run" (func $run)))
