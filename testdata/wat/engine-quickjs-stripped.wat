;; A QuickJS engine compiled into the component's module, with producers
;; stripped: the engine's own function names still say what it is.
(component
  (import "wasi:cli/environment@0.2.12" (instance $env
    (export "get-environment" (func (result (list (tuple string string)))))))
  (alias export $env "get-environment" (func $get_environment))
  (core module $libc
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64)))
  (core instance $libc (instantiate $libc))
  (core func $get_environment_lowered
    (canon lower (func $get_environment) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core module $main
    (import "host" "get-environment" (func $get_environment (param i32)))
    (func $JS_NewRuntime (result i32) (i32.const 1))
    (func $JS_Eval (call $get_environment (i32.const 0)))
    (func (export "run") (result i32)
      (drop (call $JS_NewRuntime))
      (call $JS_Eval)
      (i32.const 0)))
  (core instance $main (instantiate $main
    (with "host" (instance (export "get-environment" (func $get_environment_lowered))))))
  (func $run (result u32) (canon lift (core func $main "run")))
  (export "run" (func $run)))
