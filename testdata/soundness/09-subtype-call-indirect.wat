;; `call_indirect` with a supertype; the target is declared with a
;; subtype (a more precise result). The index is not a constant.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (type $sup (sub (func (result funcref))))
    (type $sub (sub $sup (func (result (ref null $ft)))))
    (import "host" "hit" (func $hit (type $ft)))
    (func $target (type $sub)
      (call $hit)
      (ref.null $ft))
    (global $index (mut i32) (i32.const 0))
    (table $t 1 funcref)
    (elem (table $t) (i32.const 0) func $target)
    (func (export "run")
      (drop (call_indirect $t (type $sup) (global.get $index)))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
