;; The guest of the composition fixtures (a copy of the corpus's
;; wat/chatty_fine/core.wat), for world corpus:headers/fine-grained.
;; `process` calls the fine-grained `get-header` import inside a loop
;; (8 names x 8 rounds = 64 host calls) and `set-header` for every hit:
;; the classic chatty pattern a batched `coarse.get-headers` would avoid.
(module
  (import "corpus:headers/fine@0.1.0" "get-header" (func $get_header (param i32 i32 i32)))
  (import "corpus:headers/fine@0.1.0" "set-header" (func $set_header (param i32 i32 i32 i32)))

  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 4096))

  ;; name table: 8 x (ptr, len) at 256
  (data (i32.const 256)
    "\00\04\00\00\04\00\00\00" "\08\04\00\00\0a\00\00\00" "\18\04\00\00\06\00\00\00" "\20\04\00\00\0d\00\00\00"
    "\30\04\00\00\0c\00\00\00" "\40\04\00\00\06\00\00\00" "\48\04\00\00\0f\00\00\00" "\58\04\00\00\0b\00\00\00")
  (data (i32.const 1024) "host")             ;; 0x400
  (data (i32.const 1032) "user-agent")       ;; 0x408
  (data (i32.const 1048) "accept")           ;; 0x418
  (data (i32.const 1056) "authorization")    ;; 0x420
  (data (i32.const 1072) "x-request-id")     ;; 0x430
  (data (i32.const 1088) "cookie")           ;; 0x440
  (data (i32.const 1096) "x-forwarded-for")  ;; 0x448
  (data (i32.const 1112) "traceparent")      ;; 0x458
  (data (i32.const 1136) "x-seen")           ;; 0x470

  ;; bump allocator used by the canonical ABI for strings/lists
  (func $realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $new_size)))
    (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
      (then (drop (memory.grow (i32.const 1)))))
    (local.get $p))

  (func (export "corpus:headers/processor@0.1.0#process") (param $id_ptr i32) (param $id_len i32) (result i32)
    (local $round i32) (local $i i32) (local $found i32) (local $entry i32)
    (loop $rounds
      (local.set $i (i32.const 0))
      (loop $names
        (local.set $entry (i32.add (i32.const 256) (i32.shl (local.get $i) (i32.const 3))))
        ;; get-header(name) -> option<string> written at retptr 128
        (call $get_header (i32.load (local.get $entry)) (i32.load offset=4 (local.get $entry)) (i32.const 128))
        (if (i32.load8_u (i32.const 128))
          (then
            (local.set $found (i32.add (local.get $found) (i32.const 1)))
            (call $set_header (i32.const 1136) (i32.const 6)
                              (i32.load (i32.const 132)) (i32.load (i32.const 136)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $names (i32.lt_u (local.get $i) (i32.const 8))))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $rounds (i32.lt_u (local.get $round) (i32.const 8))))
    (call $set_header (i32.const 1072) (i32.const 12) (local.get $id_ptr) (local.get $id_len))
    (local.get $found))
)
