;; A WASI 0.2 command that reads its environment 100,000 times per run: the
;; most call-heavy shape there is, for measuring what replay's counting
;; costs per host call.
(component
  (import "wasi:cli/environment@0.2.12" (instance $environment
    (export "get-environment" (func (result (list (tuple string string)))))))
  (core module $memory
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))
    (func (export "reset") (global.set $heap (i32.const 1024)))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $ptr i32)
      (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get 2))))
      (global.set $heap (i32.add (local.get $ptr) (local.get 3)))
      (local.get $ptr)))
  (core instance $memory (instantiate $memory))
  (alias export $environment "get-environment" (func $get_environment))
  (core func $get_environment_lowered
    (canon lower (func $get_environment)
      (memory (core memory $memory "memory"))
      (realloc (core func $memory "realloc"))))
  (core module $main
    (import "host" "get-environment" (func $get_environment (param i32)))
    (import "memory" "reset" (func $reset))
    (func (export "run") (result i32)
      (local $i i32)
      (loop $again
        (call $reset)
        (call $get_environment (i32.const 16))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 100000))))
      (i32.const 0)))
  (core instance $main (instantiate $main
    (with "host" (instance (export "get-environment" (func $get_environment_lowered))))
    (with "memory" (instance $memory))))
  (func $run (result (result)) (canon lift (core func $main "run")))
  (instance $run_instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.12" (instance $run_instance)))
