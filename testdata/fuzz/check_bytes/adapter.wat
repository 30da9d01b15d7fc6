;; A tiny stand-in for the preview1 adapter: fd_write becomes a stream write.
(module
  (import "env" "memory" (memory 0))
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (func (export "fd_write") (param $fd i32) (param $iovs i32) (param $len i32) (param $written i32)
    (result i32)
    (call $write
      (call $get_stdout)
      (i32.load (local.get $iovs))
      (i32.load offset=4 (local.get $iovs))
      (local.get $written))
    (i32.const 0)))
