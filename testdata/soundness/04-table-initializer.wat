;; A table whose initializer expression fills every slot.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (import "host" "hit" (func $hit (type $ft)))
    (table $t 1 funcref (ref.func $hit))
    (func (export "run")
      (call_indirect $t (type $ft) (i32.const 0))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
