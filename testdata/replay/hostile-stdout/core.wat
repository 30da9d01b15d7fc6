;; Writes to stdout what would forge `replay`'s text and `check --replay`'s
;; report if shown raw: a carriage return and screen-clearing escape, a
;; line starting a GitHub workflow command, a forged `ran:` line, an OSC
;; title escape, a bidi override and a C1 CSI.
(module
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.12" "[resource-drop]output-stream" (func $drop (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "hello\0d\1b[2Jforged\0a::error title=pwned::guest\0a  ran:   1 of 1 invocation completed\0a\1b]0;title\07\e2\80\aedone\c2\9b31m\0a")
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
    (local.get $ptr))
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local $out i32)
    (local.set $out (call $get_stdout))
    (call $write (local.get $out) (i32.const 256) (i32.const 104) (i32.const 64))
    (call $drop (local.get $out))
    (i32.const 0)))
