;; An active element segment whose first item is `ref.null`: its later
;; items land one slot further on. Slot 1 first holds `$nop`, then `$hit`.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (import "host" "hit" (func $hit (type $ft)))
    (func $nop (type $ft))
    (table $t 2 funcref)
    (elem (table $t) (i32.const 1) func $nop)
    (elem (table $t) (i32.const 0) funcref (ref.null func) (ref.func $hit))
    (func (export "run")
      (call_indirect $t (type $ft) (i32.const 1))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
