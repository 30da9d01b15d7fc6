;; The provider of the composition fixtures (the corpus's
;; wat/chatty_fine/host.wat), for world corpus:headers/fine-host.
;; Implements corpus:headers/fine: get-header returns some("1") for names
;; starting with "x-", none otherwise; set-header is a no-op.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 512) "1")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  ;; returns a pointer to the option<string> return area at 256
  (func (export "corpus:headers/fine@0.1.0#get-header") (param $p i32) (param $len i32) (result i32)
    (i32.store8 (i32.const 256) (i32.const 0))
    (if (i32.and (i32.ge_u (local.get $len) (i32.const 2))
                 (i32.eq (i32.load16_u (local.get $p)) (i32.const 0x2d78)))   ;; "x-"
      (then
        (i32.store8 (i32.const 256) (i32.const 1))
        (i32.store (i32.const 260) (i32.const 512))
        (i32.store (i32.const 264) (i32.const 1))))
    (global.set $heap (i32.const 4096))           ;; reset bump allocator per call
    (i32.const 256))
  (func (export "corpus:headers/fine@0.1.0#set-header") (param i32 i32 i32 i32)
    (global.set $heap (i32.const 4096)))
)
