;; The shape of a componentize-py build: shared libraries put together by
;; wit-component's linker, which adds a `main` module (the memory, the
;; table, and trampolines that call through it) and an `__init` module that
;; fills the table. CPython's libc.so reads the clock through main's
;; trampoline; a native extension the app brings (`_speedups.so`, named
;; like no runtime) asks for random numbers. The clock is the runtime's
;; (indeterminate, runtime); the random numbers are the program's.
(component
  (import "wasi:clocks/monotonic-clock@0.2.12" (instance $clock
    (export "now" (func (result u64)))))
  ;; The runtime's WASI release differs from the world's (as componentize-py's
  ;; 0.2.9 runtime beside a 0.2.12 world): a host must provide both.
  (import "wasi:clocks/wall-clock@0.2.9" (instance
    (export "resolution-seconds" (func (result u64)))))
  (import "wasi:random/random@0.2.12" (instance $random
    (export "get-random-u64" (func (result u64)))))
  (alias export $clock "now" (func $now))
  (alias export $random "get-random-u64" (func $get_random))
  (core func $now_lowered (canon lower (func $now)))
  (core func $random_lowered (canon lower (func $get_random)))

  (core module $main
    (type $clock_fn (func (result i64)))
    (table $t (export "__indirect_function_table") 1 funcref)
    (func (export "clock_now") (result i64)
      (call_indirect $t (type $clock_fn) (i32.const 0))))
  (core module $libc.so
    (import "host" "now" (func $now (result i64)))
    (func (export "clock_now") (result i64) (call $now)))
  (core module $__init
    (import "env" "__indirect_function_table" (table 1 funcref))
    (import "libc.so" "clock_now" (func $clock_now (result i64)))
    (elem (i32.const 0) func $clock_now))
  (core module $_speedups.so
    (import "host" "get-random-u64" (func $get_random (result i64)))
    (func (export "seed") (result i64) (call $get_random)))
  (core module $libpython3.14.so
    (import "env" "clock_now" (func $clock_now (result i64)))
    (import "_speedups.so" "seed" (func $seed (result i64)))
    (func (export "eval") (result i32)
      (drop (call $clock_now))
      (drop (call $seed))
      (i32.const 0)))
  (core module $libcomponentize_py_runtime.so
    (import "libpython3.14.so" "eval" (func $eval (result i32)))
    (func (export "run") (result i32) (call $eval)))

  (core instance $main (instantiate $main))
  (core instance $libc (instantiate $libc.so
    (with "host" (instance (export "now" (func $now_lowered))))))
  (core instance $init (instantiate $__init
    (with "env" (instance $main))
    (with "libc.so" (instance $libc))))
  (core instance $speedups (instantiate $_speedups.so
    (with "host" (instance (export "get-random-u64" (func $random_lowered))))))
  (core instance $python (instantiate $libpython3.14.so
    (with "env" (instance $main))
    (with "_speedups.so" (instance $speedups))))
  (core instance $runtime (instantiate $libcomponentize_py_runtime.so
    (with "libpython3.14.so" (instance $python))))
  (func $run (result u32) (canon lift (core func $runtime "run")))
  (export "run" (func $run)))
