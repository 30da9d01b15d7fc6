;; Writes a line to stdout (with an escape sequence in it), then spins
;; until the deadline: what it wrote before must still be shown.
(module
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "before the loop\1b[2J\0a")
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local $out i32)
    (local.set $out (call $get_stdout))
    (call $write (local.get $out) (i32.const 256) (i32.const 20) (i32.const 64))
    (loop $forever (br $forever))
    (i32.const 0)))
