;; Opens `fifo` in its first preopened directory and reads from it: on a
;; named pipe with no writer, the host's blocking open never returns.
(module
  (import "wasi:filesystem/preopens@0.2.12" "get-directories" (func $dirs (param i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.open-at"
    (func $open_at (param i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.read"
    (func $read (param i32 i64 i64 i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "fifo")
  (global $heap (mut i32) (i32.const 4096))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $ptr) (local.get 3)))
    (local.get $ptr))
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (call $dirs (i32.const 64))
    ;; No preopen: fail the run.
    (if (i32.eqz (i32.load (i32.const 68))) (then (return (i32.const 1))))
    ;; open-at(first preopen, no path flags, "fifo", no open flags, read)
    (call $open_at (i32.load (i32.load (i32.const 64))) (i32.const 0)
      (i32.const 256) (i32.const 4) (i32.const 0) (i32.const 1) (i32.const 128))
    (if (i32.load8_u (i32.const 128)) (then (return (i32.const 1))))
    (call $read (i32.load (i32.const 132)) (i64.const 1024) (i64.const 0) (i32.const 160))
    (i32.const 0)))
