;; A GC struct built in an element item; its funcref field is read and
;; called with `call_ref`.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (type $s (struct (field i32) (field (ref $ft))))
    (import "host" "hit" (func $hit (type $ft)))
    (table $t 1 (ref null $s))
    (elem (table $t) (i32.const 0) (ref null $s)
      (item (struct.new $s (i32.const 7) (ref.func $hit))))
    (func (export "run")
      (call_ref $ft (struct.get $s 1 (table.get $t (i32.const 0))))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
