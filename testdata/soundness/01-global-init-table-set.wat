;; A funcref held in a global's initializer, written into a table by
;; `table.set` at run time, then called with `call_indirect`.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (import "host" "hit" (func $hit (type $ft)))
    (global $g funcref (ref.func $hit))
    (table $t 1 funcref)
    (func (export "run")
      (table.set $t (i32.const 0) (global.get $g))
      (call_indirect $t (type $ft) (i32.const 0))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
