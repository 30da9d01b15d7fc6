;; Sends 2,000 outgoing HTTP requests, each to a distinct 8 KiB path, so
;; that a report listing every denied request in full would run to 16 MB.
(module
  (import "wasi:http/types@0.2.12" "[constructor]fields" (func $new_fields (result i32)))
  (import "wasi:http/types@0.2.12" "[constructor]outgoing-request" (func $new_request (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-authority"
    (func $set_authority (param i32 i32 i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-path-with-query"
    (func $set_path (param i32 i32 i32 i32) (result i32)))
  (import "wasi:http/outgoing-handler@0.2.12" "handle" (func $handle (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "example.com")
  (global $heap (mut i32) (i32.const 32768))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $ptr) (local.get 3)))
    (local.get $ptr))
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local $request i32)
    (local $i i32)
    ;; The path at 1024: "/" and 8,191 `a`s, its first three varied.
    (i32.store8 (i32.const 1024) (i32.const 47))
    (memory.fill (i32.const 1025) (i32.const 97) (i32.const 8191))
    (loop $again
      (i32.store8 (i32.const 1025) (i32.add (i32.const 97) (i32.rem_u (local.get $i) (i32.const 26))))
      (i32.store8 (i32.const 1026) (i32.add (i32.const 97) (i32.rem_u (i32.div_u (local.get $i) (i32.const 26)) (i32.const 26))))
      (i32.store8 (i32.const 1027) (i32.add (i32.const 97) (i32.div_u (local.get $i) (i32.const 676))))
      (global.set $heap (i32.const 32768))
      (local.set $request (call $new_request (call $new_fields)))
      (drop (call $set_authority (local.get $request) (i32.const 1) (i32.const 256) (i32.const 11)))
      (drop (call $set_path (local.get $request) (i32.const 1) (i32.const 1024) (i32.const 8192)))
      (call $handle (local.get $request) (i32.const 0) (i32.const 0) (i32.const 64))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 2000))))
    (i32.const 0)))
