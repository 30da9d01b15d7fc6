;; A component whose core module carries hostile strings wherever the
;; component model admits them: component import and export names must be
;; WIT names, but the core module's own name, its import and export names,
;; its function names, the core instance's argument names and its producers
;; section take any string. The hostile function calls a WASI import in a
;; loop and is reached from the export, so findings, paths and graphs all
;; name it. See core-module.wat for what each string carries.
(component
  (import "wasi:random/random@0.2.12" (instance $random
    (export "get-random-u64" (func (result u64)))))
  (core func $get (canon lower (func $random "get-random-u64")))
  (core module $m (@name "main\n::error title=pwned::module\1b[2J`<b>|")
    (import "::error title=pwned::arg\n\r" "get\n  ran:   1 of 1\1b[31m\u{202e}" (func $get (result i64)))
    (func $run (@name "run\n  ran:   1 of 1 invocation completed\n::error title=pwned::name\r\1b[2J[x](https://evil.example)<img src=x>\u{9b}31m")
      (export "run\n::error::export") (result i32)
      (local $i i32)
      (loop $again
        (drop (call $get))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 4))))
      (i32.const 0))
    (@producers
      (language "::error title=pwned::language\n\1b[31m" "1.0\n::error::version")
      (processed-by "tool\r\n##[error]processed" "2\u{202e}")))
  (core instance $i (instantiate $m
    (with "::error title=pwned::arg\n\r" (instance
      (export "get\n  ran:   1 of 1\1b[31m\u{202e}" (func $get))))))
  (func $run (result u32) (canon lift (core func $i "run\n::error::export")))
  (instance $run_instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.12" (instance $run_instance)))
