;; Appends a 1 KiB header value to one header set a hundred times (header
;; sets live in the host) and returns how many appends succeeded.
(module
  (import "wasi:http/types@0.2.12" "[constructor]fields" (func $new_fields (result i32)))
  (import "wasi:http/types@0.2.12" "[method]fields.append"
    (func $append (param i32 i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "x")
  (global $heap (mut i32) (i32.const 8192))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
    (local.get $ptr))
  (func (export "fill") (result i32)
    (local $fields i32)
    (local $i i32)
    (local $ok i32)
    (memory.fill (i32.const 1024) (i32.const 97) (i32.const 1024))
    (local.set $fields (call $new_fields))
    (loop $again
      ;; name "x" at 256, 1 KiB of `a` at 1024, the result at 16.
      (call $append (local.get $fields) (i32.const 256) (i32.const 1)
        (i32.const 1024) (i32.const 1024) (i32.const 16))
      (if (i32.eqz (i32.load8_u (i32.const 16)))
        (then (local.set $ok (i32.add (local.get $ok) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 100))))
    (local.get $ok)))
