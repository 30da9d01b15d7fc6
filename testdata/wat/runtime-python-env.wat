;; An app module (`main`) beside a module named like CPython's shared
;; library: the app exits through wasi:cli/exit itself, and only the
;; interpreter reads the arguments, so whether the program uses them is
;; indeterminate (runtime).
(component
  (import "wasi:cli/environment@0.2.12" (instance $env
    (export "get-arguments" (func (result (list string))))))
  (import "wasi:cli/exit@0.2.12" (instance $exit
    (export "exit" (func (param "status" (result))))))
  (alias export $env "get-arguments" (func $get_arguments))
  (alias export $exit "exit" (func $exit_func))
  (core module $libc
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64)))
  (core instance $libc (instantiate $libc))
  (core func $get_arguments_lowered
    (canon lower (func $get_arguments) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $exit_lowered (canon lower (func $exit_func)))
  (core module $libpython3.14.so
    (import "host" "get-arguments" (func $arguments (param i32)))
    (func (export "interpret") (call $arguments (i32.const 0))))
  (core instance $python (instantiate $libpython3.14.so
    (with "host" (instance (export "get-arguments" (func $get_arguments_lowered))))))
  (core module $main
    (import "host" "exit" (func $exit (param i32)))
    (import "python" "interpret" (func $interpret))
    (func (export "run") (result i32)
      (call $interpret)
      (call $exit (i32.const 0))
      (i32.const 0)))
  (core instance $main (instantiate $main
    (with "host" (instance (export "exit" (func $exit_lowered))))
    (with "python" (instance $python))))
  (func $run (result u32) (canon lift (core func $main "run")))
  (export "run" (func $run)))
