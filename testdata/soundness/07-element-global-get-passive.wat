;; A passive element segment whose item is a `global.get` expression,
;; copied into a table by `table.init`.
(component
  (import "hit" (func $hit))
  (core func $hit_lowered (canon lower (func $hit)))
  (core module $m
    (type $ft (func))
    (import "host" "hit" (func $hit (type $ft)))
    (global $g funcref (ref.func $hit))
    (table $t 1 funcref)
    (elem $e funcref (global.get $g))
    (func (export "run")
      (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1))
      (call_indirect $t (type $ft) (i32.const 0))))
  (core instance $host (export "hit" (func $hit_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "run") (canon lift (core func $i "run"))))
