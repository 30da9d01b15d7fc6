;; Structurally equivalent types at different indices: two identical
;; struct types and two function types over them. `call_indirect` names
;; one, the target is declared with the other.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (type $s1 (struct (field i32)))
    (type $s2 (struct (field i32)))
    (type $f1 (func (param (ref null $s1))))
    (type $f2 (func (param (ref null $s2))))
    (import "host" "hit" (func $hit (type $ft)))
    (func $target (type $f2)
      (call $hit))
    (global $index (mut i32) (i32.const 0))
    (table $t 1 funcref)
    (elem (table $t) (i32.const 0) func $target)
    (func (export "run")
      (call_indirect $t (type $f1) (ref.null $s1) (global.get $index))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
