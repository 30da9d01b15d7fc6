;; The batched twin of guest-fine.wat, for world corpus:headers/coarse-grained:
;; `process` asks for all 8 headers in one `get-headers` call and counts the
;; hits in its own memory, so the loop makes no call at all.
(module
  (import "corpus:headers/coarse@0.1.0" "get-headers" (func $get_headers (param i32 i32 i32)))

  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 4096))

  ;; name table: 8 x (ptr, len) at 256, the list<string> passed as is
  (data (i32.const 256)
    "\00\04\00\00\04\00\00\00" "\08\04\00\00\0a\00\00\00" "\18\04\00\00\06\00\00\00" "\20\04\00\00\0d\00\00\00"
    "\30\04\00\00\0c\00\00\00" "\40\04\00\00\06\00\00\00" "\48\04\00\00\0f\00\00\00" "\58\04\00\00\0b\00\00\00")
  (data (i32.const 1024) "host")
  (data (i32.const 1032) "user-agent")
  (data (i32.const 1048) "accept")
  (data (i32.const 1056) "authorization")
  (data (i32.const 1072) "x-request-id")
  (data (i32.const 1088) "cookie")
  (data (i32.const 1096) "x-forwarded-for")
  (data (i32.const 1112) "traceparent")

  (func $realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $new_size)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow (i32.const 1)))))
    (local.get $p))

  (func (export "corpus:headers/processor@0.1.0#process") (param $id_ptr i32) (param $id_len i32) (result i32)
    (local $i i32) (local $found i32) (local $values i32) (local $count i32)
    ;; get-headers(names) -> list<option<string>> written at retptr 128
    (call $get_headers (i32.const 256) (i32.const 8) (i32.const 128))
    (local.set $values (i32.load (i32.const 128)))
    (local.set $count (i32.load (i32.const 132)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        ;; option<string>: 12 bytes, the discriminant first
        (if (i32.load8_u (i32.add (local.get $values) (i32.mul (local.get $i) (i32.const 12))))
          (then (local.set $found (i32.add (local.get $found) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (local.get $found))
)
