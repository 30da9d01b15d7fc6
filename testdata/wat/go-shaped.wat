;; A Go program's shape: the program's own loop and the Go runtime's loop
;; both call fd_write. The producers section and the function names are
;; what says whose code is whose.
(module
  (@producers (language "Go" "go1.23.5"))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $main.main
    (local $i i32)
    (loop $each
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $i) (i32.const 8)))))
  (func $runtime.write1 (param $n i32)
    (loop $retry
      (br_if $retry
        (i32.eqz (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8))))))
  (func $_rt0_wasm_wasip1 (export "_start")
    (call $runtime.write1 (i32.const 1))
    (call $main.main)))
